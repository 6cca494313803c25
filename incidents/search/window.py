"""PostgreSQL keyword pages, newest first: searched in windows of case ids instead of over all of them.

A GIN index returns its matches unordered, so "the newest 50 matches" normally means fetching
every match from the table and sorting: the cost grows with the number of matches (at 1M cases,
a word found in 1% of them is 10,000 rows for every page). :func:`postgres_newest_ids` searches
the newest ids first, window by window.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime

import sqlalchemy as sa

from core.extensions import db
from incidents.models import Incident
from incidents.search.filters import CaseFilter, filtered
from incidents.search.keyword import MIN_INDEXED_KEYWORD, postgres_indexed_condition, scan_condition
from incidents.search.ordering import newest_cursor_id

__all__ = ["postgres_newest_ids"]

# The first window holds WINDOW_IDS_PER_ROW ids per row wanted. After a window without matches the next
# is WINDOW_GROWTH times wider; after one with matches it is sized from how often they occurred, with
# WINDOW_MARGIN to spare. When the keyword looks common (more than CHEAP_MATCHES matches expected below
# the window), the next window is never wider than the first: only a narrow id range makes PostgreSQL
# combine the trigram index with the primary key (BitmapAnd) instead of reading every match of the
# keyword from the table (measured at 1M cases: about 4 ms for a window of 10,200 ids, 29 ms for one of
# 21,800).
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


def postgres_newest_ids(
    query: sa.Select[Incident],
    criteria: CaseFilter,
    keyword: str,
    after: str | None,
    wanted: int,
    now: datetime | None,
) -> list[int]:
    """The ids of the newest ``wanted`` matches (after the cursor) of a keyword search on PostgreSQL.

    With the id range in each index branch (see WINDOW_IDS_PER_ROW), PostgreSQL combines the
    trigram index with the primary key (BitmapAnd) and reads only the rows in the window. A common
    keyword fills the page from one or two narrow windows, a rare one needs a few ever wider windows
    of cheap index lookups (a million ids take four). Keywords of one or two characters scan first
    (see SCAN_IDS_PER_ROW). The result is exactly that of one query over all ids.
    """
    top = newest_cursor_id(after) - 1 if after else db.session.scalar(sa.select(sa.func.max(Incident.id)))
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
