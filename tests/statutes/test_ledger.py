"""The 考績 year ledger: 施行細則第15條 conversions and offsets, 第16條 points, the 丁等 and 乙等 flags."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statutes.engine.facts import RecordKind, YearRecord
from statutes.engine.ledger import KIND_POINTS, PENALTY_KINDS, REWARD_KINDS, Ledger, LedgerEntry

K = RecordKind
YEAR = 2026


def ledger(*records: tuple[RecordKind, int]) -> Ledger:
    """A ledger of YEAR, every record dated 1 March of that year."""
    return Ledger.from_records(
        [YearRecord(kind=kind, on=date(YEAR, 3, 1), count=count) for kind, count in records], YEAR
    )


def left(balance_ledger: Ledger) -> dict[RecordKind, int]:
    """The non-zero remainder after settlement."""
    return {kind: count for kind, count in balance_ledger.settle().remaining.items() if count}


def test_three_reprimands_count_as_one_demerit():
    book = ledger((K.REPRIMAND, 3))
    assert left(book) == {K.DEMERIT: 1}
    assert book.net_points == -3  # 施行細則第16條: 3 × 1 = 1 × 3
    assert any("申誡3次作為記過1次" in step and "施行細則第15條第2項" in step for step in book.settle().steps)


def test_three_demerits_count_as_one_major_demerit():
    book = ledger((K.DEMERIT, 3))
    assert left(book) == {K.MAJOR_DEMERIT: 1}
    assert book.has_one_major_demerit and not book.reaches_two_major_demerits_unoffset
    (warning,) = book.settle().warnings()
    assert "考績法第13條" in warning and "不得考列乙等以上" in warning


def test_nine_reprimands_roll_up_twice():
    assert left(ledger((K.REPRIMAND, 9))) == {K.MAJOR_DEMERIT: 1}


def test_two_major_demerits_net_mean_grade_d():
    book = ledger((K.MAJOR_DEMERIT, 1), (K.DEMERIT, 3))
    balance = book.settle()
    assert balance.net_major_demerits == 2 and balance.reaches_two_major_demerits_unoffset
    warning = balance.warnings()[0]
    assert "考績法第12條第1項第1款" in warning and "年終考績應列丁等" in warning
    assert "第7條第1項第4款" in warning and "陳述及申辯" in warning and "第18條" in warning


def test_a_merit_offsets_a_demerit():
    book = ledger((K.MERIT, 1), (K.DEMERIT, 1))
    assert left(book) == {}
    assert book.net_points == 0
    assert any("以記功1次抵銷記過1次" in step for step in book.settle().steps)


def test_a_major_merit_offsets_a_major_demerit():
    book = ledger((K.MAJOR_MERIT, 1), (K.MAJOR_DEMERIT, 2))
    assert left(book) == {K.MAJOR_DEMERIT: 1}
    assert not book.reaches_two_major_demerits_unoffset


def test_proposed_major_demerit_added_to_an_existing_one_makes_two():
    book = ledger((K.MAJOR_DEMERIT, 1)).with_proposed(K.MAJOR_DEMERIT)
    assert book.net_major_demerits == 2 and book.reaches_two_major_demerits_unoffset
    assert [entry.proposed for entry in book.entries] == [False, True]
    assert "本案擬議：記大過1次。" in book.settle().steps


def test_commendations_do_not_offset_a_heavier_penalty_unless_converted():
    book = ledger((K.COMMENDATION, 2), (K.DEMERIT, 1))
    assert left(book) == {K.COMMENDATION: 2, K.DEMERIT: 1}  # 嘉獎 weighs 1, 記過 3: no offset
    converted = ledger((K.COMMENDATION, 3), (K.DEMERIT, 1))
    assert left(converted) == {}  # 嘉獎三次作為記功一次, which offsets the 記過


def test_unconvertible_rewards_leave_two_major_demerits_and_say_so():
    book = ledger((K.DEMERIT, 6), (K.COMMENDATION, 1))
    balance = book.settle()
    assert balance.reaches_two_major_demerits_unoffset
    assert balance.net_points == -17 and balance.unused_reward_points == 1
    assert any("未能抵銷記大過" in warning and "請人事單位確認" in warning for warning in balance.warnings())


def test_the_most_favourable_order_is_chosen():
    # Offsetting the 申誡 first would leave 記過1 + 嘉獎2; converting the 嘉獎 first leaves 申誡1.
    book = ledger((K.COMMENDATION, 3), (K.REPRIMAND, 1), (K.DEMERIT, 1))
    assert left(book) == {K.REPRIMAND: 1}


def test_rewards_exceeding_penalties_leave_rewards():
    book = ledger((K.MERIT, 4), (K.DEMERIT, 1))
    assert left(book) == {K.MAJOR_MERIT: 1}  # 記功4 − 記過1 = 記功3 = 記大功1
    assert book.net_points == 9 and book.net_major_demerits == 0


def test_only_the_current_year_counts_and_the_rest_is_listed():
    records = [
        YearRecord(kind=K.MAJOR_DEMERIT, on=date(2025, 12, 31)),
        YearRecord(kind=K.MAJOR_DEMERIT, on=date(2026, 1, 2)),
    ]
    book = Ledger.from_records(records, 2026)
    assert book.net_major_demerits == 1 and not book.reaches_two_major_demerits_unoffset
    assert book.excluded == (records[0],)
    assert any("非本考績年度之紀錄" in step and "2025-12-31 記大過1次" in step for step in book.settle().steps)


def test_empty_year_has_no_warnings():
    balance = ledger().settle()
    assert balance.net_points == 0 and balance.warnings() == () and balance.describe_remaining().startswith("無")


def test_entry_count_must_be_positive():
    with pytest.raises(ValueError):
        LedgerEntry(kind=K.REPRIMAND, count=0)


# ---------------------------------------------------------------------------------------------
# Properties

records_strategy = st.lists(
    st.tuples(st.sampled_from(list(RecordKind)), st.integers(min_value=1, max_value=10)), max_size=8
)


def _points(remaining: dict[RecordKind, int]) -> int:
    return sum(count * KIND_POINTS[kind] * (1 if kind in REWARD_KINDS else -1) for kind, count in remaining.items())


def _greedy_major_demerits(totals: dict[RecordKind, int]) -> int:
    """A reference settlement: offset at each level first, then convert, lowest level first."""
    rewards = [totals[kind] for kind in REWARD_KINDS]
    penalties = [totals[kind] for kind in PENALTY_KINDS]
    for level in range(3):
        offset = min(rewards[level], penalties[level])
        rewards[level] -= offset
        penalties[level] -= offset
        if level < 2:
            for side in (rewards, penalties):
                side[level + 1] += side[level] // 3
                side[level] %= 3
    return penalties[2]


@settings(max_examples=200, deadline=None)
@given(records_strategy)
def test_settlement_conserves_the_net_points(records):
    book = ledger(*records)
    balance = book.settle()
    assert _points(dict(balance.remaining)) == book.net_points == balance.net_points


@settings(max_examples=200, deadline=None)
@given(records_strategy, st.randoms(use_true_random=False))
def test_splitting_and_reordering_records_changes_nothing(records, rng):
    split: list[tuple[RecordKind, int]] = []
    for kind, count in records:
        split.extend([(kind, 1)] * count)
    rng.shuffle(split)
    assert ledger(*split).settle().remaining == ledger(*records).settle().remaining


@settings(max_examples=200, deadline=None)
@given(records_strategy, st.sampled_from([K.COMMENDATION, K.MERIT, K.REPRIMAND, K.DEMERIT]))
def test_regrouping_three_lower_into_one_higher_keeps_the_net_value(records, lower):
    higher = {K.COMMENDATION: K.MERIT, K.MERIT: K.MAJOR_MERIT, K.REPRIMAND: K.DEMERIT, K.DEMERIT: K.MAJOR_DEMERIT}
    assert ledger(*records, (lower, 3)).net_points == ledger(*records, (higher[lower], 1)).net_points


@settings(max_examples=200, deadline=None)
@given(records_strategy)
def test_settlement_is_fully_offset_and_never_worse_than_the_greedy_order(records):
    book = ledger(*records)
    balance = book.settle()
    for reward, penalty in zip(REWARD_KINDS, PENALTY_KINDS, strict=True):
        assert not (balance.remaining[reward] and balance.remaining[penalty])  # equal weights fully offset
    for kind in (K.COMMENDATION, K.MERIT, K.REPRIMAND, K.DEMERIT):
        assert balance.remaining[kind] < 3  # every whole three was converted
    assert balance.net_major_demerits <= _greedy_major_demerits(book.totals())
