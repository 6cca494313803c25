"""Field builders and value conversions shared by the facts parts.

A yes/no fact is a three-way choice (是／否／尚未查明) stored as True / False / None; dates go
into the document as ISO strings; a time is typed in Taiwan time and stored with its offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from core.clock import TAIPEI, to_taipei
from core.forms import MultiCheckboxField, RocDateField
from facts.labels import TRISTATE

NOT_A_CHOICE = _l("請從清單中選擇。")
TIME_FORMAT = "%Y-%m-%dT%H:%M"


def choices(labels: Mapping[Any, Any]) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in labels.items()]


def select(label: Any, labels: Mapping[Any, Any], default: str) -> SelectField:
    return SelectField(label, choices=choices(labels), default=default, invalid_choice_message=NOT_A_CHOICE)


def checkboxes(label: Any, labels: Mapping[Any, Any]) -> MultiCheckboxField:
    return MultiCheckboxField(label, choices=choices(labels), invalid_choice_message=NOT_A_CHOICE)


def tristate(label: Any) -> SelectField:
    return select(label, TRISTATE, "")


def taipei_time(label: Any) -> DateTimeLocalField:
    return DateTimeLocalField(
        label,
        validators=[Optional()],
        format=TIME_FORMAT,
        description=_l("臺灣時間"),
        invalid_value_message=_l("時間格式無法辨識，請以 2026-11-23T14:05 的格式輸入。"),
    )


def tri_value(field: SelectField) -> bool | None:
    return {"yes": True, "no": False}.get(field.data or "")


def tri_text(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def day(field: RocDateField) -> str | None:
    return field.data.isoformat() if field.data else None


def parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def aware(field: DateTimeLocalField) -> datetime | None:
    """The time typed, read as Taiwan time."""
    return field.data.replace(tzinfo=TAIPEI) if field.data else None


def moment(field: DateTimeLocalField) -> str | None:
    """The time typed as ISO 8601 with Taiwan's offset (+08:00)."""
    value = aware(field)
    return value.isoformat() if value else None


def typed_time(value: str | datetime | None) -> datetime | None:
    """A stored time (ISO text or aware datetime) as the naive Taiwan time the field shows."""
    if not value:
        return None
    moment_ = datetime.fromisoformat(value) if isinstance(value, str) else value
    return to_taipei(moment_).replace(tzinfo=None)
