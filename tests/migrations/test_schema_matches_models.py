"""Migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from core.extensions import db
from incidents.search.index import include_name, include_object, is_search_index
from tests.helpers import make_app, reset_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url = request.getfixturevalue("postgres_at_head")
    reset_schema(make_app(url))
    yield url
    # Leave the shared test database at head for the tests that follow.
    app = make_app(url)
    reset_schema(app)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()


def schema_differences(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        # The search index (FTS5 table and its shadow tables on SQLite, trigram GIN indexes on
        # PostgreSQL) is built by a hand-written revision and is not in the models: skip it with the
        # same hooks migrations/env.py gives autogenerate, so both see the schema alike.
        opts = {"compare_type": True, "include_name": include_name, "include_object": include_object}
        context = MigrationContext.configure(connection, opts=opts)
        return compare_metadata(context, db.metadata)


def table_names(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def test_upgrade_of_an_empty_database_matches_the_models(empty_database_url):
    app = make_app(empty_database_url)
    assert table_names(app) == set()
    with app.app_context():
        flask_migrate.upgrade()
    model_tables = {name for name in table_names(app) if not is_search_index(name, "table")}
    assert model_tables == {*db.metadata.tables, "alembic_version"}
    assert schema_differences(app) == []
    with app.app_context():
        db.engine.dispose()


def test_downgrade_to_base_and_upgrade_again(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert table_names(app) == {"alembic_version"}
        flask_migrate.upgrade()
        assert schema_differences(app) == []
        db.engine.dispose()


def test_sqlite_enforces_foreign_keys_and_uses_wal(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'pragmas.sqlite3'}")
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            with pytest.raises(sa.exc.IntegrityError):
                connection.exec_driver_sql("INSERT INTO unit (agency_id, name) VALUES (999, '不存在的機關的單位')")
        db.engine.dispose()
