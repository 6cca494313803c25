"""Case pages: open, view, change, file; respondents; assigned officers; recusal.

Each case-scoped view starts with the access service: a case the user may not
see answers 404, a change the user may not make to a case they see answers 403.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from accounts.models import Role, User
from accounts.permissions import role_required
from core.clock import taipei_today
from core.extensions import db
from core.forms import commit_or_flash, commit_or_show_errors
from core.security import client_address
from incidents import forms
from incidents.models import Incident, Respondent
from incidents.routes import bp, current_actor, respondent_in, show_case_page
from incidents.services import access, intake, reads, recommendations, respondents
from incidents.services.assignments import (
    RecusalPreview,
    assignable_officers,
    declare_recusal,
    recusal_preview,
    set_assignees,
)


def _officer_choices(users: list[User]) -> list[SelectChoice]:
    return [SelectChoice(user.id, f"{user.display_name}（{user.username}）") for user in users]


def _flash_form_errors(form: FlaskForm) -> None:
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "error")


def _flash_changed_drafts(incident: Incident) -> None:
    """After the facts changed: name the respondents whose saved draft no longer matches the engine."""
    names = [
        summary.respondent.name
        for summary in recommendations.summaries(incident, today=taipei_today())
        if summary.changes
    ]
    if names:
        flash(
            _("事實變更後，%(names)s 的適用建議已有變動，請重新檢視建議草稿。", names="、".join(names)),
            "warning",
        )


def _to_case(incident_id: int, anchor: str | None = None) -> Response:
    return redirect(url_for("incidents.detail", incident_id=incident_id, _anchor=anchor))


# GET /cases/ (the case list, search and CSV export) is in incidents/routes/list_routes.py.


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def create() -> Response | str:
    form = forms.IncidentCreateForm()
    others = [user for user in assignable_officers(current_user.agency_id) if user.id != current_user.id]
    form.assignees.choices = _officer_choices(others)
    if form.validate_on_submit():
        incident = commit_or_show_errors(
            form,
            lambda: intake.open_incident(
                current_actor(),
                form.to_case_input(),
                assignee_ids=form.assignees.data or [],
                client_address=client_address(),
            ),
        )
        if incident is not None:
            flash(_("已建立案件 %(number)s。", number=incident.case_number), "success")
            return _to_case(incident.id)
    return render_template("incidents/form.html", form=form, incident=None)


@bp.get("/<int:incident_id>")
@login_required
def detail(incident_id: int) -> tuple[str, int]:
    return show_case_page(access.get_visible_incident(current_user, incident_id))


@bp.route("/<int:incident_id>/edit", methods=["GET", "POST"])
@login_required
def edit(incident_id: int) -> Response | str:
    incident = access.get_editable_incident(current_user, incident_id)
    form = forms.IncidentEditForm()
    if not form.is_submitted():
        form.load(incident)
        form.version.data = str(incident.version)
        reads.record_edit_form_view(current_actor(), incident, client_address=client_address())
        db.session.commit()
    elif form.validate_on_submit():
        updated = commit_or_show_errors(
            form,
            lambda: intake.update_incident(
                current_actor(),
                incident,
                form.to_case_input(),
                expected_version=form.expected_version(),
                client_address=client_address(),
            ),
        )
        if updated is not None:
            flash(_("已儲存案件 %(number)s。", number=updated.case_number), "success")
            _flash_changed_drafts(updated)
            return _to_case(incident_id)
    return render_template("incidents/form.html", form=form, incident=incident)


@bp.post("/<int:incident_id>/file")
@login_required
def file(incident_id: int) -> Response:
    incident = access.get_editable_incident(current_user, incident_id)
    if forms.ConfirmForm().validate_on_submit():
        commit_or_flash(
            lambda: intake.file_incident(current_actor(), incident, client_address=client_address()),
            _("案件已立案。"),
        )
    return _to_case(incident_id)


# --- respondents ------------------------------------------------------------


def _account_choices(incident: Incident, respondent: Respondent | None) -> list[SelectChoice]:
    """The accounts that may be linked, plus the stored link and the posted one (refused with a reason)."""
    posted = request.form.get("user_id", "")
    keep = [respondent.user_id if respondent else None, int(posted) if posted.isdigit() and len(posted) < 19 else None]
    users = respondents.linkable_accounts(current_actor(), incident, keep=keep)
    return [
        SelectChoice("", _("（無）")),
        *(SelectChoice(str(u.id), f"{u.display_name}（{u.username}）") for u in users),
    ]


def _respondent_page(incident: Incident, respondent: Respondent | None) -> Response | str:
    form = forms.RespondentForm()
    form.user_id.choices = _account_choices(incident, respondent)
    if not form.is_submitted():
        if respondent is not None:
            form.load(respondent)
            form.version.data = str(respondent.version)
        reads.record_respondent_view(current_actor(), incident, respondent, client_address=client_address())
        db.session.commit()
    elif form.validate_on_submit():
        data = form.to_respondent_input()
        if respondent is None:
            saved = commit_or_show_errors(
                form,
                lambda: respondents.add_respondent(current_actor(), incident, data, client_address=client_address()),
            )
        else:
            saved = commit_or_show_errors(
                form,
                lambda: respondents.update_respondent(
                    current_actor(),
                    respondent,
                    data,
                    expected_version=form.expected_version(),
                    client_address=client_address(),
                ),
            )
        if saved is not None:
            flash(_("已儲存被調查人 %(name)s。", name=saved.name), "success")
            _flash_changed_drafts(incident)
            return _to_case(incident.id, "respondents")
    form.pad_year_records()
    return render_template("incidents/respondent_form.html", form=form, incident=incident, respondent=respondent)


@bp.route("/<int:incident_id>/respondents/new", methods=["GET", "POST"])
@login_required
def add_respondent(incident_id: int) -> Response | str:
    incident = access.get_editable_incident(current_user, incident_id)
    return _respondent_page(incident, None)


@bp.route("/<int:incident_id>/respondents/<int:respondent_id>/edit", methods=["GET", "POST"])
@login_required
def edit_respondent(incident_id: int, respondent_id: int) -> Response | str:
    incident = access.get_editable_incident(current_user, incident_id)
    return _respondent_page(incident, respondent_in(incident, respondent_id))


@bp.post("/<int:incident_id>/respondents/<int:respondent_id>/remove")
@login_required
def remove_respondent(incident_id: int, respondent_id: int) -> Response:
    incident = access.get_editable_incident(current_user, incident_id)
    respondent = respondent_in(incident, respondent_id)
    name = respondent.name
    if forms.ConfirmForm().validate_on_submit():
        commit_or_flash(
            lambda: respondents.remove_respondent(current_actor(), respondent, client_address=client_address()),
            _("已刪除被調查人 %(name)s。", name=name),
        )
    return _to_case(incident_id, "respondents")


# --- who works on the case ----------------------------------------------------


@bp.post("/<int:incident_id>/assignments")
@login_required
def change_assignments(incident_id: int) -> Response | tuple[str, int]:
    incident = access.get_visible_incident(current_user, incident_id)
    if not access.can_manage_assignments(current_user, incident):
        abort(403)
    form = forms.AssignmentForm()
    # Any id is accepted here; the service says which ones may not be assigned and why.
    form.assignees.validate_choice = False
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return _to_case(incident_id, "assignments")
    saved = commit_or_show_errors(
        form,
        lambda: set_assignees(
            current_actor(),
            incident,
            form.assignees.data or [],
            expected_version=form.expected_version(),
            client_address=client_address(),
        ),
    )
    if saved is None:  # refused: the case page again, the boxes as they were ticked, the message beside them
        return show_case_page(incident, status=400, assignment_form=form)
    flash(_("已更新承辦人。"), "success")
    if not access.can_view(current_user, incident):
        return redirect(url_for("incidents.index"))
    return _to_case(incident_id, "assignments")


def _recusal_page(
    incident: Incident, form: forms.RecusalForm, preview: RecusalPreview, status: int = 200
) -> tuple[str, int]:
    """The confirmation step: what the recusal will do, the reason again and the box to tick."""
    if preview.problem and preview.problem not in form.form_errors:
        form.form_errors.append(preview.problem)
    form.stage.data = "confirm"
    form.confirmed.data = False
    page = render_template("incidents/recusal_confirm.html", form=form, incident=incident, preview=preview)
    return page, 400 if form.errors or form.form_errors else status


@bp.post("/<int:incident_id>/recusal")
@login_required
def declare_conflict(incident_id: int) -> Response | tuple[str, int]:
    """Any user who sees the case may declare a conflict of interest; the case then disappears for them.

    Two steps: the case page posts the reason and gets the confirmation page (nothing changes
    yet); that page posts it again with stage=confirm and the box ticked. Refusals (no reason,
    box not ticked, an auditor, the last supervisor) are shown on the confirmation page.
    """
    incident = access.get_visible_incident(current_user, incident_id)
    form = forms.RecusalForm()
    preview = recusal_preview(incident, current_actor())
    if not form.validate_on_submit() or preview.problem or not form.is_confirmation():
        return _recusal_page(incident, form, preview)
    if not form.confirmed.data:
        form.confirmed.errors = [_("請勾選確認後再送出；勾選前不會聲明迴避。")]
        return _recusal_page(incident, form, preview)
    recusal = commit_or_show_errors(
        form,
        lambda: declare_recusal(current_actor(), incident, form.reason.data or "", client_address=client_address()),
    )
    if recusal is None:
        return _recusal_page(incident, form, recusal_preview(incident, current_actor()))
    flash(_("已聲明迴避，您將無法再查閱此案件。"), "success")
    return redirect(url_for("incidents.index"))
