"""Predicates over the facts (what an element tests) and the fixed placement.

Each predicate takes a :class:`~statutes.engine.rules.base.Context` and returns a
:class:`~statutes.engine.rules.base.Check`: ``met`` True, False or None (the facts do not tell), with the
fact paths used. :func:`official_at_act` (刑法第10條第2項) is shared with the catalogue gaps.
"""

from __future__ import annotations

from statutes.engine.facts import (
    ClassificationLevel,
    Conduct,
    Facts,
    InformationKind,
    Intent,
    RecipientKind,
    RespondentCategory,
)
from statutes.engine.rules.base import (
    DUTY_QUESTION,
    INTENT_QUESTION,
    OFFICIAL_CATEGORIES,
    OFFICIAL_KINDS,
    Check,
    Context,
    Placement,
    Predicate,
    Slot,
)

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
    used: tuple[str, ...] = ("respondent.category",)
    if facts.respondent.category is not RespondentCategory.NON_CIVIL_SERVANT:
        in_service = _in_service_at_act(facts, used)
        if in_service is not None:
            return in_service
        if facts.respondent.service_end is not None:
            used = (*used, "respondent.service_end", "act.start", "act.end")
    return _official_by_category(facts, used)


def _in_service_at_act(facts: Facts, used: tuple[str, ...]) -> Check | None:
    """The answer the service dates settle on their own (before joining, after leaving, across leaving), or None."""
    respondent, act = facts.respondent, facts.act
    if respondent.service_start is not None and act.last_day < respondent.service_start:
        return Check(False, (*used, "respondent.service_start"), f"行為時尚未到職（{respondent.service_start}）")
    if respondent.service_end is None:
        return None
    used = (*used, "respondent.service_end", "act.start", "act.end")
    if act.start > respondent.service_end:
        return Check(False, used, f"行為時已退休或離職（{respondent.service_end}），非刑法上之公務員")
    if act.last_day > respondent.service_end:
        return Check(
            None,
            used,
            question=f"行為跨越退休或離職日（{respondent.service_end}）：洩漏或交付係於離職前或後為之？",
        )
    if respondent.category is RespondentCategory.FORMER_CIVIL_SERVANT:
        return Check(True, used, f"行為時仍在職（{respondent.service_end}始退休或離職）")
    return None


def _official_by_category(facts: Facts, used: tuple[str, ...]) -> Check:
    """The answer the respondent's category gives (the act fell within any service dates known)."""
    match facts.respondent.category:
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
            return _delegated_authority(facts, used)


def _delegated_authority(facts: Facts, used: tuple[str, ...]) -> Check:
    """A non-civil-servant is a 公務員 only when entrusted with public authority (刑法第10條第2項第2款)."""
    delegated = facts.respondent.public_authority_delegated
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
