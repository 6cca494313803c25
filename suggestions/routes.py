"""The facts page and ``POST /api/v1/suggestions``. Nothing is saved."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from accounts.models import Role
from accounts.permissions import role_required
from core.api import JsonTooDeepError, json_body
from core.clock import taipei_today
from facts import labels
from provisions.catalogue import CatalogueEmptyError, stored_catalogue
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import FactsError, facts_from_json
from statutes.engine.result import result_to_json
from suggestions.forms import FactsForm

bp = Blueprint("suggestions", __name__)
# The engine's words for a status and a path, shown in the user's language (one copy: statutes.vocabulary).
STATUS_LABELS = labels.STATUS
PATH_LABELS = labels.PATH
api = Blueprint("suggestions_api", __name__, url_prefix="/api/v1")
# Who may ask: the roles that work with cases (an admin manages accounts only).
ASKING_ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR)


@bp.route("/suggestions/", methods=["GET", "POST"])
@role_required(*ASKING_ROLES)
def page() -> tuple[str, int]:
    form = FactsForm()
    result, status = None, 200
    if form.is_submitted():
        if form.validate():
            try:
                facts = facts_from_json(form.to_document())
                result = evaluate(facts, stored_catalogue(), today=taipei_today())
            except FactsError as error:
                form.form_errors.extend(error.problems)
                status = 400
            except CatalogueEmptyError as error:
                form.form_errors.append(str(error))
                status = 503
        else:
            status = 400
    return render_template(
        "suggestions/page.html", form=form, result=result, status_labels=STATUS_LABELS, path_labels=PATH_LABELS
    ), status


def _api_error(status: int, messages: list[str]) -> tuple[Response, int]:
    return jsonify({"errors": messages}), status


@api.post("/suggestions")
def api_suggestions() -> tuple[Response, int]:
    """Body: a facts document (statutes/engine/facts.schema.json). Answer: the evaluation (docs/api.md).

    Same-origin session authentication: the caller is signed in (session
    cookie) and sends the page's CSRF token in the ``X-CSRFToken`` header.
    """
    if not current_user.is_authenticated:
        return _api_error(401, [_("請先登入。")])
    if not current_user.has_role(*ASKING_ROLES):
        return _api_error(403, [_("您的角色不能使用這個頁面。如需此權限，請洽系統管理者。")])
    try:
        document: Any = json_body()
    except JsonTooDeepError as error:
        return _api_error(400, [str(error)])
    if document is None:
        return _api_error(400, [_("請以 application/json 送出事實文件。")])
    try:
        facts = facts_from_json(document)
        result = evaluate(facts, stored_catalogue(), today=taipei_today())
    except FactsError as error:
        return _api_error(400, error.problems)
    except CatalogueEmptyError as error:
        return _api_error(503, [str(error)])
    return jsonify(result_to_json(result)), 200
