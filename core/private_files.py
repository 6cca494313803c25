"""Secrets on disk stay with the account that runs the application.

The SQLite database (and its ``-wal``/``-shm`` files) holds every case and national ID; ``secret_key``
signs the sessions. The application creates files with umask 077 (so mode 600, directories 700), and
refuses to start when one of those files can be read or written by the group or by others: an older
install, a copy or a restored backup may have left it so (``./run`` and ``scripts/setup.sh`` set the
modes; this check is for every other way of starting).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

__all__ = ["PRIVATE_UMASK", "UnsafeFileModesError", "check_private", "init_app", "secret_files"]

PRIVATE_UMASK = 0o077
_GROUP_OR_OTHERS = stat.S_IRWXG | stat.S_IRWXO


class UnsafeFileModesError(RuntimeError):
    """A file with secrets is open to other accounts; ``str()`` says which, and the command that fixes it."""


def sqlite_files(database_uri: str) -> list[Path]:
    """The SQLite database file and its WAL companions named by ``database_uri`` (none for a server or memory)."""
    url = make_url(database_uri)
    if (
        url.get_backend_name() != "sqlite"
        or url.database in (None, "", ":memory:")
        or url.query.get("mode") == "memory"
    ):
        return []
    database = Path(str(url.database))
    return [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]


def secret_files(app: Flask) -> list[Path]:
    """The files this application keeps secrets in: its SQLite database (if any) and the local key file."""
    return [*sqlite_files(app.config["SQLALCHEMY_DATABASE_URI"]), Path(app.config["INSTANCE_DIR"]) / "secret_key"]


def check_private(paths: Iterable[Path]) -> None:
    """Raise UnsafeFileModesError if any existing file of ``paths`` grants the group or others any access."""
    exposed = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        if mode & _GROUP_OR_OTHERS:
            exposed.append((path, stat.S_IMODE(mode)))
    if not exposed:
        return
    listed = "、".join(f"{path}（權限 {mode:o}）" for path, mode in exposed)
    names = " ".join(str(path) for path, _ in exposed)
    raise UnsafeFileModesError(
        f"拒絕啟動：{listed} 可被其他帳號讀取或寫入，其中有案件資料或金鑰。請執行 chmod 600 {names} 後再啟動。\n"
        f"Refusing to start: {', '.join(f'{path} (mode {mode:o})' for path, mode in exposed)} can be read or written "
        f"by other accounts and hold case data or the key. Run: chmod 600 {names}"
    )


def init_app(app: Flask) -> None:
    """With PRIVATE_FILES (default: on unless TESTING; the tests' databases are temporary files): umask 077
    for every file the process creates from now on, and the start-up check."""
    if not app.config.get("PRIVATE_FILES", not app.testing):
        return
    os.umask(PRIVATE_UMASK)
    check_private(secret_files(app))
