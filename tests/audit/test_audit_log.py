"""The auditor's audit-log page, and its date filter that takes ROC dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from accounts.models import LoginAttempt, Role, User
from audit.models import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import db_count, fetch_csrf_token, login


@pytest.fixture
def auditor(app, client):
    agency_id = make_agency(app, code="AB", name="甲機關")
    make_user(app, "auditor", Role.AUDITOR, agency_id=agency_id)
    with app.app_context():
        for day, name in ((1, "first"), (15, "middle"), (30, "last")):
            # 16:30 UTC is 00:30 the next day in Taipei: the filter must use Taiwan dates.
            db.session.add(
                AuditEntry(
                    action="login_failed",
                    actor_name=f"probe-{name}",
                    agency_id=agency_id,
                    occurred_at=datetime(2026, 10, day, 16, 30, tzinfo=UTC),
                )
            )
        db.session.commit()
    login(client, "auditor", PASSWORD)
    return client


def test_auditor_sees_own_agency_entries_only(app, auditor):
    other = make_agency(app, code="ZZ", name="乙機關")
    make_user(app, "stranger", Role.OFFICER, agency_id=other)
    login(app.test_client(), "stranger", PASSWORD)
    html = auditor.get("/audit/").get_data(as_text=True)
    assert "probe-first" in html and "probe-last" in html
    assert "stranger" not in html


def test_filter_by_roc_dates_uses_taiwan_time(auditor):
    # 2026-10-15 16:30 UTC is 民國115年10月16日 in Taipei.
    html = auditor.get("/audit/?date_from=115/10/16&date_to=民國115年10月16日").get_data(as_text=True)
    assert "probe-middle" in html
    assert "probe-first" not in html and "probe-last" not in html
    assert 'value="115/10/16"' in html and 'value="民國115年10月16日"' in html


def test_filter_accepts_iso_dates(auditor):
    html = auditor.get("/audit/?date_from=2026-10-31").get_data(as_text=True)
    assert "probe-last" in html and "probe-middle" not in html


def test_impossible_date_is_explained_next_to_the_field_and_kept(auditor):
    response = auditor.get("/audit/?date_from=115/02/30")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "民國115年2月只有28日。" in html
    assert 'value="115/02/30"' in html
    assert 'id="date_from-error"' in html and 'aria-invalid="true"' in html


def test_end_before_start_is_refused(auditor):
    response = auditor.get("/audit/?date_from=115/10/20&date_to=115/10/10")
    assert response.status_code == 400
    assert "迄日不可早於起日" in response.get_data(as_text=True)


def test_date_errors_follow_the_users_language(app, auditor):
    auditor.post("/language", data={"csrf_token": fetch_csrf_token(auditor, "/settings"), "locale": "en"})
    html = auditor.get("/audit/?date_from=114/02/29").get_data(as_text=True)
    assert "Month 2 of ROC year 114 has only 28 days." in html


def test_reading_the_log_is_itself_logged_and_changes_nothing_else(app, auditor):
    with app.app_context():
        last_id = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))
        probes = db.session.scalars(sa.select(AuditEntry.id).where(AuditEntry.actor_name.like("probe-%"))).all()
    tables_before = db_count(app, User), db_count(app, LoginAttempt)
    auditor.get("/audit/?date_from=115/10/16&date_to=115/10/16")
    html = auditor.get("/audit/").get_data(as_text=True)
    with app.app_context():
        reads = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id)).all()
        assert [(entry.action, entry.actor_name) for entry in reads] == [("audit_log_viewed", "auditor")] * 2
        first, second = (entry.details for entry in reads)
        [middle] = [entry_id for entry_id in probes if entry_id == first["newest_id"]]
        assert first == {
            "filter": {"date_from": "115/10/16", "date_to": "115/10/16"},
            "count": 1,
            "newest_id": middle,
            "oldest_id": middle,
        }
        # The second read shows the first one (the newest entry then) and everything before it.
        agency_ids = db.session.scalars(
            sa.select(AuditEntry.id).where(AuditEntry.agency_id == reads[0].agency_id, AuditEntry.id <= reads[0].id)
        ).all()
        assert second == {
            "filter": {},
            "count": len(agency_ids),
            "newest_id": reads[0].id,
            "oldest_id": min(agency_ids),
        }
    assert "查閱稽核紀錄" in html
    assert (db_count(app, User), db_count(app, LoginAttempt)) == tables_before
