"""Taiwan time: the zone every date rule uses, and today's date there."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.models import utcnow

TAIPEI = ZoneInfo("Asia/Taipei")


def to_taipei(value: datetime) -> datetime:
    """An aware datetime in Taiwan time (naive values are refused)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(TAIPEI)


def taipei_today(now: datetime | None = None) -> date:
    """Today's date in Taiwan, the calendar every date rule of a case and every "as of" default uses."""
    return to_taipei(now or utcnow()).date()
