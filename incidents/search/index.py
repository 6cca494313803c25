"""The keyword-search index and how it is kept in step with the cases.

The index is created by the migration ``case_search_index`` and is not part
of the models:

- SQLite: FTS5 table ``incident_search(title, summary, notes)`` with the
  trigram tokenizer, one row per case (rowid = incident.id, notes = every
  note body joined by newlines, each column followed by two U+001F so that
  every character starts a trigram). Triggers on ``incident`` and ``note``
  update it in the same transaction as the change, whoever makes the change
  (services, CLI, plain SQL), so no service has to remember to refresh it.
  The fts5vocab table ``incident_search_terms`` lists its trigrams, for
  keywords of one or two characters (migration ``short_keyword_index``).
- PostgreSQL: pg_trgm GIN indexes on incident.title, incident.summary and
  note.body, and GIN indexes over ``search_grams(column)`` (the characters
  and character pairs) for shorter keywords. An index is always in step;
  nothing to maintain.

This module names those objects (so Alembic's comparison of models and
database can skip them), rebuilds the SQLite table when it is suspected to be
out of step, and offers :func:`bulk_load` for loading many rows quickly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

FTS_TABLE = "incident_search"
VOCABULARY_TABLE = "incident_search_terms"
# FTS5 keeps its data in these shadow tables, which reflection lists as ordinary tables.
FTS_TABLES = frozenset(
    {
        FTS_TABLE,
        VOCABULARY_TABLE,
        *(f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")),
    }
)
SQLITE_TRIGGERS = frozenset(
    {
        "incident_search_after_insert",
        "incident_search_after_update",
        "incident_search_after_delete",
        "note_search_after_insert",
        "note_search_after_update",
        "note_search_after_delete",
    }
)
POSTGRES_INDEXES = frozenset(
    {
        "ix_incident_title_trgm",
        "ix_incident_summary_trgm",
        "ix_note_body_trgm",
        "ix_incident_title_grams",
        "ix_incident_summary_grams",
        "ix_note_body_grams",
    }
)

# The FTS table as a SQL expression for queries (deliberately not in Base.metadata).
fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("title"), sa.column("summary"), sa.column("notes"))
# Its trigrams (fts5vocab 'row': one row per distinct trigram, with the number of cases holding it).
fts_terms = sa.table(VOCABULARY_TABLE, sa.column("term"), sa.column("doc"))

_NOTES_OF_INCIDENT = (
    "COALESCE((SELECT group_concat(body, char(10)) FROM note WHERE note.incident_id = incident.id), '')"
)
# What the triggers store for a case (the same expressions as the migration short_keyword_index).
_INDEXED_COLUMNS = ", ".join(
    f"COALESCE({column}, '') || char(31, 31)" for column in ("title", "summary", _NOTES_OF_INCIDENT)
)


def is_search_index(name: str | None, type_: str) -> bool:
    """True for the database objects of the search index (not described by the models)."""
    if type_ == "table":
        return name in FTS_TABLES
    if type_ == "index":
        return name in POSTGRES_INDEXES
    return False


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic ``include_name`` hook: do not reflect the search index.

    Used by migrations/env.py (so ``flask db migrate`` never proposes to drop
    it) and by tests/migrations/test_schema_matches_models.py (so the check
    that the migrations build exactly the models' schema ignores it); both
    must skip the same objects, or autogenerate and the test would disagree.
    """
    return not is_search_index(name, type_)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic ``include_object`` hook: the same rule, for objects already reflected."""
    return not (reflected and compare_to is None and is_search_index(name, type_))


def sqlite_triggers(connection: Connection) -> set[str]:
    """The search triggers present in a SQLite database."""
    rows = connection.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    return set(rows) & SQLITE_TRIGGERS


def rebuild(connection: Connection) -> int:
    """Fill the SQLite FTS table again from the cases and notes; returns the row count.

    Needed only if the triggers were missing while cases changed (for
    instance after a faulty migration). PostgreSQL indexes need no rebuild.
    """
    if connection.dialect.name != "sqlite":
        return 0
    connection.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))
    connection.execute(
        sa.text(f"INSERT INTO {FTS_TABLE} (rowid, title, summary, notes) SELECT id, {_INDEXED_COLUMNS} FROM incident")
    )
    return int(connection.execute(sa.text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one())


def out_of_step(connection: Connection) -> list[int]:
    """Ids of cases whose SQLite index row differs from their title, summary and notes.

    A full comparison: for tests and ``flask cases reindex --check``, not for requests.
    """
    if connection.dialect.name != "sqlite":
        return []
    expected = f"SELECT id, {_INDEXED_COLUMNS} FROM incident"
    actual = f"SELECT rowid, title, summary, notes FROM {FTS_TABLE}"
    statement = f"SELECT * FROM ({expected} EXCEPT {actual}) UNION SELECT * FROM ({actual} EXCEPT {expected})"
    return sorted({row[0] for row in connection.execute(sa.text(statement))})


@contextmanager
def bulk_load(connection: Connection) -> Iterator[None]:
    """Load many cases and notes without maintaining the index row by row.

    SQLite: the search triggers are dropped for the duration and recreated
    from their stored definitions afterwards, and the FTS table is rebuilt in
    one statement. PostgreSQL: the trigram indexes are dropped and recreated.
    Both are many times faster than updating the index per row. Use in one
    transaction with the inserts (DDL is transactional on both databases).
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        rows = connection.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
        saved = [(name, sql) for name, sql in rows if name in SQLITE_TRIGGERS]
        for name, _sql in saved:
            connection.execute(sa.text(f'DROP TRIGGER "{name}"'))
        yield
        rebuild(connection)
        for _name, sql in saved:
            connection.exec_driver_sql(sql)
    elif dialect == "postgresql":
        rows = connection.execute(
            sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(:names)"),
            {"names": sorted(POSTGRES_INDEXES)},
        ).all()
        for name, _definition in rows:
            connection.execute(sa.text(f'DROP INDEX "{name}"'))
        yield
        for _name, definition in rows:
            connection.exec_driver_sql(definition)
    else:
        yield
