"""The working state of one suggestion, and the helpers that cite, sort and aggravate it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from statutes.catalogue.model import Penalty, Provision, ProvisionVersion, article_sort_key, cite_article
from statutes.engine._parts.index import Index
from statutes.engine.favourability import AGGRAVATION_FACTORS
from statutes.engine.result import Deadline, ElementCheck, Status
from statutes.engine.rules import Aggravation, Context, CriminalRule, Slot
from statutes.vocabulary import STATUS

# Status order, law, article, paragraph, subparagraph, rule id (see _sort_key).
SuggestionOrder = tuple[int, str, tuple[int, int], int, int, str]

STATUS_ORDER = {Status.APPLIED: 0, Status.ALTERNATIVE: 1, Status.DISPLACED: 2, Status.BARRED: 3}
STATUS_LABELS = STATUS  # the reasons' words for each status (their one copy is statutes.vocabulary)


# ---------------------------------------------------------------------------------------------
# Working state of one suggestion


@dataclass
class Draft:
    index: Index
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
    winner: Draft | None = None
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
    def sort_key(self) -> SuggestionOrder:
        provision, _, slot = self._reference()
        return _sort_key(self.status, provision, slot, self.rule_id)


def _sort_key(status: Status, provision: Provision, slot: Slot | None, rule_id: str) -> SuggestionOrder:
    """Applied, alternative, displaced, barred; then law, article, paragraph, subparagraph."""
    return (
        STATUS_ORDER[status],
        provision.law,
        article_sort_key(provision.article),
        slot.paragraph if slot else 0,
        (slot.subparagraph or 0) if slot else 0,
        rule_id,
    )


def _citation(index: Index, provision: Provision, slot: Slot | None, version: ProvisionVersion | None) -> str:
    """第132條第1項, 第4條第1項第5款, 第110條 (a single-paragraph article is cited without 第1項)."""
    text = cite_article(provision.article)
    if slot is None:
        return text
    if slot.paragraph > 1 or (version is not None and len(index.paragraphs(version)) > 1):
        text += f"第{slot.paragraph}項"
    if slot.subparagraph is not None:
        text += f"第{slot.subparagraph}款"
    return text


def slot_penalty(version: ProvisionVersion, slot: Slot) -> Penalty | None:
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


def aggravations_for(rule: CriminalRule, ctx: Context) -> tuple[Fraction, Fraction, list[str], list[str], list[str]]:
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


def question_text(check_question: str, element_question: str, element_name: str) -> str:
    return check_question or element_question or f"是否符合「{element_name}」？"


def unique_nonempty(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
