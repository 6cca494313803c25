"""The Republic of China (民國) calendar: the year offset and formatting a date in it.

ROC year ``y`` is Gregorian year ``y + 1911``; 民國元年 is 1912. Dates before
1912-01-01 (民國前) are not supported. Parsing what a user types lives in
``core.roc_date``, which re-exports these names.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["FIRST_ROC_DAY", "LAST_ROC_DAY", "ROC_EPOCH_OFFSET", "format_roc", "format_roc_compact", "roc_year"]

ROC_EPOCH_OFFSET = 1911
"""Gregorian year = ROC year + ROC_EPOCH_OFFSET."""

FIRST_ROC_DAY = date(ROC_EPOCH_OFFSET + 1, 1, 1)
"""民國元年1月1日, the first day the calendar covers."""

LAST_ROC_DAY = date(ROC_EPOCH_OFFSET + 999, 12, 31)
"""民國999年12月31日 (2910-12-31), the last day of a three-digit ROC year: the last date the
application accepts. Dates near 9999-12-31 cannot have the law's periods (years) added to them."""


def _as_date(d: date | datetime) -> date:
    """Return the calendar date, rejecting dates before 民國元年."""
    plain = d.date() if isinstance(d, datetime) else d
    if plain < FIRST_ROC_DAY:
        raise ValueError(f"dates before 1912-01-01 (民國前) are not supported: {plain}")
    return plain


def roc_year(d: date) -> int:
    """Return the ROC year of ``d`` (2026 → 115)."""
    return _as_date(d).year - ROC_EPOCH_OFFSET


def format_roc(d: date | datetime | None) -> str:
    """Format as ``民國115年11月23日`` (no padding); ``None`` gives ``""``."""
    if d is None:
        return ""
    plain = _as_date(d)
    return f"民國{roc_year(plain)}年{plain.month}月{plain.day}日"


def format_roc_compact(d: date | datetime | None) -> str:
    """Format as ``115/11/23`` (month and day zero-padded); ``None`` gives ``""``."""
    if d is None:
        return ""
    plain = _as_date(d)
    return f"{roc_year(plain)}/{plain.month:02d}/{plain.day:02d}"
