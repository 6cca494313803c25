"""The suggestion engine: facts in, provisions with versions, status and reasoning out.

:func:`evaluate` runs every rule of :mod:`statutes.rules` against the facts:

1. the version in force on the act's last day (刑法第1條; for a continuing act, its end), every
   later version up to the evaluation date (renumberings followed), and which one governs under
   刑法第2條第1項 (:mod:`statutes.favourability`);
2. each element checked against the facts — an unknown element makes the suggestion an
   *alternative* naming the question, a contradicted one drops the rule;
3. concurrency: which provision governs the same conduct, and the rule that says so;
4. time limits (:mod:`statutes.limitations`): 追訴權時效 and, for 告訴乃論 offences, the complaint
   period — a passed limit makes the suggestion *barred*, with the dates.

It then adds the criminal path (移送檢調／廉政署) and, when :mod:`statutes.disciplinary` provides
``disciplinary_paths``, the disciplinary, appraisal and civil paths. Pure and deterministic (the
evaluation date is ``facts.evaluation_date`` or the ``today`` the caller passes); it never raises on
facts built from a schema-valid document.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from statutes.catalogue import Catalogue
from statutes.describe import describe_penalty
from statutes.disciplinary import disciplinary_paths
from statutes.facts import Facts, RespondentCategory, facts_from_json
from statutes.favourability import AGGRAVATION_FACTORS, Candidate, choose, compare_penalties
from statutes.limitations import complaint_deadline, prosecution_deadline
from statutes.model import Penalty, Provision, ProvisionVersion, article_sort_key, cite_article
from statutes.result import (
    ENGINE_VERSION,
    Deadline,
    DisciplinaryPath,
    ElementCheck,
    EvaluationResult,
    PathKind,
    Status,
    Suggestion,
    VersionRef,
    result_to_json,
)
from statutes.rules import (
    CATALOGUE_GAPS,
    CONCURRENCY,
    FORMER_LAW_NAMES,
    RULES,
    SUPPORT_RULES,
    Aggravation,
    ConcurrencyMode,
    Context,
    CriminalRule,
    Slot,
)

__all__ = ["evaluate", "evaluate_json"]

STATUS_ORDER = {Status.APPLIED: 0, Status.ALTERNATIVE: 1, Status.DISPLACED: 2, Status.BARRED: 3}
STATUS_LABELS = {
    Status.APPLIED: "適用",
    Status.ALTERNATIVE: "待查明",
    Status.DISPLACED: "排除",
    Status.BARRED: "不能追究",
}
SUBSIDIARITY_CLAUSE = "其他法律有較重處罰之規定者，從其規定"
ANTI_CORRUPTION_RULES = frozenset({"criminal.131", "criminal.acpa.4.1.5", "criminal.acpa.6.1.4", "criminal.acpa.6.1.5"})
SECURITY_LAWS = frozenset({"A0030028", "I0060003", "F0120001"})
SUPPORT_IDS = frozenset(rule.id for rule in SUPPORT_RULES)


# ---------------------------------------------------------------------------------------------
# Catalogue index (built once per catalogue object)


class _Index:
    """Chains of renumbered provisions and paragraph counts, for one catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.chains: dict[str, tuple[Provision, ...]] = {}
        self.missing: list[str] = []
        self._paragraphs: dict[int, tuple[str, ...]] = {}
        for provision_id in [rule.provision_id for rule in RULES] + [rule.provision_id for rule in SUPPORT_RULES]:
            self.chain(provision_id)

    def chain(self, provision_id: str) -> tuple[Provision, ...]:
        """The provision and its successors (Provision.replaced_by), oldest first; () if not catalogued."""
        if provision_id in self.chains:
            return self.chains[provision_id]
        chain: list[Provision] = []
        next_id: str | None = provision_id
        while next_id is not None and next_id not in {p.id for p in chain}:
            try:
                provision = self.catalogue.provision(next_id)
            except KeyError:
                if next_id not in self.missing:
                    self.missing.append(next_id)
                break
            chain.append(provision)
            next_id = provision.replaced_by
        result = tuple(provision for provision in chain if provision.versions)
        self.chains[provision_id] = result
        return result

    def paragraphs(self, version: ProvisionVersion) -> tuple[str, ...]:
        """ProvisionVersion.paragraphs(), parsed once per version (the index holds the catalogue alive)."""
        key = id(version)
        if key not in self._paragraphs:
            self._paragraphs[key] = tuple(version.paragraphs())
        return self._paragraphs[key]

    def law_name(self, pcode: str, on: date | None = None) -> str:
        former = FORMER_LAW_NAMES.get(pcode)
        if former is not None and on is not None and on < former[0]:
            return former[1]
        law = self.catalogue.laws.get(pcode)
        return law.name if law is not None else pcode


