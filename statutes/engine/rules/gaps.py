"""Provisions the facts raise but the engine cannot evaluate, reported as warnings rather than guessed."""

from __future__ import annotations

from datetime import date

from statutes.engine.facts import Conduct, Facts, InformationKind, Intent, RespondentCategory
from statutes.engine.rules.base import BUSINESS_KINDS, DEFENCE_KINDS, LEAK, OFFICIAL_KINDS, CatalogueGap
from statutes.engine.rules.predicates import official_at_act

# ---------------------------------------------------------------------------------------------
# Provisions the facts raise but the engine does not evaluate


def _has(facts: Facts, conducts: frozenset[Conduct], kinds: frozenset[InformationKind]) -> bool:
    return bool(conducts & set(facts.act.conducts)) and bool(kinds & set(facts.information.kinds))


CATALOGUE_GAPS: tuple[CatalogueGap, ...] = (
    CatalogueGap(
        "gap.criminal.111",
        lambda facts: _has(facts, frozenset({Conduct.SPY_OR_COLLECT}), DEFENCE_KINDS),
        "刑法第111條（刺探或收集國防秘密）未收錄於目錄，未予評估；請依行為時條文另行判斷",
    ),
    CatalogueGap(
        "gap.criminal.133",
        lambda facts: Conduct.OPEN_OR_HIDE_SEALED in facts.act.conducts and official_at_act(facts).met is not False,
        "刑法第133條僅適用於在郵務或電報機關執行職務之公務員開拆或隱匿投寄之郵件或電報；事實未記載此一身分，未予建議",
    ),
    CatalogueGap(
        "gap.criminal.316",
        lambda facts: (
            _has(facts, LEAK, BUSINESS_KINDS | {InformationKind.PERSONAL_DATA})
            and facts.respondent.category is RespondentCategory.NON_CIVIL_SERVANT
        ),
        "刑法第316條限於醫師、藥師、律師、會計師等業務上知悉他人秘密者；事實未記載此等身分，未予建議",
    ),
    CatalogueGap(
        "gap.criminal.358-360",
        lambda facts: facts.information.cyber_security_incident,
        "刑法第358條至第360條（入侵電腦、無故取得或變更電磁紀錄、干擾電腦）須有入侵、取得或干擾等行為；"
        "事實未記載此等行為，未予建議",
    ),
    CatalogueGap(
        "gap.criminal.138",
        lambda facts: (
            _has(facts, frozenset({Conduct.LOSE_OR_DAMAGE}), OFFICIAL_KINDS - {InformationKind.CLASSIFIED})
            and facts.act.intent is not Intent.NEGLIGENT
        ),
        "刑法第138條（毀棄、損壞或隱匿公務員職務上掌管之文書、物品）未收錄於目錄，未予評估",
    ),
    CatalogueGap(
        "gap.pdpa1995.33",
        lambda facts: (
            InformationKind.PERSONAL_DATA in facts.information.kinds and facts.act.last_day < date(2012, 10, 1)
        ),
        "電腦處理個人資料保護法第33條（意圖營利違法蒐集、利用個人資料）未收錄於目錄，未予評估",
    ),
    CatalogueGap(
        "gap.acpa.2-3",
        lambda facts: bool(facts.act.benefit_received) and official_at_act(facts).met is not True,
        "貪污治罪條例第2條後段、第3條（受公務機關委託承辦公務之人、與公務員共犯者）未收錄於目錄；非公務員收受利益部分未予評估",
    ),
)
