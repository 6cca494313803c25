"""The case list: filters, keyword search, keyset pages, and the same list as CSV.

Both views start from ``access.visible_incidents(current_user)``; filters only
narrow it, so neither can show a case the user may not see. Both are reads of
case material and write an audit entry (incidents.services.reads) with the
filter and keyword; a refused filter shows no case and writes none.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Response, render_template, request, stream_with_context
from flask_babel import gettext as _
from flask_login import current_user

from accounts.models import Role, Unit, User, UserRole
from accounts.permissions import role_required
from core.clock import to_taipei
from core.extensions import db
from core.models import utcnow
from core.security import client_address
from incidents import forms
from incidents.csv_export import csv_chunks
from incidents.list_forms import CaseFilterForm
from incidents.routes import bp
from incidents.search import (
    OVERDUE_DRAFT_DAYS,
    CaseFilter,
    InvalidCursorError,
    Page,
    filtered,
    iter_incidents,
    search_page,
)
from incidents.services import access, reads
from provisions.catalogue import CatalogueEmptyError, stored_catalogue
from statutes.engine.citable import CitableProvision, citable_provisions

CASE_ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR)
PAGE_SIZE = 50
LABELS: dict[str, dict[Any, Any]] = {"status": forms.STATUS, "classification": forms.RECORD_CLASSIFICATION}


def _labels() -> dict[str, dict[object, str]]:
    # Translated once per page rather than once per row (50 rows x 2 lazy strings).
    return {name: {key: str(label) for key, label in labels.items()} for name, labels in LABELS.items()}


# Query-string keys that make up the filter (everything but the page position).
FILTER_KEYS = (
    "q",
    "status",
    "unit",
    "information_kind",
    "provision",
    "assignee",
    "overdue",
    "reported_from",
    "reported_to",
    "discovered_from",
    "discovered_to",
    "act_from",
    "act_to",
    "sort",
)


def _filter_form() -> CaseFilterForm:
    form = CaseFilterForm(request.args)
    units = db.session.scalars(sa.select(Unit).where(Unit.agency_id == current_user.agency_id).order_by(Unit.name))
    # Every officer of the agency, disabled ones too: their past cases are still theirs.
    officers = db.session.scalars(
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.agency_id == current_user.agency_id, UserRole.role == Role.OFFICER)
        .order_by(User.display_name, User.username)
    )
    form.set_choices(list(units), list(officers), _citable())
    return form


def _citable() -> tuple[CitableProvision, ...]:
    try:
        return citable_provisions(stored_catalogue())
    except CatalogueEmptyError:  # no statutes loaded: the filter offers only 「全部」
        return ()


def _filter_args() -> dict[str, str]:
    return {key: value for key in FILTER_KEYS if (value := request.args.get(key, ""))}


def _list_page(form: CaseFilterForm, page: Page, status: int, now: datetime) -> tuple[str, int]:
    next_args = {**_filter_args(), "after": page.next_cursor} if page.next_cursor else None
    return render_template(
        "incidents/list.html",
        form=form,
        incidents=page.incidents,
        labels=_labels(),
        next_args=next_args,
        filter_args=_filter_args(),
        is_later_page=bool(request.args.get("after")),
        overdue_cutoff=now - timedelta(days=OVERDUE_DRAFT_DAYS),
    ), status


@bp.get("/")
@role_required(*CASE_ROLES)
def index() -> tuple[str, int]:
    """The cases the user may see, filtered and sorted, one keyset page at a time."""
    form = _filter_form()
    now = utcnow()
    if request.args and not form.validate():
        return _list_page(form, Page([], None), 400, now)
    criteria, sort, after = form.criteria(), form.chosen_sort(), request.args.get("after") or None
    try:
        page = search_page(
            access.visible_incidents(current_user), criteria, sort=sort, after=after, limit=PAGE_SIZE, now=now
        )
    except InvalidCursorError:
        form.form_errors.append(_("分頁位置無效，請從第一頁重新查詢。"))
        return _list_page(form, Page([], None), 400, now)
    reads.record_case_list(
        current_user._get_current_object(),
        "cases_listed",
        described_filter=criteria.describe(),
        sort=sort.value,
        count=len(page.incidents),
        case_numbers=[incident.case_number for incident in page.incidents],
        after=after,
        client_address=client_address(),
    )
    shown = _list_page(form, page, 200, now)
    # After rendering, so the rows shown are not expired and read again one by one; before sending.
    db.session.commit()
    return shown


def _count(criteria: CaseFilter, now: datetime) -> int:
    matching = filtered(access.visible_incidents(current_user), criteria, now=now).with_only_columns(sa.literal(1))
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(matching.subquery())) or 0)


@bp.get("/export.csv")
@role_required(*CASE_ROLES)
def export_csv() -> Response | tuple[str, int]:
    """Every case of the filtered list (not just one page) as CSV; the export is audited."""
    form = _filter_form()
    now = utcnow()
    if request.args and not form.validate():
        return _list_page(form, Page([], None), 400, now)
    criteria, sort = form.criteria(), form.chosen_sort()
    user = current_user._get_current_object()
    reads.record_case_list(
        user,
        "cases_exported",
        described_filter=criteria.describe(),
        sort=sort.value,
        count=_count(criteria, now),
        client_address=client_address(),
    )
    db.session.commit()
    rows = iter_incidents(access.visible_incidents(user), criteria, sort=sort, now=now)
    filename = f"cases-{to_taipei(now):%Y%m%d-%H%M}.csv"
    return Response(
        stream_with_context(csv_chunks(rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
