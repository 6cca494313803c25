"""Helpers for the account tests: an agency with two admins, and the admin's forms posted as a browser would.

:class:`TwoAdmins` is what the ``two_admins`` fixture (conftest.py) sets up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from accounts.models import Role, User
from core.extensions import db
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import fetch_csrf_token, login, make_app
from tests.incidents.helpers import make_incident

NEW_PASSWORD = "a-long-enough-passphrase"


class TwoAdmins:
    """Agency AB with two admins, two officers (a case assigned to the first), a supervisor and an auditor;
    agency ZZ with two admins and an auditor."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.id = make_agency(app, code="AB", name="甲機關")
        self.other_id = make_agency(app, code="ZZ", name="乙機關")
        self.users = {
            name: make_user(app, name, role, agency_id=self.id, display_name=display)
            for name, role, display in (
                ("admin", Role.ADMIN, "張管理"),
                ("admin2", Role.ADMIN, "周管理"),
                ("officer", Role.OFFICER, "王承辦"),
                ("officer2", Role.OFFICER, "李承辦"),
                ("supervisor", Role.SUPERVISOR, "陳主管"),
                ("auditor", Role.AUDITOR, "林稽核"),
            )
        }
        for name, role in (("zz-admin", Role.ADMIN), ("zz-admin2", Role.ADMIN), ("zz-auditor", Role.AUDITOR)):
            self.users[name] = make_user(app, name, role, agency_id=self.other_id)
        self.incident_id = make_incident(app, self.users["officer"], title="洩漏工程底價予廠商")

    def client(self, username: str, password: str = PASSWORD) -> FlaskClient:
        """A test client signed in as ``username``."""
        client = self.app.test_client()
        assert login(client, username, password).status_code == 302, f"{username} could not sign in"
        return client

    def client_after_first_sign_in(self, username: str, temporary_password: str) -> FlaskClient:
        """Signed in with the temporary password an admin chose, and past the forced change (item 8)."""
        client = self.client(username, temporary_password)
        own = f"{temporary_password} made my own"
        response = post_form(
            client,
            "/password",
            {"current_password": temporary_password, "new_password": own, "confirm_password": own},
        )
        assert response.status_code == 302, f"{username} could not replace the temporary password"
        return client


def post_form(client: FlaskClient, path: str, data: dict, *, form_path: str | None = None):
    """POST ``data`` to ``path`` with the CSRF token of the page at ``form_path`` (default: ``path``)."""
    token = fetch_csrf_token(client, form_path or path)
    return client.post(path, data={"csrf_token": token, **data})


def create_account(client: FlaskClient, username: str, *roles: str, display_name: str = "新主管"):
    return post_form(
        client,
        "/admin/users/new",
        {
            "username": username,
            "display_name": display_name,
            "roles": list(roles),
            "password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )


def edit_account(client: FlaskClient, user_id: int, *, display_name: str, roles: list[str], new_password: str = ""):
    data: dict[str, object] = {"display_name": display_name, "roles": roles, "is_enabled": "y"}
    if new_password:
        data["new_password"] = new_password
    return post_form(client, f"/admin/users/{user_id}", data)


def sign_in_answer(app: Flask, username: str, password: str) -> int:
    """302 when the password opens the account, 200 (the form again) when not."""
    return login(app.test_client(), username, password).status_code


def roles_of(app: Flask, username: str) -> set[Role]:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        return set(user.roles)


@contextmanager
def app_with(database_url: str, **settings: object) -> Iterator[Flask]:
    """The application with other settings on the same database; its connections closed afterwards."""
    app = make_app(database_url, **settings)
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()
