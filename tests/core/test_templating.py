"""ROC date filters applied to stored UTC timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.templating import plain_json, roc_date, roc_date_compact, roc_datetime


def test_dates_are_shown_in_roc_form():
    assert roc_date(date(2026, 11, 23)) == "民國115年11月23日"
    assert roc_date_compact(date(2026, 11, 23)) == "115/11/23"


def test_timestamps_are_shown_in_taiwan_time():
    # 16:30 UTC on the 22nd is 00:30 on the 23rd in Taipei.
    moment = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)
    assert roc_date(moment) == "民國115年11月23日"
    assert roc_date_compact(moment) == "115/11/23"
    assert roc_datetime(moment) == "115/11/23 00:30"


def test_missing_values_render_empty():
    assert roc_date(None) == "" and roc_date_compact(None) == "" and roc_datetime(None) == ""


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError):
        roc_datetime(datetime(2026, 11, 22, 16, 30))


def test_plain_json_keeps_chinese_readable():
    assert plain_json(["承辦人", 1]) == '["承辦人", 1]'
