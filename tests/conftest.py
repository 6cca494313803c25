"""Fixtures shared by the whole suite.

Tests that take ``app`` (or ``client``) run once on SQLite and once on
PostgreSQL. PostgreSQL runs when TEST_DATABASE_URL is set; with
REQUIRE_POSTGRES=1 a missing or unreachable server fails the run instead of
skipping it (CI sets both).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from config import TestingConfig
from core.extensions import db

POSTGRES_REQUIRED = os.environ.get("REQUIRE_POSTGRES") == "1"


def make_app(database_url: str, **overrides: object) -> Flask:
    return create_app(TestingConfig, {"SQLALCHEMY_DATABASE_URI": database_url, **overrides})


def reset_schema(app: Flask) -> None:
    """Drop every table, including Alembic's, leaving an empty database."""
    with app.app_context():
        db.metadata.drop_all(db.engine)
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
            if connection.dialect.name == "postgresql":
                # Made by the migration short_keyword_index for the search indexes (dropped with the tables).
                connection.execute(sa.text("DROP FUNCTION IF EXISTS search_grams(text)"))
        db.engine.dispose()


def upgrade_to_head(app: Flask) -> None:
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()


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


def db_scalar(app: Flask, statement: sa.Executable) -> object:
    """Run one query in a fresh app context (a separate session from the requests')."""
    with app.app_context():
        return db.session.scalar(statement)


def db_count(app: Flask, model: type, *conditions: object) -> int:
    return int(db_scalar(app, sa.select(sa.func.count()).select_from(model).where(*conditions)))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def fetch_csrf_token(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"GET {path} answered {response.status_code}"
    return csrf_token_from(response.get_data(as_text=True))


def login(client: FlaskClient, username: str, password: str, **extra: str):
    token = fetch_csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "username": username, "password": password, **extra})