_INDEXES: dict[int, tuple[Catalogue, _Index]] = {}
_INDEXES_LOCK = threading.Lock()


def _index(catalogue: Catalogue) -> _Index:
    """The index of ``catalogue``, built once (a few catalogue objects are kept: the web layer reloads them)."""
    with _INDEXES_LOCK:
        entry = _INDEXES.get(id(catalogue))
        if entry is not None and entry[0] is catalogue:
            return entry[1]
        if len(_INDEXES) >= 8:
            _INDEXES.pop(next(iter(_INDEXES)))
        index = _Index(catalogue)
        _INDEXES[id(catalogue)] = (catalogue, index)  # holding the catalogue keeps its id from being reused
        return index


def _version_on(chain: Iterable[Provision], day: date) -> tuple[Provision, ProvisionVersion] | None:
    for provision in chain:
        for version in provision.versions:
            if version.in_force_on(day):
                return provision, version
    return None


def _later_versions(chain: Iterable[Provision], after: date, until: date) -> list[tuple[Provision, ProvisionVersion]]:
    found = [
        (provision, version)
        for provision in chain
        for version in provision.versions
        if after < version.effective_from <= until
    ]
    return sorted(found, key=lambda item: item[1].effective_from)


# ---------------------------------------------------------------------------------------------
# Working state of one suggestion


@dataclass
class _Draft:
    index: _Index
    rule_id: str
    title: str
    provision: Provision
    law_name: str
    status: Status
    slot: Slot | None
    elements: tuple[ElementCheck, ...]
    questions: list[str]
    missing: list[str]
    act: tuple[Provision, ProvisionVersion] | None
    later: list[tuple[Provision, ProvisionVersion]]
    applied: tuple[Provision, ProvisionVersion] | None = None
    applied_slot: Slot | None = None
    basis: str = ""
    penalty: Penalty | None = None
    factor: Fraction = Fraction(1)
    limitation_factor: Fraction = Fraction(1)
    aggravation_citations: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reason: str = ""
    displaced_by: str = ""
    winner: _Draft | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    not_punishable: bool = False
    gap: bool = False
    complaint_required: bool | None = False
    complaint_basis: str = ""
    complaint_question: str = ""
    # (element name, question): whether another rule's open questions are the same ones, same polarity
    question_keys: set[tuple[str, str]] = field(default_factory=set)

    def _reference(self) -> tuple[Provision, ProvisionVersion | None, Slot | None]:
        if self.applied is not None:
            return self.applied[0], self.applied[1], self.applied_slot or self.slot
        if self.act is not None:
            return self.act[0], self.act[1], self.slot
        return self.provision, self.provision.versions[0], self.slot  # a catalogue gap: the earliest text

    @property
    def citation(self) -> str:
        provision, version, slot = self._reference()
        return _citation(self.index, provision, slot, version)

    @property
    def sort_key(self) -> tuple:
        provision, _, slot = self._reference()
        return _sort_key(self.status, provision, slot, self.rule_id)


def _sort_key(status: Status, provision: Provision, slot: Slot | None, rule_id: str) -> tuple:
    """Applied, alternative, displaced, barred; then law, article, paragraph, subparagraph."""
    return (
        STATUS_ORDER[status],
        provision.law,
        article_sort_key(provision.article),
        slot.paragraph if slot else 0,
        (slot.subparagraph or 0) if slot else 0,
        rule_id,
    )


