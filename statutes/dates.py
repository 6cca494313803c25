"""Calendar arithmetic the law prescribes, shared by the engine and the catalogue import."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months"]


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later; the month's last day when it has none (民法第121條第2項)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
