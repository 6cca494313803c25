"""Case pages: the ``incidents`` blueprint under /cases.

Every URL under /cases/<int:incident_id> answers 404 to a user who may not see
that case (incidents.services.access), whatever the route; modules adding
routes to this blueprint are imported in :func:`register`.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template
from flask_login import current_user

from accounts.models import User
from core.extensions import db
from core.security import client_address
from incidents.case_page import case_page
from incidents.evidence_forms import EvidenceUploadForm, NoteForm
from incidents.forms import AssignmentForm
from incidents.models import Incident, Respondent
from incidents.services import intake

bp = Blueprint("incidents", __name__, url_prefix="/cases")


def current_actor() -> User:
    """The signed-in user as a model instance (services take a User, not Flask-Login's proxy)."""
    return current_user._get_current_object()


def respondent_in(incident: Incident, respondent_id: int) -> Respondent:
    """The case's respondent with this id; 404 for any other id (also another case's respondent)."""
    respondent = db.session.get(Respondent, respondent_id)
    if respondent is None or respondent.incident_id != incident.id:
        abort(404)
    return respondent


def show_case_page(
    incident: Incident,
    *,
    status: int = 200,
    upload_form: EvidenceUploadForm | None = None,
    note_form: NoteForm | None = None,
    assignment_form: AssignmentForm | None = None,
) -> tuple[str, int]:
    """The case page, for the detail view and for a refused form posted from it.

    Each time the page is shown the read is audited once (``incident_viewed``),
    committed before the page is built; a refused form's own changes were
    rolled back before this is called.
    """
    viewer = current_actor()
    intake.record_view(viewer, incident, client_address=client_address())
    db.session.commit()
    page = case_page(
        incident, viewer=viewer, upload_form=upload_form, note_form=note_form, assignment_form=assignment_form
    )
    return render_template("incidents/detail.html", case=page), status


def register(app: Flask) -> None:
    """The incidents area's pages: every case route is on ``bp``."""
    from incidents.routes import (
        cases,  # noqa: F401 - attaches the case routes to bp
        evidence,  # noqa: F401 - evidence uploads and downloads, and case notes
        list_routes,  # noqa: F401 - the case list, search and CSV export
        recommendations,  # noqa: F401 - a respondent's suggestions and recommendation draft
    )

    app.register_blueprint(bp)
