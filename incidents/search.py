"""Listing and searching cases: filters, keyword search, sorting and keyset pagination.

Every function here narrows a query the caller supplies, normally
``incidents.services.access.visible_incidents(user)``, so a case the user may
not see can never appear: filters only remove rows.

Keyword search (substrings of 案由, summary and notes) is built by
incidents/search_keyword.py; this module adds the PostgreSQL window search
(:func:`_postgres_newest_ids`) that keeps the newest-first keyword page cheap.

The provision cited (引用條文) is what an officer accepted in a respondent's
recommendation draft (incidents.models.RecommendationItem, accepted or accepted
with edits), not what the engine merely suggested.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import enum
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import selectinload

from core.extensions import db
from core.models import utcnow
from incidents.models import CaseStatus, Decision, Incident, IncidentAssignment, Recommendation, RecommendationItem
from incidents.search_index import fts
from incidents.search_keyword import (
    MIN_INDEXED_KEYWORD,
    KeywordPlan,
    normalise_keyword,
    plan_keyword,
    postgres_indexed_condition,
    scan_condition,
)

__all__ = [
    "OVERDUE_DRAFT_DAYS",
    "PAGE_SIZE",
    "CaseFilter",
    "InvalidCursorError",
    "Page",
    "Sort",
    "filtered",
    "iter_incidents",
    "search_page",
]

PAGE_SIZE = 50
# No workflow with deadlines exists yet, so "overdue" means: still a draft this many days after it was opened.
OVERDUE_DRAFT_DAYS = 30


class Sort(enum.StrEnum):
    NEWEST = "newest"  # 最新建立（id 由大到小）
    CASE_NUMBER = "case_number"  # 案件編號（年度、流水號由小到大）
    REPORTED = "reported"  # 受理日期（新到舊，未填者最後）


@dataclass(frozen=True)
class CaseFilter:
    """What to keep. Empty values mean "any"; all given conditions must hold."""

    keyword: str = ""
    status: CaseStatus | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    information_kind: str | None = None
    provision_ids: tuple[str, ...] = ()  # every numbering of one provision (statutes.citable)
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


class InvalidCursorError(ValueError):
    """The page position in the URL was not made by this module (or for another sort)."""


@dataclass
class Page:
    incidents: list[Incident]
    next_cursor: str | None


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _information_kind_condition(kind: str, dialect: str) -> sa.ColumnElement[bool]:
    """facts["information"]["kinds"] contains ``kind`` (the JSON array, not a text search)."""
    if dialect == "postgresql":
        wanted = sa.cast(sa.literal(json.dumps({"information": {"kinds": [kind]}})), JSONB)
        return sa.cast(Incident.facts, JSONB).op("@>")(wanted)
    kinds = sa.func.json_each(Incident.facts, "$.information.kinds").table_valued("value")
    return sa.exists().select_from(kinds).where(kinds.c.value == kind)


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
    dialect = _dialect()
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
        conditions.append(_information_kind_condition(criteria.information_kind, dialect))
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
    keyword = normalise_keyword(criteria.keyword)
    if keyword:
        plan = keyword_plan or plan_keyword(keyword, db.session.connection())
        if plan.uses_fts:
            query = query.join(fts, fts.c.rowid == Incident.id)
        conditions.append(plan.condition())
    return query.where(*conditions)


# -- sorting and keyset pagination -------------------------------------------------------------


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(token: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursorError(token) from None
    if not isinstance(values, list) or not values:
        raise InvalidCursorError(token)
    return values


def _cursor_for(sort: Sort, incident: Incident) -> str:
    if sort is Sort.CASE_NUMBER:
        return _encode([sort.value, incident.roc_year, incident.serial, incident.id])
    if sort is Sort.REPORTED:
        reported = incident.reported_date.isoformat() if incident.reported_date else None
        return _encode([sort.value, reported, incident.id])
    return _encode([sort.value, incident.id])


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _newest_cursor_id(token: str) -> int:
    values = _decode(token)
    if values[0] != Sort.NEWEST.value or len(values) != 2 or not _is_int(values[1]):
        raise InvalidCursorError(token)
    return values[1]


def _after(sort: Sort, token: str, id_column: Any) -> sa.ColumnElement[bool]:
    """The rows after the cursor ``token`` in ``sort`` order. Raises InvalidCursorError."""
    if sort is Sort.NEWEST:
        return id_column < _newest_cursor_id(token)
    values = _decode(token)
    if values[0] != sort.value:
        raise InvalidCursorError(token)
    if sort is Sort.CASE_NUMBER and len(values) == 4 and all(_is_int(value) for value in values[1:]):
        return sa.tuple_(Incident.roc_year, Incident.serial, Incident.id) > sa.tuple_(*values[1:])
    if sort is Sort.REPORTED and len(values) == 3 and _is_int(values[2]):
        last_id = values[2]
        if values[1] is None:
            return sa.and_(Incident.reported_date.is_(None), Incident.id < last_id)
        try:
            reported = date.fromisoformat(values[1])
        except (TypeError, ValueError):
            raise InvalidCursorError(token) from None
        return sa.or_(
            Incident.reported_date < reported,
            sa.and_(Incident.reported_date == reported, Incident.id < last_id),
            Incident.reported_date.is_(None),
        )
    raise InvalidCursorError(token)


def _ordered(query: sa.Select[Incident], sort: Sort, after: str | None, id_column: Any) -> sa.Select:
    if after:
        query = query.where(_after(sort, after, id_column))
    if sort is Sort.CASE_NUMBER:
        return query.order_by(Incident.roc_year, Incident.serial, Incident.id)
    if sort is Sort.REPORTED:
        return query.order_by(sa.nulls_last(Incident.reported_date.desc()), Incident.id.desc())
    return query.order_by(id_column.desc())


def _id_column(plan: KeywordPlan | None) -> Any:
    # With a trigram MATCH, ordering and paging by the FTS rowid (= incident.id) lets SQLite read the
    # matches newest first straight from the index and stop after one page, instead of collecting
    # every match and sorting it: the cost no longer grows with the number of matches.
    return fts.c.rowid if plan and plan.uses_fts else Incident.id


# PostgreSQL keyword pages are searched in windows of case ids, newest first. The first window holds
# WINDOW_IDS_PER_ROW ids per row wanted. After a window without matches the next is WINDOW_GROWTH times
# wider; after one with matches it is sized from how often they occurred, with WINDOW_MARGIN to spare.
# When the keyword looks common (more than CHEAP_MATCHES matches expected below the window), the next
# window is never wider than the first: only a narrow id range makes PostgreSQL combine the trigram
# index with the primary key (BitmapAnd) instead of reading every match of the keyword from the table
# (measured at 1M cases: about 4 ms for a window of 10,200 ids, 29 ms for one of 21,800).
WINDOW_IDS_PER_ROW = 200
WINDOW_GROWTH = 8
WINDOW_MARGIN = 1.5
CHEAP_MATCHES = 2000
# Keywords of 1–2 characters start with a scan of the newest SCAN_IDS_PER_ROW ids per row wanted (the
# conditions checked row by row). A keyword found in at least DENSE_SHARE of them is common (底價, or
# one character such as 的): scanning on fills the page from a few more ids, while its search_grams
# entry lists a large part of the table, read whole for every window. Otherwise the index takes over.
SCAN_IDS_PER_ROW = 20
DENSE_SHARE = 0.02


def _next_width(width: int, first_width: int, found: int, missing: int, remaining_ids: int) -> int:
    if found == 0:
        return width * WINDOW_GROWTH
    estimate = max(1, math.ceil(missing * width / found * WINDOW_MARGIN))
    if found * remaining_ids / width <= CHEAP_MATCHES:
        return estimate
    return min(first_width, estimate)


def _postgres_newest_ids(
    query: sa.Select[Incident],
    criteria: CaseFilter,
    keyword: str,
    after: str | None,
    wanted: int,
    now: datetime | None,
) -> list[int]:
    """The ids of the newest ``wanted`` matches (after the cursor) of a keyword search on PostgreSQL.

    A GIN index returns its matches unordered, so "the newest 50 matches" normally means fetching
    every match from the table and sorting: the cost grows with the number of matches (at 1M cases,
    a word found in 1% of them is 10,000 rows for every page). Here the newest ids are searched
    first, window by window (see WINDOW_IDS_PER_ROW); with the id range in each index branch,
    PostgreSQL combines the trigram index with the primary key (BitmapAnd) and reads only the rows
    in the window. A common keyword fills the page from one or two narrow windows, a rare one needs
    a few ever wider windows of cheap index lookups (a million ids take four). Keywords of one or two
    characters scan first (see SCAN_IDS_PER_ROW). The result is exactly that of one query over all ids.
    """
    top = _newest_cursor_id(after) - 1 if after else db.session.scalar(sa.select(sa.func.max(Incident.id)))
    if not top or top < 1:
        return []
    # Built once, run per window with new bounds (building the statement costs more than running it).
    low_id, top_id = sa.bindparam("low_id", type_=sa.Integer), sa.bindparam("top_id", type_=sa.Integer)
    window = (
        filtered(query, dataclasses.replace(criteria, keyword=""), now=now)
        .with_only_columns(Incident.id)
        .where(Incident.id > low_id, Incident.id <= top_id)
        .order_by(Incident.id.desc())
        .limit(sa.bindparam("wanted", type_=sa.Integer))
    )
    indexed = window.where(postgres_indexed_condition(keyword, (low_id, top_id)))
    scan = window.where(scan_condition(keyword, "postgresql"))
    first_width = WINDOW_IDS_PER_ROW * wanted
    scanning = len(keyword) < MIN_INDEXED_KEYWORD
    width = SCAN_IDS_PER_ROW * wanted if scanning else first_width
    ids: list[int] = []
    while len(ids) < wanted and top >= 1:
        low = max(top - width, 0)
        bounds = {"low_id": low, "top_id": top, "wanted": wanted - len(ids)}
        found = list(db.session.scalars(scan if scanning else indexed, bounds))
        ids += found
        scanning = scanning and len(found) >= DENSE_SHARE * (top - low)
        top, width = low, _next_width(width, first_width, len(found), wanted - len(ids), low)
    return ids


def search_page(
    query: sa.Select[Incident],
    criteria: CaseFilter,
    *,
    sort: Sort = Sort.NEWEST,
    after: str | None = None,
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
) -> Page:
    """One page of the cases of ``query`` that match ``criteria``.

    ``after`` is the ``next_cursor`` of the previous page: pages continue
    after the last row shown, so rows added or removed meanwhile never cause
    a row to be skipped or shown twice (unlike OFFSET).

    :raise InvalidCursorError: ``after`` is malformed or belongs to another sort.
    """
    keyword = normalise_keyword(criteria.keyword)
    plan = plan_keyword(keyword, db.session.connection()) if keyword else None
    if plan and plan.dialect == "postgresql":
        # psycopg prepares a statement on the server after five runs, and PostgreSQL may then switch
        # to a generic plan that does not know the pattern: measured 5-10 times slower for keyword
        # searches. Planning each search for its own keyword costs well under a millisecond.
        db.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
    if plan and sort is Sort.NEWEST and plan.dialect == "postgresql":
        ids = _postgres_newest_ids(query, criteria, keyword, after, limit + 1, now)
        statement = sa.select(Incident).where(Incident.id.in_(ids)).order_by(Incident.id.desc())
    else:
        statement = _ordered(filtered(query, criteria, now=now, keyword_plan=plan), sort, after, _id_column(plan))
        statement = statement.limit(limit + 1)
    statement = statement.options(
        selectinload(Incident.assignments).selectinload(IncidentAssignment.user), selectinload(Incident.unit)
    )
    rows = list(db.session.scalars(statement))
    has_more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _cursor_for(sort, rows[-1]) if has_more and rows else None)


def iter_incidents(
    query: sa.Select[Incident],
    criteria: CaseFilter,
    *,
    sort: Sort = Sort.NEWEST,
    batch: int = 500,
    now: datetime | None = None,
) -> Iterator[Incident]:
    """Every matching case, fetched page by page (memory stays flat for exports)."""
    after: str | None = None
    while True:
        page = search_page(query, criteria, sort=sort, after=after, limit=batch, now=now)
        yield from page.incidents
        if page.next_cursor is None:
            return
        # The session's identity map holds rows weakly: rows already handed out are freed.
        after = page.next_cursor
