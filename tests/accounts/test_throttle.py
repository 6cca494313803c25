"""Sign-in lockout arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from accounts.throttle import locked_until

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def minutes_ago(*values: float) -> list[datetime]:
    return [NOW - timedelta(minutes=value) for value in values]


def test_fewer_failures_than_the_limit_do_not_lock():
    assert locked_until(minutes_ago(4, 3, 2, 1), now=NOW, max_failures=5, window=WINDOW) is None


def test_limit_reached_within_the_window_locks_until_window_after_the_last():
    until = locked_until(minutes_ago(4, 3, 2, 1, 0), now=NOW, max_failures=5, window=WINDOW)
    assert until == NOW + WINDOW


def test_failures_spread_wider_than_the_window_do_not_lock():
    assert locked_until(minutes_ago(20, 3, 2, 1, 0), now=NOW, max_failures=5, window=WINDOW) is None


def test_lock_ends_when_the_window_has_passed():
    assert locked_until(minutes_ago(30, 29, 28, 27, 16), now=NOW, max_failures=5, window=WINDOW) is None
    assert locked_until(minutes_ago(27, 26, 25, 24, 14), now=NOW, max_failures=5, window=WINDOW) == NOW + timedelta(
        minutes=1
    )


def test_order_of_the_input_does_not_matter():
    times = minutes_ago(0, 4, 2, 1, 3)
    assert locked_until(times, now=NOW, max_failures=5, window=WINDOW) == NOW + WINDOW


def test_only_the_latest_failures_count():
    # Old failures outside the window followed by five quick ones still lock.
    times = minutes_ago(100, 90, 80, 4, 3, 2, 1, 0)
    assert locked_until(times, now=NOW, max_failures=5, window=WINDOW) == NOW + WINDOW
