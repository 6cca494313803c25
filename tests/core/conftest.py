"""Fixtures for the crafted-input tests: one agency with a user of every role, a case with a respondent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask

from accounts.models import Role
from tests.factories import make_agency, make_user
from tests.incidents.helpers import make_incident, make_respondent

ROLE_USERS = {
    "officer": Role.OFFICER,
    "supervisor": Role.SUPERVISOR,
    "auditor": Role.AUDITOR,
    "admin": Role.ADMIN,
}


@dataclass(frozen=True)
class Agency:
    """Agency AB with one user per role (named after the role), a case of the officer and its respondent."""

    users: dict[str, int]
    incident_id: int
    respondent_id: int


@pytest.fixture
def agency(app: Flask) -> Agency:
    agency_id = make_agency(app, code="AB", name="甲機關")
    users = {name: make_user(app, name, role, agency_id=agency_id) for name, role in ROLE_USERS.items()}
    incident_id = make_incident(app, users["officer"], act_start=date(2025, 2, 20))
    respondent_id = make_respondent(app, incident_id)
    return Agency(users, incident_id, respondent_id)


@pytest.fixture
def with_statutes(app: Flask) -> Flask:
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0, result.output
    return app
