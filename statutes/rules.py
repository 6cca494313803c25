"""The criminal rules as data: elements, paragraphs per version, aggravations and concurrency.

A registry in the CTFd ``CHALLENGE_CLASSES`` shape (``RULES``, ``RULES_BY_ID``): each
:class:`CriminalRule` names a provision, the paragraph that describes the conduct in each of its
versions (:data:`Placement`), and its elements — small named predicates over the facts that return
``met`` True, False or None (the facts do not tell) with the facts used. *Hard* elements decide
whether the rule is raised at all (the conduct and kind of information); the others, when unknown,
make the suggestion an *alternative* that names the open question. A rule whose element the facts
contradict is never suggested.

:data:`CONCURRENCY` says which provision governs when several cover the same conduct, with the
rule that says so; :data:`SUPPORT_RULES` are provisions without a penalty of their own that extend
or ground an offence (刑法第115條之1, 陸海空軍刑法第76條, 政府採購法第34條); :data:`CATALOGUE_GAPS` are
provisions the facts raise but the engine cannot evaluate (not in the catalogue, or no fact for an
element), reported as warnings rather than guessed.

Pure and deterministic: no I/O, no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from statutes.catalogue import Catalogue
from statutes.facts import (
    ClassificationLevel,
    Conduct,
    Facts,
    InformationKind,
    Intent,
    RecipientKind,
    RespondentCategory,
)
from statutes.model import Provision, ProvisionVersion

__all__ = [
    "CATALOGUE_GAPS",
    "CONCURRENCY",
    "FORMER_LAW_NAMES",
    "RULES",
    "RULES_BY_ID",
    "SUPPORT_RULES",
    "Aggravation",
    "CatalogueGap",
    "Check",
    "Concurrency",
    "ConcurrencyMode",
    "Context",
    "CriminalRule",
    "Element",
    "Slot",
    "SupportRule",
    "official_at_act",
]


# ---------------------------------------------------------------------------------------------
# Shapes


@dataclass(frozen=True)
class Check:
    """What the facts say about one element."""

    met: bool | None
    facts: tuple[str, ...] = ()  # fact paths used, e.g. ("act.intent",)
    note: str = ""
    question: str = ""  # when met is None: the question that decides it (else the element's)


@dataclass(frozen=True)
class Context:
    """The facts, and the version against which an element is judged (act version or a later one)."""

    facts: Facts
    on: date  # act.last_day for the act version; the version's first day for a later one
    provision: Provision
    version: ProvisionVersion
    catalogue: Catalogue


Predicate = Callable[[Context], Check]


@dataclass(frozen=True)
class Element:
    """One element of an offence (zh-TW name) and the predicate that checks it."""

    name: str
    test: Predicate
    hard: bool = False  # the facts must show it (True) for the rule to be raised at all
    question: str = ""  # asked when the facts do not tell


@dataclass(frozen=True)
class Slot:
    """Where a version describes the conduct: paragraph (項), subparagraph (款), and which of several
    penalties one paragraph carries (前段 = 0, 後段 = 1)."""

    paragraph: int
    subparagraph: int | None = None
    part: int = 0


Placement = Callable[[Context], Slot | None]  # None: this version has no such offence


@dataclass(frozen=True)
class Aggravation:
    """A provision that raises the range of a rule's offence (加重其刑至二分之一 and the like).

    ``sources``: (provision id, paragraph carrying the aggravation, citation); the first in force on
    the day judged is used, so a version without it (e.g. 國家機密保護法第32條 before 2019) gets none.
    """

    id: str
    sources: tuple[tuple[str, int, str], ...]
    test: Predicate
    description: str
    question: str


@dataclass(frozen=True)
class CriminalRule:
    """One offence: a provision (with its later renumberings), its elements and its placement per version."""

    id: str
    provision_id: str  # the earliest numbering; later ones follow Provision.replaced_by
    title: str
    elements: tuple[Element, ...]
    placement: Placement
    enacted: date | None  # the offence's first day; None: it existed before the catalogue's first version
    aggravations: tuple[Aggravation, ...] = ()
    complaint: Predicate | None = None  # overrides the penalty's complaint_required
    complaint_basis: str = ""
    flags: Callable[[Context], tuple[str, ...]] | None = None
    # False: acts under a later numbering belong to another rule (e.g. 電腦處理個資法第34條 → 個資法第42條)
    covers_successors: bool = True


class ConcurrencyMode(StrEnum):
    SPECIAL = "special"  # the governing side always governs (special or aggravated provision)
    HEAVIER = "heavier"  # the heavier range governs (刑法第35條); ties: the governing side


@dataclass(frozen=True)
class Concurrency:
    """Several provisions cover the same conduct: which governs, and the rule that says so."""

    id: str
    governing: tuple[str, ...]
    displaced: tuple[str, ...]
    mode: ConcurrencyMode
    basis: str  # when a governing-side rule governs
    reverse_basis: str = ""  # HEAVIER: when the displaced-side rule is heavier and governs instead


@dataclass(frozen=True)
class SupportRule:
    """A provision without a penalty that extends or grounds the offences it is linked to."""

    id: str
    provision_id: str
    paragraph: int | None
    subparagraph: int | None
    title: str
    linked: tuple[str, ...]
    condition: Predicate
    reason: str


@dataclass(frozen=True)
class CatalogueGap:
    """A provision the facts raise but the engine does not evaluate; reported as a warning."""

    id: str
    applies: Callable[[Facts], bool]
    warning: str


# ---------------------------------------------------------------------------------------------
# Vocabulary

LEAK = frozenset({Conduct.DISCLOSE, Conduct.DELIVER})
DEFENCE_KINDS = frozenset({InformationKind.DEFENSE_SECRET, InformationKind.MILITARY_SECRET})
OFFICIAL_KINDS = frozenset(
    {
        InformationKind.GENERAL_OFFICIAL_SECRET,
        InformationKind.CLASSIFIED,
        InformationKind.PENDING_CLASSIFICATION,
        InformationKind.PROCUREMENT,
    }
)
PUBLIC_SECRET_KINDS = OFFICIAL_KINDS | DEFENCE_KINDS  # 公務上應秘密 (國家安全法)
BUSINESS_KINDS = frozenset({InformationKind.COMMERCIAL_SECRET, InformationKind.TRADE_SECRET})
ABROAD = frozenset({RecipientKind.FOREIGN_STATE, RecipientKind.MAINLAND_OR_HOSTILE})
OFFICIAL_CATEGORIES = frozenset(
    {RespondentCategory.CIVIL_SERVANT, RespondentCategory.POLITICAL_APPOINTEE, RespondentCategory.ACTIVE_MILITARY}
)

INTENT_QUESTION = "行為人係出於故意或過失？（主觀犯意尚未查明）"
DUTY_QUESTION = "是否因職務或業務知悉或持有該資訊？"

# Earlier names of a law, by the day the current name took effect.
FORMER_LAW_NAMES: Mapping[str, tuple[date, str]] = MappingProxyType(
    {"I0050021": (date(2012, 10, 1), "電腦處理個人資料保護法")}
)


def in_force(ctx: Context, provision_id: str) -> bool:
    """Whether the catalogue has a version of ``provision_id`` in force on ``ctx.on``."""
    try:
        return ctx.catalogue.provision(provision_id).version_on(ctx.on) is not None
    except KeyError:
        return False


# ---------------------------------------------------------------------------------------------
# Predicates


def conduct_any(*conducts: Conduct) -> Predicate:
    wanted = frozenset(conducts)

    def test(ctx: Context) -> Check:
        return Check(bool(wanted & set(ctx.facts.act.conducts)), ("act.conducts",))

    return test


def kind_any(*kinds: InformationKind) -> Predicate:
    wanted = frozenset(kinds)

    def test(ctx: Context) -> Check:
        return Check(bool(wanted & set(ctx.facts.information.kinds)), ("information.kinds",))

    return test


def intent_is(intent: Intent) -> Predicate:
    def test(ctx: Context) -> Check:
        actual = ctx.facts.act.intent
        if actual is Intent.UNKNOWN:
            return Check(None, ("act.intent",), question=INTENT_QUESTION)
        return Check(actual is intent, ("act.intent",))

    return test


def official_at_act(facts: Facts) -> Check:
    """Whether the respondent was a 公務員 (刑法第10條第2項) when acting; None with the question if unknown."""
    respondent, act = facts.respondent, facts.act
    category = respondent.category
    used: tuple[str, ...] = ("respondent.category",)
    if category is not RespondentCategory.NON_CIVIL_SERVANT:
        if respondent.service_start is not None and act.last_day < respondent.service_start:
            return Check(False, (*used, "respondent.service_start"), f"行為時尚未到職（{respondent.service_start}）")
        if respondent.service_end is not None:
            used = (*used, "respondent.service_end", "act.start", "act.end")
            if act.start > respondent.service_end:
                return Check(False, used, f"行為時已退休或離職（{respondent.service_end}），非刑法上之公務員")
            if act.last_day > respondent.service_end:
                return Check(
                    None,
                    used,
                    question=f"行為跨越退休或離職日（{respondent.service_end}）：洩漏或交付係於離職前或後為之？",
                )
            if category is RespondentCategory.FORMER_CIVIL_SERVANT:
                return Check(True, used, f"行為時仍在職（{respondent.service_end}始退休或離職）")
    match category:
        case RespondentCategory.CIVIL_SERVANT:
            return Check(True, used, "依法任用之公務人員（刑法第10條第2項第1款）")
        case RespondentCategory.POLITICAL_APPOINTEE:
            return Check(True, used, "政務人員依法令服務於國家機關而具有法定職務權限（刑法第10條第2項第1款）")
        case RespondentCategory.ACTIVE_MILITARY:
            return Check(True, used, "現役軍人依法令服務於國家所屬機關而具有法定職務權限（刑法第10條第2項第1款）")
        case RespondentCategory.CONTRACT_EMPLOYEE:
            note = "其因職務知悉或持有該資訊" if facts.act.known_through_duty else ""
            return Check(
                None,
                (*used, "act.known_through_duty"),
                note,
                "約聘僱人員是否依法令從事於公共事務而具有法定職務權限（刑法第10條第2項第1款）？",
            )
        case RespondentCategory.FORMER_CIVIL_SERVANT:
            return Check(None, used, question="行為時是否仍在職（退休或離職日未載）？")
        case _:
            delegated = respondent.public_authority_delegated
            used = (*used, "respondent.public_authority_delegated")
            if delegated is True:
                return Check(True, used, "受國家機關依法委託，從事與委託機關權限有關之公共事務（刑法第10條第2項第2款）")
            if delegated is False:
                return Check(False, used, "非公務員，亦未受委託從事公共事務")
            return Check(
                None,
                used,
                question="是否受國家、地方自治團體所屬機關依法委託，從事與委託機關權限有關之公共事務（刑法第10條第2項第2款）？",
            )


def official(ctx: Context) -> Check:
    return official_at_act(ctx.facts)


def not_official(ctx: Context) -> Check:
    check = official_at_act(ctx.facts)
    met = None if check.met is None else not check.met
    return Check(met, check.facts, check.note, check.question)


def ever_official(ctx: Context) -> Check:
    """公務員或曾任公務員之人 (刑法第318條, 營業秘密法第13條之3第3項)."""
    category = ctx.facts.respondent.category
    if category in OFFICIAL_CATEGORIES or category is RespondentCategory.FORMER_CIVIL_SERVANT:
        return Check(True, ("respondent.category",), "現任或曾任公務員")
    return official_at_act(ctx.facts)


def not_ever_official(ctx: Context) -> Check:
    check = ever_official(ctx)
    return Check(None if check.met is None else not check.met, check.facts, check.note, check.question)


def known_through_duty(ctx: Context) -> Check:
    return Check(ctx.facts.act.known_through_duty, ("act.known_through_duty",), question=DUTY_QUESTION)


def active_military(ctx: Context) -> Check:
    return Check(ctx.facts.respondent.category is RespondentCategory.ACTIVE_MILITARY, ("respondent.category",))


def in_active_service_at_act(ctx: Context) -> Check:
    """陸海空軍刑法第1條: the Code reaches the act of a 現役軍人 — not one done after leaving the service."""
    respondent, act = ctx.facts.respondent, ctx.facts.act
    used = ("respondent.service_start", "respondent.service_end", "act.start", "act.end")
    if respondent.service_start is not None and act.last_day < respondent.service_start:
        return Check(False, used, f"行為時尚未入伍（{respondent.service_start}）")
    if respondent.service_end is None:
        return Check(True, used)
    if act.start > respondent.service_end:
        return Check(False, used, f"行為時已退伍或離營（{respondent.service_end}）")
    if act.last_day > respondent.service_end:
        return Check(None, used, question=f"行為跨越退伍日（{respondent.service_end}）：洩漏或交付係於退伍前或後為之？")
    return Check(True, used)


def recipient_any(*kinds: RecipientKind) -> Predicate:
    wanted = frozenset(kinds)

    def test(ctx: Context) -> Check:
        return Check(ctx.facts.recipient.kind in wanted, ("recipient.kind",))

    return test


def unknown(question: str, *facts: str) -> Predicate:
    """An element no fact of the schema covers: always an open question."""

    def test(ctx: Context) -> Check:
        return Check(None, facts, question=question)

    return test


def assumed(note: str, *facts: str) -> Predicate:
    """An element the conduct itself shows (e.g. 無故: no justification is recorded)."""

    def test(ctx: Context) -> Check:
        return Check(True, facts, note)

    return test


def third_party_harm(ctx: Context) -> Check:
    return Check(ctx.facts.harm.third_party_harm, ("harm.third_party_harm",))


def unlawful_gain_intent(ctx: Context) -> Check:
    """意圖為自己或第三人不法之利益或損害他人之利益: shown by a benefit received, otherwise open."""
    if ctx.facts.act.benefit_received:
        return Check(True, ("act.benefit_received",), "收受利益，足認有為自己不法利益之意圖")
    return Check(None, ("act.benefit_received",))


def official_secret_not_defence(ctx: Context) -> Check:
    if OFFICIAL_KINDS & set(ctx.facts.information.kinds):
        return Check(True, ("information.kinds",))
    return Check(None, ("information.kinds",), question="所洩漏之個人資料是否屬國防以外應秘密之消息（公務上應秘密）？")


def top_secret(ctx: Context) -> Check:
    level = ctx.facts.information.classification_level
    return Check(
        None if level is None else level is ClassificationLevel.TOP_SECRET, ("information.classification_level",)
    )


def all_of(*tests: Predicate) -> Predicate:
    """True if every test is; False if any is False; otherwise None (with the first open question)."""

    def test(ctx: Context) -> Check:
        checks = [item(ctx) for item in tests]
        used = tuple(dict.fromkeys(path for check in checks for path in check.facts))
        if any(check.met is False for check in checks):
            return Check(False, used)
        if all(check.met for check in checks):
            return Check(True, used)
        question = next((check.question for check in checks if check.met is None and check.question), "")
        return Check(None, used, question=question)

    return test


# ---------------------------------------------------------------------------------------------
# Placements


def fixed(paragraph: int, subparagraph: int | None = None, part: int = 0) -> Placement:
    slot = Slot(paragraph, subparagraph, part)
    return lambda ctx: slot


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
# Elements used by several rules

LEAKED = Element("洩漏或交付", conduct_any(Conduct.DISCLOSE, Conduct.DELIVER), hard=True)
DEFENCE_INFO = Element("關於中華民國國防應秘密之文書、圖畫、消息或物品", kind_any(*DEFENCE_KINDS), hard=True)
NON_DEFENCE_INFO = Element(
    "國防以外應秘密之文書、圖畫、消息或物品",
    kind_any(*OFFICIAL_KINDS, InformationKind.PERSONAL_DATA),
    hard=True,
)
NON_DEFENCE_SECRET = Element("該資訊屬國防以外應秘密者", official_secret_not_defence)
CLASSIFIED_INFO = Element("經依國家機密保護法核定之國家機密", kind_any(InformationKind.CLASSIFIED), hard=True)
PENDING_INFO = Element(
    "依國家機密保護法第6條報請核定國家機密之事項", kind_any(InformationKind.PENDING_CLASSIFICATION), hard=True
)
BUSINESS_INFO = Element("他人之工商秘密", kind_any(*BUSINESS_KINDS), hard=True)
TRADE_SECRET_INFO = Element("營業秘密", kind_any(InformationKind.TRADE_SECRET), hard=True)
PERSONAL_DATA_INFO = Element("個人資料", kind_any(InformationKind.PERSONAL_DATA), hard=True)
INTENTIONAL = Element("故意", intent_is(Intent.INTENTIONAL), question=INTENT_QUESTION)
NEGLIGENT = Element("過失", intent_is(Intent.NEGLIGENT), question=INTENT_QUESTION)
OFFICIAL = Element("行為人為公務員（刑法第10條第2項）", official)
NOT_OFFICIAL = Element("行為人非公務員", not_official)
DUTY = Element("因職務或業務知悉或持有", known_through_duty, question=DUTY_QUESTION)
SOLDIER = Element("行為人為現役軍人（陸海空軍刑法第1條）", active_military, hard=True)
SOLDIER_AT_ACT = Element("行為時在役", in_active_service_at_act)
ABROAD_LINK = Element(
    "收受者或委託者與外國、大陸地區、香港、澳門或境外敵對勢力有關",
    lambda ctx: Check(
        ctx.facts.recipient.kind in ABROAD
        or (
            ctx.facts.recipient.kind is RecipientKind.VENDOR and ctx.facts.recipient.vendor_foreign_or_mainland is True
        ),
        ("recipient.kind", "recipient.vendor_foreign_or_mainland"),
    ),
    hard=True,
)
UNJUSTIFIED = Element("無故（無正當理由）", assumed("事實未記載法令依據或權利人同意", "act.conducts"))
PERSONAL_DATA_GAIN_INTENT = Element(
    "意圖為自己或第三人不法之利益或損害他人之利益",
    unlawful_gain_intent,
    question="是否意圖為自己或第三人不法之利益或損害他人之利益？",
)


def _recipient_foreign_via_115_1(ctx: Context) -> Check:
    kind = ctx.facts.recipient.kind
    if kind is RecipientKind.FOREIGN_STATE:
        return Check(True, ("recipient.kind",), "外國或其派遣之人")
    if kind is RecipientKind.MAINLAND_OR_HOSTILE:
        if in_force(ctx, "C0000001:115-1"):
            return Check(
                True,
                ("recipient.kind", "act.end"),
                "依刑法第115條之1，本章之罪亦適用於對象為大陸地區、香港、澳門、境外敵對勢力或其派遣之人",
            )
        return Check(
            False,
            ("recipient.kind", "act.end"),
            "行為終了時刑法第115條之1尚未施行；第109條第2項僅及於外國或其派遣之人（刑法第1條）",
        )
    return Check(False, ("recipient.kind",))


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
AGG_MILITARY_21 = Aggravation(
    "aggravation.military.21",
    (("F0120001:21", 1, "陸海空軍刑法第21條"),),
    known_through_duty,
    "洩漏或交付職務上所持有或知悉之軍事機密",
    "該軍事機密是否為職務上所持有或知悉？",
)
AGG_PDPA_OFFICIAL = Aggravation(
    "aggravation.pdpa.44",
    (
        ("I0050021:35@1995", 1, "電腦處理個人資料保護法第35條"),
        ("I0050021:44", 1, "個人資料保護法第44條"),
    ),
    all_of(official, lambda ctx: Check(ctx.facts.act.abused_authority, ("act.abused_authority",))),
    "公務員假借職務上之權力、機會或方法犯之",
    "是否為公務員假借職務上之權力、機會或方法犯之？",
)
AGG_TRADE_SECRET_OFFICIAL = Aggravation(
    "aggravation.tsa.13-3.3",
    (("J0080028:13-3", 3, "營業秘密法第13條之3第3項"),),
    all_of(ever_official, known_through_duty, intent_is(Intent.INTENTIONAL)),
    "公務員或曾任公務員之人，因職務知悉或持有他人之營業秘密而故意犯之",
    "是否為公務員或曾任公務員之人因職務知悉或持有該營業秘密而故意犯之？",
)
AGG_CRIMINAL_134 = Aggravation(
    "aggravation.criminal.134",
    (("C0000001:134", 1, "刑法第134條"),),
    all_of(official, lambda ctx: Check(ctx.facts.act.abused_authority, ("act.abused_authority",))),
    "公務員假借職務上之權力、機會或方法，以故意犯瀆職罪章以外之罪",
    "是否為公務員假借職務上之權力、機會或方法犯之？",
)
AGG_CRIMINAL_318_2 = Aggravation(
    "aggravation.criminal.318-2",
    (("C0000001:318-2", 1, "刑法第318條之2"),),
    lambda ctx: Check(
        None if ctx.facts.information.cyber_security_incident else False, ("information.cyber_security_incident",)
    ),
    "利用電腦或其相關設備犯之",
    "是否利用電腦或其相關設備犯之？",
)


# ---------------------------------------------------------------------------------------------
# Flags


def _flags_132(ctx: Context) -> tuple[str, ...]:
    flags = []
    if official_at_act(ctx.facts).met is not False:
        flags.append("不依刑法第134條加重（第132條已因公務員身分特別規定其刑）")
    if InformationKind.PROCUREMENT in ctx.facts.information.kinds:
        flags.append("應秘密之法令依據：政府採購法第34條（底價、招標文件及廠商資料之保密）")
    if ctx.facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
        flags.append("現役軍人犯之，依陸海空軍刑法第76條第1項第2款適用；戰時得加重其刑至二分之一（同條第3項）")
    return tuple(flags)


def _flags_109(ctx: Context) -> tuple[str, ...]:
    flags = ["預備或陰謀犯第1項或第2項之罪者，處二年以下有期徒刑（第109條第4項）"]
    if ctx.facts.recipient.kind is RecipientKind.MAINLAND_OR_HOSTILE and in_force(ctx, "C0000001:115-1"):
        flags.append("依刑法第115條之1適用（對象為大陸地區、香港、澳門或境外敵對勢力）")
    if ctx.facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
        flags.append("現役軍人犯之，依陸海空軍刑法第76條第1項第1款「除本法另有規定外」始適用")
    return tuple(flags)


def _pension_flag(ctx: Context) -> tuple[str, ...]:
    if ctx.facts.respondent.category is RespondentCategory.NON_CIVIL_SERVANT:
        return ()
    return (
        "軍公教人員經判處有期徒刑以上之刑確定者，喪失請領退休給與之權利（國家安全法第5條之2，2023年12月1日起第13條；"
        "是否及於該條施行前之行為，應另行判斷）",
    )


def _flags_20(ctx: Context) -> tuple[str, ...]:
    return ("戰時犯之者，依第20條第1項後段或第4項後段處斷（事實未記載是否戰時）",)


# ---------------------------------------------------------------------------------------------
# Complaint overrides


def _complaint_42(ctx: Context) -> Check:
    """個人資料保護法第45條但書: 對公務機關犯第42條之罪者，非告訴乃論."""
    if official_at_act(ctx.facts).met is False:
        return Check(True, ("respondent.category",))
    return Check(
        None,
        ("respondent.category", "act.known_through_duty"),
        question="受侵害之個人資料檔案是否屬公務機關（個人資料保護法第45條但書：對公務機關犯第42條之罪者，非告訴乃論）？",
    )


def _complaint_1995(ctx: Context) -> Check:
    return Check(None, (), question="1995年電腦處理個人資料保護法是否定有告訴乃論之規定（未經核對）？")


# ---------------------------------------------------------------------------------------------
# The rules

_1935 = date(1935, 7, 1)

RULES: tuple[CriminalRule, ...] = (
    # 刑法 外患罪章
    CriminalRule(
        "criminal.109.1",
        "C0000001:109",
        "洩漏交付國防秘密罪",
        (LEAKED, DEFENCE_INFO, INTENTIONAL),
        fixed(1),
        _1935,
        flags=_flags_109,
    ),
    CriminalRule(
        "criminal.109.2",
        "C0000001:109",
        "洩漏交付國防秘密於外國（及依第115條之1於大陸地區等）罪",
        (
            LEAKED,
            DEFENCE_INFO,
            Element("洩漏或交付於外國或其派遣之人", _recipient_foreign_via_115_1, hard=True),
            INTENTIONAL,
        ),
        fixed(2),
        _1935,
        flags=_flags_109,
    ),
    CriminalRule(
        "criminal.110",
        "C0000001:110",
        "公務員過失洩漏交付國防秘密罪",
        (
            LEAKED,
            DEFENCE_INFO,
            OFFICIAL,
            Element("職務上知悉或持有", known_through_duty, question=DUTY_QUESTION),
            NEGLIGENT,
        ),
        fixed(1),
        _1935,
    ),
    # 刑法 瀆職罪章
    CriminalRule(
        "criminal.131",
        "C0000001:131",
        "公務員圖利罪",
        (
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "對於主管或監督之事務",
                unknown("所涉事務是否為行為人主管或監督之事務？"),
            ),
            Element(
                "明知違背法令，圖自己或其他私人不法利益，因而獲得利益（2001年修正後）",
                lambda ctx: (
                    Check(True, (), "1935年條文：直接或間接圖利")
                    if "明知違背法令" not in ctx.version.text
                    else Check(None, ("act.benefit_received",))
                ),
                question="是否明知違背法令，圖自己或其他私人不法利益，並因而獲得利益？",
            ),
        ),
        fixed(1),
        _1935,
    ),
    CriminalRule(
        "criminal.132.1",
        "C0000001:132",
        "公務員洩漏國防以外秘密罪",
        (LEAKED, NON_DEFENCE_INFO, NON_DEFENCE_SECRET, OFFICIAL, INTENTIONAL),
        fixed(1),
        _1935,
        flags=_flags_132,
    ),
    CriminalRule(
        "criminal.132.2",
        "C0000001:132",
        "公務員過失洩漏國防以外秘密罪",
        (LEAKED, NON_DEFENCE_INFO, NON_DEFENCE_SECRET, OFFICIAL, NEGLIGENT),
        fixed(2),
        _1935,
        flags=_flags_132,
    ),
    CriminalRule(
        "criminal.132.3",
        "C0000001:132",
        "非公務員洩漏國防以外秘密罪",
        (
            LEAKED,
            NON_DEFENCE_INFO,
            NON_DEFENCE_SECRET,
            NOT_OFFICIAL,
            Element("因職務或業務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            INTENTIONAL,
        ),
        fixed(3),
        _1935,
        flags=_flags_132,
    ),
    # 刑法 妨害秘密罪章
    CriminalRule(
        "criminal.315",
        "C0000001:315",
        "妨害書信秘密罪",
        (
            Element("開拆或隱匿他人之封緘信函、文書或圖畫", conduct_any(Conduct.OPEN_OR_HIDE_SEALED), hard=True),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        fixed(1),
        _1935,
        aggravations=(AGG_CRIMINAL_134,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        "criminal.317",
        "C0000001:317",
        "洩漏業務上知悉工商秘密罪",
        (
            LEAKED,
            BUSINESS_INFO,
            Element("行為人非公務員或曾任公務員之人（否則適用第318條）", not_ever_official),
            Element("因業務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            Element(
                "依法令或契約有守密義務",
                unknown("行為人是否依法令或契約負有保守該工商秘密之義務？"),
            ),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        fixed(1),
        _1935,
        aggravations=(AGG_CRIMINAL_318_2,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        "criminal.318",
        "C0000001:318",
        "洩漏職務上知悉工商秘密罪",
        (
            LEAKED,
            BUSINESS_INFO,
            Element("行為人為公務員或曾任公務員之人", ever_official),
            Element("因職務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        fixed(1),
        _1935,
        aggravations=(AGG_CRIMINAL_318_2,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        "criminal.318-1",
        "C0000001:318-1",
        "洩漏利用電腦知悉他人秘密罪",
        (
            LEAKED,
            Element(
                "涉及資通安全事件",
                lambda ctx: Check(
                    ctx.facts.information.cyber_security_incident, ("information.cyber_security_incident",)
                ),
                hard=True,
            ),
            Element("他人之秘密", kind_any(*OFFICIAL_KINDS, *BUSINESS_KINDS, InformationKind.PERSONAL_DATA), hard=True),
            Element(
                "因利用電腦或其他相關設備知悉或持有",
                unknown("是否因利用電腦或其他相關設備知悉或持有該秘密？", "information.cyber_security_incident"),
            ),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        fixed(1),
        date(1997, 10, 10),
        aggravations=(AGG_CRIMINAL_134,),
        complaint_basis="刑法第319條",
    ),
    # 國家機密保護法
    CriminalRule(
        "criminal.cnsipa.32",
        "I0060003:32",
        "洩漏交付國家機密罪",
        (LEAKED, CLASSIFIED_INFO, INTENTIONAL),
        _cnsipa_leak,
        date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_32,),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.cnsipa.32.negligent",
        "I0060003:32",
        "過失洩漏交付國家機密罪",
        (LEAKED, CLASSIFIED_INFO, NEGLIGENT),
        _cnsipa_negligent,
        date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_32,),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.cnsipa.33",
        "I0060003:33",
        "洩漏交付報請核定國家機密事項罪",
        (LEAKED, PENDING_INFO, INTENTIONAL),
        _cnsipa_leak,
        date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_33,),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.cnsipa.33.negligent",
        "I0060003:33",
        "過失洩漏交付報請核定國家機密事項罪",
        (LEAKED, PENDING_INFO, NEGLIGENT),
        _cnsipa_negligent,
        date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_33,),
    ),
    CriminalRule(
        "criminal.cnsipa.34",
        "I0060003:34",
        "刺探收集國家機密罪",
        (
            Element("刺探或收集", conduct_any(Conduct.SPY_OR_COLLECT), hard=True),
            Element(
                "經核定之國家機密或報請核定之事項",
                kind_any(InformationKind.CLASSIFIED, InformationKind.PENDING_CLASSIFICATION),
                hard=True,
            ),
            INTENTIONAL,
        ),
        _cnsipa_collect,
        date(2003, 10, 1),
        aggravations=(AGG_CNSIPA_34,),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.cnsipa.35.1",
        "I0060003:35",
        "毀棄損壞隱匿國家機密罪",
        (Element("毀棄、損壞或隱匿", conduct_any(Conduct.LOSE_OR_DAMAGE), hard=True), CLASSIFIED_INFO, INTENTIONAL),
        fixed(1),
        date(2003, 10, 1),
    ),
    CriminalRule(
        "criminal.cnsipa.35.2",
        "I0060003:35",
        "過失毀棄損壞遺失國家機密罪",
        (Element("毀棄、損壞或遺失", conduct_any(Conduct.LOSE_OR_DAMAGE), hard=True), CLASSIFIED_INFO, NEGLIGENT),
        fixed(2),
        date(2003, 10, 1),
    ),
    # 國家安全法 (第2條之1/第5條之1 → 2023-12-01 第2條/第7條)
    CriminalRule(
        "criminal.nsa.leak",
        "A0030028:5-1@1987",
        "為境外勢力洩漏交付傳遞公務機密罪",
        (
            Element("洩漏、交付或傳遞", conduct_any(Conduct.DISCLOSE, Conduct.DELIVER), hard=True),
            NSA_SECRET,
            ABROAD_LINK,
            Element("行為態樣該當各該版本之規定", _nsa_conduct),
            NSA_RECIPIENT,
            NSA_INTENT_1996,
            INTENTIONAL,
        ),
        _nsa_leak,
        date(1996, 3, 1),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.nsa.collect",
        "A0030028:5-1@1987",
        "為境外勢力刺探收集公務機密罪",
        (
            Element("刺探或收集（蒐集）", conduct_any(Conduct.SPY_OR_COLLECT), hard=True),
            NSA_SECRET,
            ABROAD_LINK,
            NSA_RECIPIENT,
            NSA_INTENT_1996,
            INTENTIONAL,
        ),
        _nsa_collect,
        date(1996, 3, 1),
        flags=_pension_flag,
    ),
    CriminalRule(
        "criminal.nsa.negligent",
        "A0030028:5-1@1987",
        "過失為境外勢力洩漏交付傳遞公務機密罪",
        (LEAKED, NSA_SECRET, ABROAD_LINK, NSA_RECIPIENT, NEGLIGENT),
        _nsa_negligent,
        date(2019, 7, 5),
    ),
    # 個人資料保護法 (1995: 電腦處理個人資料保護法)
    CriminalRule(
        "criminal.pdpa.41",
        "I0050021:41",
        "非法蒐集處理利用個人資料罪",
        (
            PERSONAL_DATA_INFO,
            Element(
                "非法利用或洩漏個人資料",
                conduct_any(Conduct.MISUSE_PERSONAL_DATA, Conduct.DISCLOSE, Conduct.DELIVER),
                hard=True,
            ),
            Element(
                "違反第6條第1項、第15條、第16條、第19條、第20條第1項規定（特定目的外之蒐集、處理或利用）",
                assumed("洩漏或非法利用個人資料，屬特定目的外之利用（無法定例外之記載）", "act.conducts"),
            ),
            INTENTIONAL,
            Element(
                "意圖為自己或第三人不法之利益或損害他人之利益（2016年3月15日修正施行後）",
                lambda ctx: (
                    unlawful_gain_intent(ctx)
                    if "意圖為自己或第三人不法之利益" in ctx.version.text
                    else Check(True, (), "2012年條文第1項不以不法意圖為要件（意圖營利者，依第2項處五年以下有期徒刑）")
                ),
                question="是否意圖為自己或第三人不法之利益或損害他人之利益？",
            ),
            Element("足生損害於他人", third_party_harm, question="是否足生損害於他人（第三人權利受有損害）？"),
        ),
        fixed(1),
        date(2012, 10, 1),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint_basis="個人資料保護法第45條",
    ),
    CriminalRule(
        "criminal.pdpa.42",
        "I0050021:42",
        "妨害個人資料檔案正確罪",
        (
            PERSONAL_DATA_INFO,
            Element("非法變更、刪除或以其他非法方法", conduct_any(Conduct.MISUSE_PERSONAL_DATA), hard=True),
            Element(
                "致妨害個人資料檔案之正確",
                unknown("是否對個人資料檔案為非法變更、刪除或以其他非法方法，致妨害其正確？", "act.conducts"),
            ),
            PERSONAL_DATA_GAIN_INTENT,
            INTENTIONAL,
            Element("足生損害於他人", third_party_harm, question="是否足生損害於他人（第三人權利受有損害）？"),
        ),
        fixed(1),
        date(2012, 10, 1),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint=_complaint_42,
        complaint_basis="個人資料保護法第45條",
    ),
    CriminalRule(
        "criminal.pdpa1995.34",
        "I0050021:34@1995",
        "妨害個人資料檔案正確罪（電腦處理個人資料保護法）",
        (
            PERSONAL_DATA_INFO,
            Element(
                "非法輸出、干擾、變更、刪除或以其他非法方法",
                conduct_any(Conduct.MISUSE_PERSONAL_DATA, Conduct.DISCLOSE, Conduct.DELIVER),
                hard=True,
            ),
            Element(
                "妨害個人資料檔案之正確",
                unknown("是否對個人資料檔案為非法輸出、干擾、變更、刪除或以其他非法方法，妨害其正確？", "act.conducts"),
            ),
            PERSONAL_DATA_GAIN_INTENT,
            INTENTIONAL,
            Element("致損害於他人", third_party_harm, question="是否致損害於他人（第三人權利受有損害）？"),
        ),
        fixed(1),
        date(1995, 8, 13),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint=_complaint_1995,
        complaint_basis="電腦處理個人資料保護法（告訴乃論與否未經核對）",
        covers_successors=False,
    ),
    # 營業秘密法
    CriminalRule(
        "criminal.tsa.13-1",
        "J0080028:13-1",
        "侵害營業秘密罪",
        (
            TRADE_SECRET_INFO,
            Element(
                "未經授權或逾越授權範圍而重製、使用或洩漏",
                conduct_any(Conduct.DISCLOSE, Conduct.DELIVER, Conduct.PROFIT_FROM_SECRET),
                hard=True,
            ),
            Element(
                "意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益",
                unlawful_gain_intent,
                question="是否意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益？",
            ),
            INTENTIONAL,
        ),
        fixed(1, 2),
        date(2013, 2, 1),
        aggravations=(AGG_TRADE_SECRET_OFFICIAL,),
        complaint_basis="營業秘密法第13條之3第1項",
    ),
    CriminalRule(
        "criminal.tsa.13-2",
        "J0080028:13-2",
        "意圖在境外使用而侵害營業秘密罪",
        (
            TRADE_SECRET_INFO,
            Element(
                "未經授權或逾越授權範圍而重製、使用或洩漏",
                conduct_any(Conduct.DISCLOSE, Conduct.DELIVER, Conduct.PROFIT_FROM_SECRET),
                hard=True,
            ),
            Element(
                "有境外使用之跡象",
                lambda ctx: Check(
                    ctx.facts.recipient.used_abroad is True
                    or ctx.facts.recipient.kind in ABROAD
                    or ctx.facts.recipient.vendor_foreign_or_mainland is True,
                    ("recipient.used_abroad", "recipient.kind", "recipient.vendor_foreign_or_mainland"),
                ),
                hard=True,
            ),
            Element(
                "意圖在外國、大陸地區、香港或澳門使用",
                lambda ctx: Check(ctx.facts.recipient.used_abroad, ("recipient.used_abroad",)),
                question="是否意圖在外國、大陸地區、香港或澳門使用？",
            ),
            Element(
                "意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益",
                unlawful_gain_intent,
                question="是否意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益？",
            ),
            INTENTIONAL,
        ),
        fixed(1),
        date(2013, 2, 1),
        aggravations=(AGG_TRADE_SECRET_OFFICIAL,),
        complaint_basis="營業秘密法第13條之3第1項（僅及於第13條之1）",
    ),
    # 貪污治罪條例
    CriminalRule(
        "criminal.acpa.4.1.5",
        "C0000007:4",
        "違背職務收受賄賂罪",
        (
            Element(
                "收受賄賂或其他不正利益",
                lambda ctx: Check(ctx.facts.act.benefit_received, ("act.benefit_received",)),
                hard=True,
            ),
            Element("違背職務之行為（洩漏應秘密之資訊）", conduct_any(*LEAK, Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "賄賂與違背職務之行為具對價關係",
                unknown("所收受之利益與洩密行為之間是否具對價關係（賄賂）？", "act.benefit_received"),
            ),
        ),
        fixed(1, 5),
        None,
    ),
    CriminalRule(
        "criminal.acpa.6.1.4",
        "C0000007:6",
        "主管監督事務圖利罪",
        (
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element("對於主管或監督之事務", unknown("所涉事務是否為行為人主管或監督之事務？")),
            Element(
                "明知違背法律、法律授權之法規命令、職權命令、自治條例、自治規則、委辦規則或其他對外發生法律效果之規定",
                unknown("是否明知違背法律、法規命令或其他對外發生法律效果之規定（不含機關內部規定）？"),
            ),
            Element(
                "圖自己或其他私人不法利益，因而獲得利益",
                unknown("是否圖自己或其他私人不法利益並因而獲得利益？", "act.benefit_received"),
            ),
        ),
        fixed(1, 4),
        None,
    ),
    CriminalRule(
        "criminal.acpa.6.1.5",
        "C0000007:6",
        "非主管監督事務圖利罪",
        (
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "對於非主管或監督之事務，利用職權機會或身分",
                unknown("所涉事務是否非行為人主管或監督，而係利用職權機會或身分圖利？", "act.abused_authority"),
            ),
            Element(
                "明知違背法律、法規命令或其他對外發生法律效果之規定",
                unknown("是否明知違背法律、法規命令或其他對外發生法律效果之規定（不含機關內部規定）？"),
            ),
            Element(
                "圖自己或其他私人不法利益，因而獲得利益",
                unknown("是否圖自己或其他私人不法利益並因而獲得利益？", "act.benefit_received"),
            ),
        ),
        fixed(1, 5),
        None,
    ),
    # 陸海空軍刑法 (2001 full revision; the earlier Act is not in the catalogue)
    CriminalRule(
        "criminal.military.20.1",
        "F0120001:20",
        "洩漏交付軍事機密罪",
        (
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            SOLDIER_AT_ACT,
            INTENTIONAL,
        ),
        fixed(1),
        None,
        aggravations=(AGG_MILITARY_21,),
        flags=_flags_20,
    ),
    CriminalRule(
        "criminal.military.20.2",
        "F0120001:20",
        "洩漏交付軍事機密於敵人罪",
        (
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            Element("洩漏或交付於敵人", recipient_any(RecipientKind.ENEMY), hard=True),
            SOLDIER_AT_ACT,
            INTENTIONAL,
        ),
        fixed(2),
        None,
        aggravations=(AGG_MILITARY_21,),
    ),
    CriminalRule(
        "criminal.military.20.4",
        "F0120001:20",
        "過失洩漏交付軍事機密罪",
        (
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            SOLDIER_AT_ACT,
            NEGLIGENT,
        ),
        fixed(4),
        None,
        flags=_flags_20,
    ),
)

RULES_BY_ID: Mapping[str, CriminalRule] = MappingProxyType({rule.id: rule for rule in RULES})


# ---------------------------------------------------------------------------------------------
# Provisions without a penalty that extend or ground an offence

SUPPORT_RULES: tuple[SupportRule, ...] = (
    SupportRule(
        "criminal.115-1",
        "C0000001:115-1",
        None,
        None,
        "外患罪章適用於大陸地區、香港、澳門及境外敵對勢力",
        ("criminal.109.2",),
        recipient_any(RecipientKind.MAINLAND_OR_HOSTILE),
        "刑法第115條之1：外患罪章之罪，亦適用於地域或對象為大陸地區、香港、澳門、境外敵對勢力或其派遣之人，依各該條規定處斷",
    ),
    SupportRule(
        "criminal.military.76.1",
        "F0120001:76",
        1,
        1,
        "現役軍人犯刑法外患罪章第109條至第112條之罪",
        ("criminal.109.1", "criminal.109.2", "criminal.110"),
        all_of(active_military, in_active_service_at_act),
        "陸海空軍刑法第76條第1項第1款：現役軍人犯刑法第109條至第112條之罪者，除本法另有規定外，依各該規定處罰",
    ),
    SupportRule(
        "criminal.military.76.2",
        "F0120001:76",
        1,
        2,
        "現役軍人犯刑法瀆職罪章之罪",
        ("criminal.131", "criminal.132.1", "criminal.132.2", "criminal.132.3"),
        all_of(active_military, in_active_service_at_act),
        "陸海空軍刑法第76條第1項第2款：現役軍人犯刑法瀆職罪章之罪者，除本法另有規定外，依各該規定處罰",
    ),
    SupportRule(
        "criminal.procurement.34",
        "A0030057:34",
        None,
        None,
        "招標文件、底價及投標資料之保密（應秘密之法令依據）",
        ("criminal.132.1", "criminal.132.2", "criminal.132.3"),
        kind_any(InformationKind.PROCUREMENT),
        "政府採購法第34條課機關保密義務（招標文件於公告前、底價於開標前及決標前、廠商投標文件）；本條未定刑罰，"
        "洩漏者依刑法第132條處罰（政府採購法第87條係妨害投標之罪，不及於洩漏底價，且未收錄於目錄）",
    ),
)


# ---------------------------------------------------------------------------------------------
# Concurrency: which provision governs the same conduct

_INTENTIONAL_CNSIPA = ("criminal.cnsipa.32", "criminal.cnsipa.33")
_NEGLIGENT_CNSIPA = ("criminal.cnsipa.32.negligent", "criminal.cnsipa.33.negligent")
_SPECIAL_CNSIPA = (
    "國家機密保護法為核定（或報請核定）國家機密之特別規定，且刑度較重，優先於刑法第132條"
    "（特別法優於普通法，中央法規標準法第16條）"
)
_CNSIPA_37 = "國家機密保護法第37條：犯本章之罪，其他法律有較重處罰之規定者，從其規定"
_CNSIPA_GOVERNS = (
    "國家機密保護法為核定國家機密之特別規定，其他法律之刑度未較重（同法第37條反面），依國家機密保護法處斷"
    "（如認屬想像競合，依刑法第55條從一重處斷，結果相同）"
)
_ONE_ACT = "刑法第55條前段：一行為而觸犯數罪名者，從一重處斷（想像競合）"

CONCURRENCY: tuple[Concurrency, ...] = (
    # Aggravated variants of the same offence.
    Concurrency(
        "concurrency.109.2-over-109.1",
        ("criminal.109.2",),
        ("criminal.109.1",),
        ConcurrencyMode.SPECIAL,
        "刑法第109條第2項（洩漏或交付於外國或其派遣之人）為同條第1項之加重規定（法規競合）",
    ),
    Concurrency(
        "concurrency.military.20.2-over-20.1",
        ("criminal.military.20.2",),
        ("criminal.military.20.1",),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第20條第2項（洩漏或交付於敵人）為同條第1項之加重規定（法規競合）",
    ),
    Concurrency(
        "concurrency.tsa.13-2-over-13-1",
        ("criminal.tsa.13-2",),
        ("criminal.tsa.13-1",),
        ConcurrencyMode.SPECIAL,
        "營業秘密法第13條之2（意圖在境外使用）為第13條之1之加重規定（法規競合）",
    ),
    # Special laws.
    Concurrency(
        "concurrency.military-76",
        ("criminal.military.20.1", "criminal.military.20.2"),
        ("criminal.109.1", "criminal.109.2"),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第76條第1項第1款「除本法另有規定外」：現役軍人洩漏或交付軍事上應秘密之消息，依同法第20條處罰",
    ),
    Concurrency(
        "concurrency.military-76.negligent",
        ("criminal.military.20.4",),
        ("criminal.110",),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第76條第1項第1款「除本法另有規定外」：現役軍人過失洩漏軍事機密，依同法第20條第4項處罰",
    ),
    Concurrency(
        "concurrency.cnsipa-over-132",
        _INTENTIONAL_CNSIPA,
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.SPECIAL,
        _SPECIAL_CNSIPA,
    ),
    Concurrency(
        "concurrency.cnsipa-over-132.negligent",
        _NEGLIGENT_CNSIPA,
        ("criminal.132.2",),
        ConcurrencyMode.SPECIAL,
        _SPECIAL_CNSIPA,
    ),
    Concurrency(
        "concurrency.318-over-317",
        ("criminal.318",),
        ("criminal.317",),
        ConcurrencyMode.SPECIAL,
        "刑法第318條就公務員或曾任公務員之人因職務知悉之工商秘密另有規定（法規競合）",
    ),
    Concurrency(
        "concurrency.tsa-over-317-318",
        ("criminal.tsa.13-1", "criminal.tsa.13-2"),
        ("criminal.317", "criminal.318"),
        ConcurrencyMode.SPECIAL,
        "營業秘密法第13條之1、第13條之2為侵害營業秘密之特別規定，優先於刑法第317條、第318條（法規競合）",
    ),
    Concurrency(
        "concurrency.acpa-over-131",
        ("criminal.acpa.6.1.4",),
        ("criminal.131",),
        ConcurrencyMode.SPECIAL,
        "貪污治罪條例第2條：公務員犯本條例之罪者，依本條例處斷（同條例第6條第1項第4款為刑法第131條之特別規定）",
    ),
    # 國家機密保護法第37條: another law governs only when it punishes more heavily.
    Concurrency(
        "concurrency.cnsipa-37",
        _INTENTIONAL_CNSIPA,
        ("criminal.109.1", "criminal.109.2", "criminal.military.20.1", "criminal.military.20.2", "criminal.nsa.leak"),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    Concurrency(
        "concurrency.cnsipa-37.negligent",
        _NEGLIGENT_CNSIPA,
        ("criminal.110", "criminal.military.20.4", "criminal.nsa.negligent"),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    Concurrency(
        "concurrency.cnsipa-37.collect",
        ("criminal.cnsipa.34",),
        ("criminal.nsa.collect",),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    # One act, several offences: the heavier governs.
    Concurrency(
        "concurrency.one-act.defence-nsa",
        ("criminal.109.1", "criminal.109.2", "criminal.military.20.1", "criminal.military.20.2"),
        ("criminal.nsa.leak",),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.132-nsa",
        ("criminal.nsa.leak",),
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.negligent-nsa",
        ("criminal.110", "criminal.132.2", "criminal.military.20.4"),
        ("criminal.nsa.negligent",),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.pdpa-132",
        ("criminal.pdpa.41", "criminal.pdpa.42", "criminal.pdpa1995.34"),
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
)


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
