"""Secrets on disk (issue 12 item 2): the database, its -wal/-shm, the key and the demo credentials are the
running account's only, and the application refuses to start when one of them is open to other accounts."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.private_files import UnsafeFileModesError, check_private, sqlite_files
from tests.helpers import make_app

ROOT = Path(__file__).resolve().parents[2]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def restored_umask():
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o602, 0o620])
def test_a_file_readable_or_writable_by_others_is_refused_with_the_fix(tmp_path, mode):
    database = tmp_path / "baomi.sqlite3"
    database.write_bytes(b"")
    database.chmod(mode)
    with pytest.raises(UnsafeFileModesError) as raised:
        check_private([database, tmp_path / "secret_key"])
    message = str(raised.value)
    assert str(database) in message and f"{mode:o}" in message
    assert f"chmod 600 {database}" in message and "拒絕啟動" in message


def test_private_and_missing_files_pass(tmp_path):
    for name, mode in (("baomi.sqlite3", 0o600), ("secret_key", 0o400)):
        (tmp_path / name).write_bytes(b"")
        (tmp_path / name).chmod(mode)
    check_private([tmp_path / "baomi.sqlite3", tmp_path / "secret_key", tmp_path / "baomi.sqlite3-wal"])


def test_the_wal_and_shm_files_are_checked_too(tmp_path):
    files = sqlite_files(f"sqlite:///{tmp_path}/baomi.sqlite3")
    assert [path.name for path in files] == ["baomi.sqlite3", "baomi.sqlite3-wal", "baomi.sqlite3-shm"]
    for path in files:
        path.write_bytes(b"")
        path.chmod(0o600)
    files[2].chmod(0o644)
    with pytest.raises(UnsafeFileModesError, match=r"baomi\.sqlite3-shm"):
        check_private(files)


def test_databases_without_a_file_have_nothing_to_check():
    for uri in ("sqlite://", "sqlite:///:memory:", "postgresql+psycopg://u:p@db/baomi"):
        assert sqlite_files(uri) == []


def _app_on(tmp_path: Path, database: Path):
    return make_app(f"sqlite:///{database}", PRIVATE_FILES=True, INSTANCE_DIR=tmp_path)


def test_the_app_refuses_to_start_when_the_database_is_open_to_others(tmp_path, sqlite_template, restored_umask):
    database = tmp_path / "baomi.sqlite3"
    shutil.copyfile(sqlite_template, database)
    database.chmod(0o644)
    with pytest.raises(UnsafeFileModesError, match="chmod 600"):
        _app_on(tmp_path, database)
    database.chmod(0o600)
    _app_on(tmp_path, database)
    # From now on the process creates private files.
    assert os.umask(0o077) == 0o077


def test_the_app_refuses_to_start_when_the_key_file_is_open_to_others(tmp_path, sqlite_template, restored_umask):
    database = tmp_path / "baomi.sqlite3"
    shutil.copyfile(sqlite_template, database)
    database.chmod(0o600)
    key = tmp_path / "secret_key"
    key.write_text("k" * 64, encoding="ascii")
    key.chmod(0o644)
    with pytest.raises(UnsafeFileModesError, match="secret_key"):
        _app_on(tmp_path, database)


def _demo_environment(instance: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "SECRET_KEY", "UPLOAD_DIR", "TEST_DATABASE_URL")
    }
    return {
        **environment,
        "BAOMI_INSTANCE_DIR": str(instance),
        "BAOMI_ENV": "development",
        "ARGON2_PROFILE": "CHEAPEST",
    }


# Starts the application as waitress does (create_app()), asks the database, and reports the modes of
# the SQLite files while the connection is open (the -wal and -shm files exist only then).
SERVE_ONCE = """
import os, stat, sys
from app import create_app
app = create_app()
assert app.test_client().get("/healthz").status_code == 200
database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
for suffix in ("", "-wal", "-shm"):
    print(suffix or "db", oct(stat.S_IMODE(os.stat(database + suffix).st_mode)))
"""


def test_run_leaves_only_private_files_and_serves(tmp_path):
    instance = tmp_path / "instance"
    # An instance made by an earlier version: everything readable by every local account.
    (instance / "uploads").mkdir(parents=True)
    (instance / "uploads" / "old-evidence.pdf").write_bytes(b"%PDF-1.4")
    for path in (instance, instance / "uploads"):
        path.chmod(0o755)
    (instance / "uploads" / "old-evidence.pdf").chmod(0o644)
    environment = _demo_environment(instance)

    # What ./run does after scripts/setup.sh (which installs packages), started with the usual umask 022.
    prepared = subprocess.run(
        [str(ROOT / "scripts" / "demo-instance.sh")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        umask=0o022,
        check=False,
    )
    assert prepared.returncode == 0, prepared.stderr
    assert "示範帳號 / demo accounts:" in prepared.stdout

    assert mode_of(instance) == 0o700
    for name in ("baomi.sqlite3", "secret_key", "demo-credentials.txt"):
        assert mode_of(instance / name) == 0o600, name
    assert not (instance / ".seed-output").exists()
    for path in instance.rglob("*"):
        assert not path.stat().st_mode & 0o077, f"{path} is open to others: {oct(mode_of(path))}"

    served = subprocess.run(
        [sys.executable, "-c", SERVE_ONCE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["db", "0o600", "-wal", "0o600", "-shm", "0o600"]

    # A copy that another account can read: the application does not start, and says why.
    (instance / "baomi.sqlite3").chmod(0o644)
    refused = subprocess.run(
        [sys.executable, "-c", SERVE_ONCE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0
    assert "拒絕啟動" in refused.stderr and f"chmod 600 {instance / 'baomi.sqlite3'}" in refused.stderr
