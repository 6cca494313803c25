"""刑法第2條第1項 and the ordering of 刑法第35條 (statutes.engine.favourability)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from statutes.catalogue.lookup import load_catalogue
from statutes.catalogue.model import FineMode, Penalty, ProvisionVersion
from statutes.engine.favourability import Candidate, choose, compare_penalties, most_favourable, severity_key


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def term(high: int, low: int | None = None, **extra) -> Penalty:
    return Penalty(paragraph=1, imprisonment_max_months=high, imprisonment_min_months=low, **extra)


def version(start: str, end: str | None, *penalties: Penalty, repealed: bool = False) -> ProvisionVersion:
    return ProvisionVersion(
        text="（刪除）" if repealed else f"條文 {start}",
        effective_from=date.fromisoformat(start),
        effective_to=date.fromisoformat(end) if end else None,
        repealed=repealed,
        penalties=penalties,
    )


def test_death_is_heavier_than_life_and_life_than_any_term():
    death = Penalty(paragraph=1, death=True, life_imprisonment=True)
    life = Penalty(paragraph=1, life_imprisonment=True, imprisonment_min_months=120, imprisonment_max_months=180)
    assert compare_penalties(death, life) == 1
    assert compare_penalties(life, term(180, 120)) == 1
    assert compare_penalties(term(180), life) == -1


def test_higher_maximum_then_higher_minimum_is_heavier():
    assert compare_penalties(term(120, 36), term(84, 12)) == 1  # 三年以上十年以下 > 一年以上七年以下
    assert compare_penalties(term(84, 36), term(84, 12)) == 1  # same maximum: the higher minimum is heavier
    assert compare_penalties(term(36), term(36)) == 0


def test_imprisonment_outranks_detention_and_fine_whatever_the_amount():
    fine_only = Penalty(paragraph=1, fine_mode=FineMode.ONLY, fine_max=100_000_000)
    detention = Penalty(paragraph=1, short_term_detention=True, fine_mode=FineMode.ALTERNATIVE, fine_max=9000)
    assert compare_penalties(term(1), fine_only) == 1
    assert compare_penalties(detention, fine_only) == 1


def test_alternative_penalties_are_lighter_and_added_fines_heavier():
    plain = term(60)
    with_choice = term(60, short_term_detention=True)  # 五年以下有期徒刑或拘役
    with_added_fine = term(60, fine_mode=FineMode.MAY_ADD, fine_max=1_000_000)
    assert compare_penalties(with_choice, plain) == -1  # 刑法第35條第3項第1款
    assert compare_penalties(with_added_fine, plain) == 1  # 刑法第35條第3項第2款


def test_fine_maximum_decides_between_otherwise_equal_ranges():
    old = term(12, short_term_detention=True, fine_mode=FineMode.ALTERNATIVE, fine_max=9000)
    new = term(12, short_term_detention=True, fine_mode=FineMode.ALTERNATIVE, fine_max=300_000)
    assert compare_penalties(new, old) == 1


def test_an_aggravation_raises_the_range_for_comparison():
    assert compare_penalties(term(84, 12), term(120, 36), Fraction(3, 2)) == 1  # 10.5 years > 10 years
    assert severity_key(term(24), Fraction(3, 2)) == severity_key(term(36))


def test_no_penalty_is_the_lightest():
    assert compare_penalties(None, Penalty(paragraph=1, fine_mode=FineMode.ONLY, fine_max=1)) == -1


def test_the_law_at_the_time_of_the_act_governs_on_a_tie():
    act = version("1935-07-01", "2019-12-26", term(12, fine_mode=FineMode.ALTERNATIVE, fine_max=9000))
    later = version("2019-12-27", None, term(12, fine_mode=FineMode.ALTERNATIVE, fine_max=9000))
    chosen, basis = most_favourable([act, later], 1)
    assert chosen is act and "第2條第1項前段" in basis and "行為時法" in basis


def test_a_lighter_intermediate_version_governs_over_act_and_current_law():
    act = version("2000-01-01", "2009-12-31", term(60))
    intermediate = version("2010-01-01", "2015-12-31", term(24))
    current = version("2016-01-01", None, term(36))
    chosen, basis = most_favourable([act, intermediate, current], 1)
    assert chosen is intermediate
    assert "但書" in basis and "2010-01-01" in basis


def test_a_repealed_later_version_means_not_punishable():
    act = version("2000-01-01", "2009-12-31", term(60))
    repealed = version("2010-01-01", None, repealed=True)
    chosen, basis = most_favourable([act, repealed], 1)
    assert chosen is repealed and "不罰" in basis


def test_only_the_same_paragraph_is_compared():
    act = version("2000-01-01", "2009-12-31", term(36), Penalty(paragraph=2, imprisonment_max_months=12))
    later = version("2010-01-01", None, term(36), Penalty(paragraph=2, imprisonment_max_months=6))
    assert most_favourable([act, later], 1)[0] is act
    assert most_favourable([act, later], 2)[0] is later


def test_unknown_ranges_are_not_guessed():
    act = version("2000-01-01", "2009-12-31", term(36))
    choice = choose([Candidate(act, term(36)), Candidate(None, None, punishable=True, label="新法")])
    assert choice.index == 0 and choice.incomplete and "資料不足" in choice.basis


def test_no_later_version_is_the_law_of_the_act():
    only = version("1935-07-01", None, term(84, 12))
    chosen, basis = most_favourable([only], 1)
    assert chosen is only and "行為時法" in basis


def test_catalogue_132_fine_conversion_makes_1935_and_2019_texts_equal(catalogue):
    versions = catalogue.provision("C0000001:132").versions
    chosen, basis = most_favourable(list(versions), 2)
    assert chosen is versions[0] and "前段" in basis


def test_catalogue_national_security_2019_text_is_heavier_than_1996(catalogue):
    old, new = catalogue.provision("A0030028:5-1@1987").versions
    old_leak = next(p for p in old.penalties if p.paragraph == 1)
    new_leak = next(p for p in new.penalties if p.paragraph == 2)
    assert compare_penalties(new_leak, old_leak) == 1
