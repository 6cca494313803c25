"""Keyword search: which cases contain a keyword as a substring of 案由, summary or a note.

Chinese has no spaces between words, so a keyword is matched as a plain
substring (底價 is found in 洩漏工程底價予廠商), case-insensitively for Latin
letters, with LIKE wildcards and quotes taken literally:

- SQLite, keywords of 3+ characters: the FTS5 trigram table
  ``incident_search`` (incidents/search_index.py), queried as a phrase.
- SQLite, 1–2 characters: a trigram index cannot answer these (MATCH and even
  LIKE on the FTS table return nothing), so ``LIKE '%kw%'`` runs on the base
  columns (title, summary, note bodies), after the other filters. Newest first,
  the scan stops as soon as a page is full; a keyword found in few cases reads
  every case of the agency.
- PostgreSQL: ``ILIKE '%kw%'`` on the base columns. For 3+ characters the three
  pg_trgm GIN indexes answer it (one branch per index, so each can be used);
  shorter keywords produce no trigram and are checked row by row, as on SQLite.
  pg_trgm only extracts trigrams from Chinese when the database's LC_CTYPE is a
  UTF-8 locale (C.UTF-8 in CI and in scripts/pg-throwaway.sh); a test asserts it.

Every path is an exact substring match, so the answer is the same whichever
one runs (tests/incidents/test_search.py runs one set of cases on both databases).
Known difference: SQLite folds only ASCII letters for LIKE but all letters for
FTS5, so a 1–2-character keyword in a non-ASCII alphabet (Ä, Σ) is case-sensitive there.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from incidents.models import Incident, Note
from incidents.search_index import fts

__all__ = ["KEYWORD_MAX", "MIN_INDEXED_KEYWORD", "fts_condition", "keyword_condition", "normalise_keyword", "uses_fts"]

# An FTS5 trigram index (and pg_trgm) can only answer keywords of at least three characters.
MIN_INDEXED_KEYWORD = 3
KEYWORD_MAX = 100


def normalise_keyword(text: str | None) -> str:
    """Whitespace (including newlines) collapsed to single spaces and trimmed."""
    return " ".join((text or "").split())[:KEYWORD_MAX]


def like_pattern(keyword: str) -> str:
    escaped = keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def uses_fts(keyword: str, dialect: str) -> bool:
    return dialect == "sqlite" and len(keyword) >= MIN_INDEXED_KEYWORD


def keyword_condition(keyword: str, dialect: str, id_window: tuple[Any, Any] | None = None) -> sa.ColumnElement[bool]:
    """The keyword as substring conditions on the base columns (every case except SQLite FTS).

    ``id_window`` (PostgreSQL, 3+ characters): only case ids in (low, high] (values or bind
    parameters); the bounds go inside each index branch so that PostgreSQL can combine the
    trigram index with the primary key and skip the rows outside them.
    """
    pattern = like_pattern(keyword)

    def matches(column: Any) -> sa.ColumnElement[bool]:
        # SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE.
        return column.ilike(pattern, escape="\\") if dialect == "postgresql" else column.like(pattern, escape="\\")

    if dialect == "postgresql" and len(keyword) >= MIN_INDEXED_KEYWORD:
        # One SELECT per trigram index, so the planner can use each (an OR across two tables cannot).
        by_title, by_summary = aliased(Incident), aliased(Incident)

        def within(column: Any) -> list[sa.ColumnElement[bool]]:
            return [column > id_window[0], column <= id_window[1]] if id_window else []

        hits = sa.union(
            sa.select(by_title.id).where(matches(by_title.title), *within(by_title.id)),
            sa.select(by_summary.id).where(matches(by_summary.summary), *within(by_summary.id)),
            sa.select(Note.incident_id).where(matches(Note.body), *within(Note.incident_id)),
        )
        return Incident.id.in_(hits)
    in_notes = sa.select(1).where(Note.incident_id == Incident.id, matches(Note.body))
    if dialect == "postgresql":
        # OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hash of every matching note, which for a
        # keyword without trigrams means reading all notes. Checked row by row (through the index on
        # note.incident_id), the newest-first scan stops as soon as a page is full.
        in_notes = in_notes.offset(sa.literal_column("0"))
    return sa.or_(matches(Incident.title), matches(Incident.summary), sa.exists(in_notes))


def fts_phrase(keyword: str) -> str:
    """An FTS5 phrase matching the keyword literally (double quotes doubled inside)."""
    return '"' + keyword.replace('"', '""') + '"'


def fts_condition(keyword: str) -> sa.ColumnElement[bool]:
    """``incident_search MATCH "<keyword>"`` (the FTS table must be joined on rowid = incident.id)."""
    return sa.literal_column(fts.name).op("MATCH")(fts_phrase(keyword))
