"""Test data builders with sensible defaults (CTFd/Indico style).

Each builder commits in its own app context and returns plain values, so
tests never hold ORM objects across requests."""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from flask import Flask

from accounts import services
from accounts.models import Agency, Role
from core.extensions import db

PASSWORD = "correct-horse-battery"
_serial = itertools.count(1)


def make_agency(
    app: Flask, code: str | None = None, name: str | None = None, units: tuple[str, ...] = ("第一科", "第二科")
) -> int:
    """Create an agency; returns its id."""
    number = next(_serial)
    with app.app_context():
        agency = services.create_agency(
            code or f"AG{chr(65 + number // 26 % 26)}{chr(65 + number % 26)}", name or f"測試機關{number}", units
        )
        db.session.commit()
        return agency.id


def make_user(
    app: Flask,
    username: str,
    *roles: Role,
    agency_id: int | None = None,
    password: str = PASSWORD,
    display_name: str | None = None,
) -> int:
    """Create a user (in the first agency unless one is named); returns its id."""
    if agency_id is None:
        with app.app_context():
            agency_id = db.session.scalar(sa.select(Agency.id).order_by(Agency.id).limit(1))
        if agency_id is None:
            agency_id = make_agency(app)
    with app.app_context():
        user = services.create_user(
            None,
            username=username,
            display_name=display_name or f"使用者{username}",
            agency=db.session.get(Agency, agency_id),
            roles=set(roles) or {Role.OFFICER},
            password=password,
        )
        db.session.commit()
        return user.id
