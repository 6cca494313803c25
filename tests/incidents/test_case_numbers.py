"""Case numbers: AB-115-0007, next serial per agency and ROC year, allocated in the saving transaction."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from accounts.models import Role, User
from core.extensions import db
from core.services import ServiceError
from incidents.models import Incident
from incidents.services import case_numbers, intake
from incidents.services.case_numbers import CaseNumber, format_case_number, roc_year_in_taipei
from tests.factories import make_agency, make_user
from tests.helpers import db_count
from tests.incidents.helpers import make_incident

IN_115 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
IN_114 = datetime(2025, 6, 30, 2, 0, tzinfo=UTC)


def test_format():
    assert format_case_number("AB", 115, 7) == "AB-115-0007"
    assert format_case_number("DEMO", 99, 1) == "DEMO-099-0001"
    assert format_case_number("AB", 115, 12345) == "AB-115-12345"  # grows instead of wrapping


def test_roc_year_is_read_in_taiwan_time():
    assert roc_year_in_taipei(datetime(2025, 12, 31, 15, 59, tzinfo=UTC)) == 114  # 23:59 in Taipei
    assert roc_year_in_taipei(datetime(2025, 12, 31, 16, 0, tzinfo=UTC)) == 115  # 00:00 on 1 January


def case_numbers_of(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Incident.case_number).order_by(Incident.id)))


def test_serials_count_per_agency_and_per_year(app):
    ab = make_agency(app, code="AB", name="甲機關")
    cd = make_agency(app, code="CD", name="乙機關")
    ab_officer = make_user(app, "ab-officer", Role.OFFICER, agency_id=ab)
    cd_officer = make_user(app, "cd-officer", Role.OFFICER, agency_id=cd)

    make_incident(app, ab_officer, now=IN_115)
    make_incident(app, ab_officer, now=IN_115)
    make_incident(app, cd_officer, now=IN_115)
    make_incident(app, ab_officer, now=IN_114)
    make_incident(app, ab_officer, now=IN_115)

    assert case_numbers_of(app) == ["AB-115-0001", "AB-115-0002", "CD-115-0001", "AB-114-0001", "AB-115-0003"]


def test_a_number_taken_meanwhile_is_refused_by_the_unique_constraint(app, monkeypatch):
    """The backstop: should two saves ever get the same number, the second saves nothing."""
    agency = make_agency(app, code="AB", name="甲機關")
    officer = make_user(app, "ab-officer", Role.OFFICER, agency_id=agency)
    make_incident(app, officer, now=IN_115)
    monkeypatch.setattr(
        intake, "allocate_case_number", lambda *args: CaseNumber(115, 1, format_case_number("AB", 115, 1))
    )
    with app.app_context():
        with pytest.raises(ServiceError, match="案號未能取得"):
            intake.open_incident(db.session.get(User, officer), intake.CaseInput(title="遺失機密公文"), now=IN_115)
        db.session.rollback()
    assert db_count(app, Incident) == 1


# Row locks (SELECT … FOR UPDATE) exist on PostgreSQL; SQLite serialises writers itself.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_concurrent_creations_wait_for_the_agency_lock_on_postgresql(app):
    """Two officers of one agency save at once: the second waits for the first, then takes the next serial."""
    agency = make_agency(app, code="AB", name="甲機關")
    first = make_user(app, "first", Role.OFFICER, agency_id=agency)
    second = make_user(app, "second", Role.OFFICER, agency_id=agency)
    first_has_lock, second_done = threading.Event(), threading.Event()
    results: dict[str, str] = {}

    def open_second() -> None:
        with app.app_context():
            first_has_lock.wait(10)
            incident = intake.open_incident(db.session.get(User, second), intake.CaseInput(title="第二件"))
            db.session.commit()
            results["second"] = incident.case_number
            second_done.set()

    thread = threading.Thread(target=open_second)
    thread.start()
    with app.app_context():
        actor = db.session.get(User, first)
        number = case_numbers.allocate_case_number(agency, "AB", datetime.now(UTC))
        first_has_lock.set()
        # The other transaction is blocked on the agency row while this one holds it.
        assert not second_done.wait(1.0)
        incident = intake.open_incident(actor, intake.CaseInput(title="第一件"))
        db.session.commit()
        results["first"] = incident.case_number
    thread.join(10)
    assert number.serial == 1
    year = case_numbers.roc_year_in_taipei(datetime.now(UTC))
    assert results == {"first": f"AB-{year}-0001", "second": f"AB-{year}-0002"}
