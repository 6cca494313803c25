"""Fixtures for case tests: ``cast`` sets up two agencies and one user per role (see :class:`Cast`)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from tests.factories import make_agency, make_user
from tests.incidents.helpers import CAST_USERS, OTHER_AGENCY_USERS, Cast, make_incident


@pytest.fixture
def cast(app: Flask) -> Cast:
    agency_id = make_agency(app, code="AB", name="甲機關")
    other_id = make_agency(app, code="ZZ", name="乙機關")
    users = {
        username: make_user(app, username, role, agency_id=agency_id, display_name=name)
        for username, role, name in CAST_USERS
    }
    users.update(
        {
            username: make_user(app, username, role, agency_id=other_id, display_name=name)
            for username, role, name in OTHER_AGENCY_USERS
        }
    )
    incident_id = make_incident(
        app,
        users["officer"],
        summary="承辦人員疑將工程底價告知投標廠商。",
        act_start=date(2025, 2, 20),
        discovered_date=date(2025, 3, 4),
    )
    return Cast(agency_id, other_id, users, incident_id)
