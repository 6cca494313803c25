"""Sessions end SESSION_MAX_HOURS after signing in, however active (issue 12 item 8c).

The sessions' clock (accounts.routes.session_now) is replaced by a clock the test moves.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from accounts import routes
from accounts.models import Role
from audit.models import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, make_user
from tests.helpers import db_count, login, make_app

START = 1_780_000_000.0  # a moment in 2026, in POSIX seconds
MINUTE = 60
HOUR = 3600


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    frozen = Clock(START)
    monkeypatch.setattr(routes, "session_now", frozen)
    return frozen


def test_an_active_session_ends_twelve_hours_after_signing_in(app, client, clock):
    make_user(app, "officer", Role.OFFICER)
    assert app.config["SESSION_MAX_HOURS"] == 12
    assert login(client, "officer", PASSWORD).status_code == 302
    # Busy all day: a page every 20 minutes, never idle for the 30 that would sign out.
    for minutes in range(20, 12 * 60, 20):
        clock.now = START + minutes * MINUTE
        assert client.get("/").status_code == 200, f"signed out after {minutes} minutes"
    clock.now = START + 12 * HOUR - MINUTE
    assert client.get("/settings").status_code == 200

    clock.now = START + 12 * HOUR + MINUTE
    response = client.get("/settings")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/settings?"
    assert "您已登入超過 12 小時，為保護資料已自動登出，請重新登入。" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert db_count(app, AuditEntry, AuditEntry.action == "session_lifetime_exceeded") == 1
    assert db_count(app, AuditEntry, AuditEntry.action == "session_expired") == 0


@pytest.fixture
def two_hour_app(database_url: str) -> Iterator[Flask]:
    application = make_app(database_url, SESSION_MAX_HOURS=2)
    yield application
    with application.app_context():
        db.engine.dispose()


def test_the_lifetime_is_configurable(two_hour_app, clock):
    app = two_hour_app
    client = app.test_client()
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    for minutes in (25, 50, 75, 100, 119):
        clock.now = START + minutes * MINUTE
        assert client.get("/").status_code == 200
    clock.now = START + 121 * MINUTE
    assert client.get("/").status_code == 302
    assert "您已登入超過 2 小時" in client.get("/login").get_data(as_text=True)


def test_signing_in_again_starts_a_new_lifetime(app, client, clock):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    clock.now = START + 12 * HOUR + MINUTE
    assert client.get("/").status_code == 302
    assert login(client, "officer", PASSWORD).status_code == 302
    clock.now += 20 * MINUTE  # 12 h 21 min after the first sign-in, 20 min after this one
    assert client.get("/").status_code == 200


def test_a_session_without_a_sign_in_time_is_ended(app, client, clock):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    with client.session_transaction() as session:
        del session["signed_in_at"]
    assert client.get("/").status_code == 302
    assert db_count(app, AuditEntry, AuditEntry.action == "session_lifetime_exceeded") == 1
