"""The recommendation draft form: one decision per engine suggestion, and the disciplinary level.

The suggestions are not known until the engine has run, so their fields are read by name
(``item-<rule id>-decision`` …) rather than declared; the declared part carries the CSRF
token, the level, and what the officer was shown (fingerprint, draft version).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from core.forms import BaseForm
from incidents.models import Decision, RecommendationItem, RecommendedAction
from incidents.services.recommendations import DraftInput, ItemDecision

DECISION_LABELS = {
    Decision.PENDING: _l("尚未決定"),
    Decision.ACCEPTED: _l("採納"),
    Decision.EDITED: _l("修改後採納"),
    Decision.REJECTED: _l("不採納"),
}
ACTION_LABELS = {
    RecommendedAction.REPRIMAND_ONCE: _l("申誡一次"),
    RecommendedAction.REPRIMAND_TWICE: _l("申誡二次"),
    RecommendedAction.DEMERIT_ONCE: _l("記過一次"),
    RecommendedAction.DEMERIT_TWICE: _l("記過二次"),
    RecommendedAction.MAJOR_DEMERIT: _l("記一大過"),
    RecommendedAction.TWO_MAJOR_DEMERITS: _l("一次記二大過（專案考績，免職）"),
    RecommendedAction.REFER_FOR_DISCIPLINE: _l("移送懲戒法院審理"),
    RecommendedAction.NO_ACTION: _l("不予處分"),
}
TEXT_LIMIT = 2000
CITATION_LIMIT = 60


@dataclass
class ItemValues:
    """What one suggestion's fields hold (as typed, or as saved)."""

    decision: str = Decision.PENDING.value
    reason: str = ""
    edited_citation: str = ""
    edited_text: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


class RecommendationForm(BaseForm):
    action = SelectField(
        _l("建議處分"),
        choices=[
            SelectChoice("", _l("尚未選擇")),
            *(SelectChoice(action.value, label) for action, label in ACTION_LABELS.items()),
        ],
        description=_l("考績懲處之等次，或移送懲戒；選項須為依目前事實法律所容許者。"),
        default="",
    )
    action_reason = TextAreaField(
        _l("處分理由"),
        validators=[Length(max=TEXT_LIMIT, message=_l("請在 %(max)d 字以內。"))],
        description=_l("選擇與系統建議不同之等次時，請說明理由。"),
    )
    fingerprint = HiddenField()
    version = HiddenField()

    def chosen_action(self) -> RecommendedAction | None:
        return RecommendedAction(self.action.data) if self.action.data else None

    def expected_version(self) -> int | None:
        return int(self.version.data) if (self.version.data or "").isdigit() else None


def saved_values(items: Iterable[RecommendationItem]) -> dict[str, ItemValues]:
    return {
        item.rule_id: ItemValues(str(item.decision), item.reason, item.edited_citation, item.edited_text)
        for item in items
    }


def posted_values(formdata: Mapping[str, str], rule_ids: Iterable[str]) -> dict[str, ItemValues]:
    """The typed values for each suggestion shown, each checked for length and a known decision."""
    values: dict[str, ItemValues] = {}
    known = {decision.value for decision in Decision}
    for rule_id in rule_ids:
        prefix = f"item-{rule_id}-"
        item = ItemValues(
            decision=formdata.get(prefix + "decision", Decision.PENDING.value),
            reason=formdata.get(prefix + "reason", ""),
            edited_citation=formdata.get(prefix + "edited_citation", ""),
            edited_text=formdata.get(prefix + "edited_text", ""),
        )
        if item.decision not in known:
            item.errors["decision"] = [str(_l("請選擇採納、修改後採納、不採納或尚未決定。"))]
            item.decision = Decision.PENDING.value
        for name, limit in (("reason", TEXT_LIMIT), ("edited_text", TEXT_LIMIT), ("edited_citation", CITATION_LIMIT)):
            if len(getattr(item, name)) > limit:
                item.errors[name] = [str(_l("請在 %(max)d 字以內。", max=limit))]
        values[rule_id] = item
    return values


def draft_input(form: RecommendationForm, values: Mapping[str, ItemValues]) -> DraftInput:
    return DraftInput(
        decisions={
            rule_id: ItemDecision(Decision(item.decision), item.reason, item.edited_citation, item.edited_text)
            for rule_id, item in values.items()
        },
        action=form.chosen_action(),
        action_reason=form.action_reason.data or "",
        fingerprint=form.fingerprint.data or "",
    )
