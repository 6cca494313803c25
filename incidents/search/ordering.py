"""Sorting and keyset pagination: the three sorts and the page cursors that continue them.

A cursor is the sort key of the last row shown, base64url-encoded JSON with the
sort's name first, so a cursor made for one sort is refused by another.
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
from datetime import date
from typing import Any

import sqlalchemy as sa

from core.database import in_integer_range
from incidents.models import Incident
from incidents.search.index import fts
from incidents.search.keyword import KeywordPlan

__all__ = ["InvalidCursorError", "Sort", "cursor_for", "id_column", "newest_cursor_id", "ordered"]


class Sort(enum.StrEnum):
    NEWEST = "newest"  # 最新建立（id 由大到小）
    CASE_NUMBER = "case_number"  # 案件編號（年度、流水號由小到大）
    REPORTED = "reported"  # 受理日期（新到舊，未填者最後）


class InvalidCursorError(ValueError):
    """The page position in the URL was not made by this module (or for another sort)."""


# The longest cursor made here (the reported sort: name, date, id) is about 50 characters.
_CURSOR_MAX_LENGTH = 200


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(token: str) -> list[Any]:
    if len(token) > _CURSOR_MAX_LENGTH:
        raise InvalidCursorError(token[:_CURSOR_MAX_LENGTH])
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursorError(token) from None
    if not isinstance(values, list) or not values:
        raise InvalidCursorError(token)
    return values


def cursor_for(sort: Sort, incident: Incident) -> str:
    """The cursor of the page that continues after ``incident`` in ``sort`` order."""
    if sort is Sort.CASE_NUMBER:
        return _encode([sort.value, incident.roc_year, incident.serial, incident.id])
    if sort is Sort.REPORTED:
        reported = incident.reported_date.isoformat() if incident.reported_date else None
        return _encode([sort.value, reported, incident.id])
    return _encode([sort.value, incident.id])


def _is_int(value: Any) -> bool:
    """An int the database can compare (one beyond its INTEGER range fails the query)."""
    return isinstance(value, int) and not isinstance(value, bool) and in_integer_range(value)


def newest_cursor_id(token: str) -> int:
    """The last case id shown, from a cursor of the newest-first sort. Raises InvalidCursorError."""
    values = _decode(token)
    if values[0] != Sort.NEWEST.value or len(values) != 2 or not _is_int(values[1]):
        raise InvalidCursorError(token)
    return values[1]


def _after(sort: Sort, token: str, id_column: Any) -> sa.ColumnElement[bool]:
    """The rows after the cursor ``token`` in ``sort`` order. Raises InvalidCursorError."""
    if sort is Sort.NEWEST:
        return id_column < newest_cursor_id(token)
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


def ordered(query: sa.Select[Incident], sort: Sort, after: str | None, id_column: Any) -> sa.Select:
    """``query`` in ``sort`` order, starting after the cursor ``after``. Raises InvalidCursorError."""
    if after:
        query = query.where(_after(sort, after, id_column))
    if sort is Sort.CASE_NUMBER:
        return query.order_by(Incident.roc_year, Incident.serial, Incident.id)
    if sort is Sort.REPORTED:
        return query.order_by(sa.nulls_last(Incident.reported_date.desc()), Incident.id.desc())
    return query.order_by(id_column.desc())


def id_column(plan: KeywordPlan | None) -> Any:
    """The case id to order and page by."""
    # With a trigram MATCH, ordering and paging by the FTS rowid (= incident.id) lets SQLite read the
    # matches newest first straight from the index and stop after one page, instead of collecting
    # every match and sorting it: the cost no longer grows with the number of matches.
    return fts.c.rowid if plan and plan.uses_fts else Incident.id
