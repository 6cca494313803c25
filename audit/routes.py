"""The auditor's read-only view of the audit log of their agency."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_login import current_user

from accounts.models import Role
from accounts.permissions import role_required
from audit.models import AuditEntry
from audit.services import ACTION_LABELS
from core.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE_SIZE = 50


@bp.get("/")
@role_required(Role.AUDITOR)
def entries() -> str:
    """Newest first, keyset-paginated by id (stable while new entries arrive)."""
    query = sa.select(AuditEntry).where(AuditEntry.agency_id == current_user.agency_id)
    before = request.args.get("before", type=int)
    if before:
        query = query.where(AuditEntry.id < before)
    rows = db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE + 1)).all()
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return render_template(
        "audit/entries.html",
        entries=rows,
        labels=ACTION_LABELS,
        next_before=rows[-1].id if has_more else None,
    )
