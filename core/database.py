"""Database engine settings that the ORM layer cannot express, and what a database error means.

The engine hides bound parameters from its error messages (``hide_parameters``, set in
core/extensions.py): a parameter may be a national ID or a case title. Drivers still put values
in their own messages (PostgreSQL's ``DETAIL:  Key (national_id)=(A123456789)``), so
:func:`error_shape` describes an error by its kind and statement only, for the log.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

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


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked, per connection.
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers proceed while one writer commits.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def configure_sqlite(app: Flask) -> None:
    """Install the SQLite pragmas on every new connection (no-op elsewhere)."""
    if not event.contains(Engine, "connect", _set_sqlite_pragmas):
        event.listen(Engine, "connect", _set_sqlite_pragmas)


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
