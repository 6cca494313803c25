"""One rule: its versions, its elements against the facts, and the version that governs (刑法第2條第1項)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from statutes.catalogue.model import cite_article
from statutes.engine._parts.draft import Draft, aggravations_for, question_text, slot_penalty
from statutes.engine._parts.index import Index, version_on_day, versions_after
from statutes.engine.facts import Facts
from statutes.engine.favourability import Candidate, choose
from statutes.engine.result import ElementCheck, Status
from statutes.engine.rules import Check, Context, CriminalRule, Element, Slot
from statutes.engine.rules.dated import UndeclaredVersionError

# ---------------------------------------------------------------------------------------------
# One rule


def evaluate_rule(
    rule: CriminalRule, facts: Facts, index: Index, evaluation_date: date, warnings: list[str]
) -> Draft | None:
    """The rule's suggestion, or None; a version its tables do not declare leaves it unevaluated, with a warning.

    Only a version added to the catalogue after the release can be undeclared (the catalogue test,
    tests/statutes/test_rule_versions.py, covers every shipped one): judging it by a table meant for
    another text could cite the wrong paragraph.
    """
    try:
        draft = _evaluate_declared_rule(rule, facts, index, evaluation_date, warnings)
        if draft is not None and rule.subsidiarity is not None:
            for provision, version in ([draft.act] if draft.act else []) + draft.later:
                rule.subsidiarity.at(provision, version)  # _parts.concurrency reads it
    except UndeclaredVersionError as error:
        law_name = index.law_name(error.provision_id.split(":")[0], error.effective_from)
        article = cite_article(error.provision_id.split(":")[1].split("@")[0])
        warnings.append(
            f"規則{rule.id}未就{law_name}{article}（{error.effective_from.isoformat()}起施行之版本）"
            "宣告適用之項次或要件，本規則未予評估（須更新 statutes/rules）"
        )
        return None
    return draft


def _evaluate_declared_rule(
    rule: CriminalRule, facts: Facts, index: Index, evaluation_date: date, warnings: list[str]
) -> Draft | None:
    chain = index.chain(rule.provision_id)
    if not chain:
        return None
    act_day = facts.act.last_day
    located = version_on_day(chain, act_day)
    gap = False
    if located is None:
        first_provision = min(chain, key=lambda p: p.versions[0].effective_from)
        first_version = first_provision.versions[0]
        if act_day >= first_version.effective_from:
            return None  # no version on that day: repealed before the act
        if rule.enacted is not None and act_day < rule.enacted:
            return None  # the offence did not exist yet (刑法第1條)
        gap = True
        located = (first_provision, first_version)
    provision, version = located
    if not gap and provision is not chain[0] and not rule.covers_successors:
        return None  # acts under the later numbering belong to another rule
    ctx = Context(facts, act_day, provision, version, index.catalogue)
    checks = _element_checks(rule, ctx)
    if checks is None:
        return None
    slot = rule.placement(ctx)
    if slot is None:
        return None  # the act-time law has no such offence
    questions: list[str] = []
    keys: set[tuple[str, str]] = set()
    missing: list[str] = []
    for element, check in checks:
        if check.met is None:
            questions.append(question_text(check.question, element.question, element.name))
            keys.add((element.name, questions[-1]))
            missing.extend(check.facts)
    draft = Draft(
        index=index,
        rule_id=rule.id,
        title=rule.title,
        provision=provision,
        law_name=index.law_name(provision.law, version.effective_from),
        status=Status.ALTERNATIVE if questions else Status.APPLIED,
        slot=slot,
        elements=tuple(ElementCheck(element.name, check.met, check.facts, check.note) for element, check in checks),
        questions=questions,
        missing=missing,
        act=None if gap else located,
        later=versions_after(chain, act_day, evaluation_date),
        complaint_basis=rule.complaint_basis,
        question_keys=keys,
    )
    if gap:
        _mark_gap(draft, act_day, version.effective_from, index, rule.id, warnings)
        return draft
    _choose_version(rule, draft, ctx, index, evaluation_date)
    return draft


def _element_checks(rule: CriminalRule, ctx: Context) -> list[tuple[Element, Check]] | None:
    """Every element checked against the facts; None when one is contradicted (or a hard one is not met)."""
    checks = []
    for element in rule.elements:
        check = element.test(ctx)
        if check.met is not True and element.hard:
            return None
        if check.met is False:
            return None  # the facts contradict an element: never suggested
        checks.append((element, check))
    return checks


def _mark_gap(draft: Draft, act_day: date, earliest: date, index: Index, rule_id: str, warnings: list[str]) -> None:
    """The act predates the catalogue's earliest version: an alternative asking for the act-time text."""
    provision = draft.provision
    draft.gap = True
    draft.status = Status.ALTERNATIVE
    draft.law_name = index.law_name(provision.law, act_day)
    gap_question = (
        f"行為時（{act_day.isoformat()}）之{draft.law_name}{cite_article(provision.article)}未收錄於目錄"
        f"（目錄所收最早版本自{earliest.isoformat()}起施行）：須查明行為時條文，再依刑法第2條第1項比較適用"
    )
    draft.questions.insert(0, gap_question)
    draft.question_keys.add(("", gap_question))
    warnings.append(
        f"行為時法律不在目錄中：{draft.law_name}{cite_article(provision.article)}（{rule_id}），"
        f"目錄最早版本自{earliest.isoformat()}起"
    )


