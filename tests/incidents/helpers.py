"""Shared builders for case tests (used by every incidents test module).

The builders go through the real services (case numbers, assignments, audit)
and return ids, never ORM objects; each commits in its own app context.

    incident_id = make_incident(app, creator_id, title="遺失機密公文")
    respondent_id = make_respondent(app, incident_id, name="林小明")

:class:`Cast` is what the ``cast`` fixture (conftest.py) sets up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from accounts.models import Agency, Role, User
from core.extensions import db
from incidents.models import Incident, Respondent
from incidents.services import assignments, intake, respondents
from incidents.services.facts import EMPTY_RESPONDENT_FACTS
from tests.factories import PASSWORD, make_user
from tests.helpers import login

VALID_IDS = ("A123456789", "F128765439", "B220196332", "E123454323", "K222333448")


def _default_creator(app: Flask) -> int:
    """An officer of the first agency (created when there is none)."""
    with app.app_context():
        officer = db.session.scalar(
            sa.select(User.id).where(User.role_rows.any(role=Role.OFFICER)).order_by(User.id).limit(1)
        )
    return officer or make_user(app, "case-officer", Role.OFFICER)


def make_incident(
    app: Flask,
    creator_id: int | None = None,
    *,
    title: str = "洩漏工程底價予廠商",
    assignee_ids: tuple[int, ...] | list[int] = (),
    filed: bool = False,
    now: datetime | None = None,
    **fields: Any,
) -> int:
    """Open a case as ``creator_id`` (an officer, assigned automatically); returns its id.

    ``fields`` are those of ``incidents.services.intake.CaseInput`` (summary, source,
    reported_date, discovered_date, act_start, act_end, facts, classification, …).
    """
    creator_id = creator_id or _default_creator(app)
    with app.app_context():
        actor = db.session.get(User, creator_id)
        incident = intake.open_incident(
            actor,
            intake.CaseInput(title=title, **fields),
            assignee_ids=list(assignee_ids),
            client_address="test",
            now=now,
        )
        if filed:
            intake.file_incident(actor, incident, client_address="test")
        db.session.commit()
        return incident.id


def make_respondent(
    app: Flask,
    incident_id: int,
    actor_id: int | None = None,
    *,
    name: str = "林小明",
    national_id: str = "A123456789",
    position: str = "科員",
    user_id: int | None = None,
    **facts: Any,
) -> int:
    """Add a respondent (as ``actor_id``, by default the case's first assigned officer); returns its id.

    ``facts`` override the respondent part (category, rank_class, grade, year_records, …).
    """
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        actor = db.session.get(User, actor_id) if actor_id else min(incident.assignments, key=lambda a: a.user_id).user
        respondent = respondents.add_respondent(
            actor,
            incident,
            respondents.RespondentInput(
                name=name,
                national_id=national_id,
                position=position,
                facts={**EMPTY_RESPONDENT_FACTS, **facts},
                user_id=user_id,
            ),
            client_address="test",
        )
        db.session.commit()
        return respondent.id


def recuse(app: Flask, incident_id: int, user_id: int, reason: str = "與被調查人為親屬") -> None:
    """``user_id`` declares a conflict of interest in the case."""
    with app.app_context():
        assignments.declare_recusal(
            db.session.get(User, user_id), db.session.get(Incident, incident_id), reason, client_address="test"
        )
        db.session.commit()


def incident_row(app: Flask, incident_id: int) -> dict[str, Any]:
    """The stored case as plain values (plus ``assignees``: usernames, ``respondents``: names)."""
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        values = {column.name: getattr(incident, column.name) for column in Incident.__table__.columns}
        values["assignees"] = sorted(a.user.username for a in incident.assignments)
        values["respondents"] = [r.name for r in incident.respondents]
        values["recused"] = sorted(r.user_id for r in incident.recusals)
        return values


def respondent_row(app: Flask, respondent_id: int) -> dict[str, Any] | None:
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        if respondent is None:
            return None
        return {column.name: getattr(respondent, column.name) for column in Respondent.__table__.columns}


def case_form(**overrides: Any) -> dict[str, Any]:
    """POST data for the case form (create or edit), valid unless overridden."""
    data: dict[str, Any] = {
        "title": "洩漏工程底價予廠商",
        "summary": "承辦人員疑將工程底價以通訊軟體告知投標廠商。",
        "source": "whistleblower_report",
        "reported_date": "114/03/05",
        "discovered_date": "114/03/04",
        "classification": "general_official_secret",
        "act_start": "114/02/20",
        "act_end": "",
        "conducts": ["disclose"],
        "intent": "intentional",
        "known_through_duty": "yes",
        "benefit_received": "",
        "abused_authority": "",
        "kinds": ["procurement"],
        "classification_level": "",
        "recipient_kind": "vendor",
        "vendor_foreign_or_mainland": "no",
        "used_abroad": "",
        "serious_government_damage": "",
        "conclusive_evidence": "",
        "third_party_harm": "",
        "cyber_aware_at": "",
    }
    data.update(overrides)
    return data


@dataclass(frozen=True)
class Cast:
    """Agency AB: officer (created the case and is assigned), officer2 (not assigned),
    supervisor, auditor, admin. Agency ZZ: zz-officer, zz-supervisor, zz-auditor.
    ``incident_id``: a draft case of AB (AB-<year>-0001)."""

    agency_id: int
    other_agency_id: int
    users: dict[str, int]
    incident_id: int

    def id(self, username: str) -> int:
        return self.users[username]


CAST_USERS = (
    ("officer", Role.OFFICER, "王承辦"),
    ("officer2", Role.OFFICER, "李承辦"),
    ("supervisor", Role.SUPERVISOR, "陳主管"),
    ("auditor", Role.AUDITOR, "林稽核"),
    ("admin", Role.ADMIN, "張管理"),
)
OTHER_AGENCY_USERS = (
    ("zz-officer", Role.OFFICER, "乙承辦"),
    ("zz-supervisor", Role.SUPERVISOR, "乙主管"),
    ("zz-auditor", Role.AUDITOR, "乙稽核"),
)


def signed_in(client: FlaskClient, username: str) -> FlaskClient:
    response = login(client, username, PASSWORD)
    assert response.status_code == 302, f"{username} could not sign in"
    return client


def agency_code(app: Flask, agency_id: int) -> str:
    with app.app_context():
        return db.session.get(Agency, agency_id).code
