"""Case pages as a user meets them: forms, messages kept on error, CSRF, audit (404 matrix: test_access.py)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import Role
from audit.models import AuditEntry
from core.extensions import db
from core.models import utcnow
from incidents.models import CaseStatus, Incident, Respondent
from incidents.services.case_numbers import roc_year_in_taipei
from tests.factories import make_user
from tests.helpers import csrf_token_from, db_count, fetch_csrf_token
from tests.incidents.helpers import (
    case_form,
    incident_row,
    make_incident,
    make_respondent,
    respondent_row,
    signed_in,
)


def text_of(response) -> str:
    return response.get_data(as_text=True)


def field_errors(html: str, field_id: str) -> list[str]:
    """The messages shown under one field (macros/forms.html: <ul class="errors" id="<field>-error">)."""
    match = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def input_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def audit_actions(app: Flask, object_type: str, object_id: int) -> list[str]:
    with app.app_context():
        query = sa.select(AuditEntry.action).order_by(AuditEntry.id)
        query = query.where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
        return list(db.session.scalars(query))


def current_roc_year() -> int:
    return roc_year_in_taipei(utcnow())


# --- creating -------------------------------------------------------------------


def test_officer_creates_a_case_and_lands_on_it(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, "/cases/new")
    response = client.post(
        "/cases/new",
        data={
            **case_form(title="將個人資料提供予徵信業者"),
            "csrf_token": token,
            "assignees": [str(cast.id("officer2"))],
        },
    )
    assert response.status_code == 302
    incident_id = int(response.headers["Location"].rsplit("/", 1)[1])
    row = incident_row(app, incident_id)
    assert row["case_number"] == f"AB-{current_roc_year()}-0002"  # the cast already opened 0001
    assert row["assignees"] == ["officer", "officer2"] and row["status"] == CaseStatus.DRAFT
    assert row["facts"]["act"]["conducts"] == ["disclose"] and row["facts"]["recipient"]["kind"] == "vendor"
    assert row["facts"]["act"]["known_through_duty"] is True and row["facts"]["act"]["benefit_received"] is None
    html = text_of(client.get(response.headers["Location"]))
    assert f"已建立案件 AB-{current_roc_year()}-0002。" in html
    assert "將個人資料提供予徵信業者" in html and "民國114年3月4日" in html and "廠商" in html
    assert audit_actions(app, "incident", incident_id) == ["incident_created", "incident_viewed"]


def test_create_without_csrf_token_saves_nothing(app, client, cast):
    signed_in(client, "officer")
    response = client.post("/cases/new", data=case_form())
    assert response.status_code == 400 and "表單安全驗證失敗" in text_of(response)
    assert db_count(app, Incident) == 1


@pytest.mark.parametrize("username", ["supervisor", "auditor", "admin"])
def test_only_officers_open_cases(app, client, cast, username):
    signed_in(client, username)
    assert client.get("/cases/new").status_code == 403


def post_new(client, **overrides):
    token = fetch_csrf_token(client, "/cases/new")
    return client.post("/cases/new", data={**case_form(**overrides), "csrf_token": token})


def test_errors_are_shown_next_to_fields_and_every_value_is_kept(app, client, cast):
    signed_in(client, "officer")
    response = post_new(
        client,
        title="",
        summary="承辦人員疑將會議資料以通訊軟體傳送予記者。",
        reported_date="115/02/30",  # no such day
        discovered_date="2900-01-01",  # in the future
        act_start="114/05/10",
        act_end="114/05/01",  # before the start
        conducts=["disclose", "deliver"],
        recipient_kind="media",
    )
    html = text_of(response)
    assert response.status_code == 200
    assert field_errors(html, "title") == ["請輸入案由。"]
    assert field_errors(html, "reported_date") == ["民國115年2月只有28日。"]
    assert field_errors(html, "discovered_date")[0].startswith("發現日期不可晚於今天（民國")
    assert field_errors(html, "act_end") == ["行為終了日不可早於行為開始日。"]
    # Everything typed comes back.
    assert input_value(html, "reported_date") == "115/02/30" and input_value(html, "discovered_date") == "2900-01-01"
    assert input_value(html, "act_start") == "114/05/10" and input_value(html, "act_end") == "114/05/01"
    assert "承辦人員疑將會議資料以通訊軟體傳送予記者。</textarea>" in html
    assert re.search(r'<input checked[^>]*name="conducts"[^>]*value="deliver"', html)
    assert re.search(r'<option selected value="media">', html)
    assert db_count(app, Incident) == 1


def test_future_discovery_date_is_refused(app, client, cast):
    signed_in(client, "officer")
    html = text_of(post_new(client, discovered_date="2900/01/01", reported_date=""))
    assert "發現日期不可晚於今天" in html
    assert db_count(app, Incident) == 1


def test_iso_and_roc_dates_are_both_accepted(app, client, cast):
    signed_in(client, "officer")
    response = post_new(client, act_start="2025-02-20", act_end="民國114年2月22日", discovered_date="114.03.04")
    assert response.status_code == 302
    row = incident_row(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (row["act_start"].isoformat(), row["act_end"].isoformat()) == ("2025-02-20", "2025-02-22")
    assert row["discovered_date"].isoformat() == "2025-03-04"


def test_cyber_incident_time_is_taiwan_time(app, client, cast):
    signed_in(client, "officer")
    response = post_new(client, cyber_security_incident="y", cyber_aware_at="2025-03-04T09:30")
    row = incident_row(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert row["cyber_security_incident"] is True
    assert row["cyber_aware_at"].isoformat() == "2025-03-04T01:30:00+00:00"
    assert "114/03/04 09:30" in text_of(client.get(response.headers["Location"]))


# --- viewing, editing, filing ---------------------------------------------------------


def test_view_is_audited_each_time(app, client, cast):
    signed_in(client, "auditor")
    for _ in range(2):
        assert client.get(f"/cases/{cast.incident_id}").status_code == 200
    with app.app_context():
        entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "incident_viewed")).all()
        assert [(e.actor.username, e.object_id, e.agency_id) for e in entries] == [
            ("auditor", str(cast.incident_id), cast.agency_id)
        ] * 2


def test_auditor_reads_but_gets_no_edit_controls(app, client, cast):
    html = text_of(signed_in(client, "auditor").get(f"/cases/{cast.incident_id}"))
    assert "洩漏工程底價予廠商" in html
    assert "修改案件" not in html and "立案</button>" not in html and "更新承辦人" not in html
    assert "聲明迴避" in html


def edit_form_data(client, incident_id: int) -> dict:
    html = text_of(client.get(f"/cases/{incident_id}/edit"))
    return {
        "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1),
        "version": input_value(html, "version"),
    }


def test_edit_form_is_filled_in_and_saves(app, client, cast):
    signed_in(client, "officer")
    html = text_of(client.get(f"/cases/{cast.incident_id}/edit"))
    assert input_value(html, "title") == "洩漏工程底價予廠商" and input_value(html, "act_start") == "114/02/20"
    assert input_value(html, "version") == "1"
    hidden = edit_form_data(client, cast.incident_id)
    response = client.post(
        f"/cases/{cast.incident_id}/edit",
        data={**case_form(summary="廠商已坦承收到底價。", act_start="114/02/20"), **hidden},
    )
    assert response.status_code == 302
    row = incident_row(app, cast.incident_id)
    assert row["summary"] == "廠商已坦承收到底價。" and row["version"] == 2
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "incident_updated"))
        assert entry.details["summary"] == ["承辦人員疑將工程底價告知投標廠商。", "廠商已坦承收到底價。"]


def test_stale_edit_is_refused_and_changes_nothing(app, client, cast):
    signed_in(client, "officer")
    stale = edit_form_data(client, cast.incident_id)
    fresh = edit_form_data(client, cast.incident_id)
    assert (
        client.post(f"/cases/{cast.incident_id}/edit", data={**case_form(summary="先存的"), **fresh}).status_code == 302
    )
    response = client.post(f"/cases/{cast.incident_id}/edit", data={**case_form(summary="後存的"), **stale})
    html = text_of(response)
    assert "案件已被他人更新，請重新載入後再修改" in html
    assert "後存的</textarea>" in html  # what was typed is still there to copy
    assert incident_row(app, cast.incident_id)["summary"] == "先存的"


def test_file_button_files_the_draft(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = client.post(f"/cases/{cast.incident_id}/file", data={"csrf_token": token}, follow_redirects=True)
    assert "案件已立案。" in text_of(response) and "已立案" in text_of(response)
    assert incident_row(app, cast.incident_id)["status"] == CaseStatus.FILED
    assert "incident_filed" in audit_actions(app, "incident", cast.incident_id)
    again = client.post(f"/cases/{cast.incident_id}/file", data={"csrf_token": token}, follow_redirects=True)
    assert "此案件已立案。" in text_of(again)


# --- respondents ------------------------------------------------------------------


def respondent_form(**overrides) -> dict:
    data = {
        "name": "林小明",
        "national_id": "A123456789",
        "position": "工務課技士",
        "category": "civil_servant",
        "public_authority_delegated": "",
        "rank_class": "junior",
        "grade": "7",
        "service_start": "104/08/01",
        "service_end": "",
        "user_id": "",
        "year_records-0-kind": "demerit",
        "year_records-0-on": "114/05/01",
        "year_records-0-count": "1",
        "year_records-1-kind": "",
        "year_records-1-on": "",
        "year_records-1-count": "1",
    }
    data.update(overrides)
    return data


def test_add_respondent_shows_the_id_masked(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}/respondents/new")
    response = client.post(
        f"/cases/{cast.incident_id}/respondents/new", data={**respondent_form(), "csrf_token": token}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#respondents")
    with app.app_context():
        respondent = db.session.scalar(sa.select(Respondent))
        assert respondent.national_id == "A123456789"
        assert respondent.facts["year_records"] == [{"kind": "demerit", "on": "2025-05-01", "count": 1}]
        assert respondent.facts["rank_class"] == "junior" and respondent.facts["grade"] == 7
    html = text_of(client.get(f"/cases/{cast.incident_id}"))
    assert "A12****789" in html and "A123456789" not in html
    assert "薦任" in html and "第 7 職等" in html and "記過 1 次" in html


def test_respondent_errors_keep_the_values(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}/respondents/new")
    response = client.post(
        f"/cases/{cast.incident_id}/respondents/new",
        data={
            **respondent_form(national_id="A123456788", grade="15", **{"year_records-1-kind": "reprimand"}),
            "csrf_token": token,
        },
    )
    html = text_of(response)
    assert field_errors(html, "national_id") == ["身分證統一編號的檢查碼不符，請確認是否輸入錯誤。"]
    assert field_errors(html, "grade") == ["職等須為 1 至 14。"]
    assert field_errors(html, "year_records-1-on") == ["請輸入核定日期。"]
    assert input_value(html, "national_id") == "A123456788" and input_value(html, "position") == "工務課技士"
    assert input_value(html, "year_records-0-on") == "114/05/01"
    assert db_count(app, Respondent) == 0


def test_edit_and_remove_respondent(app, client, cast):
    respondent_id = make_respondent(app, cast.incident_id, name="林小明")
    signed_in(client, "officer")
    page = f"/cases/{cast.incident_id}/respondents/{respondent_id}/edit"
    html = text_of(client.get(page))
    assert input_value(html, "name") == "林小明" and input_value(html, "national_id") == "A123456789"
    assert input_value(html, "version") == "1"
    token = fetch_csrf_token(client, page)
    response = client.post(page, data={**respondent_form(name="林曉明"), "csrf_token": token, "version": "1"})
    assert response.status_code == 302
    assert respondent_row(app, respondent_id)["name"] == "林曉明"
    assert respondent_row(app, respondent_id)["version"] == 2
    response = client.post(f"/cases/{cast.incident_id}/respondents/{respondent_id}/remove", data={"csrf_token": token})
    assert response.status_code == 302 and respondent_row(app, respondent_id) is None
    assert audit_actions(app, "respondent", respondent_id) == [
        "respondent_added",
        "respondent_viewed",  # the form opened twice: to look, and for its token
        "respondent_viewed",
        "respondent_updated",
        "respondent_removed",
    ]


def test_respondent_of_another_case_is_404(app, client, cast):
    other_case = make_incident(app, cast.id("officer"), title="遺失機密公文")
    respondent_id = make_respondent(app, other_case)
    signed_in(client, "officer")
    assert client.get(f"/cases/{cast.incident_id}/respondents/{respondent_id}/edit").status_code == 404


def test_linking_a_respondent_account_hides_the_case_from_it(app, client, cast):
    incident_id = make_incident(app, cast.id("officer"), assignee_ids=[cast.id("officer2")])
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{incident_id}/respondents/new")
    client.post(
        f"/cases/{incident_id}/respondents/new",
        data={
            **respondent_form(name="李承辦", national_id="F128765439", user_id=str(cast.id("officer2"))),
            "csrf_token": token,
        },
    )
    other = signed_in(app.test_client(), "officer2")
    assert other.get(f"/cases/{incident_id}").status_code == 404
    assert "洩漏工程底價予廠商" not in text_of(other.get("/cases/"))


# --- assignments and recusal ------------------------------------------------------------


def assignment_form_data(client, incident_id: int) -> dict:
    """The hidden fields of the case page's assignment form: CSRF token and the assignment list's version."""
    html = text_of(client.get(f"/cases/{incident_id}"))
    return {"csrf_token": csrf_token_from(html), "version": input_value(html, "version")}


def test_supervisor_changes_assignments(app, client, cast):
    signed_in(client, "supervisor")
    hidden = assignment_form_data(client, cast.incident_id)
    assert hidden["version"] == "1"
    response = client.post(
        f"/cases/{cast.incident_id}/assignments",
        data={**hidden, "assignees": [str(cast.id("officer2"))]},
        follow_redirects=True,
    )
    assert "已更新承辦人。" in text_of(response)
    assert incident_row(app, cast.incident_id)["assignees"] == ["officer2"]
    assert incident_row(app, cast.incident_id)["assignments_version"] == 2
    assert incident_row(app, cast.incident_id)["version"] == 1  # the record itself did not change
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "incident_assignment_changed"))
        assert entry.details["assignees"] == [["officer"], ["officer2"]] and entry.agency_id == cast.agency_id


def test_assigning_nobody_is_refused(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = client.post(f"/cases/{cast.incident_id}/assignments", data={"csrf_token": token}, follow_redirects=True)
    assert "請至少指派一位承辦人。" in text_of(response)
    assert incident_row(app, cast.incident_id)["assignees"] == ["officer"]


def test_declaring_a_conflict_needs_a_reason_and_a_confirmation_then_hides_the_case(app, client, cast):
    make_user(app, "supervisor2", Role.SUPERVISOR, agency_id=cast.agency_id)  # the last supervisor may not recuse
    signed_in(client, "supervisor")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = client.post(f"/cases/{cast.incident_id}/recusal", data={"csrf_token": token, "reason": " "})
    assert response.status_code == 400
    assert field_errors(text_of(response), "reason") == ["請說明迴避的原因。"]

    # The reason alone leads to the confirmation page; only the confirmed post recuses.
    response = client.post(
        f"/cases/{cast.incident_id}/recusal", data={"csrf_token": token, "reason": "被調查人為本人配偶"}
    )
    assert response.status_code == 200 and "確認聲明迴避" in text_of(response)
    assert incident_row(app, cast.incident_id)["recused"] == []
    response = client.post(
        f"/cases/{cast.incident_id}/recusal",
        data={"csrf_token": token, "reason": "被調查人為本人配偶", "stage": "confirm", "confirmed": "y"},
        follow_redirects=True,
    )
    assert "已聲明迴避，您將無法再查閱此案件。" in text_of(response)
    assert client.get(f"/cases/{cast.incident_id}").status_code == 404
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "incident_recused"))
        assert entry.details["reason"] == "被調查人為本人配偶" and entry.actor.username == "supervisor"
