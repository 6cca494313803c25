"""The case list's filter form (GET: it changes nothing, so no CSRF token)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from accounts.models import Unit, User
from core.forms import BaseForm, RocDateField
from facts.labels import KIND
from incidents.forms import NOT_A_CHOICE, STATUS
from incidents.models import CaseStatus
from incidents.search import KEYWORD_MAX, OVERDUE_DRAFT_DAYS, CaseFilter, Sort
from statutes.engine.citable import CitableProvision

DATE_HINT = _l("例：115/11/23 或 民國115年11月23日")
SORT = {
    Sort.NEWEST: _l("最新建立"),
    Sort.CASE_NUMBER: _l("案件編號"),
    Sort.REPORTED: _l("受理日期（新到舊）"),
}
# Pairs of (from, to) fields checked for order, with the message shown under "to".
DATE_RANGES = (
    ("reported_from", "reported_to"),
    ("discovered_from", "discovered_to"),
    ("act_from", "act_to"),
)


def _choices(labels: dict[Any, Any], any_label: Any) -> list[SelectChoice]:
    return [SelectChoice("", any_label), *(SelectChoice(str(value), label) for value, label in labels.items())]


class CaseFilterForm(BaseForm):
    class Meta:
        csrf = False

    q = StringField(
        _l("關鍵字"),
        validators=[Length(max=KEYWORD_MAX, message=_l("關鍵字請在 %(max)d 字以內。"))],
        description=_l("搜尋案由、案情摘要與案件紀錄中的任何片段，例如「底價」。"),
    )
    status = SelectField(
        _l("狀態"), choices=_choices(STATUS, _l("全部")), default="", invalid_choice_message=NOT_A_CHOICE
    )
    unit = SelectField(_l("單位"), choices=[], default="", invalid_choice_message=NOT_A_CHOICE)
    information_kind = SelectField(
        _l("資訊種類"), choices=_choices(KIND, _l("全部")), default="", invalid_choice_message=NOT_A_CHOICE
    )
    provision = SelectField(
        _l("引用條文"),
        choices=[],
        default="",
        invalid_choice_message=NOT_A_CHOICE,
        description=_l("建議草稿中採納（含修改後採納）此條文的案件。"),
    )
    assignee = SelectField(_l("承辦人"), choices=[], default="", invalid_choice_message=NOT_A_CHOICE)
    overdue = BooleanField(
        _l("只看逾期草稿"),
        description=_l("建立後超過 %(days)d 日仍未立案的草稿。", days=OVERDUE_DRAFT_DAYS),
    )
    reported_from = RocDateField(_l("受理日期起"), description=DATE_HINT)
    reported_to = RocDateField(_l("受理日期迄"), description=DATE_HINT)
    discovered_from = RocDateField(_l("發現日期起"), description=DATE_HINT)
    discovered_to = RocDateField(_l("發現日期迄"), description=DATE_HINT)
    act_from = RocDateField(_l("行為期間起"), description=_l("列出行為期間與此區間重疊的案件"))
    act_to = RocDateField(_l("行為期間迄"), description=DATE_HINT)
    sort = SelectField(
        _l("排序"),
        choices=[SelectChoice(value.value, label) for value, label in SORT.items()],
        default=Sort.NEWEST.value,
        invalid_choice_message=NOT_A_CHOICE,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._provisions: dict[str, tuple[str, ...]] = {}  # choice → every numbering of that provision

    def set_choices(
        self, units: list[Unit], assignees: list[User], provisions: Sequence[CitableProvision] = ()
    ) -> None:
        """Units and officers of the user's agency (only those may be chosen), and the citable provisions."""
        self._provisions = {entry.key: entry.provision_ids for entry in provisions}
        self.provision.choices = [
            SelectChoice("", _l("全部")),
            *(SelectChoice(entry.key, entry.label) for entry in provisions),
        ]
        self.unit.choices = [SelectChoice("", _l("全部")), *(SelectChoice(str(unit.id), unit.name) for unit in units)]
        self.assignee.choices = [
            SelectChoice("", _l("全部")),
            *(SelectChoice(str(user.id), f"{user.display_name}（{user.username}）") for user in assignees),
        ]

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        for start_name, end_name in DATE_RANGES:
            start, end = self[start_name], self[end_name]
            if start.data and end.data and end.data < start.data:
                end.errors = [*end.errors, _l("迄日不可早於起日。")]
                valid = False
        return valid

    def criteria(self) -> CaseFilter:
        """The filter the (validated) form describes."""
        return CaseFilter(
            keyword=self.q.data or "",
            status=CaseStatus(self.status.data) if self.status.data else None,
            unit_id=int(self.unit.data) if self.unit.data else None,
            information_kind=self.information_kind.data or None,
            provision_ids=self._provisions.get(self.provision.data or "", ()),
            assignee_id=int(self.assignee.data) if self.assignee.data else None,
            overdue=bool(self.overdue.data),
            reported_from=self.reported_from.data,
            reported_to=self.reported_to.data,
            discovered_from=self.discovered_from.data,
            discovered_to=self.discovered_to.data,
            act_from=self.act_from.data,
            act_to=self.act_to.data,
        )

    def chosen_sort(self) -> Sort:
        return Sort(self.sort.data) if self.sort.data in set(Sort) else Sort.NEWEST
