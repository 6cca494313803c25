"""Evidence uploads and downloads, and case notes (routes of the ``incidents`` blueprint).

Uploading and adding notes need the right to change the case (assigned
officers: others who see the case get 403, everyone else 404); downloading needs
the right to see it (404 otherwise, also for evidence of another case). Files
are only ever sent from here, as attachments, after their SHA-256 is checked.

A refused upload or note shows the case page again (incidents.case_page) with
the messages next to the fields, the text typed kept and the first field in
error focused (a browser cannot re-fill a file input, so the message names the
file that was chosen).
"""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as Redirect
from werkzeug.wsgi import wrap_file

from core.extensions import db
from core.forms import commit_or_show_errors
from core.security import client_address
from incidents.evidence_forms import EvidenceUploadForm, NoteForm, active_content_warning
from incidents.routes import bp, current_actor, show_case_page
from incidents.services import access
from incidents.services.evidence import EvidenceIntegrityError, open_evidence, store_evidence
from incidents.services.notes import add_note

# For a file sent as an attachment: no resource loads, no script runs (sandbox), no page frames it.
EVIDENCE_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
)


def _to_case(incident_id: int, anchor: str) -> Redirect:
    return redirect(url_for("incidents.detail", incident_id=incident_id, _anchor=anchor))


@bp.post("/<int:incident_id>/evidence")
@login_required
def upload_evidence(incident_id: int) -> Redirect | tuple[str, int]:
    incident = access.get_editable_incident(current_user, incident_id)
    form = EvidenceUploadForm()
    chosen = form.file.data
    if form.validate_on_submit():
        evidence = commit_or_show_errors(
            form,
            lambda: store_evidence(
                current_actor(),
                incident,
                chosen.stream,
                chosen.filename or "",
                description=form.description.data or "",
                client_address=client_address(),
            ),
        )
        if evidence is not None:
            flash(_("已上傳證據檔案「%(name)s」。", name=evidence.original_name), "success")
            if evidence.active_content:
                warning = active_content_warning(evidence.active_content)
                flash(_("「%(name)s」：%(warning)s", name=evidence.original_name, warning=warning), "warning")
            return _to_case(incident_id, "evidence")
    elif chosen and chosen.filename and not form.file.errors:
        # The file was fine but another field was not; the browser will not keep the file.
        form.file.errors = [_("請再選一次檔案「%(name)s」（瀏覽器不會保留已選的檔案）。", name=chosen.filename)]
    return show_case_page(incident, status=400, upload_form=form)


@bp.get("/<int:incident_id>/evidence/<int:evidence_id>")
@login_required
def download_evidence(incident_id: int, evidence_id: int) -> Response | tuple[str, int]:
    incident = access.get_visible_incident(current_user, incident_id)
    try:
        opened = open_evidence(current_actor(), incident, evidence_id, client_address=client_address())
    except EvidenceIntegrityError as error:
        current_app.logger.error("evidence integrity check failed: %s", error)
        db.session.commit()  # keeps the evidence_integrity_failed audit entry
        return render_template(
            "errors/error.html",
            status=500,
            title=_("證據檔案無法提供"),
            message=_(
                "證據檔案與登錄時的 SHA-256 雜湊值不符或已遺失，可能遭竄改或損毀，因此不提供下載。"
                "此事件已記錄，請通知系統管理者。"
            ),
            reference=f"E{error.evidence.id}",
        ), 500
    try:
        db.session.commit()  # the evidence_downloaded entry is kept before a byte is sent
    except BaseException:
        opened.handle.close()
        raise
    evidence = opened.evidence
    response = Response(
        wrap_file(request.environ, opened.handle),
        content_type=evidence.content_type,
        direct_passthrough=True,
    )
    response.content_length = evidence.size
    response.headers["Content-Disposition"] = opened.content_disposition
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    # Even if a browser ignored the attachment disposition, nothing in the file may run or be framed.
    response.headers["Content-Security-Policy"] = EVIDENCE_CONTENT_SECURITY_POLICY
    return response


@bp.post("/<int:incident_id>/notes")
@login_required
def add_case_note(incident_id: int) -> Redirect | tuple[str, int]:
    incident = access.get_editable_incident(current_user, incident_id)
    form = NoteForm()
    if form.validate_on_submit():
        note = commit_or_show_errors(
            form,
            lambda: add_note(
                current_actor(),
                incident,
                note_date=form.note_date.data,
                body=form.body.data or "",
                client_address=client_address(),
            ),
        )
        if note is not None:
            flash(_("已新增案件紀錄。"), "success")
            return _to_case(incident_id, "notes")
    return show_case_page(incident, status=400, note_form=form)
