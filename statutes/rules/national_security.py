"""國家安全法: 第5條之1 (1996, 2019) → 2023-12-01 第7條, for foreign or mainland principals."""

from __future__ import annotations

from datetime import date

from statutes.facts import Conduct, RecipientKind
from statutes.rules.base import PUBLIC_SECRET_KINDS, Check, Context, CriminalRule, Element, Slot
from statutes.rules.elements import ABROAD_LINK, INTENTIONAL, LEAKED, NEGLIGENT, _pension_flag
from statutes.rules.predicates import conduct_any, kind_any

# ---------------------------------------------------------------------------------------------
# Placements


def _nsa_1996(ctx: Context) -> bool:
    """國家安全法第5條之1 as added in 1996: one paragraph for every act, with 意圖危害國家安全或社會安定."""
    return "違反第二條之一規定者" in ctx.version.text


def _nsa_leak(ctx: Context) -> Slot:
    return Slot(1) if _nsa_1996(ctx) else Slot(2)


def _nsa_collect(ctx: Context) -> Slot:
    return Slot(1) if _nsa_1996(ctx) else Slot(3)


def _nsa_negligent(ctx: Context) -> Slot | None:
    return None if _nsa_1996(ctx) else Slot(5)


# ---------------------------------------------------------------------------------------------
# Elements


def _nsa_recipient(ctx: Context) -> Check:
    kind, used = ctx.facts.recipient.kind, ("recipient.kind", "recipient.vendor_foreign_or_mainland")
    old, renumbered = _nsa_1996(ctx), ctx.provision.id == "A0030028:7"
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
        flags=_pension_flag,
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
        flags=_pension_flag,
    ),
    CriminalRule(
        id="criminal.nsa.negligent",
        provision_id="A0030028:5-1@1987",
        title="過失為境外勢力洩漏交付傳遞公務機密罪",
        elements=(LEAKED, NSA_SECRET, ABROAD_LINK, NSA_RECIPIENT, NEGLIGENT),
        placement=_nsa_negligent,
        enacted=date(2019, 7, 5),
    ),
)
