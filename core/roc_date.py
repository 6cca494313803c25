"""Parsing of Republic of China (民國) calendar dates as users type them.

ROC year ``y`` is Gregorian year ``y + 1911``; 民國元年 is 1912.  Dates before
1912-01-01 (民國前) are not supported.  The calendar itself (the offset and the
formatting) is ``statutes.roc_calendar``, re-exported here for the web layer.

Accepted input (after NFKC normalisation, so full-width digits and
punctuation such as ``１１５／１１／２３`` work, and surrounding whitespace
is ignored):

* ``民國115年11月23日``, ``115年11月23日``, ``民國 115 年 11 月 23 日``
* ``115/11/23``, ``115.11.23``, ``115-11-23`` (a 1-3 digit year is ROC)
* ``2026-11-23``, ``2026/11/23``, ``2026.11.23``, ``2026年11月23日``
  (a 4-digit year is Gregorian)

Month and day may have one or two digits.  Either way the last date accepted is
民國999年12月31日 (2910-12-31, ``LAST_ROC_DAY``): the law's periods of years cannot be
added to a date near 9999-12-31, and every accepted date is shown again (115/11/23) in a
form that parses back to it (a four-digit ROC year would read as a Gregorian one).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from core.i18n_markers import N_
from statutes.roc_calendar import (
    FIRST_ROC_DAY,
    LAST_ROC_DAY,
    ROC_EPOCH_OFFSET,
    format_roc,
    format_roc_compact,
    roc_year,
)

__all__ = [
    "LAST_ROC_DAY",
    "ROC_EPOCH_OFFSET",
    "RocDateError",
    "format_roc",
    "format_roc_compact",
    "parse_date",
    "roc_year",
]

_MAX_ROC_YEAR_DIGITS = 3
_GREGORIAN_YEAR_DIGITS = 4

# Dash look-alikes that NFKC leaves alone but users paste from word processors.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))

_CHINESE_FORM = re.compile(
    r"(?P<prefix>民國)?\s*(?P<sign>-?)(?P<year>[0-9]+)\s*年"
    r"\s*(?P<month>[0-9]{1,2})\s*月"
    r"\s*(?P<day>[0-9]{1,2})\s*日"
)
_NUMERIC_FORM = re.compile(
    r"(?P<sign>-?)(?P<year>[0-9]+)(?P<sep>[/.\-])"
    r"(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
)


MSG_EMPTY = N_("請輸入日期。")
MSG_UNRECOGNISED = N_("日期格式無法辨識，請輸入如 115/11/23 或 民國115年11月23日。")
MSG_BEFORE_ROC = N_("日期必須在民國元年（1912年）以後。")
MSG_ROC_YEAR_NOT_POSITIVE = N_("民國年份必須大於 0。")
MSG_ROC_YEAR_TOO_LARGE = N_("民國年份不可超過 999，請確認是否誤填西元年。")
MSG_YEAR_TOO_LARGE = N_("年份超出可接受的範圍。")
MSG_AFTER_LAST_DAY = N_("日期不可晚於民國999年12月31日（西元2910年）。")
MSG_MONTH_OUT_OF_RANGE = N_("月份必須介於 1 至 12。")
MSG_DAY_TOO_LARGE = N_("民國{roc_year}年{month}月只有{last_day}日。")
MSG_DAY_NOT_POSITIVE = N_("日必須介於 1 至 {last_day}。")


class RocDateError(ValueError):
    """A date the user typed cannot be accepted.

    ``str(exc)`` is a complete Traditional Chinese sentence meant to be shown
    next to the form field; ``template`` and ``params`` let a caller show it
    in another language (``gettext(template).format(**params)``).
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params))
        self.template = template
        self.params = params


def parse_date(text: str) -> date:
    """Parse a user-typed ROC or Gregorian date; raise RocDateError if invalid."""
    normalised = unicodedata.normalize("NFKC", text or "").translate(_DASHES).strip()
    if not normalised:
        raise RocDateError(MSG_EMPTY)

    match = _CHINESE_FORM.fullmatch(normalised)
    explicit_roc = bool(match and match["prefix"])
    if match is None:
        match = _NUMERIC_FORM.fullmatch(normalised)
    if match is None:
        raise RocDateError(MSG_UNRECOGNISED)

    negative = match["sign"] == "-"
    year_digits = match["year"]
    if explicit_roc:
        # After an explicit 民國 the year is ROC whatever its width ("民國0115年").
        year_digits = year_digits.lstrip("0") or "0"
    if explicit_roc or len(year_digits) <= _MAX_ROC_YEAR_DIGITS:
        if len(year_digits) > _MAX_ROC_YEAR_DIGITS:
            raise RocDateError(MSG_ROC_YEAR_TOO_LARGE)
        roc = int(year_digits)
        if negative or roc <= 0:
            raise RocDateError(MSG_ROC_YEAR_NOT_POSITIVE)
        gregorian_year = roc + ROC_EPOCH_OFFSET
    elif len(year_digits) == _GREGORIAN_YEAR_DIGITS:
        gregorian_year = int(year_digits)
        if negative or gregorian_year < FIRST_ROC_DAY.year:
            raise RocDateError(MSG_BEFORE_ROC)
        if gregorian_year > LAST_ROC_DAY.year:
            raise RocDateError(MSG_AFTER_LAST_DAY)
    else:
        raise RocDateError(MSG_YEAR_TOO_LARGE)

    return _build_date(gregorian_year, int(match["month"]), int(match["day"]))


def _build_date(year: int, month: int, day: int) -> date:
    """Build a date from validated year and raw month/day, explaining failures."""
    if not 1 <= month <= 12:
        raise RocDateError(MSG_MONTH_OUT_OF_RANGE)
    last_day = calendar.monthrange(year, month)[1]
    if day < 1:
        raise RocDateError(MSG_DAY_NOT_POSITIVE, last_day=last_day)
    if day > last_day:
        raise RocDateError(MSG_DAY_TOO_LARGE, roc_year=year - ROC_EPOCH_OFFSET, month=month, last_day=last_day)
    return date(year, month, day)
