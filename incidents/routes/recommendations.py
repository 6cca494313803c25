"""A respondent's suggestions and recommendation draft: /cases/<id>/respondents/<id>/recommendation.

Everyone who sees the case may read it (the read is logged); only those who may edit the case
may save decisions. The engine runs on every request, on the facts as they are now.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from core.clock import taipei_today
from core.extensions import db
from core.forms import commit_or_report, show_service_errors
from core.security import client_address
from core.services import ServiceError
from facts.labels import PATH as PATH_LABELS
from facts.labels import STATUS as STATUS_LABELS
from incidents.fact_display import fact_value
from incidents.models import Incident, Respondent
from incidents.recommendation_forms import (
    ACTION_LABELS,
    DECISION_LABELS,
    ItemValues,
    RecommendationForm,
    draft_input,
    posted_values,
    saved_values,
)
from incidents.routes import bp, current_actor, respondent_in
from incidents.services import access, recommendations


def _item_errors(error: ServiceError, values: dict[str, ItemValues]) -> dict[str, list[str]]:
    """Put item messages next to their suggestion; return the rest (for the form's own fields)."""
    rest: dict[str, list[str]] = {}
    for name, messages in error.field_errors.items():
        rule_id = next((rule for rule in values if name.startswith(f"item-{rule}-")), None)
        if rule_id is None:
            rest[name] = messages
        else:
            field_name = name.removeprefix(f"item-{rule_id}-")
            values[rule_id].errors.setdefault(field_name, []).extend(messages)
    return rest


def _render(
    incident: Incident,
    respondent: Respondent,
    evaluation: recommendations.Evaluation,
    form: RecommendationForm,
    values: dict[str, ItemValues],
    status: int = 200,
) -> tuple[str, int]:
    draft = respondent.recommendation
    return render_template(
        "incidents/recommendation.html",
        incident=incident,
        respondent=respondent,
        evaluation=evaluation,
        result=evaluation.result,
        draft=draft,
        changes=recommendations.changes_since_draft(draft, evaluation),
        form=form,
        values=values,
        can_edit=access.can_edit(current_user, incident),
        status_labels=STATUS_LABELS,
        path_labels=PATH_LABELS,
        decision_labels=DECISION_LABELS,
        action_labels=ACTION_LABELS,
        fact_value=fact_value,
    ), status


@bp.route("/<int:incident_id>/respondents/<int:respondent_id>/recommendation", methods=["GET", "POST"])
@login_required
def recommendation(incident_id: int, respondent_id: int) -> Response | tuple[str, int]:
    if request.method == "POST":
        incident = access.get_editable_incident(current_user, incident_id)
    else:
        incident = access.get_visible_incident(current_user, incident_id)
    respondent = respondent_in(incident, respondent_id)
    evaluation = recommendations.evaluate_respondent(incident, respondent, today=taipei_today())
    rule_ids = [s.rule_id for s in evaluation.result.suggestions] if evaluation.result else []
    draft = respondent.recommendation
    form = RecommendationForm()

    if not form.is_submitted():
        recommendations.record_view(current_actor(), incident, respondent, client_address=client_address())
        db.session.commit()
        values = saved_values(draft.items) if draft else {}
        values = {rule: values.get(rule, ItemValues()) for rule in rule_ids}
        form.fingerprint.data = evaluation.fingerprint
        form.version.data = str(draft.version) if draft else ""
        if draft is not None:
            form.action.data = draft.action.value if draft.action else ""
            form.action_reason.data = draft.action_reason
        return _render(incident, respondent, evaluation, form, values)

    values = posted_values(request.form, rule_ids)
    if form.validate() and not any(item.errors for item in values.values()):
        saved = commit_or_report(
            lambda: recommendations.save_draft(
                current_actor(),
                incident,
                respondent,
                evaluation,
                draft_input(form, values),
                expected_version=form.expected_version(),
                client_address=client_address(),
            ),
            lambda error: show_service_errors(form, ServiceError(_item_errors(error, values))),
        )
        if saved is not None:
            flash(_("已儲存 %(name)s 的建議草稿。", name=respondent.name), "success")
            return redirect(url_for("incidents.recommendation", incident_id=incident.id, respondent_id=respondent.id))
    # Shown again with what was typed; a newer evaluation (facts changed meanwhile) gets its own fingerprint.
    form.fingerprint.data = evaluation.fingerprint
    return _render(incident, respondent, evaluation, form, values, 400)
