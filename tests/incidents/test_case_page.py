"""The case page, built in one place (incidents.case_page) for the detail view and refused forms."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from flask import render_template
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from accounts.models import User
from audit.models import AuditEntry
from core.extensions import db
from incidents.case_page import case_page
from incidents.models import Incident
from tests.helpers import fetch_csrf_token
from tests.incidents import evidence_samples as samples
from tests.incidents.helpers import make_respondent, signed_in


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")


def viewed_entries(app, incident_id: int) -> int:
    with app.app_context():
        query = sa.select(sa.func.count()).where(
            AuditEntry.action == "incident_viewed", AuditEntry.object_id == str(incident_id)
        )
        return db.session.scalar(query)


def autofocused(html: str) -> list[str]:
    """The name of every form control the page focuses when it opens."""
    return re.findall(r'<(?:input|textarea|select)[^>]*\bautofocus\b[^>]*\bname="([^"]+)"', html) + re.findall(
        r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"[^>]*\bautofocus\b', html
    )


def test_refused_note_keeps_the_text_focuses_the_field_and_logs_one_view(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    views = viewed_entries(app, cast.incident_id)
    response = client.post(
        f"/cases/{cast.incident_id}/notes", data={"csrf_token": token, "note_date": "", "body": "約談檢舉人"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "請輸入日期。" in page and "約談檢舉人</textarea>" in page
    assert autofocused(page) == ["note_date"]  # the browser scrolls it, and its message, into view
    assert "洩漏工程底價予廠商" in page and "承辦人員疑將工程底價告知投標廠商。" in page  # the whole case page
    # The refused note is one more reading of the case, as the case page itself is.
    assert viewed_entries(app, cast.incident_id) == views + 1


def test_refused_upload_focuses_the_file_and_leaves_the_note_form_empty(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    views = viewed_entries(app, cast.incident_id)
    fields = {"csrf_token": token, "description": "截圖", "file": FileStorage(io.BytesIO(samples.exe()), "a.pdf")}
    boundary, body = encode_multipart(fields)
    response = client.post(
        f"/cases/{cast.incident_id}/evidence", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "「a.pdf」：檔案內容與允許的類型不符" in page and 'value="截圖"' in page
    assert autofocused(page) == ["file"]
    assert "請輸入日期。" not in page and "請輸入紀錄內容。" not in page  # the note form is not in error
    assert viewed_entries(app, cast.incident_id) == views + 1


def test_case_page_opened_normally_focuses_nothing(app, client, cast):
    signed_in(client, "officer")
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    assert "autofocus" not in page


def test_supervisor_gets_the_assignment_form_with_the_assignees_ticked(app, client, cast):
    signed_in(client, "supervisor")
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    ticked = re.findall(r'<input[^>]*\bchecked\b[^>]*\bvalue="(\d+)"|<input[^>]*\bvalue="(\d+)"[^>]*\bchecked\b', page)
    assert [int(a or b) for a, b in ticked] == [cast.id("officer")]
    assert "更新承辦人" in page
    assert f'action="/cases/{cast.incident_id}/notes"' not in page  # a supervisor may not add notes


def test_the_template_runs_no_query(app, cast):
    """Everything the page shows is read while it is built; rendering it reads nothing more."""
    make_respondent(app, cast.incident_id, name="林小明")
    with app.test_request_context(f"/cases/{cast.incident_id}"):
        viewer = db.session.get(User, cast.id("officer"))
        page = case_page(db.session.get(Incident, cast.incident_id), viewer=viewer)
        db.session.expire_all()  # a lazy attribute read by the template would now have to query
        statements: list[str] = []

        def seen(_connection, _cursor, statement, *_args) -> None:
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", seen)
        try:
            html = render_template("incidents/detail.html", case=page)  # signed out: base.html reads no user
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", seen)
    assert statements == []
    assert "林小明" in html and "洩漏工程底價予廠商" in html
