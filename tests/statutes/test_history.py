"""The one 沿革 parser: what the importer and the catalogue build each read from the same text."""

from __future__ import annotations

from datetime import date

import pytest

from statutes.importing.amendments import parse_history
from statutes.importing.history import (
    HistoryError,
    add_months,
    article_lists,
    effect_rules,
    effective_from_history,
    history_entries,
    third_day,
)

# 國家安全法 (A0030028) entry 2: the date is fixed by a later order 「定於…施行」.
NATIONAL_SECURITY_1992 = """\
2.中華民國八十一年七月二十九日總統（81）華總（一）義字第 3667 號令修
  正公布名稱及條文（原名稱：動員戡亂時期國家安全法；新名稱：國家安全法）
  中華民國八十一年七月三十日行政院（81）台內字第 26600 號令定於八十一
  年八月一日施行"""

# 民法 (B0000001): a period with the resulting date in brackets.
CIVIL_CODE_2008 = """\
1.中華民國九十七年五月二十三日總統華總一義字第 09700059171 號令修正公
  布第 14、15 條條文；並自公布後一年六個月（九十八年十一月二十三日）施行"""

CATALOGUE = {"same_day": True, "loose_dates": True, "compound_periods": True}
IMPORTER = {"same_day": False, "loose_dates": False, "compound_periods": False}


def test_entries_are_numbered_lines_and_keep_what_precedes_them() -> None:
    entries = history_entries("前言\n1.中華民國九十年一月一日制定\n  公布\n2. 中華民國九十一年一月一日修正")
    assert [(entry.number, entry.compact) for entry in entries] == [
        (None, "前言"),
        (1, "中華民國九十年一月一日制定公布"),
        (2, "中華民國九十一年一月一日修正"),
    ]


def test_article_lists_with_ranges_and_bare_numbers() -> None:
    assert article_lists("修正公布第42、44、74～75-1條條文") == [(4, [("42", "42"), ("44", "44"), ("74", "75-1")])]
    assert article_lists("增訂73-1條條文") == []
    assert article_lists("增訂73-1條條文", bare=True) == [(2, [("73-1", "73-1")])]


@pytest.mark.parametrize(
    ("clause", "catalogue", "importer"),
    [
        ("公布施行", "same_day", None),  # the importer leaves it to 中央法規標準法第13條
        ("定於八十一年八月一日施行", "date", None),
        ("自公布後一年六個月施行", "after", None),
        ("自公布後六個月施行", "after", "after"),
        ("自公布日施行", "immediate", "immediate"),
        ("施行日期，由行政院定之", "pending", "pending"),
    ],
)
def test_the_two_readings_of_a_phrase(clause: str, catalogue: str, importer: str | None) -> None:
    assert [rule.kind for rule in effect_rules(clause, same_year=1992, **CATALOGUE)] == [catalogue]
    assert [rule.kind for rule in effect_rules(clause, same_year=1992, **IMPORTER)] == ([importer] if importer else [])


def test_catalogue_reads_a_later_order_and_a_bracketed_date() -> None:
    (security,) = parse_history(NATIONAL_SECURITY_1992)
    assert (security.promulgated, security.effective) == (date(1992, 7, 29), date(1992, 8, 1))
    (civil,) = parse_history(CIVIL_CODE_2008)
    assert (civil.articles, civil.effective) == (("14", "15"), date(2009, 11, 23))


def test_importer_keeps_its_narrower_reading() -> None:
    # 「定於…」 and bracketed periods are not read by the importer: 中央法規標準法第13條 applies.
    assert effective_from_history(NATIONAL_SECURITY_1992, date(1992, 7, 29)) is None
    assert effective_from_history(CIVIL_CODE_2008, date(2008, 5, 23), article="14") is None


def test_an_entry_without_promulgation_stops_the_catalogue() -> None:
    with pytest.raises(HistoryError):
        parse_history("1.行政院令")


def test_dates() -> None:
    assert third_day(date(2023, 2, 8)) == date(2023, 2, 10)
    assert add_months(date(2020, 8, 31), 6) == date(2021, 2, 28)
