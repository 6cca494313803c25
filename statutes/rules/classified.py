"""國家機密保護法: 洩漏交付 (第32條、第33條), 刺探收集 (第34條) and 毀棄損壞 (第35條) of 國家機密."""

from __future__ import annotations

from datetime import date

from statutes.facts import Conduct, InformationKind
from statutes.rules.base import ABROAD, Aggravation, Context, CriminalRule, Element, Slot
from statutes.rules.elements import CLASSIFIED_INFO, INTENTIONAL, LEAKED, NEGLIGENT, PENDING_INFO, _pension_flag
from statutes.rules.predicates import conduct_any, fixed, kind_any, top_secret

# ---------------------------------------------------------------------------------------------
# Placements


def _cnsipa_leak(ctx: Context) -> Slot:
    """國家機密保護法第32、33條: since 2019-05-12 ¶2 is the foreign/mainland variant."""
    if "於外國、大陸地區" in ctx.version.text and ctx.facts.recipient.kind in ABROAD:
        return Slot(2)
    return Slot(1)


def _cnsipa_negligent(ctx: Context) -> Slot:
    """過失: ¶2 before 2019-05-12 (「因過失犯前項之罪」), ¶3 after (「因過失犯前二項之罪」)."""
    return Slot(3 if "因過失犯前二項之罪" in ctx.version.text else 2)


def _cnsipa_collect(ctx: Context) -> Slot:
    """國家機密保護法第34條: ¶1 核定, ¶2 報請核定, and since 2019-05-12 ¶3 for foreign/mainland principals."""
    if ctx.version.text.count("為外國、大陸地區") and ctx.facts.recipient.kind in ABROAD:
        return Slot(3)
    return Slot(1 if InformationKind.CLASSIFIED in ctx.facts.information.kinds else 2)


# ---------------------------------------------------------------------------------------------
# Aggravations

TOP_SECRET_QUESTION = "國家機密等級是否為絕對機密？"
AGG_CNSIPA_32 = Aggravation(
    "aggravation.cnsipa.32.6",
    (("I0060003:32", 6, "國家機密保護法第32條第6項"),),
    top_secret,
    "所洩漏或交付屬絕對機密",
    TOP_SECRET_QUESTION,
)
AGG_CNSIPA_33 = Aggravation(
    "aggravation.cnsipa.33.6",
    (("I0060003:33", 6, "國家機密保護法第33條第6項"),),
    top_secret,
    "所洩漏或交付屬擬訂等級為絕對機密之事項",
    TOP_SECRET_QUESTION,
)
AGG_CNSIPA_34 = Aggravation(
    "aggravation.cnsipa.34.6",
    (("I0060003:34", 6, "國家機密保護法第34條第6項"),),
    top_secret,
    "所刺探或收集屬絕對機密或其擬訂等級屬絕對機密",
    TOP_SECRET_QUESTION,
)


# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 國家機密保護法
    CriminalRule(
        id="criminal.cnsipa.32",
        provision_id="I0060003:32",
        title="洩漏交付國家機密罪",
        elements=(LEAKED, CLASSIFIED_INFO, INTENTIONAL),
        placement=_cnsipa_leak,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_32,),
        flags=_pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.32.negligent",
        provision_id="I0060003:32",
        title="過失洩漏交付國家機密罪",
        elements=(LEAKED, CLASSIFIED_INFO, NEGLIGENT),
        placement=_cnsipa_negligent,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_32,),
        flags=_pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.33",
        provision_id="I0060003:33",
        title="洩漏交付報請核定國家機密事項罪",
        elements=(LEAKED, PENDING_INFO, INTENTIONAL),
        placement=_cnsipa_leak,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_33,),
        flags=_pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.33.negligent",
        provision_id="I0060003:33",
        title="過失洩漏交付報請核定國家機密事項罪",
        elements=(LEAKED, PENDING_INFO, NEGLIGENT),
        placement=_cnsipa_negligent,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_33,),
    ),
    CriminalRule(
        id="criminal.cnsipa.34",
        provision_id="I0060003:34",
        title="刺探收集國家機密罪",
        elements=(
            Element("刺探或收集", conduct_any(Conduct.SPY_OR_COLLECT), hard=True),
            Element(
                "經核定之國家機密或報請核定之事項",
                kind_any(InformationKind.CLASSIFIED, InformationKind.PENDING_CLASSIFICATION),
                hard=True,
            ),
            INTENTIONAL,
        ),
        placement=_cnsipa_collect,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_34,),
        flags=_pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.35.1",
        provision_id="I0060003:35",
        title="毀棄損壞隱匿國家機密罪",
        elements=(
            Element("毀棄、損壞或隱匿", conduct_any(Conduct.LOSE_OR_DAMAGE), hard=True),
            CLASSIFIED_INFO,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=date(2003, 10, 1),
    ),
    CriminalRule(
        id="criminal.cnsipa.35.2",
        provision_id="I0060003:35",
        title="過失毀棄損壞遺失國家機密罪",
        elements=(
            Element("毀棄、損壞或遺失", conduct_any(Conduct.LOSE_OR_DAMAGE), hard=True),
            CLASSIFIED_INFO,
            NEGLIGENT,
        ),
        placement=fixed(2),
        enacted=date(2003, 10, 1),
    ),
)
