"""The auditor's read-only views of the audit log of their agency: every entry, and
the account-access changes alone (帳號權限異動)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_login import current_user

from accounts.access_change_display import ACCESS_CHANGE_ACTIONS, describe_entry
from accounts.models import Role
from accounts.permissions import role_required
from audit.forms import AuditFilterForm
from audit.models import AuditEntry
from audit.services import ACTION_LABELS, record_log_view
from core.clock import TAIPEI
from core.database import database_id
from core.extensions import db
from core.security import client_address

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE_SIZE = 50


def _start_of_taipei_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=TAIPEI)


@bp.get("/")
@role_required(Role.AUDITOR)
def entries() -> tuple[str, int]:
    """Newest first, keyset-paginated by id (stable while new entries arrive),
    optionally limited to a range of dates in Taiwan time.

    Reading the log is itself logged (``audit_log_viewed``: the filters and the ids shown),
    committed before the page is sent. The entry is written after the query, so it heads the
    next read of the log, not this one."""
    form = AuditFilterForm(request.args)
    query = sa.select(AuditEntry).where(AuditEntry.agency_id == current_user.agency_id)
    status = 200
    if request.args and not form.validate():
        status = 400
    else:
        if form.date_from.data:
            query = query.where(AuditEntry.occurred_at >= _start_of_taipei_day(form.date_from.data))
        if form.date_to.data:
            query = query.where(AuditEntry.occurred_at < _start_of_taipei_day(form.date_to.data + timedelta(days=1)))
    before = request.args.get("before", type=database_id)  # not an id (too large, say): the first page
    if before:
        query = query.where(AuditEntry.id < before)
    rows = db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE + 1)).all()
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    filters = {key: request.args[key] for key in ("date_from", "date_to") if request.args.get(key)}
    record_log_view(
        current_user._get_current_object(),
        filters={**filters, **({"before": before} if before else {})},
        shown=list(rows),
        client_address=client_address(),
    )
    page = render_template(
        "audit/entries.html",
        form=form,
        entries=rows,
        labels=ACTION_LABELS,
        next_page={**filters, "before": rows[-1].id} if has_more else None,
    )
    # After rendering, so the rows shown are not expired and read again one by one.
    db.session.commit()
    return page, status


@bp.get("/access-changes")
@role_required(Role.AUDITOR)
def access_changes() -> str:
    """Accounts created, roles granted and passwords reset by admins, with who asked and who
    confirmed (accounts.access_changes): what could let an admin read cases through an account.
    Reading it is logged like the full log."""
    query = sa.select(AuditEntry).where(
        AuditEntry.agency_id == current_user.agency_id, AuditEntry.action.in_(ACCESS_CHANGE_ACTIONS)
    )
    before = request.args.get("before", type=database_id)
    if before:
        query = query.where(AuditEntry.id < before)
    rows = db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE + 1)).all()
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    record_log_view(
        current_user._get_current_object(),
        filters={"view": "access_changes", **({"before": before} if before else {})},
        shown=list(rows),
        client_address=client_address(),
    )
    page = render_template(
        "audit/access_changes.html",
        entries=[(entry, describe_entry(entry.action, entry.details)) for entry in rows],
        labels=ACTION_LABELS,
        next_page={"before": rows[-1].id} if has_more else None,
    )
    db.session.commit()  # the read's own entry, after rendering (as on the full log)
    return page
