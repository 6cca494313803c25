"""Case pages: the ``incidents`` blueprint under /cases.

Every URL under /cases/<int:incident_id> answers 404 to a user who may not see
that case (incidents.services.access), whatever the route; modules adding
routes to this blueprint are imported in :func:`register`.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("incidents", __name__, url_prefix="/cases")


def register(app: Flask) -> None:
    from incidents.routes import (
        cases,  # noqa: F401 - attaches the case routes to bp
        list_routes,  # noqa: F401 - the case list, search and CSV export
        recommendations,  # noqa: F401 - a respondent's suggestions and recommendation draft
    )

    app.register_blueprint(bp)