def _citation(index: _Index, provision: Provision, slot: Slot | None, version: ProvisionVersion | None) -> str:
    """第132條第1項, 第4條第1項第5款, 第110條 (a single-paragraph article is cited without 第1項)."""
    text = cite_article(provision.article)
    if slot is None:
        return text
    if slot.paragraph > 1 or (version is not None and len(index.paragraphs(version)) > 1):
        text += f"第{slot.paragraph}項"
    if slot.subparagraph is not None:
        text += f"第{slot.subparagraph}款"
    return text


def _penalty(version: ProvisionVersion, slot: Slot) -> Penalty | None:
    matches = [p for p in version.penalties if p.paragraph == slot.paragraph and p.subparagraph == slot.subparagraph]
    if not matches and slot.subparagraph is not None:
        matches = [p for p in version.penalties if p.paragraph == slot.paragraph and p.subparagraph is None]
    if not matches:
        return None
    return matches[slot.part] if slot.part < len(matches) else matches[0]


def _aggravation_source(aggravation: Aggravation, ctx: Context) -> tuple[str, Fraction] | None:
    for provision_id, paragraph, citation in aggravation.sources:
        try:
            version = ctx.catalogue.provision(provision_id).version_on(ctx.on)
        except KeyError:
            continue
        if version is None:
            continue
        for penalty in version.penalties:
            if penalty.paragraph == paragraph and penalty.aggravation in AGGRAVATION_FACTORS:
                return citation, AGGRAVATION_FACTORS[penalty.aggravation]
    return None


def _aggravations(rule: CriminalRule, ctx: Context) -> tuple[Fraction, Fraction, list[str], list[str], list[str]]:
    """(factor if met, factor if met or possible, flags, missing facts, citations) for one version."""
    certain, possible = Fraction(1), Fraction(1)
    flags: list[str] = []
    missing: list[str] = []
    citations: list[str] = []
    for aggravation in rule.aggravations:
        source = _aggravation_source(aggravation, ctx)
        if source is None:
            continue
        citation, factor = source
        check = aggravation.test(ctx)
        if check.met is True:
            certain *= factor
            possible *= factor
            flags.append(f"加重其刑至二分之一（{citation}：{aggravation.description}）")
            citations.append(citation)
        elif check.met is None:
            possible *= factor
            question = check.question or aggravation.question
            flags.append(f"可能加重其刑至二分之一（{citation}：{aggravation.description}；待查：{question}）")
            missing.extend(check.facts)
            citations.append(citation)
    return certain, possible, flags, missing, citations


def _question(check_question: str, element_question: str, element_name: str) -> str:
    return check_question or element_question or f"是否符合「{element_name}」？"


# ---------------------------------------------------------------------------------------------
# One rule


def _evaluate_rule(
    rule: CriminalRule, facts: Facts, index: _Index, evaluation_date: date, warnings: list[str]
) -> _Draft | None:
    chain = index.chain(rule.provision_id)
    if not chain:
        return None
    act_day = facts.act.last_day
    located = _version_on(chain, act_day)
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
    checks = []
    for element in rule.elements:
        check = element.test(ctx)
        if check.met is not True and element.hard:
            return None
        if check.met is False:
            return None  # the facts contradict an element: never suggested
        checks.append((element, check))
    slot = rule.placement(ctx)
    if slot is None:
        return None  # the act-time law has no such offence
    questions: list[str] = []
    keys: set[tuple[str, str]] = set()
    missing: list[str] = []
    for element, check in checks:
        if check.met is None:
            questions.append(_question(check.question, element.question, element.name))
            keys.add((element.name, questions[-1]))
            missing.extend(check.facts)
    draft = _Draft(
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
        later=_later_versions(chain, act_day, evaluation_date),
        complaint_basis=rule.complaint_basis,
        question_keys=keys,
    )
    if gap:
        draft.gap = True
        draft.status = Status.ALTERNATIVE
        draft.law_name = index.law_name(provision.law, act_day)
        gap_question = (
            f"行為時（{act_day.isoformat()}）之{draft.law_name}{cite_article(provision.article)}未收錄於目錄"
            f"（目錄所收最早版本自{version.effective_from.isoformat()}起施行）：須查明行為時條文，再依刑法第2條第1項比較適用"
        )
        draft.questions.insert(0, gap_question)
        draft.question_keys.add(("", gap_question))
        warnings.append(
            f"行為時法律不在目錄中：{draft.law_name}{cite_article(provision.article)}（{rule.id}），"
            f"目錄最早版本自{version.effective_from.isoformat()}起"
        )
        return draft
    _choose_version(rule, draft, ctx, index, evaluation_date)
    return draft


