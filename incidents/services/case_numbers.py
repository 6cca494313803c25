"""Case numbers: ``<agency code>-<ROC year>-<serial>``, e.g. ``AB-115-0007``.

The serial counts the cases an agency opened in one ROC year (Taiwan time) and
is allocated inside the transaction that creates the case, under a lock taken
before the last serial is read: the agency's row (``SELECT … FOR UPDATE``) on
PostgreSQL, the database's write lock (``BEGIN IMMEDIATE``, see core.database) on
SQLite, which has no row locks. So officers of one agency creating cases together
wait for one another briefly and get consecutive serials. The unique constraint on
(agency, year, serial) is the backstop if that ever fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from accounts.models import Agency
from core.clock import to_taipei
from core.database import take_write_lock
from core.extensions import db
from core.roc_date import roc_year
from incidents.models import Incident

__all__ = ["CaseNumber", "allocate_case_number", "format_case_number", "roc_year_in_taipei"]


def format_case_number(agency_code: str, year: int, serial: int) -> str:
    """``format_case_number("AB", 115, 7)`` → ``"AB-115-0007"`` (serials past 9999 grow a digit)."""
    return f"{agency_code}-{year:03d}-{serial:04d}"


def roc_year_in_taipei(moment: datetime) -> int:
    """The ROC year of an aware timestamp, read in Taiwan time (UTC 16:00 on 31 Dec is already next year)."""
    return roc_year(to_taipei(moment).date())


@dataclass(frozen=True)
class CaseNumber:
    roc_year: int
    serial: int
    text: str


def allocate_case_number(agency_id: int, agency_code: str, moment: datetime) -> CaseNumber:
    """The next free number of the agency for the ROC year of ``moment``.

    Locks the agency row until the transaction ends; call it right before
    inserting the case, in the same transaction.
    """
    take_write_lock()
    db.session.execute(sa.select(Agency.id).where(Agency.id == agency_id).with_for_update())
    year = roc_year_in_taipei(moment)
    last = db.session.scalar(
        sa.select(sa.func.max(Incident.serial)).where(Incident.agency_id == agency_id, Incident.roc_year == year)
    )
    serial = (last or 0) + 1
    return CaseNumber(year, serial, format_case_number(agency_code, year, serial))
