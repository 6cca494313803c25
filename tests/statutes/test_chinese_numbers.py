"""Chinese numerals, fractions and terms as the statute texts write them."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statutes.catalogue.chinese_numbers import parse_chinese_number, parse_duration_months, parse_fraction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("兩", 2),
        ("零", 0),
        ("十", 10),
        ("十五", 15),
        ("三十", 30),
        ("三百", 300),
        ("九千", 9000),
        ("六萬", 60_000),
        ("一萬五千", 15_000),
        ("三十萬", 300_000),
        ("一百萬", 1_000_000),
        ("五千萬", 50_000_000),
        ("一億", 100_000_000),
        ("一億五千萬", 150_000_000),
        ("一百零九", 109),  # 刑法第一百零九條
        ("三百十八", 318),  # 第三百十八條 (十 without a digit)
        ("三百五十八", 358),
        ("一千零十", 1010),
        ("一萬零五百", 10_500),
        ("一〇九", 109),  # digit by digit, as in 民國一〇九年
        ("百", 100),  # a leading 百 as in 百分之五十
        ("100", 100),
        ("1,000", 1000),
        ("１００", 100),  # full-width digits
        ("3萬", 30_000),
        ("1億2000萬", 120_000_000),
    ],
)
def test_parse_chinese_number(text: str, expected: int) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "二分之一", "萬", "十十", "一一百", "千萬萬", "萬億", "1,00", "一二三四萬", "元", "三年", "五兩"],
)
def test_parse_chinese_number_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_chinese_number(text)


@given(st.integers(min_value=0, max_value=10**12))
@settings(derandomize=True, max_examples=300)
def test_arabic_digits_round_trip(number: int) -> None:
    assert parse_chinese_number(str(number)) == number
    assert parse_chinese_number(f"{number:,}") == number


def _to_chinese(number: int) -> str:
    """A conventional Chinese numeral (with 零 placeholders), to test the parser against."""
    digits = "零一二三四五六七八九"
    if number == 0:
        return "零"

    def below_10000(value: int) -> str:
        text = ""
        zero = False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = value // unit_value % 10
            if digit:
                if zero and text:
                    text += "零"
                text += digits[digit] + unit
                zero = False
            else:
                zero = True
        return text

    text = ""
    for group_value, unit in ((10**8, "億"), (10**4, "萬"), (1, "")):
        group = number // group_value % 10**4
        if group:
            if text and group < 1000:
                text += "零"
            text += below_10000(group) + unit
    return text


@given(st.integers(min_value=0, max_value=10**12 - 1))
@settings(derandomize=True, max_examples=500)
def test_chinese_numerals_round_trip(number: int) -> None:
    assert parse_chinese_number(_to_chinese(number)) == number


@given(st.text(alphabet="〇零一二兩三四五六七八九十百千萬億0123456789,分之年月個元", max_size=12))
@settings(derandomize=True, max_examples=500)
def test_parse_chinese_number_only_raises_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert parse_chinese_number(text) >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二分之一", Fraction(1, 2)),
        ("三分之一", Fraction(1, 3)),
        ("三分之二", Fraction(2, 3)),
        ("百分之五十", Fraction(1, 2)),
    ],
)
def test_parse_fraction(text: str, expected: Fraction) -> None:
    assert parse_fraction(text) == expected


@pytest.mark.parametrize("text", ["二", "分之一", "二分之", "零分之一", "二分之一倍"])
def test_parse_fraction_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_fraction(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一年", 12),
        ("二年", 24),
        ("十年", 120),
        ("十二年", 144),
        ("六月", 6),
        ("六個月", 6),
        ("二月", 2),
        ("一年六月", 18),
        ("一年六個月", 18),
        ("3年", 36),
    ],
)
def test_parse_duration_months(text: str, expected: int) -> None:
    assert parse_duration_months(text) == expected


@pytest.mark.parametrize("text", ["", "年", "月", "六", "六日", "一年以上", "二分之一年"])
def test_parse_duration_months_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration_months(text)
