"""Database engine settings that the ORM layer cannot express, the locks that serialise writers,
and what a database error means.

SQLite (the embedded default) lets one transaction write at a time. Python's
sqlite3 driver reads outside any transaction and opens one only before the first
INSERT, UPDATE or DELETE, so a service that reads something (the last case
number, the recent sign-in failures) and then writes what depends on it must take
the write lock *before* that read, or two requests read the same value and one of
them is refused at the unique constraint. :func:`take_write_lock` does that
(``BEGIN IMMEDIATE``); :func:`serialise_on` serialises transactions per key on
either database (on PostgreSQL with advisory locks, so other keys never wait).

The engine hides bound parameters from its error messages (``hide_parameters``, set in
core/extensions.py): a parameter may be a national ID or a case title. Drivers still put values
in their own messages (PostgreSQL's ``DETAIL:  Key (national_id)=(A123456789)``), so
:func:`error_shape` describes an error by its kind and statement only, for the log.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

from core.extensions import db

# The INTEGER columns' range on PostgreSQL (SQLite's is wider): ids, serials and years
# coming from a URL or a cursor outside it cannot name a row, and must not reach the database.
INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1

# PostgreSQL SQLSTATEs that mean the server cannot be used right now: class 08 (connection
# exception), 57P01-57P03 (shut down by an administrator or a crash, not accepting connections yet)
# and 53300 (too many connections). Everything else (an out-of-range number, a constraint,
# a bug in a query) is an error of the request, not an unavailable database.
_UNAVAILABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})
# SQLite result codes that mean the file cannot be used: busy or locked past busy_timeout, cannot
# be opened, an I/O error, disk full, not a database, corrupt, read-only, no permission.
_UNAVAILABLE_SQLITE_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
    }
)
_STATEMENT_SHAPE_MAX = 500


def in_integer_range(value: int) -> bool:
    """Whether ``value`` fits the INTEGER columns of every supported database."""
    return INTEGER_MIN <= value <= INTEGER_MAX


def database_id(value: object) -> int:
    """An id typed or sent by a user (query string, form), as ``type=``/``coerce=`` of Werkzeug and WTForms take it.

    Raises ValueError (``request.args.get`` then answers None, a form field shows its invalid-value message)
    unless ``value`` is a non-negative int, or plain digits, within the INTEGER range.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(value)
    if isinstance(value, str):
        if not value.isascii() or not value.isdigit() or len(value) > len(str(INTEGER_MAX)):
            raise ValueError(value)
        value = int(value)
    if not 0 <= value <= INTEGER_MAX:
        raise ValueError(value)
    return value


# How long a writer waits for the SQLite write lock before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT_MS = 5000
# The threads of this process waiting in take_write_lock, one at a time.
_SQLITE_WRITERS = threading.Lock()


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked, per connection.
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers proceed while one writer commits.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def configure_sqlite(app: Flask) -> None:
    """Install the SQLite pragmas on every new connection (no-op elsewhere)."""
    if not event.contains(Engine, "connect", _set_sqlite_pragmas):
        event.listen(Engine, "connect", _set_sqlite_pragmas)


def take_write_lock() -> None:
    """On SQLite, make the session's transaction the one writer now, before it reads
    what it is about to write (``BEGIN IMMEDIATE``; waits up to the busy timeout).

    Held until the transaction ends. A transaction that has already written holds
    the lock, so nothing is done then. No-op on other databases: lock the rows the
    write depends on there (``SELECT … FOR UPDATE``) or use :func:`serialise_on`.
    """
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    dbapi_connection = connection.connection.dbapi_connection
    if not isinstance(dbapi_connection, sqlite3.Connection) or dbapi_connection.in_transaction:
        return
    # SQLite's busy handler polls with growing pauses, so among many waiting threads the
    # newest tends to win and an early one can wait out the whole timeout (seen with ten
    # officers filing at once on a busy machine). Threads of this process therefore queue
    # here and only one at a time waits for SQLite's lock. Nobody waits here while holding
    # that lock (a transaction that has it returns above), so this cannot deadlock.
    queued = _SQLITE_WRITERS.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        if queued:
            _SQLITE_WRITERS.release()


def advisory_key(key: str) -> int:
    """A stable signed 64-bit number for ``key`` (PostgreSQL's advisory lock space)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def serialise_on(*keys: str) -> None:
    """Until the session's transaction ends, no other transaction passes this call
    with any of ``keys``: it waits for this one to commit or roll back.

    PostgreSQL: a transaction-level advisory lock per key, taken in a fixed order
    (so two callers never wait for each other in a cycle). SQLite has one writer
    at a time, so the write lock serialises every key at once.
    """
    if db.session.connection().dialect.name != "postgresql":
        take_write_lock()
        return
    for number in sorted({advisory_key(key) for key in keys}):
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(number)))


def _sqlite_unavailable(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _UNAVAILABLE_SQLITE_CODES:
        return True
    # The file was moved away or replaced by an empty one: SQLite opens (creates) a blank
    # database, and the first query finds none of the application's tables.
    return str(error).startswith("no such table")


def is_connection_failure(error: StatementError) -> bool:
    """Whether ``error`` means the database cannot be reached (the 503 page), not a failed statement.

    SQLAlchemy marks a connection it found dead (``connection_invalidated``). Without a SQLSTATE, a
    psycopg OperationalError comes from the client library itself (connection refused, lost, timed out).
    """
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    original = error.orig
    if isinstance(original, sqlite3.Error):
        return _sqlite_unavailable(original)
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is None:
        return isinstance(error, OperationalError)
    return str(sqlstate).startswith("08") or sqlstate in _UNAVAILABLE_SQLSTATES


def error_shape(error: StatementError) -> str:
    """The error's driver class, its code and the statement with placeholders: no values, no driver message."""
    original = error.orig if isinstance(error, DBAPIError) else getattr(error, "orig", None)
    kind = type(original) if original is not None else type(error)
    code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", None)
    statement = " ".join(str(error.statement or "").split())
    if len(statement) > _STATEMENT_SHAPE_MAX:
        statement = statement[:_STATEMENT_SHAPE_MAX] + " …"
    return f"{kind.__module__}.{kind.__qualname__} [{code or 'no code'}] in: {statement or '(connecting)'}"