def _choose_version(rule: CriminalRule, draft: _Draft, ctx: Context, index: _Index, evaluation_date: date) -> None:
    assert draft.act is not None and draft.slot is not None
    facts = ctx.facts
    certain, possible, flags, agg_missing, citations = _aggravations(rule, ctx)
    candidates = [Candidate(draft.act[1], _penalty(draft.act[1], draft.slot), True, certain, "行為時之條文")]
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
                    question = _question(check.question, element.question, element.name)
                    if question not in known:
                        known.add(question)
                        draft.question_keys.add((element.name, question))
                        draft.questions.append(
                            f"{question}（{label}之要件；如不符，依刑法第2條第1項但書，行為後之法律不罰）"
                        )
                        draft.missing.extend(check.facts)
        aggravation = _aggravations(rule, later_ctx) if punishable else (Fraction(1), Fraction(1), [], [], [])
        per_version.append(aggravation)
        slots.append(later_slot if punishable else None)
        penalty = _penalty(version, later_slot) if punishable and later_slot else None
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


# ---------------------------------------------------------------------------------------------
# Concurrency


def _displace(loser: _Draft, winner: _Draft, basis: str, relation_id: str) -> None:
    winner_name = f"{winner.law_name}{winner.citation}"
    if winner.status is Status.APPLIED or winner.question_keys <= loser.question_keys:
        loser.status = Status.DISPLACED
        loser.winner = winner
        loser.displaced_by = f"{winner.rule_id}（{winner_name}）"
        loser.reason = f"同一行為由{winner_name}處斷：{basis}（{relation_id}）"
        if loser.questions:
            loser.reason += "。本條另待查明：" + "；".join(_unique(loser.questions))
    else:
        loser.notes.append(f"如{winner_name}成立，由其處斷（{basis}；{relation_id}）")


def _subsidiarity(loser: _Draft) -> str:
    """The loser's own 「其他法律有較重處罰之規定者，從其規定」 paragraph, if its applied text has one."""
    if loser.applied is None:
        return ""
    provision, version = loser.applied
    if SUBSIDIARITY_CLAUSE not in version.text:
        return ""
    paragraphs = loser.index.paragraphs(version)
    number = next((n for n, text in enumerate(paragraphs, start=1) if SUBSIDIARITY_CLAUSE in text), None)
    where = f"第{number}項" if number else ""
    when = version.effective_from.year
    return f"{loser.law_name}{cite_article(provision.article)}{where}（{when}年條文）：{SUBSIDIARITY_CLAUSE}"


def _resolve_concurrency(drafts: dict[str, _Draft]) -> None:
    active = (Status.APPLIED, Status.ALTERNATIVE)
    for relation in CONCURRENCY:
        for governing_id in relation.governing:
            for displaced_id in relation.displaced:
                governing, displaced = drafts.get(governing_id), drafts.get(displaced_id)
                if governing is None or displaced is None:
                    continue
                if governing.status not in active or displaced.status not in active or governing.gap or displaced.gap:
                    continue
                if relation.mode is ConcurrencyMode.SPECIAL:
                    _displace(displaced, governing, relation.basis, relation.id)
                    continue
                if governing.penalty is None or displaced.penalty is None:
                    displaced.notes.append(f"與{governing.law_name}{governing.citation}之輕重因刑度資料不足未能比較")
                    continue
                order = compare_penalties(governing.penalty, displaced.penalty, governing.factor, displaced.factor)
                if order >= 0:
                    basis = _subsidiarity(displaced) or relation.basis
                    _displace(displaced, governing, basis, relation.id)
                else:
                    basis = _subsidiarity(governing) or relation.reverse_basis or relation.basis
                    _displace(governing, displaced, basis, relation.id)
    for draft in drafts.values():  # point to the provision that finally governs
        seen = {draft.rule_id}
        winner = draft.winner
        while winner is not None and winner.winner is not None and winner.rule_id not in seen:
            seen.add(winner.rule_id)
            winner = winner.winner
        if winner is not None and winner is not draft.winner:
            draft.displaced_by = f"{winner.rule_id}（{winner.law_name}{winner.citation}）"
            draft.reason += f"；該條復由{winner.law_name}{winner.citation}處斷"


