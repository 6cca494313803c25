"""Shared by every path: the facts with their dates (``Case``), the path under construction, date arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from statutes.catalogue.lookup import Catalogue
from statutes.engine.disciplinary.citations import Source, source_of
from statutes.engine.facts import Facts, InformationKind, RespondentCategory
from statutes.engine.result import Deadline, DisciplinaryPath, PathKind

NATIONAL_SECRET_KINDS = frozenset(
    {
        InformationKind.CLASSIFIED,
        InformationKind.PENDING_CLASSIFICATION,
        InformationKind.DEFENSE_SECRET,
        InformationKind.MILITARY_SECRET,
    }
)


# ---------------------------------------------------------------------------------------------
# Dates


def years_after(day: date, years: int) -> date:
    """The last day of a period of ``years`` years running from the day after ``day``.

    民法第120條第2項 (始日不算入) and 第121條第2項 (the day before the corresponding day; if the last
    month has no corresponding day, its last day): a period from 2018-03-01 ends on 2023-03-01.
    """
    start = day + timedelta(days=1)
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:  # start is 2月29日 and the final year has none
        return date(start.year + years, 2, 28)


# ---------------------------------------------------------------------------------------------
# A path under construction


@dataclass
class Builder:
    reasons: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    recommended_level: str = ""

    def need(self, fact: str) -> None:
        if fact not in self.missing:
            self.missing.append(fact)

    def build(self, kind: PathKind, title: str, applicable: bool | None) -> DisciplinaryPath:
        return DisciplinaryPath(
            kind=kind,
            title=title,
            applicable=applicable,
            reasons=tuple(self.reasons),
            steps=tuple(self.steps),
            options=tuple(self.options),
            deadlines=tuple(self.deadlines),
            warnings=tuple(self.warnings),
            missing_facts=tuple(self.missing),
            levels=tuple(self.levels),
            recommended_level=self.recommended_level,
        )


@dataclass(frozen=True)
class Case:
    """The facts with the dates every path needs."""

    facts: Facts
    catalogue: Catalogue
    evaluation_date: date

    @property
    def act_end(self) -> date:
        return self.facts.act.last_day

    @property
    def referral_date(self) -> date:
        """預計移送懲戒之日; the evaluation date when not given (facts schema)."""
        return self.facts.referral_date or self.evaluation_date

    @property
    def left_service(self) -> bool:
        respondent = self.facts.respondent
        if respondent.category is RespondentCategory.FORMER_CIVIL_SERVANT:
            return True
        return respondent.service_end is not None and respondent.service_end <= self.evaluation_date

    def act_during_service(self) -> bool | None:
        """Whether the act (or part of it) fell within the respondent's service; None if unknown."""
        respondent, act = self.facts.respondent, self.facts.act
        if respondent.service_end is not None and act.start > respondent.service_end:
            return False
        if respondent.service_start is not None and self.act_end < respondent.service_start:
            return False
        if respondent.category is RespondentCategory.FORMER_CIVIL_SERVANT and respondent.service_end is None:
            return None
        return True

    def source(self, pcode: str, article: str, on: date) -> Source:
        return source_of(self.catalogue, pcode, article, on)
