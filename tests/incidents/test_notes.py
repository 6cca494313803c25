"""Case notes: dated entries by the assigned officers, shown newest first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from audit.models import AuditEntry
from core.clock import to_taipei
from core.extensions import db
from core.models import utcnow
from core.roc_date import format_roc_compact
from incidents.models import Note
from tests.helpers import fetch_csrf_token
from tests.incidents.helpers import signed_in


def post_note(client, incident_id: int, note_date: str, body: str, token: str | None = None):
    token = token or fetch_csrf_token(client, f"/cases/{incident_id}")
    return client.post(f"/cases/{incident_id}/notes", data={"csrf_token": token, "note_date": note_date, "body": body})


def note_rows(app) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Note).order_by(Note.id))
        return [{column.name: getattr(row, column.name) for column in Note.__table__.columns} for row in rows]


def taipei_today() -> date:
    return to_taipei(utcnow()).date()


def test_officer_adds_a_note_and_it_is_audited(app, client, cast):
    signed_in(client, "officer")
    response = post_note(
        client, cast.incident_id, "114/03/05", "  約談檢舉人，取得通訊軟體截圖。\r\n另請資訊室調閱紀錄。  "
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{cast.incident_id}#notes")
    [row] = note_rows(app)
    assert row["note_date"] == date(2025, 3, 5)
    assert row["body"] == "約談檢舉人，取得通訊軟體截圖。\n另請資訊室調閱紀錄。"
    assert row["author_id"] == cast.id("officer") and row["incident_id"] == cast.incident_id
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "note_added"))
        assert entry.actor_name == "officer" and entry.object_id == str(row["id"])
        assert entry.details["note_date"] == "2025-03-05" and entry.details["incident_id"] == cast.incident_id


def test_timeline_shows_newest_date_first_with_authors(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    for day, body in (
        ("114/03/05", "第二則"),
        ("114/03/01", "第一則"),
        ("114/03/20", "第三則"),
        ("114/03/20", "第四則"),
    ):
        assert post_note(client, cast.incident_id, day, body, token).status_code == 302
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    positions = [page.index(body) for body in ("第四則", "第三則", "第二則", "第一則")]
    assert positions == sorted(positions)
    assert "民國114年3月20日" in page and "王承辦" in page


def test_todays_date_is_accepted_but_a_future_date_is_refused_and_the_text_kept(app, client, cast):
    signed_in(client, "officer")
    today = taipei_today()
    assert post_note(client, cast.incident_id, format_roc_compact(today), "今日紀錄").status_code == 302
    tomorrow = format_roc_compact(today + timedelta(days=1))
    response = post_note(client, cast.incident_id, tomorrow, "預先寫好的紀錄")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "日期不可晚於今天" in page
    assert f'value="{tomorrow}"' in page and "預先寫好的紀錄</textarea>" in page
    assert len(note_rows(app)) == 1


@pytest.mark.parametrize(
    ("note_date", "body", "message"),
    [
        ("", "內容", "請輸入日期。"),
        ("114/02/30", "內容", "民國114年2月只有28日。"),
        ("114/03/05", "   ", "請輸入紀錄內容。"),
        ("114/03/05", "長" * 5001, "紀錄內容最多 5000 個字（目前 5001 個）。"),
    ],
)
def test_invalid_notes_are_refused_next_to_the_field(app, client, cast, note_date, body, message):
    signed_in(client, "officer")
    response = post_note(client, cast.incident_id, note_date, body)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    if body.strip():
        assert body in page  # what was typed is kept
    assert note_rows(app) == []


def test_line_breaks_do_not_count_twice_toward_the_limit(app, client, cast):
    signed_in(client, "officer")
    body = ("甲" * 99 + "\r\n") * 50  # 5,000 characters once CRLF is a single line break
    assert post_note(client, cast.incident_id, "114/03/05", body.rstrip()).status_code == 302


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("supervisor", 403),
        ("auditor", 403),
        ("officer2", 404),
        ("admin", 404),
        ("zz-officer", 404),
        ("zz-supervisor", 404),
    ],
)
def test_only_assigned_officers_add_notes(app, cast, username, status):
    client = signed_in(app.test_client(), username)
    response = post_note(client, cast.incident_id, "114/03/05", "不該存入", fetch_csrf_token(client, "/settings"))
    assert response.status_code == status
    assert note_rows(app) == []


def test_readers_see_the_timeline_without_the_forms(app, client, cast):
    officer = signed_in(app.test_client(), "officer")
    assert post_note(officer, cast.incident_id, "114/03/05", "約談紀錄").status_code == 302
    signed_in(client, "auditor")
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    assert "約談紀錄" in page
    assert f"/cases/{cast.incident_id}/notes" not in page
    assert f'action="/cases/{cast.incident_id}/evidence"' not in page


def test_missing_case_is_404(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    assert post_note(client, cast.incident_id + 100, "114/03/05", "內容", token).status_code == 404