# ---------------------------------------------------------------------------------------------
# Time limits


def _apply_time_limits(draft: _Draft, facts: Facts, evaluation_date: date) -> None:
    if draft.gap or draft.not_punishable:
        if draft.gap:
            draft.deadlines.append(
                Deadline("追訴權時效完成", None, "行為時法律不在目錄中，無法依刑法第80條計算追訴權時效", None)
            )
        return
    aggravation_note = ""
    if draft.limitation_factor != 1:
        aggravation_note = f"依{'、'.join(draft.aggravation_citations)}加重後之最重本刑計算（分則加重）"
    limitation = prosecution_deadline(
        draft.penalty,
        act_last_day=facts.act.last_day,
        evaluation_date=evaluation_date,
        factor=draft.limitation_factor,
        aggravation_note=aggravation_note,
    )
    draft.deadlines.append(limitation)
    complaint: Deadline | None = None
    if draft.complaint_required is not False:
        complaint = complaint_deadline(facts.complaint.learned_offender_on, evaluation_date)
        draft.deadlines.append(complaint)
        if draft.complaint_required:
            draft.flags.insert(
                0, f"告訴乃論（{draft.complaint_basis}）；告訴期間：知悉犯人之時起六個月（刑事訴訟法第237條第1項）"
            )
        else:
            draft.flags.insert(0, f"是否告訴乃論，視待查事實而定（{draft.complaint_basis}）")
        if facts.complaint.learned_offender_on is None:
            draft.missing.append("complaint.learned_offender_on")
    if draft.status not in (Status.APPLIED, Status.ALTERNATIVE):
        return
    if limitation.passed:
        draft.status = Status.BARRED
        draft.reason = (
            f"追訴權時效已於{limitation.due.isoformat() if limitation.due else ''}完成"
            f"（評估基準日{evaluation_date.isoformat()}；{limitation.basis}）；除有刑法第83條停止原因外，不能追訴"
        )
        return
    if complaint is not None:
        _apply_complaint(draft, facts, evaluation_date, complaint)


def _apply_complaint(draft: _Draft, facts: Facts, evaluation_date: date, complaint: Deadline) -> None:
    """告訴乃論: not filed within six months → barred; unknown → alternative naming the question."""
    due = complaint.due.isoformat() if complaint.due else ""
    filed, filed_on = facts.complaint.filed, facts.complaint.filed_on
    depends = draft.complaint_question or "是否屬告訴乃論之罪？"
    if filed is True:
        if complaint.due is not None and filed_on is not None and filed_on > complaint.due:
            if draft.complaint_required:
                draft.status = Status.BARRED
                draft.reason = f"告訴逾期：告訴期間於{due}屆滿，告訴於{filed_on.isoformat()}始提出（{complaint.basis}）"
            else:
                draft.questions.append(f"{depends}（如屬告訴乃論，告訴已逾期）")
                draft.status = Status.ALTERNATIVE
            return
        draft.flags.append(f"已提出告訴{'（' + filed_on.isoformat() + '）' if filed_on else ''}")
        return
    if complaint.passed:
        if draft.complaint_required and filed is False:
            draft.status = Status.BARRED
            draft.reason = (
                f"告訴乃論之罪未經合法告訴：告訴期間已於{due}屆滿，"
                f"迄評估基準日{evaluation_date.isoformat()}未提出告訴（{complaint.basis}）"
            )
            return
        if draft.complaint_required:
            draft.questions.append(f"告訴權人是否已於{due}前提出告訴？")
            draft.missing.append("complaint.filed")
        else:
            draft.questions.append(f"{depends}（如屬告訴乃論，告訴期間已於{due}屆滿）")
        draft.status = Status.ALTERNATIVE
        return
    if complaint.due is not None:
        draft.flags.append(f"尚未提出告訴：告訴期間至{due}屆滿")
    if filed is None:
        draft.missing.append("complaint.filed")


