"""國家機密保護法: 洩漏交付 (第32條、第33條), 刺探收集 (第34條) and 毀棄損壞 (第35條) of 國家機密."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from statutes.engine.facts import Conduct, InformationKind
from statutes.engine.rules.base import ABROAD, Aggravation, Context, CriminalRule, Element, Slot
from statutes.engine.rules.dated import ByVersion, Since
from statutes.engine.rules.elements import CLASSIFIED_INFO, INTENTIONAL, LEAKED, NEGLIGENT, PENDING_INFO, pension_flag
from statutes.engine.rules.predicates import conduct_any, fixed, kind_any, top_secret

# ---------------------------------------------------------------------------------------------
# Paragraphs per version (statutes/data/I0060003.json)


@dataclass(frozen=True)
class LeakParagraphs:
    """Where a version of 第32條 or 第33條 puts each offence."""

    intentional: int
    abroad: int | None  # 洩漏或交付…於外國、大陸地區…者 (None: no such paragraph)
    negligent: int


@dataclass(frozen=True)
class CollectParagraphs:
    """Where a version of 第34條 puts each offence."""

    classified: int  # 經依本法核定之國家機密
    pending: int  # 依第六條規定報請核定國家機密之事項
    abroad: int | None  # 為外國、大陸地區…刺探或收集 (None: no such paragraph)


_2003 = "2003-02-06 修正公布（2003-10-01 施行）"
_2019 = "2019-05-10 修正公布（2019-05-12 施行）"

LEAK_PARAGRAPHS: ByVersion[LeakParagraphs] = ByVersion(
    "國家機密保護法第32條、第33條：各罪之項次",
    ("I0060003:32", "I0060003:33"),
    (
        # ¶2 因過失犯前項之罪
        Since(date(2003, 10, 1), LeakParagraphs(intentional=1, abroad=None, negligent=2), _2003),
        # ¶2 於外國、大陸地區、香港、澳門、境外敵對勢力; ¶3 因過失犯前二項之罪
        Since(date(2019, 5, 12), LeakParagraphs(intentional=1, abroad=2, negligent=3), _2019),
    ),
)
COLLECT_PARAGRAPHS: ByVersion[CollectParagraphs] = ByVersion(
    "國家機密保護法第34條：各罪之項次",
    ("I0060003:34",),
    (
        Since(date(2003, 10, 1), CollectParagraphs(classified=1, pending=2, abroad=None), _2003),
        # ¶3 為外國、大陸地區、香港、澳門、境外敵對勢力或其派遣之人刺探或收集
        Since(date(2019, 5, 12), CollectParagraphs(classified=1, pending=2, abroad=3), _2019),
    ),
)


# ---------------------------------------------------------------------------------------------
# Placements


def _cnsipa_leak(ctx: Context) -> Slot:
    """國家機密保護法第32、33條: since 2019-05-12 ¶2 is the foreign/mainland variant."""
    paragraphs = LEAK_PARAGRAPHS(ctx)
    if paragraphs.abroad is not None and ctx.facts.recipient.kind in ABROAD:
        return Slot(paragraphs.abroad)
    return Slot(paragraphs.intentional)


def _cnsipa_negligent(ctx: Context) -> Slot:
    """過失: ¶2 before 2019-05-12 (「因過失犯前項之罪」), ¶3 after (「因過失犯前二項之罪」)."""
    return Slot(LEAK_PARAGRAPHS(ctx).negligent)


def _cnsipa_collect(ctx: Context) -> Slot:
    """國家機密保護法第34條: ¶1 核定, ¶2 報請核定, and since 2019-05-12 ¶3 for foreign/mainland principals."""
    paragraphs = COLLECT_PARAGRAPHS(ctx)
    if paragraphs.abroad is not None and ctx.facts.recipient.kind in ABROAD:
        return Slot(paragraphs.abroad)
    if InformationKind.CLASSIFIED in ctx.facts.information.kinds:
        return Slot(paragraphs.classified)
    return Slot(paragraphs.pending)


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
        flags=pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.32.negligent",
        provision_id="I0060003:32",
        title="過失洩漏交付國家機密罪",
        elements=(LEAKED, CLASSIFIED_INFO, NEGLIGENT),
        placement=_cnsipa_negligent,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_32,),
        flags=pension_flag,
    ),
    CriminalRule(
        id="criminal.cnsipa.33",
        provision_id="I0060003:33",
        title="洩漏交付報請核定國家機密事項罪",
        elements=(LEAKED, PENDING_INFO, INTENTIONAL),
        placement=_cnsipa_leak,
        enacted=date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_33,),
        flags=pension_flag,
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
        flags=pension_flag,
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
