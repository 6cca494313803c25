"""TRUSTED_PROXIES: whose address the per-address sign-in limit counts (issue 12 item 8b).

Off (0, the default) the X-Forwarded-For header is ignored: anyone can send it.
Behind N trusted reverse proxies the client's address is the one the last proxy
wrote (Werkzeug's ProxyFix), so each client behind the proxy has its own limit,
and a client cannot escape it by writing addresses of its own in front.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import LoginAttempt, Role
from core.extensions import db
from core.models import utcnow
from tests.factories import PASSWORD, make_user
from tests.helpers import db_scalar, fetch_csrf_token, make_app

PROXY = "10.0.0.2"  # the reverse proxy, as the app server sees it
CLIENT = "203.0.113.7"
OTHER_CLIENT = "203.0.113.8"


@pytest.fixture
def proxied_app(database_url: str) -> Iterator[Flask]:
    application = make_app(database_url, TRUSTED_PROXIES=1)
    yield application
    with application.app_context():
        db.engine.dispose()


def sign_in_via(app: Flask, password: str, *, forwarded_for: str | None, remote_addr: str = PROXY):
    client = app.test_client()
    token = fetch_csrf_token(client, "/login")
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        "/login",
        data={"csrf_token": token, "username": "officer", "password": password},
        headers=headers,
        environ_base={"REMOTE_ADDR": remote_addr},
    )


def last_attempt_address(app: Flask) -> str:
    return str(db_scalar(app, sa.select(LoginAttempt.client_address).order_by(LoginAttempt.id.desc()).limit(1)))


def fail_from(app: Flask, address: str, count: int) -> None:
    with app.app_context():
        db.session.add_all(
            LoginAttempt(username=f"guess{i}", client_address=address, succeeded=False, attempted_at=utcnow())
            for i in range(count)
        )
        db.session.commit()


def test_by_default_x_forwarded_for_is_ignored(app):
    make_user(app, "officer", Role.OFFICER)
    assert app.config["TRUSTED_PROXIES"] == 0
    sign_in_via(app, "wrong-password-123", forwarded_for=CLIENT)
    assert last_attempt_address(app) == PROXY
    # A client whose address reached the limit cannot get round it by claiming another one.
    fail_from(app, PROXY, app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"])
    assert sign_in_via(app, PASSWORD, forwarded_for=OTHER_CLIENT).status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(proxied_app):
    app = proxied_app
    make_user(app, "officer", Role.OFFICER)
    sign_in_via(app, "wrong-password-123", forwarded_for=CLIENT)
    assert last_attempt_address(app) == CLIENT

    fail_from(app, CLIENT, app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"])
    assert sign_in_via(app, PASSWORD, forwarded_for=CLIENT).status_code == 429
    # The limited client cannot pass as another by writing an address in front of its own.
    assert sign_in_via(app, PASSWORD, forwarded_for=f"{OTHER_CLIENT}, {CLIENT}").status_code == 429
    assert last_attempt_address(app) != OTHER_CLIENT
    # Another client behind the same proxy signs in.
    assert sign_in_via(app, PASSWORD, forwarded_for=OTHER_CLIENT).status_code == 302


def test_behind_a_trusted_proxy_https_is_recognised(app, proxied_app):
    for application, hsts in ((app, False), (proxied_app, True)):
        response = application.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
        assert ("Strict-Transport-Security" in response.headers) is hsts


@pytest.mark.parametrize("value", [-1, "2", True])
def test_a_nonsensical_setting_stops_the_start(database_url, value):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES"):
        make_app(database_url, TRUSTED_PROXIES=value)