# ---------------------------------------------------------------------------------------------
# Building the output


def _version_ref(index: _Index, provision: Provision, version: ProvisionVersion) -> VersionRef:
    return VersionRef(
        provision_id=provision.id,
        law_name=index.law_name(provision.law, version.effective_from),
        citation=cite_article(provision.article),
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        text=version.text,
        verified=version.verified,
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _finish_reason(draft: _Draft) -> str:
    if draft.status is Status.ALTERNATIVE:
        reason = "視待查事實而定：" + "；".join(_unique(draft.questions))
    elif draft.status is Status.APPLIED:
        reason = f"事實符合{draft.law_name}{draft.citation}之各構成要件"
    else:
        reason = draft.reason
    if draft.status in (Status.ALTERNATIVE, Status.APPLIED) and draft.reason:
        reason = f"{draft.reason}；{reason}"
    notes = _unique(draft.notes)
    if notes:
        reason += "。另：" + "；".join(notes)
    return reason


def _suggestion(draft: _Draft, index: _Index) -> Suggestion:
    act_ref = _version_ref(index, *draft.act) if draft.act else None
    applied_ref = _version_ref(index, *draft.applied) if draft.applied else None
    penalty_text = describe_penalty(draft.penalty) if draft.penalty else ""
    if draft.not_punishable:
        penalty_text = "行為後之法律不罰"
    elif draft.factor != 1 and penalty_text:
        penalty_text += f"；依{'、'.join(draft.aggravation_citations)}加重其刑至二分之一"
    return Suggestion(
        rule_id=draft.rule_id,
        law_name=draft.law_name,
        citation=draft.citation,
        title=draft.title,
        status=draft.status,
        reason=_finish_reason(draft),
        act_version=act_ref,
        later_versions=tuple(_version_ref(index, p, v) for p, v in draft.later),
        applied_version=applied_ref,
        applied_basis=draft.basis,
        penalty=draft.penalty,
        penalty_text=penalty_text,
        flags=_unique(draft.flags),
        open_question="；".join(_unique(draft.questions)) if draft.status is Status.ALTERNATIVE else "",
        displaced_by=draft.displaced_by if draft.status is Status.DISPLACED else "",
        deadlines=tuple(draft.deadlines),
        elements=draft.elements,
        missing_facts=_unique(draft.missing),
    )


def _support_suggestions(
    facts: Facts, index: _Index, drafts: dict[str, _Draft], evaluation_date: date
) -> list[tuple[tuple, Suggestion]]:
    suggestions: list[tuple[tuple, Suggestion]] = []
    for support in SUPPORT_RULES:
        linked = [drafts[rule_id] for rule_id in support.linked if rule_id in drafts and not drafts[rule_id].gap]
        if not linked:
            continue
        chain = index.chain(support.provision_id)
        located = _version_on(chain, facts.act.last_day)
        if located is None:
            continue
        provision, version = located
        ctx = Context(facts, facts.act.last_day, provision, version, index.catalogue)
        if support.condition(ctx).met is not True:
            continue
        best = min(linked, key=lambda draft: (STATUS_ORDER[draft.status], draft.rule_id))
        slot = Slot(support.paragraph, support.subparagraph) if support.paragraph else None
        linked_names = "、".join(f"{draft.law_name}{draft.citation}" for draft in linked)
        reason = f"{support.reason}（所涉：{linked_names}）"
        if best.status is not Status.APPLIED:
            reason += f"；所涉之罪目前為「{STATUS_LABELS[best.status]}」"
        later = _later_versions(chain, facts.act.last_day, evaluation_date)
        key = _sort_key(best.status, provision, slot, support.id)
        suggestion = Suggestion(
            rule_id=support.id,
            law_name=index.law_name(provision.law, version.effective_from),
            citation=_citation(index, provision, slot, version),
            title=support.title,
            status=best.status,
            reason=reason,
            act_version=_version_ref(index, provision, version),
            later_versions=tuple(_version_ref(index, p, v) for p, v in later),
            applied_version=_version_ref(index, provision, version),
            applied_basis="行為時法（本條不定刑罰，隨所涉之罪適用）",
            penalty=None,
            penalty_text=f"本條不定刑罰；依{linked_names}處斷",
            open_question=f"同{best.law_name}{best.citation}：{'；'.join(_unique(best.questions))}"
            if best.status is Status.ALTERNATIVE
            else "",
            displaced_by=best.displaced_by if best.status is Status.DISPLACED else "",
            elements=(ElementCheck(support.title, True, ("act.conducts", "information.kinds", "recipient.kind")),),
        )
        suggestions.append((key, suggestion))
    return suggestions


def _criminal_path(facts: Facts, suggestions: list[Suggestion], warnings: list[str]) -> DisciplinaryPath:
    offences = [s for s in suggestions if s.rule_id not in SUPPORT_IDS]
    live = [s for s in offences if s.status in (Status.APPLIED, Status.ALTERNATIVE)]
    applied = [s for s in live if s.status is Status.APPLIED]
    applicable: bool | None = True if applied else (None if live else False)
    reasons = tuple(
        f"{s.law_name}{s.citation}（{s.title}）：{STATUS_LABELS[s.status]}——{s.reason}" for s in offences
    ) or ("依目前事實，無可建議之刑事條文",)
    steps: list[str] = []
    if live:
        steps.append(
            "公務員因執行職務知有犯罪嫌疑者，應為告發（刑事訴訟法第241條，未收錄於目錄）："
            "檢具事證移送管轄地方檢察署偵辦，或經政風機構陳報法務部廉政署"
        )
        if any(s.rule_id in ANTI_CORRUPTION_RULES for s in live):
            steps.append("涉及貪瀆（貪污治罪條例、刑法第131條）：移請法務部廉政署偵辦")
        if any(s.act_version and s.act_version.provision_id.split(":")[0] in SECURITY_LAWS for s in live) or any(
            s.rule_id.startswith("criminal.109") for s in live
        ):
            steps.append(
                "涉及國家安全、國家機密或國防秘密：通報法務部調查局（或國防部所屬權責機關）並依保密規定處理卷證"
            )
        if facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
            steps.append("現役軍人非戰時犯罪，依軍事審判法由司法機關追訴審判（軍事審判法未收錄於目錄，請核對）")
        if any(any(d.label == "告訴期間屆滿" for d in s.deadlines) for s in live):
            steps.append("告訴乃論之罪：通知得為告訴之人（被害人）於告訴期間內提出告訴；未經合法告訴不能追訴")
        steps.append("追訴權時效依刑法第80條計算；如已起訴、依法停止偵查或通緝，依第83條停止進行")
    elif any(s.status is Status.BARRED for s in offences):
        steps.append(
            "所涉之罪依目前事實均不能追究（追訴權時效完成、未經合法告訴或行為後之法律不罰）；"
            "如有刑法第83條停止原因或告訴情形不明，仍宜移請檢察官判斷，並將理由留存卷內"
        )
    deadlines = tuple(
        replace(deadline, label=f"{s.law_name}{s.citation}：{deadline.label}")
        for s in offences
        if s.status in (Status.APPLIED, Status.ALTERNATIVE, Status.BARRED)
        for deadline in s.deadlines
    )
    return DisciplinaryPath(
        kind=PathKind.CRIMINAL,
        title="刑事責任：移送檢調或廉政署偵辦",
        applicable=applicable,
        reasons=reasons,
        steps=tuple(steps),
        options=tuple(f"{s.law_name}{s.citation}（{s.title}）" for s in applied),
        deadlines=deadlines,
        warnings=tuple(warnings),
        missing_facts=_unique(fact for s in live for fact in s.missing_facts),
    )


def _other_paths(facts: Facts, catalogue: Catalogue, evaluation_date: date) -> tuple[DisciplinaryPath, ...]:
    """The 懲戒, 考績懲處 and 民事 paths (statutes.disciplinary)."""
    return tuple(disciplinary_paths(facts, catalogue, evaluation_date))


# ---------------------------------------------------------------------------------------------
# Public API


def evaluate(facts: Facts, catalogue: Catalogue, *, today: date) -> EvaluationResult:
    """Every criminal provision the facts raise, with versions, status, reasoning, and the paths.

    The evaluation date is ``facts.evaluation_date`` or ``today``. Deterministic for equal inputs.
    """
    evaluation_date = facts.evaluation_date or today
    return _evaluate(facts, catalogue, _index(catalogue), evaluation_date)


def _evaluate(facts: Facts, catalogue: Catalogue, index: _Index, evaluation_date: date) -> EvaluationResult:
    warnings: list[str] = []
    act_day = facts.act.last_day
    if evaluation_date < act_day:
        warnings.append(
            f"評估基準日（{evaluation_date.isoformat()}）早於行為終了日（{act_day.isoformat()}）：行為後之法律變更及期限均無從評估"
        )
    if not facts.act.conducts:
        warnings.append("尚未記載行為態樣（act.conducts），無從判斷可能適用之罪名")
    drafts: dict[str, _Draft] = {}
    for rule in RULES:
        draft = _evaluate_rule(rule, facts, index, evaluation_date, warnings)
        if draft is not None:
            drafts[rule.id] = draft
    _resolve_concurrency(drafts)
    for draft in drafts.values():
        _apply_time_limits(draft, facts, evaluation_date)
    keyed = [(draft.sort_key, _suggestion(draft, index)) for draft in drafts.values()]
    keyed += _support_suggestions(facts, index, drafts, evaluation_date)
    suggestions = [suggestion for _, suggestion in sorted(keyed, key=lambda item: item[0])]
    for suggestion in suggestions:
        for version in (suggestion.act_version, suggestion.applied_version):
            if version is not None and not version.verified:
                warnings.append(
                    f"{version.law_name}{version.citation}（{version.effective_from.isoformat()}起施行之版本）"
                    "條文取自種子文件，未經官方資料核對"
                )
    warnings.extend(gap.warning for gap in CATALOGUE_GAPS if gap.applies(facts))
    if index.missing:
        warnings.append("目錄未收錄下列條文，相關規則未予評估：" + "、".join(sorted(index.missing)))
    laws = {s.act_version.provision_id.split(":")[0] for s in suggestions if s.act_version} or {"C0000001"}
    current = [catalogue.laws[pcode].current_to for pcode in sorted(laws) if pcode in catalogue.laws]
    current_to = min((day for day in current if day is not None), default=None)
    if current_to is not None and evaluation_date > current_to:
        warnings.append(f"評估基準日晚於目錄資料日期（{current_to.isoformat()}）：其後之法律修正未收錄")
    warnings = list(_unique(warnings))
    paths = (_criminal_path(facts, suggestions, warnings), *_other_paths(facts, catalogue, evaluation_date))
    open_questions = _unique(
        question
        for draft in sorted(drafts.values(), key=lambda d: d.sort_key)
        if draft.status is Status.ALTERNATIVE
        for question in draft.questions
    )
    return EvaluationResult(
        engine_version=ENGINE_VERSION,
        evaluated_on=evaluation_date,
        act_last_day=act_day,
        suggestions=tuple(suggestions),
        paths=paths,
        open_questions=open_questions,
        warnings=_unique(warnings),
        catalogue_current_to=current_to,
        notes={
            "criminal_rules": len(RULES),
            "support_rules": len(SUPPORT_RULES),
            "concurrency_rules": len(CONCURRENCY),
        },
    )


def evaluate_json(document: dict[str, Any], catalogue: Catalogue, *, today: date) -> dict[str, Any]:
    """facts_from_json → evaluate → result_to_json (raises FactsError for a document that is not valid)."""
    return result_to_json(evaluate(facts_from_json(document), catalogue, today=today))
