"""Which cases a search keeps: the conditions of a :class:`CaseFilter` as one WHERE clause.

The provision cited (引用條文) is what an officer accepted in a respondent's
recommendation draft (incidents.models.RecommendationItem, accepted or accepted
with edits), not what the engine merely suggested.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from core.extensions import db
from core.models import utcnow
from incidents.models import CaseStatus, Decision, Incident, IncidentAssignment, Recommendation, RecommendationItem
from incidents.search.index import fts
from incidents.search.keyword import KeywordPlan, normalise_keyword, plan_keyword

__all__ = ["OVERDUE_DRAFT_DAYS", "CaseFilter", "filtered"]

# No workflow with deadlines exists yet, so "overdue" means: still a draft this many days after it was opened.
OVERDUE_DRAFT_DAYS = 30


@dataclass(frozen=True)
class CaseFilter:
    """What to keep. Empty values mean "any"; all given conditions must hold."""

    keyword: str = ""
    status: CaseStatus | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    information_kind: str | None = None
    provision_ids: tuple[str, ...] = ()  # every numbering of one provision (statutes.engine.citable)
    assignee_id: int | None = None
    overdue: bool = False
    reported_from: date | None = None
    reported_to: date | None = None
    discovered_from: date | None = None
    discovered_to: date | None = None
    # The act period [act_start, act_end] overlaps [act_from, act_to] (a single-day act has no act_end).
    act_from: date | None = None
    act_to: date | None = None

    def describe(self) -> dict[str, Any]:
        """The conditions actually set, as plain JSON values (for the audit log)."""
        values: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value in (None, "", False, ()):
                continue
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, enum.Enum):
                value = value.value
            values[name] = value
        return values


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _information_kind_condition(kind: str, dialect: str) -> sa.ColumnElement[bool]:
    """facts["information"]["kinds"] contains ``kind`` (the JSON array, not a text search)."""
    if dialect == "postgresql":
        wanted = sa.cast(sa.literal(json.dumps({"information": {"kinds": [kind]}})), JSONB)
        return sa.cast(Incident.facts, JSONB).op("@>")(wanted)
    kinds = sa.func.json_each(Incident.facts, "$.information.kinds").table_valued("value")
    return sa.exists().select_from(kinds).where(kinds.c.value == kind)


def _record_conditions(criteria: CaseFilter) -> list[sa.ColumnElement[bool]]:
    """The conditions on what the case is: status, where it belongs, who works on it, what it concerns."""
    conditions: list[sa.ColumnElement[bool]] = []
    if criteria.status is not None:
        conditions.append(Incident.status == criteria.status)
    if criteria.agency_id is not None:
        conditions.append(Incident.agency_id == criteria.agency_id)
    if criteria.unit_id is not None:
        conditions.append(Incident.unit_id == criteria.unit_id)
    if criteria.assignee_id is not None:
        conditions.append(
            sa.exists().where(
                IncidentAssignment.incident_id == Incident.id, IncidentAssignment.user_id == criteria.assignee_id
            )
        )
    if criteria.information_kind:
        conditions.append(_information_kind_condition(criteria.information_kind, _dialect()))
    if criteria.provision_ids:
        conditions.append(
            sa.exists()
            .where(
                Recommendation.incident_id == Incident.id,
                RecommendationItem.recommendation_id == Recommendation.id,
                RecommendationItem.provision_id.in_(criteria.provision_ids),
                RecommendationItem.decision.in_([Decision.ACCEPTED, Decision.EDITED]),
            )
            .correlate(Incident)
        )
    return conditions


def _date_conditions(criteria: CaseFilter, now: datetime | None) -> list[sa.ColumnElement[bool]]:
    """The conditions on dates: overdue drafts, the reported and discovered ranges, the act period."""
    conditions: list[sa.ColumnElement[bool]] = []
    if criteria.overdue:
        cutoff = (now or utcnow()) - timedelta(days=OVERDUE_DRAFT_DAYS)
        conditions.extend([Incident.status == CaseStatus.DRAFT, Incident.created_at < cutoff])
    for column, start, end in (
        (Incident.reported_date, criteria.reported_from, criteria.reported_to),
        (Incident.discovered_date, criteria.discovered_from, criteria.discovered_to),
    ):
        if start:
            conditions.append(column >= start)
        if end:
            conditions.append(column <= end)
    if criteria.act_from:
        conditions.append(sa.func.coalesce(Incident.act_end, Incident.act_start) >= criteria.act_from)
    if criteria.act_to:
        conditions.append(Incident.act_start <= criteria.act_to)
    return conditions


def filtered(
    query: sa.Select[Incident],
    criteria: CaseFilter,
    *,
    now: datetime | None = None,
    keyword_plan: KeywordPlan | None = None,
) -> sa.Select[Incident]:
    """``query`` narrowed by every condition in ``criteria`` (no ordering).

    ``keyword_plan``: the plan_keyword() of the criteria's keyword, when the caller already made it.
    """
    conditions = [*_record_conditions(criteria), *_date_conditions(criteria, now)]
    keyword = normalise_keyword(criteria.keyword)
    if keyword:
        plan = keyword_plan or plan_keyword(keyword, db.session.connection())
        if plan.uses_fts:
            query = query.join(fts, fts.c.rowid == Incident.id)
        conditions.append(plan.condition())
    return query.where(*conditions)
