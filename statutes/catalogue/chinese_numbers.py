"""Numbers, fractions and durations as Chinese statute texts write them.

Pure and deterministic. Handles the numerals of the official texts (一…九、十、百、千、萬、
億、零/〇、兩), Arabic digits (half- or full-width, with or without thousands separators), and
mixtures such as "3萬". Fractions (二分之一) are *not* numbers: use :func:`parse_fraction`.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

__all__ = [
    "NUMERAL_CLASS",
    "parse_chinese_number",
    "parse_duration_months",
    "parse_fraction",
]

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS: dict[str, int] = {"萬": 10_000, "億": 100_000_000}

# The body of a regular-expression character class matching any character a number may contain.
NUMERAL_CLASS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS) + "0-9０-９,"

_ARABIC_RUN = re.compile(r"[0-9][0-9,]*")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$|^[0-9]+$")


def _normalise(text: str) -> str:
    """Full-width digits to ASCII; surrounding whitespace removed."""
    return "".join(
        unicodedata.normalize("NFKC", char) if char in "０１２３４５６７８９" else char for char in text
    ).strip()


def parse_chinese_number(text: str) -> int:
    """The non-negative integer a numeral writes.

    >>> parse_chinese_number("一萬五千")
    15000
    >>> parse_chinese_number("三百十八")
    318
    >>> parse_chinese_number("100")
    100

    A string of digits only (no unit) with more than one character is read digit by digit
    ("一〇九" → 109), as dates and article numbers are sometimes written.

    Raises ``ValueError`` for anything else, including fractions ("二分之一") and empty text.
    """
    original = text
    text = _normalise(text)
    if not text:
        raise ValueError(f"not a number: {original!r}")
    if all(char in DIGITS for char in text):
        if len(text) > 1 and "兩" in text:
            raise ValueError(f"not a number: {original!r}")
        return int("".join(str(DIGITS[char]) for char in text))
    numeral = _Numeral(original)
    position = 0
    while position < len(text):
        arabic = _ARABIC_RUN.match(text, position)
        if arabic:
            numeral.arabic(arabic.group())
            position = arabic.end()
        else:
            numeral.character(text[position], first=position == 0)
            position += 1
    return numeral.value()


class _Numeral:
    """A numeral with units being read left to right (see :func:`parse_chinese_number`)."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.total = 0  # completed 億/萬 groups
        self.section = 0  # the group being read (below the next large unit)
        self.pending: int | None = None  # a digit (or Arabic run) waiting for its unit
        self.last_small = 10_000  # units inside a section must descend: 千 > 百 > 十
        self.last_large = 10**12  # and large units across sections: 億 > 萬

    def error(self) -> ValueError:
        return ValueError(f"not a number: {self.original!r}")

    def value(self) -> int:
        return self.total + self.section + (self.pending or 0)

    def arabic(self, run: str) -> None:
        if self.pending is not None or not _THOUSANDS.match(run):
            raise self.error()
        self.pending = int(run.replace(",", ""))

    def character(self, char: str, *, first: bool) -> None:
        if char in DIGITS:  # 零/〇 are placeholders: 一百零九
            if self.pending is not None:
                raise self.error()
            if char not in ("零", "〇"):
                self.pending = DIGITS[char]
        elif char in SMALL_UNITS:
            self.small_unit(SMALL_UNITS[char], first=first)
        elif char in LARGE_UNITS:
            self.large_unit(LARGE_UNITS[char])
        else:
            raise self.error()

    def small_unit(self, unit: int, *, first: bool) -> None:
        if unit >= self.last_small:
            raise self.error()
        if self.pending is None:
            if unit != 10 and not first:
                raise self.error()
            self.pending = 1  # 十五 = 15, 三百十八 = 318, 百分之五 (leading 百)
        self.section += self.pending * unit
        self.pending = None
        self.last_small = unit

    def large_unit(self, unit: int) -> None:
        if unit >= self.last_large:
            raise self.error()
        self.section += self.pending or 0
        if self.section == 0:
            raise self.error()
        self.total += self.section * unit
        self.section = 0
        self.pending = None
        self.last_small = 10_000
        self.last_large = unit


_FRACTION = re.compile(r"^(?P<denominator>.+)分之(?P<numerator>.+)$")


def parse_fraction(text: str) -> Fraction:
    """A fraction written 「N分之M」: ``parse_fraction("二分之一") == Fraction(1, 2)``.

    Raises ``ValueError`` if the text is not such a fraction or the denominator is zero.
    """
    match = _FRACTION.match(_normalise(text))
    if not match:
        raise ValueError(f"not a fraction: {text!r}")
    denominator = parse_chinese_number(match["denominator"])
    numerator = parse_chinese_number(match["numerator"])
    if denominator == 0:
        raise ValueError(f"zero denominator: {text!r}")
    return Fraction(numerator, denominator)


_NUMBER = rf"[{NUMERAL_CLASS}]+"
_DURATION = re.compile(rf"^(?:(?P<years>{_NUMBER})年)?(?:(?P<months>{_NUMBER})個?月)?$")


def parse_duration_months(text: str) -> int:
    """A term of years and/or months, in months.

    「一年」→ 12, 「六月」/「六個月」→ 6, 「一年六月」→ 18, 「十年」→ 120.
    Raises ``ValueError`` for anything else.
    """
    match = _DURATION.match(_normalise(text))
    if not match or not (match["years"] or match["months"]):
        raise ValueError(f"not a duration: {text!r}")
    years = parse_chinese_number(match["years"]) if match["years"] else 0
    months = parse_chinese_number(match["months"]) if match["months"] else 0
    return years * 12 + months
