"""One page of a search, and every match page by page (for exports)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core.extensions import db
from incidents.models import Incident, IncidentAssignment, Recusal
from incidents.search.filters import CaseFilter, filtered
from incidents.search.keyword import normalise_keyword, plan_keyword
from incidents.search.ordering import Sort, cursor_for, id_column, ordered
from incidents.search.window import postgres_newest_ids

__all__ = ["PAGE_SIZE", "Page", "iter_incidents", "search_page"]

PAGE_SIZE = 50


@dataclass
class Page:
    incidents: list[Incident]
    next_cursor: str | None


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
        ids = postgres_newest_ids(query, criteria, keyword, after, limit + 1, now)
        statement = sa.select(Incident).where(Incident.id.in_(ids)).order_by(Incident.id.desc())
    else:
        statement = ordered(filtered(query, criteria, now=now, keyword_plan=plan), sort, after, id_column(plan))
        statement = statement.limit(limit + 1)
    statement = statement.options(
        selectinload(Incident.assignments).selectinload(IncidentAssignment.user),
        selectinload(Incident.unit),
        selectinload(Incident.recusals).selectinload(Recusal.user),  # the list's 迴避 column
    )
    rows = list(db.session.scalars(statement))
    has_more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, cursor_for(sort, rows[-1]) if has_more and rows else None)


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
