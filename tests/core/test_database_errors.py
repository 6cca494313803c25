"""Database errors: what the user gets (503 only when the database cannot be reached) and what the log keeps
(the kind of error and the statement's shape, never a value: no national ID, no case title)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.helpers import make_app

NATIONAL_ID = "A123456789"


def _in_production_mode(app):
    app.testing = False  # let the error handlers run as in production
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app.test_client()


def _route_running(app, *statements: str):
    """A GET /probe that runs ``statements`` with the national ID as their parameter."""

    @app.get("/probe")
    def probe():
        for statement in statements:
            db.session.execute(sa.text(statement), {"national_id": NATIONAL_ID})
        return "done"


@pytest.mark.parametrize(
    "statements",
    [
        # A constraint: PostgreSQL's message quotes the value (DETAIL:  Key (national_id)=(A123456789)).
        (
            "CREATE TEMPORARY TABLE probe_row (national_id VARCHAR(10) UNIQUE)",
            "INSERT INTO probe_row (national_id) VALUES (:national_id)",
            "INSERT INTO probe_row (national_id) VALUES (:national_id)",
        ),
        # A table that is not there (on SQLite: the file was replaced, the database is unavailable).
        ("SELECT * FROM no_such_table WHERE national_id = :national_id",),
    ],
    ids=["constraint", "missing-table"],
)
def test_database_error_log_keeps_the_statement_but_no_value(app, caplog, statements):
    _route_running(app, *statements)
    client = _in_production_mode(app)
    with caplog.at_level(logging.INFO):
        response = client.get("/probe")
    assert response.status_code in (500, 503)
    html = response.get_data(as_text=True)
    reference = html.split("<code>")[1].split("</code>")[0]
    logged = caplog.text
    assert reference in logged
    assert "national_id" in logged and ("no_such_table" in logged or "probe_row" in logged)  # the shape
    assert NATIONAL_ID not in logged
    assert NATIONAL_ID not in html


def test_engine_hides_parameters_from_error_messages(app):
    with app.app_context():
        with pytest.raises(sa.exc.DBAPIError) as raised:
            db.session.execute(
                sa.text("SELECT * FROM no_such_table WHERE national_id = :national_id"), {"national_id": NATIONAL_ID}
            )
        assert NATIONAL_ID not in str(raised.value)


def test_failed_statement_is_a_500_with_reference_not_database_unavailable(app):
    _route_running(
        app,
        "CREATE TEMPORARY TABLE probe_row (national_id VARCHAR(10) UNIQUE)",
        "INSERT INTO probe_row (national_id) VALUES (:national_id)",
        "INSERT INTO probe_row (national_id) VALUES (:national_id)",
    )
    response = _in_production_mode(app).get("/probe")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "系統發生錯誤" in html and "參考編號" in html and "資料庫暫時無法連線" not in html


def test_number_out_of_range_on_postgresql_is_not_database_unavailable(postgres_at_head):
    # psycopg's NumericValueOutOfRange is a DataError (a DBAPIError): before, any DBAPIError gave the 503 page.
    app = make_app(postgres_at_head)

    @app.get("/probe")
    def probe():
        db.session.execute(sa.text("SELECT CAST(:number AS INTEGER)"), {"number": 10**20})
        return "done"

    try:
        response = _in_production_mode(app).get("/probe")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert response.status_code == 500
    assert "資料庫暫時無法連線" not in response.get_data(as_text=True)


def test_database_unavailable_on_the_api_is_json(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/missing/folder/db.sqlite3")

    @app.get("/api/v1/probe")
    def probe():
        db.session.execute(sa.text("SELECT 1"))
        return {"ok": True}

    response = app.test_client().get("/api/v1/probe")
    assert response.status_code == 503
    assert response.is_json and response.get_json()["reference"]
