"""Case notes: a timeline of dated entries written by the officers on the case."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from accounts.models import User
from core.clock import taipei_today
from core.extensions import db
from core.roc_date import format_roc
from core.services import ServiceError
from incidents.models import Incident, Note
from incidents.services.access import require_edit
from incidents.services.case_audit import record_case_event

__all__ = ["MAX_NOTE_LENGTH", "add_note", "timeline"]

MAX_NOTE_LENGTH = 5000


def add_note(
    actor: User,
    incident: Incident,
    *,
    note_date: date | None,
    body: str,
    client_address: str = "",
) -> Note:
    """Add a dated note by ``actor`` to the case's timeline.

    :raise NotFound: ``actor`` may not see the case.
    :raise NotPermitted: ``actor`` may see but not change it (e.g. an auditor).
    :raise ServiceError: no date or a future date (Taiwan time), empty or over-long text.
    """
    require_edit(actor, incident)
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    errors: dict[str, list[str]] = {}
    today = taipei_today()
    if note_date is None:
        errors["note_date"] = [_("請輸入日期。")]
    elif note_date > today:
        errors["note_date"] = [_("日期不可晚於今天（%(today)s）。", today=format_roc(today))]
    if not text:
        errors["body"] = [_("請輸入紀錄內容。")]
    elif len(text) > MAX_NOTE_LENGTH:
        errors["body"] = [_("紀錄內容最多 %(max)d 個字（目前 %(count)d 個）。", max=MAX_NOTE_LENGTH, count=len(text))]
    if errors:
        raise ServiceError(errors)
    assert note_date is not None
    note = Note(incident_id=incident.id, author_id=actor.id, note_date=note_date, body=text)
    db.session.add(note)
    db.session.flush()
    record_case_event(
        actor,
        incident,
        "note_added",
        {"note_date": note_date.isoformat(), "length": len(text)},
        target=("note", note.id),
        client_address=client_address,
    )
    return note


def timeline(incident: Incident) -> list[Note]:
    """The case's notes, newest first (by date, then by when they were written)."""
    query = (
        sa.select(Note)
        .where(Note.incident_id == incident.id)
        .options(joinedload(Note.author))
        .order_by(Note.note_date.desc(), Note.id.desc())
    )
    return list(db.session.scalars(query))
