"""追訴權時效 (刑法第80條, 刑法施行法第8條之1) and 告訴期間 (刑事訴訟法第237條)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from statutes.catalogue.lookup import load_catalogue
from statutes.catalogue.model import FineMode, Penalty
from statutes.engine.limitations import (
    CRIMINAL_CODE_2005_IN_FORCE,
    add_months,
    add_years,
    complaint_deadline,
    new_law_period,
    old_law_period,
    prosecution_deadline,
)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def term(high: int | None, low: int | None = None, **extra) -> Penalty:
    return Penalty(paragraph=1, imprisonment_max_months=high, imprisonment_min_months=low, **extra)


FINE_ONLY = Penalty(paragraph=1, fine_mode=FineMode.ONLY, fine_max=30_000)
DETENTION = Penalty(paragraph=1, short_term_detention=True, fine_mode=FineMode.ALTERNATIVE, fine_max=9000)


@pytest.mark.parametrize(
    ("penalty", "years", "subparagraph"),
    [
        (Penalty(paragraph=1, death=True), 30, 1),
        (Penalty(paragraph=1, life_imprisonment=True, imprisonment_min_months=120), 30, 1),
        (term(120, 36), 30, 1),
        (term(119), 20, 2),
        (term(36), 20, 2),  # 三年以下: 「三年以上十年未滿」 (以上 includes the number, 刑法第10條第1項)
        (term(35), 10, 3),
        (term(12), 10, 3),
        (term(11), 5, 4),
        (DETENTION, 5, 4),
        (FINE_ONLY, 5, 4),
        (term(None, 84), 30, 1),  # 七年以上: up to fifteen years (刑法第33條第3款)
    ],
)
def test_current_periods_follow_the_heaviest_punishment(penalty, years, subparagraph):
    period = new_law_period(penalty)
    assert (period.years, period.subparagraph) == (years, subparagraph)


@pytest.mark.parametrize(
    ("penalty", "years"),
    [(term(120, 36), 20), (term(84, 12), 10), (term(36), 10), (term(12), 5), (term(6), 3), (FINE_ONLY, 1)],
)
def test_periods_before_the_2005_revision(penalty, years):
    assert old_law_period(penalty).years == years


def test_an_aggravation_of_half_moves_seven_years_into_the_thirty_year_bracket():
    assert new_law_period(term(84, 12)).years == 20
    assert new_law_period(term(84, 12), Fraction(3, 2)).years == 30
    assert new_law_period(term(24), Fraction(3, 2)).years == 20


def test_counted_from_the_last_day_of_the_act():
    deadline = prosecution_deadline(term(36), act_last_day=date(2019, 6, 30), evaluation_date=date(2024, 1, 1))
    assert deadline.due == date(2039, 6, 30) and deadline.passed is False
    assert "第80條第2項" in deadline.basis and "第83條" in deadline.basis


def test_old_periods_apply_to_acts_before_2006_where_more_favourable():
    # 132¶2 (max one year): new law 10 years, old law 5 years; the limit was still running on 2006-07-01.
    deadline = prosecution_deadline(term(12), act_last_day=date(2005, 3, 1), evaluation_date=date(2026, 1, 1))
    assert deadline.due == date(2010, 3, 1) and deadline.passed is True
    assert "刑法施行法第8條之1" in deadline.basis and "修正前刑法第80條第1項第3款" in deadline.basis


def test_a_limit_completed_under_the_old_law_before_2006_stays_completed():
    deadline = prosecution_deadline(DETENTION, act_last_day=date(2004, 1, 10), evaluation_date=date(2026, 1, 1))
    assert deadline.due == date(2005, 1, 10) and deadline.due < CRIMINAL_CODE_2005_IN_FORCE
    assert "前完成" in deadline.basis


def test_acts_after_the_2005_revision_get_the_current_periods_only():
    deadline = prosecution_deadline(term(12), act_last_day=date(2007, 5, 1), evaluation_date=date(2018, 1, 1))
    assert deadline.due == date(2017, 5, 1) and deadline.passed is True
    assert "第8條之1：" not in deadline.basis


def test_unknown_range_gives_no_date():
    deadline = prosecution_deadline(None, act_last_day=date(2020, 1, 1), evaluation_date=date(2024, 1, 1))
    assert deadline.due is None and deadline.passed is None


def test_complaint_period_is_six_months_from_learning_of_the_offender():
    deadline = complaint_deadline(date(2025, 1, 1), date(2026, 1, 1))
    assert deadline.due == date(2025, 7, 1) and deadline.passed is True
    assert "刑事訴訟法第237條第1項" in deadline.basis
    assert complaint_deadline(date(2025, 10, 1), date(2026, 1, 1)).passed is False


def test_complaint_period_unknown_without_the_day_learned():
    deadline = complaint_deadline(None, date(2026, 1, 1))
    assert deadline.due is None and deadline.passed is None and "知悉日尚未查明" in deadline.basis


def test_month_end_and_leap_day_arithmetic():
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_years(date(2004, 2, 29), 5) == date(2009, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


def test_the_catalogue_texts_match_the_periods_implemented(catalogue):
    text = catalogue.provision("C0000001:80").versions[0].text
    for phrase in ("三十年", "二十年", "十年", "五年", "自犯罪成立之日起算", "自行為終了之日起算"):
        assert phrase in text
    assert catalogue.provision("C0000001:80").versions[0].effective_from == CRIMINAL_CODE_2005_IN_FORCE
    transition = catalogue.provision("C0000002:8-1").versions[0].text
    assert "比較修正前後之條文，適用最有利於行為人之規定" in transition
    assert "六個月內" in catalogue.provision("C0010001:237").versions[0].text
