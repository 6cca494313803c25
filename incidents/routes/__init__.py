"""Case pages: the ``incidents`` blueprint under /cases.

Every URL under /cases/<int:incident_id> answers 404 to a user who may not see
that case (incidents.services.access), whatever the route; modules adding
routes to this blueprint are imported in :func:`register`.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort
from flask_login import current_user

from accounts.models import User
from core.extensions import db
from incidents.models import Incident, Respondent

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


def register(app: Flask) -> None:
    from incidents.routes import (
        cases,  # noqa: F401 - attaches the case routes to bp
        list_routes,  # noqa: F401 - the case list, search and CSV export
        recommendations,  # noqa: F401 - a respondent's suggestions and recommendation draft
    )

    app.register_blueprint(bp)
