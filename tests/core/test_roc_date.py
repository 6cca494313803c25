"""Unit tests for core.roc_date: what a user typing or reading a 民國 date sees."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.roc_date import (
    RocDateError,
    format_roc,
    format_roc_compact,
    parse_date,
    roc_year,
)

MSG_UNRECOGNISED = "日期格式無法辨識，請輸入如 115/11/23 或 民國115年11月23日。"
MSG_BEFORE_ROC = "日期必須在民國元年（1912年）以後。"
MSG_ROC_YEAR_NOT_POSITIVE = "民國年份必須大於 0。"
MSG_MONTH = "月份必須介於 1 至 12。"

NOV_23_2026 = date(2026, 11, 23)


# --- accepted formats -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "民國115年11月23日",
        "115年11月23日",
        "民國 115 年 11 月 23 日",
        "民國115 年11 月 23日",
        "115/11/23",
        "115.11.23",
        "115-11-23",
        "2026-11-23",
        "2026/11/23",
        "2026.11.23",
        "2026年11月23日",
        "  115/11/23  ",
        "\t民國115年11月23日\n",
    ],
)
def test_every_accepted_format_gives_the_same_date(text: str) -> None:
    assert parse_date(text) == NOV_23_2026


@pytest.mark.parametrize(
    "text",
    [
        "１１５／１１／２３",
        "１１５．１１．２３",
        "１１５－１１－２３",
        "２０２６－１１－２３",
        "２０２６／１１／２３",
        "民國１１５年１１月２３日",
        "\u3000民國\u3000１１５\u3000年１１月２３日\u3000",
    ],
)
def test_full_width_digits_punctuation_and_spaces_are_accepted(text: str) -> None:
    assert parse_date(text) == NOV_23_2026


@pytest.mark.parametrize(
    "text",
    [
        "115/1/5",
        "115/01/05",
        "115.1.05",
        "115-01-5",
        "2026-1-5",
        "115年1月5日",
        "民國115年01月05日",
    ],
)
def test_one_or_two_digit_month_and_day(text: str) -> None:
    assert parse_date(text) == date(2026, 1, 5)


def test_dash_with_two_or_three_digit_year_is_roc() -> None:
    assert parse_date("99-12-31") == date(2010, 12, 31)
    assert parse_date("115-11-23") == date(2026, 11, 23)


def test_four_digit_year_is_gregorian() -> None:
    assert parse_date("2026/11/23") == date(2026, 11, 23)
    assert parse_date("1912-01-01") == date(1912, 1, 1)


def test_pasted_typographic_dashes_are_accepted() -> None:
    assert parse_date("115\u201311\u201323") == NOV_23_2026  # en dash
    assert parse_date("2026\u221211\u221223") == NOV_23_2026  # minus sign


# --- leap years -------------------------------------------------------------


def test_feb_29_in_leap_year_113_is_accepted() -> None:
    assert parse_date("113/02/29") == date(2024, 2, 29)
    assert parse_date("民國113年2月29日") == date(2024, 2, 29)


def test_feb_29_in_common_year_114_is_rejected() -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date("114/02/29")
    assert str(excinfo.value) == "民國114年2月只有28日。"


def test_year_2000_roc_89_is_leap() -> None:
    assert parse_date("89/02/29") == date(2000, 2, 29)
    assert parse_date("2000-02-29") == date(2000, 2, 29)


def test_year_2100_roc_189_is_not_leap() -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date("189/02/29")
    assert str(excinfo.value) == "民國189年2月只有28日。"
    with pytest.raises(RocDateError, match="民國189年2月只有28日。"):
        parse_date("2100-02-29")


# --- 民國 year boundaries ----------------------------------------------------


def test_roc_year_1_jan_1_is_1912_jan_1() -> None:
    assert parse_date("民國1年1月1日") == date(1912, 1, 1)
    assert parse_date("1/01/01") == date(1912, 1, 1)
    assert parse_date("1/1/1") == date(1912, 1, 1)
    assert format_roc(date(1912, 1, 1)) == "民國1年1月1日"
    assert format_roc_compact(date(1912, 1, 1)) == "1/01/01"
    assert roc_year(date(1912, 1, 1)) == 1


@pytest.mark.parametrize("text", ["民國0年1月1日", "0年1月1日", "0/01/01", "000/01/01", "0-1-1"])
def test_roc_year_0_is_rejected(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == MSG_ROC_YEAR_NOT_POSITIVE


@pytest.mark.parametrize("text", ["民國-1年1月1日", "-1/01/01", "-5年3月3日"])
def test_negative_roc_year_is_rejected(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == MSG_ROC_YEAR_NOT_POSITIVE


@pytest.mark.parametrize("text", ["1911-12-31", "1911/12/31", "1900-02-28", "0001-01-01", "1911年12月31日"])
def test_gregorian_dates_before_1912_are_rejected(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == MSG_BEFORE_ROC


def test_three_digit_roc_year_100_round_trips() -> None:
    d = parse_date("民國100年1月1日")
    assert d == date(2011, 1, 1)
    assert format_roc(d) == "民國100年1月1日"
    assert format_roc_compact(d) == "100/01/01"
    assert parse_date(format_roc_compact(d)) == d


def test_roc_99_dec_31_is_2010_dec_31_both_ways() -> None:
    assert parse_date("民國99年12月31日") == date(2010, 12, 31)
    assert parse_date("99/12/31") == date(2010, 12, 31)
    assert format_roc(date(2010, 12, 31)) == "民國99年12月31日"
    assert format_roc_compact(date(2010, 12, 31)) == "99/12/31"


def test_largest_roc_and_gregorian_years() -> None:
    assert parse_date("999/12/31") == date(2910, 12, 31)
    assert parse_date("民國999年12月31日") == date(2910, 12, 31)
    assert parse_date("2910-12-31") == date(2910, 12, 31)


@pytest.mark.parametrize("text", ["2911-01-01", "9999-12-31", "9999/12/31", "9999年12月31日"])
def test_gregorian_dates_after_roc_999_are_refused(text: str) -> None:
    # The engine adds periods of years to dates: 9999-12-31 plus 10 years has no date (it was a 500).
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == "日期不可晚於民國999年12月31日（西元2910年）。"


def test_explicit_roc_year_above_999_is_rejected_with_a_hint() -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date("民國2026年11月23日")
    assert str(excinfo.value) == "民國年份不可超過 999，請確認是否誤填西元年。"


@pytest.mark.parametrize("text", ["10000-01-01", "99999/1/1", "9" * 5000 + "/1/1", "9" * 5000 + "年1月1日"])
def test_huge_years_raise_roc_date_error_not_crash(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == "年份超出可接受的範圍。"


def test_huge_explicit_roc_year_raises_roc_date_error() -> None:
    with pytest.raises(RocDateError):
        parse_date("民國" + "9" * 5000 + "年1月1日")


# --- impossible dates -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("115/02/30", "民國115年2月只有28日。"),
        ("民國115年2月30日", "民國115年2月只有28日。"),
        ("113/02/30", "民國113年2月只有29日。"),
        ("114/02/29", "民國114年2月只有28日。"),
        ("115/04/31", "民國115年4月只有30日。"),
        ("115/01/32", "民國115年1月只有31日。"),
        ("2026-02-30", "民國115年2月只有28日。"),
        ("2026-13-01", MSG_MONTH),
        ("115/13/01", MSG_MONTH),
        ("115/00/10", MSG_MONTH),
        ("民國115年0月1日", MSG_MONTH),
        ("115/02/00", "日必須介於 1 至 28。"),
        ("113/02/0", "日必須介於 1 至 29。"),
    ],
)
def test_impossible_dates_say_which_part_is_wrong(text: str, message: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == message


# --- garbage ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\n\t"])
def test_empty_input_asks_for_a_date(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == "請輸入日期。"


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "today",
        "115/11/23x",
        "115/11/23 12:00",
        "x115/11/23",
        "115/11",
        "115",
        "115//11/23",
        "115/11-23",
        "115/011/23",
        "115/11/123",
        "115年11月23",
        "115年11月",
        "民國115年",
        "民國年11月23日",
        "115 / 11 / 23",
        "115 11 23",
        "11/23/2026",
        "2026-11-23T00:00:00",
        "民國一一五年十一月二十三日",
        "\u0661\u0661\u0665/11/23",  # Arabic-Indic digits are not NFKC-folded
        "--1/01/01",
    ],
)
def test_garbage_is_rejected_with_the_format_hint(text: str) -> None:
    with pytest.raises(RocDateError) as excinfo:
        parse_date(text)
    assert str(excinfo.value) == MSG_UNRECOGNISED


def test_roc_date_error_is_a_value_error() -> None:
    assert issubclass(RocDateError, ValueError)
    with pytest.raises(ValueError):
        parse_date("not a date")


# --- formatting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "long_form", "compact"),
    [
        (date(2026, 11, 23), "民國115年11月23日", "115/11/23"),
        (date(2026, 1, 5), "民國115年1月5日", "115/01/05"),
        (date(1912, 1, 1), "民國1年1月1日", "1/01/01"),
        (date(1921, 10, 10), "民國10年10月10日", "10/10/10"),
        (date(2010, 12, 31), "民國99年12月31日", "99/12/31"),
        (date(2011, 1, 1), "民國100年1月1日", "100/01/01"),
        (date(2024, 2, 29), "民國113年2月29日", "113/02/29"),
    ],
)
def test_format_roc_and_compact(d: date, long_form: str, compact: str) -> None:
    assert format_roc(d) == long_form
    assert format_roc_compact(d) == compact


def test_formatters_return_empty_string_for_none() -> None:
    assert format_roc(None) == ""
    assert format_roc_compact(None) == ""


def test_datetime_is_formatted_by_its_date_part() -> None:
    taipei = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 23, 23, 59, 59, tzinfo=taipei)
    assert format_roc(moment) == "民國115年11月23日"
    assert format_roc_compact(moment) == "115/11/23"
    assert format_roc(datetime(2026, 11, 23)) == "民國115年11月23日"


@pytest.mark.parametrize("d", [date(1911, 12, 31), date(1, 1, 1), datetime(1911, 12, 31, 23, 59)])
def test_formatters_reject_dates_before_roc_year_1(d: date) -> None:
    with pytest.raises(ValueError):
        format_roc(d)
    with pytest.raises(ValueError):
        format_roc_compact(d)
    with pytest.raises(ValueError):
        roc_year(d)


def test_roc_year() -> None:
    assert roc_year(date(2026, 11, 23)) == 115
    assert roc_year(date(2010, 12, 31)) == 99
    assert roc_year(date(2011, 1, 1)) == 100
    assert roc_year(datetime(2026, 1, 1, 0, 0)) == 115


# --- round trip property ----------------------------------------------------

# 民國999年 (2910) is the last year the parser accepts in ROC form: a 4-digit
# first component such as "1000/01/01" means a Gregorian year.
LAST_ROC_PARSEABLE_DAY = date(2910, 12, 31)


@given(st.dates(min_value=date(1912, 1, 1), max_value=LAST_ROC_PARSEABLE_DAY))
def test_every_supported_date_round_trips(d: date) -> None:
    assert parse_date(format_roc(d)) == d
    assert parse_date(format_roc_compact(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}") == d
    assert roc_year(d) == d.year - 1911


@given(st.dates(min_value=date(1912, 1, 1), max_value=LAST_ROC_PARSEABLE_DAY))
def test_every_gregorian_iso_date_from_1912_parses(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.isoformat().replace("-", "/")) == d
