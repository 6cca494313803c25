"""Sign-in throttling rules, as pure functions over attempt times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta


def locked_until(
    failure_times: Iterable[datetime], *, now: datetime, max_failures: int, window: timedelta
) -> datetime | None:
    """When sign-in is allowed again, or None if it is allowed now.

    ``failure_times`` are the failed attempts that count (for an account: those
    since its last successful sign-in). Sign-in locks when the latest
    ``max_failures`` of them happened within ``window`` of each other, and stays
    locked for ``window`` after the last one. Attempts refused during a lock are
    not recorded as failures, so the time told to the user is the real one.
    """
    latest = sorted(failure_times)[-max_failures:]
    if len(latest) < max_failures or latest[-1] - latest[0] > window:
        return None
    until = latest[-1] + window
    return until if until > now else None
