"""Jinja filters: ROC dates and local (Asia/Taipei) times."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from flask import Flask

from core.clock import to_taipei
from core.roc_date import format_roc, format_roc_compact

__all__ = ["init_app", "plain_json", "roc_date", "roc_date_compact", "roc_datetime"]


def _as_local_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return to_taipei(value).date()
    return value


def roc_date(value: date | datetime | None) -> str:
    """民國115年11月23日 (a timestamp is first converted to Taiwan time)."""
    return format_roc(_as_local_date(value))


def roc_date_compact(value: date | datetime | None) -> str:
    """115/11/23, for tables."""
    return format_roc_compact(_as_local_date(value))


def roc_datetime(value: datetime | None) -> str:
    """115/11/23 14:05 in Taiwan time."""
    if value is None:
        return ""
    local = to_taipei(value)
    return f"{format_roc_compact(local.date())} {local:%H:%M}"


def plain_json(value: Any) -> str:
    """JSON with Chinese kept readable; the template still escapes the result."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.add_template_filter(plain_json, "plain_json")
    app.add_template_filter(roc_date, "roc_date")
    app.add_template_filter(roc_date_compact, "roc_date_compact")
    app.add_template_filter(roc_datetime, "roc_datetime")
