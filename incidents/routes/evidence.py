"""Evidence uploads and downloads, and case notes: the ``incident_evidence`` blueprint under /cases.

Uploading and adding notes need the right to change the case (assigned
officers: others who see the case get 403, everyone else 404); downloading needs
the right to see it (404 otherwise, also for evidence of another case). Files
are only ever sent from here, as attachments, after their SHA-256 is checked.

A refused upload or note shows the case page again with the messages next to
the fields and the text typed kept (a browser cannot re-fill a file input, so
the message names the file that was chosen).
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse  # what redirect() returns
from werkzeug.wsgi import wrap_file

from core.extensions import db
from core.forms import commit_or_show_errors
from core.security import client_address
from incidents.evidence_forms import EvidenceUploadForm, NoteForm, upload_hint
from incidents.filetypes import extensions_for
from incidents.models import Incident
from incidents.routes import current_actor
from incidents.services import access
from incidents.services.evidence import EvidenceIntegrityError, list_evidence, open_evidence, store_evidence
from incidents.services.notes import add_note, timeline

bp = Blueprint("incident_evidence", __name__, url_prefix="/cases")


def _to_case(incident_id: int, anchor: str) -> BaseResponse:
    return redirect(url_for("incidents.detail", incident_id=incident_id, _anchor=anchor))


def _case_page_again(incident_id: int, **forms: FlaskForm) -> tuple[Any, int]:
    """The case page with these (refused) forms in place of empty ones."""
    g.case_evidence_forms = forms
    return current_app.view_functions["incidents.detail"](incident_id=incident_id), 400


def _refused_form(name: str) -> FlaskForm | None:
    forms: dict[str, FlaskForm] = getattr(g, "case_evidence_forms", {})
    return forms.get(name)


@bp.app_template_global()
def case_evidence(incident: Incident) -> dict[str, Any]:
    """What the evidence section of the case page shows (templates/incidents/_evidence.html)."""
    editable = access.can_edit(current_user, incident)
    max_upload_mb = current_app.config["MAX_UPLOAD_MB"]
    form = None
    if editable:
        form = _refused_form("upload_form")
        if form is None:
            form = EvidenceUploadForm(formdata=None)
        form.file.description = upload_hint(max_upload_mb)
    return {
        "items": list_evidence(incident),
        "can_add": editable,
        "upload_form": form,
        "max_upload_mb": max_upload_mb,
    }


@bp.app_template_global()
def case_notes(incident: Incident) -> dict[str, Any]:
    """What the notes section of the case page shows (templates/incidents/_notes.html)."""
    editable = access.can_edit(current_user, incident)
    form = None
    if editable:
        form = _refused_form("note_form")
        if form is None:
            form = NoteForm(formdata=None)
    return {"notes": timeline(incident), "can_add": editable, "note_form": form}


@bp.app_template_filter()
def file_size(size: int) -> str:
    """1234567 → "1.2 MB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@bp.app_template_filter()
def file_kind(content_type: str) -> str:
    """A short name of a recorded content type: its usual extension, e.g. "PDF", "DOCX"."""
    extensions = extensions_for(content_type)
    return extensions[0].lstrip(".").upper() if extensions else content_type


@bp.post("/<int:incident_id>/evidence")
@login_required
def upload(incident_id: int) -> BaseResponse | tuple[Any, int]:
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
            return _to_case(incident_id, "evidence")
    elif chosen and chosen.filename and not form.file.errors:
        # The file was fine but another field was not; the browser will not keep the file.
        form.file.errors = [_("請再選一次檔案「%(name)s」（瀏覽器不會保留已選的檔案）。", name=chosen.filename)]
    return _case_page_again(incident_id, upload_form=form)


@bp.get("/<int:incident_id>/evidence/<int:evidence_id>")
@login_required
def download(incident_id: int, evidence_id: int) -> Response | tuple[str, int]:
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
    # Even if a browser ignored the attachment disposition, nothing in the file may run.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.post("/<int:incident_id>/notes")
@login_required
def add(incident_id: int) -> BaseResponse | tuple[Any, int]:
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
    return _case_page_again(incident_id, note_form=form)
