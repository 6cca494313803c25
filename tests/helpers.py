"""Helpers shared by the whole suite: the app on a given database, one-off queries, sign-in.

Fixtures live in the conftest files; tests import these functions from here.
"""

from __future__ import annotations

import re

import flask_migrate
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from config import TestingConfig
from core.extensions import db


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


def db_scalar(app: Flask, statement: sa.Executable) -> object:
    """Run one query in a fresh app context (a separate session from the requests')."""
    with app.app_context():
        return db.session.scalar(statement)


def db_count(app: Flask, model: type, *conditions: object) -> int:
    return int(db_scalar(app, sa.select(sa.func.count()).select_from(model).where(*conditions)))


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
