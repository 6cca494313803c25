"""國家安全法: 第5條之1 (1996, 2019) → 2023-12-01 第7條, for foreign or mainland principals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from statutes.engine.facts import Conduct, RecipientKind
from statutes.engine.rules.base import PUBLIC_SECRET_KINDS, Check, Context, CriminalRule, Element, Slot
from statutes.engine.rules.dated import ByVersion, Since
from statutes.engine.rules.elements import ABROAD_LINK, INTENTIONAL, LEAKED, NEGLIGENT, pension_flag
from statutes.engine.rules.predicates import conduct_any, kind_any

# ---------------------------------------------------------------------------------------------
# What each version says (statutes/data/A0030028.json)


@dataclass(frozen=True)
class NsaVersion:
    """One version of 國家安全法第5條之1 (→ 2023-12-01 第7條), as the rules read it."""

    wording: int  # the amendment year of the text: 1996, 2019 or 2022
    leak: int  # paragraph of 洩漏、交付或傳遞 (1996: every act, 「違反第二條之一規定者」)
    collect: int  # paragraph of 刺探、蒐集
    negligent: int | None  # 因過失犯第二項之罪 (None: the version punishes no negligence)


NSA_VERSIONS: ByVersion[NsaVersion] = ByVersion(
    "國家安全法第5條之1、第7條：各罪之項次及條文版本",
    ("A0030028:5-1@1987", "A0030028:7"),
    (
        # ¶1 意圖危害國家安全或社會安定，違反第二條之一規定者; ¶3 其他法律有較重處罰之規定者，從其規定
        Since(date(1996, 3, 1), NsaVersion(wording=1996, leak=1, collect=1, negligent=None), "1996-02-05 修正公布"),
        # ¶2 第二條之一第二款 (洩漏、交付或傳遞), ¶3 第三款 (刺探、收集), ¶5 因過失犯第二項之罪
        Since(
            date(2019, 7, 5),
            NsaVersion(wording=2019, leak=2, collect=3, negligent=5),
            "2019-07-03 修正公布（2019-07-05 施行）",
        ),
        # 第7條 of the 2022 full revision: the same paragraphs, citing 第二條
        Since(
            date(2023, 12, 1),
            NsaVersion(wording=2022, leak=2, collect=3, negligent=5),
            "2022-06-08 修正公布（2023-12-01 施行）",
        ),
    ),
)

# 「其他法律有較重處罰之規定者，從其規定」 (_parts.concurrency): only the 1996 text says so.
NSA_SUBSIDIARITY: ByVersion[int | None] = ByVersion(
    "國家安全法第5條之1、第7條：「其他法律有較重處罰之規定者，從其規定」之項次",
    NSA_VERSIONS.provisions,
    (
        Since(date(1996, 3, 1), 3, "1996-02-05 修正公布"),
        Since(date(2019, 7, 5), None, "2019-07-03 修正公布（2019-07-05 施行）"),
        Since(date(2023, 12, 1), None, "2022-06-08 修正公布（2023-12-01 施行）"),
    ),
)


# ---------------------------------------------------------------------------------------------
# Placements


def _nsa_1996(ctx: Context) -> bool:
    """國家安全法第5條之1 as added in 1996: one paragraph for every act, with 意圖危害國家安全或社會安定."""
    return NSA_VERSIONS(ctx).wording == 1996


def _nsa_leak(ctx: Context) -> Slot:
    return Slot(NSA_VERSIONS(ctx).leak)


def _nsa_collect(ctx: Context) -> Slot:
    return Slot(NSA_VERSIONS(ctx).collect)


def _nsa_negligent(ctx: Context) -> Slot | None:
    negligent = NSA_VERSIONS(ctx).negligent
    return None if negligent is None else Slot(negligent)


# ---------------------------------------------------------------------------------------------
# Elements


def _nsa_recipient(ctx: Context) -> Check:
    kind, used = ctx.facts.recipient.kind, ("recipient.kind", "recipient.vendor_foreign_or_mainland")
    wording = NSA_VERSIONS(ctx).wording
    old, renumbered = wording == 1996, wording == 2022
    if kind is RecipientKind.FOREIGN_STATE:
        return Check(
            True, used, "外國或其派遣之人（1996年條文：外國之公務機構或其設立、指定、委託之團體）" if old else ""
        )
    if kind is RecipientKind.MAINLAND_OR_HOSTILE:
        if old:
            return Check(
                None,
                used,
                question="收受者是否為大陸地區之行政、軍事、黨務或其他公務機構或其設立、指定、委託之團體？"
                "（1996年條文不及於香港、澳門及境外敵對勢力）",
            )
        return Check(True, used, "大陸地區、香港、澳門、境外敵對勢力或其派遣之人")
    if old:
        question = "該外國或大陸地區廠商是否為外國或大陸地區公務機構所設立、指定或委託之團體？"
    elif renumbered:
        question = (
            "該廠商是否為外國、大陸地區、香港、澳門、境外敵對勢力所設立或實質控制之組織、機構、團體或其派遣之人？"
        )
    else:
        question = "該廠商是否為外國、大陸地區、香港、澳門、境外敵對勢力或其派遣之人？"
    return Check(None, used, question=question)


def _nsa_conduct(ctx: Context) -> Check:
    """1996: 「刺探、蒐集、交付或傳遞」 (no 洩漏); since 2019: 「洩漏、交付或傳遞」."""
    conducts = set(ctx.facts.act.conducts)
    if not _nsa_1996(ctx) or Conduct.DELIVER in conducts:
        return Check(True, ("act.conducts",))
    return Check(None, ("act.conducts",), question="「洩漏」是否該當1996年條文之「交付或傳遞」？")


NSA_INTENT_1996 = Element(
    "意圖危害國家安全或社會安定（1996年條文）",
    lambda ctx: (
        Check(None, ()) if _nsa_1996(ctx) else Check(True, (), "2019年修正後，洩漏、刺探收集之罪不以此意圖為要件")
    ),
    question="是否意圖危害國家安全或社會安定？（1996年第5條之1第1項之要件）",
)
NSA_SECRET = Element("關於公務上應秘密之文書、圖畫、消息或物品", kind_any(*PUBLIC_SECRET_KINDS), hard=True)
NSA_RECIPIENT = Element("為外國、大陸地區等境外勢力或其派遣之人為之", _nsa_recipient)


# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 國家安全法 (第2條之1/第5條之1 → 2023-12-01 第2條/第7條)
    CriminalRule(
        id="criminal.nsa.leak",
        provision_id="A0030028:5-1@1987",
        title="為境外勢力洩漏交付傳遞公務機密罪",
        elements=(
            Element("洩漏、交付或傳遞", conduct_any(Conduct.DISCLOSE, Conduct.DELIVER), hard=True),
            NSA_SECRET,
            ABROAD_LINK,
            Element("行為態樣該當各該版本之規定", _nsa_conduct),
            NSA_RECIPIENT,
            NSA_INTENT_1996,
            INTENTIONAL,
        ),
        placement=_nsa_leak,
        enacted=date(1996, 3, 1),
        flags=pension_flag,
        subsidiarity=NSA_SUBSIDIARITY,
    ),
    CriminalRule(
        id="criminal.nsa.collect",
        provision_id="A0030028:5-1@1987",
        title="為境外勢力刺探收集公務機密罪",
        elements=(
            Element("刺探或收集（蒐集）", conduct_any(Conduct.SPY_OR_COLLECT), hard=True),
            NSA_SECRET,
            ABROAD_LINK,
            NSA_RECIPIENT,
            NSA_INTENT_1996,
            INTENTIONAL,
        ),
        placement=_nsa_collect,
        enacted=date(1996, 3, 1),
        flags=pension_flag,
        subsidiarity=NSA_SUBSIDIARITY,
    ),
    CriminalRule(
        id="criminal.nsa.negligent",
        provision_id="A0030028:5-1@1987",
        title="過失為境外勢力洩漏交付傳遞公務機密罪",
        elements=(LEAKED, NSA_SECRET, ABROAD_LINK, NSA_RECIPIENT, NEGLIGENT),
        placement=_nsa_negligent,
        enacted=date(2019, 7, 5),
        subsidiarity=NSA_SUBSIDIARITY,
    ),
)
