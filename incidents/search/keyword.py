"""Keyword search: which cases contain a keyword as a substring of 案由, summary or a note.

Chinese has no spaces between words, so a keyword is matched as a plain
substring (底價 is found in 洩漏工程底價予廠商), case-insensitively for Latin
letters, with LIKE wildcards and quotes taken literally. :func:`plan_keyword`
chooses how, once per search:

- SQLite, 3+ characters: the FTS5 trigram table ``incident_search``
  (incidents/search/index.py), queried as a phrase.
- SQLite, 1–2 characters: a trigram index cannot take them as a phrase, but
  every character of the indexed text starts a trigram (the columns are
  padded), so a case contains the keyword exactly when it holds one of the
  trigrams that start with it. Those are looked up in the fts5vocab table and
  matched as ``"底價x" OR "底價y" ...``. A common keyword (found in at least
  DENSE_PROBE_HITS of the newest DENSE_PROBE_IDS cases, such as 資 or 的)
  is instead checked with ``LIKE '%kw%'`` on the base columns, newest first,
  which fills a page within a few hundred cases, while fts5vocab counts every
  occurrence of every trigram it lists (measured at 1M cases: 58 ms for 資).
  So is a keyword starting more than MAX_SHORT_KEYWORD_TERMS distinct
  trigrams, and one with non-ASCII letters that have a case (Ä, Σ), which
  FTS5 folds and LIKE does not.
- PostgreSQL: ``ILIKE '%kw%'`` on the base columns. For 3+ characters the three
  pg_trgm GIN indexes answer it (one branch per index, so each can be used);
  for 1–2 characters the ``search_grams`` GIN indexes do (the newest-first
  page search in incidents/search/window.py decides per window whether scanning or
  the index is cheaper). pg_trgm only extracts trigrams from Chinese when the
  database's LC_CTYPE is a UTF-8 locale (C.UTF-8 in CI and in
  scripts/pg-throwaway.sh); a test asserts it.

Every path is an exact substring match, so the answer is the same whichever
one runs (tests/incidents/test_search.py runs one set of cases on both databases).
Known difference: SQLite folds only ASCII letters for LIKE but all letters for
FTS5, so a 1–2-character keyword in a non-ASCII alphabet (Ä, Σ) is case-sensitive there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from incidents.models import Incident, Note
from incidents.search.index import fts, fts_terms

__all__ = [
    "DENSE_PROBE_HITS",
    "DENSE_PROBE_IDS",
    "KEYWORD_MAX",
    "MAX_SHORT_KEYWORD_TERMS",
    "MIN_INDEXED_KEYWORD",
    "KeywordPlan",
    "keyword_condition",
    "normalise_keyword",
    "plan_keyword",
    "postgres_indexed_condition",
    "scan_condition",
]

# An FTS5 trigram phrase (and pg_trgm) can only answer keywords of at least three characters.
MIN_INDEXED_KEYWORD = 3
KEYWORD_MAX = 100
# SQLite: at most this many trigrams OR-ed for a 1–2-character keyword (measured: about 35 µs each).
MAX_SHORT_KEYWORD_TERMS = 200
# SQLite: a 1–2-character keyword found in this many of the newest cases (by id) is scanned for.
DENSE_PROBE_IDS = 1000
DENSE_PROBE_HITS = 20


def normalise_keyword(text: str | None) -> str:
    """Whitespace (including newlines) collapsed to single spaces and trimmed."""
    return " ".join((text or "").split())[:KEYWORD_MAX]


def like_pattern(keyword: str) -> str:
    escaped = keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class KeywordPlan:
    """How one (normalised, non-empty) keyword is looked up on one database."""

    keyword: str
    dialect: str
    # SQLite: an FTS5 MATCH expression that finds exactly the cases containing the keyword.
    fts_match: str | None = None
    # SQLite: the index shows that no case contains the keyword.
    absent: bool = False

    @property
    def uses_fts(self) -> bool:
        return self.fts_match is not None

    def condition(self) -> sa.ColumnElement[bool]:
        """The keyword as a WHERE condition (with FTS, the FTS table must be joined on rowid = incident.id)."""
        if self.absent:
            return sa.false()
        if self.fts_match is not None:
            return sa.literal_column(fts.name).op("MATCH")(self.fts_match)
        return keyword_condition(self.keyword, self.dialect)


def plan_keyword(keyword: str, connection: Connection) -> KeywordPlan:
    """How to look up ``keyword`` (normalised, non-empty); on SQLite this reads the index (about 1–3 ms)."""
    dialect = connection.dialect.name
    if dialect != "sqlite":
        return KeywordPlan(keyword, dialect)
    if len(keyword) >= MIN_INDEXED_KEYWORD:
        return KeywordPlan(keyword, dialect, fts_match=fts_phrase(keyword))
    if not _fts_folds_like_sqlite_like(keyword) or _common_among_newest(keyword, connection):
        return KeywordPlan(keyword, dialect)
    terms = _trigrams_starting_with(keyword.lower(), connection)
    if len(terms) > MAX_SHORT_KEYWORD_TERMS:
        return KeywordPlan(keyword, dialect)
    if not terms:
        return KeywordPlan(keyword, dialect, absent=True)
    return KeywordPlan(keyword, dialect, fts_match=" OR ".join(fts_phrase(term) for term in terms))


def _fts_folds_like_sqlite_like(keyword: str) -> bool:
    """True when FTS5's case folding and SQLite's LIKE agree on every character (ASCII, or caseless)."""
    return all(char.isascii() or char.lower() == char == char.upper() for char in keyword)


def _common_among_newest(keyword: str, connection: Connection) -> bool:
    """True when the keyword is in DENSE_PROBE_HITS of the newest DENSE_PROBE_IDS case ids (any agency)."""
    newest = sa.select(sa.func.max(Incident.id)).scalar_subquery()
    hits = (
        sa.select(Incident.id)
        .where(Incident.id > newest - DENSE_PROBE_IDS, scan_condition(keyword, "sqlite"))
        .limit(DENSE_PROBE_HITS)
    )
    count = connection.scalar(sa.select(sa.func.count()).select_from(hits.subquery())) or 0
    return count >= DENSE_PROBE_HITS


def _after_prefix(prefix: str) -> str | None:
    """The smallest string above every string starting with ``prefix`` (code point order), if any."""
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates cannot be encoded
        following = 0xE000
    return prefix[:-1] + chr(following) if following <= 0x10FFFF else None


def _trigrams_starting_with(prefix: str, connection: Connection) -> list[str]:
    """Up to MAX_SHORT_KEYWORD_TERMS + 1 distinct indexed trigrams that begin with ``prefix``."""
    # A range on the term (UTF-8 byte order is code point order), which fts5vocab reads from the index.
    query = sa.select(fts_terms.c.term).where(fts_terms.c.term >= prefix)
    upper = _after_prefix(prefix)
    if upper is not None:
        query = query.where(fts_terms.c.term < upper)
    return list(connection.scalars(query.limit(MAX_SHORT_KEYWORD_TERMS + 1)))


def _matches(column: Any, pattern: str, dialect: str) -> sa.ColumnElement[bool]:
    # SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE.
    return column.ilike(pattern, escape="\\") if dialect == "postgresql" else column.like(pattern, escape="\\")


def keyword_condition(keyword: str, dialect: str) -> sa.ColumnElement[bool]:
    """The keyword as substring conditions on the base columns (every case except SQLite FTS).

    PostgreSQL, 3+ characters: answered by the trigram indexes; otherwise a scan (:func:`scan_condition`).
    """
    if dialect == "postgresql" and len(keyword) >= MIN_INDEXED_KEYWORD:
        return postgres_indexed_condition(keyword)
    return scan_condition(keyword, dialect)


def postgres_indexed_condition(keyword: str, id_window: tuple[Any, Any] | None = None) -> sa.ColumnElement[bool]:
    """PostgreSQL: the keyword through the GIN indexes, one SELECT per indexed column.

    3+ characters use the pg_trgm indexes (ILIKE alone); 1–2 characters add
    ``search_grams(column) @> ARRAY[lower(kw)]`` for the search_grams indexes. An OR across
    two tables could use neither, hence the UNION. ``id_window``: only case ids in
    (low, high] (values or bind parameters); the bounds go inside each branch so that
    PostgreSQL can combine the index with the primary key and skip the rows outside them.
    """
    pattern = like_pattern(keyword)
    by_title, by_summary = aliased(Incident), aliased(Incident)

    def condition(column: Any, id_column: Any) -> list[sa.ColumnElement[bool]]:
        # ILIKE first: where PostgreSQL scans rows instead of using the index, search_grams runs only on
        # the rows that ILIKE kept.
        conditions = [_matches(column, pattern, "postgresql")]
        if len(keyword) < MIN_INDEXED_KEYWORD:
            conditions.append(sa.func.search_grams(column).op("@>")(array([sa.func.lower(keyword)])))
        if id_window:
            conditions += [id_column > id_window[0], id_column <= id_window[1]]
        return conditions

    hits = sa.union(
        sa.select(by_title.id).where(*condition(by_title.title, by_title.id)),
        sa.select(by_summary.id).where(*condition(by_summary.summary, by_summary.id)),
        sa.select(Note.incident_id).where(*condition(Note.body, Note.incident_id)),
    )
    return Incident.id.in_(hits)


def scan_condition(keyword: str, dialect: str) -> sa.ColumnElement[bool]:
    """The keyword checked row by row on the base columns: cheap when it fills a page among the newest cases."""
    pattern = like_pattern(keyword)
    in_notes = sa.select(1).where(Note.incident_id == Incident.id, _matches(Note.body, pattern, dialect))
    if dialect == "postgresql":
        # OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hash of every matching note, which for a
        # keyword without trigrams means reading all notes. Checked row by row (through the index on
        # note.incident_id), the newest-first scan stops as soon as a page is full.
        in_notes = in_notes.offset(sa.literal_column("0"))
    return sa.or_(
        _matches(Incident.title, pattern, dialect), _matches(Incident.summary, pattern, dialect), sa.exists(in_notes)
    )


def fts_phrase(keyword: str) -> str:
    """An FTS5 phrase matching the keyword literally (double quotes doubled inside)."""
    return '"' + keyword.replace('"', '""') + '"'
