"""Database engine settings that the ORM layer cannot express, and the locks that serialise writers.

SQLite (the embedded default) lets one transaction write at a time. Python's
sqlite3 driver reads outside any transaction and opens one only before the first
INSERT, UPDATE or DELETE, so a service that reads something (the last case
number, the recent sign-in failures) and then writes what depends on it must take
the write lock *before* that read, or two requests read the same value and one of
them is refused at the unique constraint. :func:`take_write_lock` does that
(``BEGIN IMMEDIATE``); :func:`serialise_on` serialises transactions per key on
either database (on PostgreSQL with advisory locks, so other keys never wait).
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

from core.extensions import db

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
