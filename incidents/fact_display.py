"""Facts document values in words, for showing what changed (「主觀犯意：尚未查明 → 故意」)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from core.roc_date import format_roc
from facts import labels

# Which vocabulary names the values of each enumerated fact.
_VOCABULARY: dict[str, Mapping[str, Any]] = {
    "respondent.category": labels.CATEGORY,
    "respondent.rank_class": labels.RANK_CLASS,
    "act.conducts": labels.CONDUCT,
    "act.intent": labels.INTENT,
    "information.kinds": labels.KIND,
    "information.classification_level": labels.LEVEL,
    "recipient.kind": labels.RECIPIENT,
}


def _one(path: str, value: Any) -> str:
    if value is None:
        return _("尚未查明或未填")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    names = _VOCABULARY.get(path)
    if names is not None and value in names:
        return str(names[value])
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return format_roc(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and "T" in value:
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return str(value)


def fact_value(path: str, value: Any) -> str:
    """One fact's value as an officer reads it."""
    if path == "year_records":
        if not value:
            return _("無")
        return "、".join(
            f"{labels.RECORD.get(entry.get('kind'), entry.get('kind'))} {entry.get('count', 1)} "
            f"（{_one('', entry.get('on'))}）"
            for entry in value
        )
    if isinstance(value, list):
        return "、".join(_one(path, item) for item in value) if value else _("無")
    return _one(path, value)
