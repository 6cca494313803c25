"""Demo data for ``flask seed-demo`` and ``./run``. Safe to run again."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from accounts import services
from accounts.models import Agency, Role, Unit, User
from accounts.passwords import hash_password
from core.extensions import db

DEMO_AGENCY_CODE = "DEMO"
DEMO_AGENCY_NAME = "示範部"
DEMO_UNITS = ("政風處第一科", "政風處第二科")
# username, display name, unit index, role
DEMO_USERS = (
    ("officer", "王承辦", 0, Role.OFFICER),
    ("officer2", "李承辦", 1, Role.OFFICER),
    ("supervisor", "陳主管", 0, Role.SUPERVISOR),
    ("auditor", "林稽核", None, Role.AUDITOR),
    ("admin", "張管理", None, Role.ADMIN),
)
# No look-alike characters (0/O, 1/l/I), so a printed password can be typed.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    password: str | None  # None: the account existed and its password was kept
    created: bool


def random_password() -> str:
    """Four groups of four characters, e.g. ``k7Pm-x2Qd-9fRt-Wb3n`` (about 91 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def seed_demo(password: str | None = None) -> list[DemoAccount]:
    """Create the demo agency, its units and one user per role, where missing.

    Existing demo users keep their password unless ``password`` is given, in
    which case it is set for all of them. The caller commits.
    """
    agency = db.session.scalar(sa.select(Agency).where(Agency.code == DEMO_AGENCY_CODE))
    if agency is None:
        agency = services.create_agency(DEMO_AGENCY_CODE, DEMO_AGENCY_NAME, DEMO_UNITS)
    units: list[Unit] = []
    for name in DEMO_UNITS:
        unit = next((u for u in agency.units if u.name == name), None)
        if unit is None:
            unit = Unit(agency=agency, name=name)
            db.session.add(unit)
        units.append(unit)
    db.session.flush()

    accounts: list[DemoAccount] = []
    for username, display_name, unit_index, role in DEMO_USERS:
        unit = units[unit_index] if unit_index is not None else None
        user = db.session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            new_password = password or random_password()
            services.create_user(
                None,
                username=username,
                display_name=display_name,
                agency=agency,
                unit=unit,
                roles={role},
                password=new_password,
                client_address="seed-demo",
            )
            accounts.append(DemoAccount(username, display_name, role, new_password, created=True))
        else:
            if password:
                user.password_hash = hash_password(services.hasher(), password)
                user.rotate_session_token()
            accounts.append(DemoAccount(username, user.display_name, role, password, created=False))
    return accounts
