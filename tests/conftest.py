"""Fixtures shared by the whole suite.

Tests that take ``app`` (or ``client``) run once on SQLite and once on
PostgreSQL. PostgreSQL runs when TEST_DATABASE_URL is set; with
REQUIRE_POSTGRES=1 a missing or unreachable server fails the run instead of
skipping it (CI sets both).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from core.extensions import db
from tests.helpers import make_app, reset_schema, upgrade_to_head

POSTGRES_REQUIRED = os.environ.get("REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url:
        message = "TEST_DATABASE_URL is not set: PostgreSQL tests cannot run"
        if POSTGRES_REQUIRED:
            pytest.fail(message + " (REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as error:
        if POSTGRES_REQUIRED:
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_at_head(postgres_url: str) -> str:
    """The PostgreSQL test database, emptied and migrated once per run."""
    app = make_app(postgres_url)
    reset_schema(app)
    upgrade_to_head(app)
    return postgres_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    upgrade_to_head(make_app(f"sqlite:///{path}"))
    return path


def _truncate_all(app: Flask) -> None:
    with app.app_context():
        with db.engine.begin() as connection:
            tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
            connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
    else:
        url = request.getfixturevalue("postgres_at_head")
        yield url
        _truncate_all(make_app(url))


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The application on a fresh database. No app context is left pushed:
    each test-client request gets its own context, session and ``g``, as in
    production; tests open ``with app.app_context():`` to look at the database."""
    application = make_app(database_url)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