def _choose_version(rule: CriminalRule, draft: Draft, ctx: Context, index: Index, evaluation_date: date) -> None:
    assert draft.act is not None and draft.slot is not None
    facts = ctx.facts
    certain, possible, flags, agg_missing, citations = aggravations_for(rule, ctx)
    candidates = [Candidate(draft.act[1], slot_penalty(draft.act[1], draft.slot), True, certain, "行為時之條文")]
    slots: list[Slot | None] = [draft.slot]
    per_version: list[tuple[Fraction, Fraction, list[str], list[str], list[str]]] = [
        (certain, possible, flags, agg_missing, citations)
    ]
    known = set(draft.questions)
    for provision, version in draft.later:
        later_ctx = Context(facts, version.effective_from, provision, version, ctx.catalogue)
        label = f"{index.law_name(provision.law, version.effective_from)}{cite_article(provision.article)}"
        label += f"（{version.effective_from.isoformat()}施行）"
        later_slot = None if version.repealed else rule.placement(later_ctx)
        punishable = later_slot is not None
        if punishable:
            for element in rule.elements:
                check = element.test(later_ctx)
                if check.met is False:
                    punishable = False
                    draft.notes.append(f"{label}不再處罰此一行為（「{element.name}」不符）")
                    break
                if check.met is None:
                    question = question_text(check.question, element.question, element.name)
                    if question not in known:
                        known.add(question)
                        draft.question_keys.add((element.name, question))
                        draft.questions.append(
                            f"{question}（{label}之要件；如不符，依刑法第2條第1項但書，行為後之法律不罰）"
                        )
                        draft.missing.extend(check.facts)
        aggravation = aggravations_for(rule, later_ctx) if punishable else (Fraction(1), Fraction(1), [], [], [])
        per_version.append(aggravation)
        slots.append(later_slot if punishable else None)
        penalty = slot_penalty(version, later_slot) if punishable and later_slot else None
        candidates.append(Candidate(version, penalty, punishable, aggravation[0], label))
    chain = index.chain(rule.provision_id)
    last_provision = chain[-1]
    last_version = last_provision.versions[-1]
    repealed_on = last_version.effective_to + timedelta(days=1) if last_version.effective_to else None
    if (
        repealed_on is not None
        and last_provision.replaced_by is None
        and draft.act[1].effective_from <= last_version.effective_from
        and repealed_on <= evaluation_date
    ):
        candidates.append(Candidate(None, None, False, Fraction(1), f"{repealed_on.isoformat()}起刪除（無後繼條文）"))
        slots.append(None)
        per_version.append((Fraction(1), Fraction(1), [], [], []))
    choice = choose(candidates)
    draft.basis = choice.basis
    if draft.questions and draft.status is Status.APPLIED:
        draft.status = Status.ALTERNATIVE
    if choice.not_punishable:
        chosen = candidates[choice.index]
        draft.not_punishable = True
        draft.status = Status.BARRED
        draft.applied = next(((p, v) for p, v in draft.later if v is chosen.version), None)
        draft.applied_slot = None
        draft.reason = f"{choice.basis}（刑事訴訟法第252條第4款：犯罪後之法律已廢止其刑罰者，應為不起訴處分）"
        return
    chosen = candidates[choice.index]
    draft.applied = draft.act if choice.index == 0 else draft.later[choice.index - 1]
    draft.applied_slot = slots[choice.index]
    draft.penalty = chosen.penalty
    draft.factor, draft.limitation_factor, agg_flags, agg_missing, draft.aggravation_citations = per_version[
        choice.index
    ]
    draft.flags.extend(agg_flags)
    draft.missing.extend(agg_missing)
    applied_on = ctx.on if choice.index == 0 else draft.applied[1].effective_from
    applied_ctx = Context(facts, applied_on, draft.applied[0], draft.applied[1], ctx.catalogue)
    if rule.flags is not None:
        draft.flags.extend(rule.flags(ctx))
    if rule.complaint is not None:
        complaint = rule.complaint(applied_ctx)
        draft.complaint_required = complaint.met
        draft.complaint_question = complaint.question
    else:
        draft.complaint_required = bool(chosen.penalty and chosen.penalty.complaint_required)
