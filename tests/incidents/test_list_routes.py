"""GET /cases/ (filters, keyset pages) and GET /cases/export.csv (the same list as CSV)."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date

import pytest
import sqlalchemy as sa

from audit.models import AuditEntry
from core.extensions import db
from incidents.models import Incident
from incidents.routes import list_routes
from tests.incidents.helpers import make_incident, signed_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def case_numbers(page: str) -> list[str]:
    return re.findall(r'<td><a href="/cases/\d+">([^<]+)</a></td>', page)


def next_link(page: str) -> str | None:
    match = re.search(r'<a href="([^"]+)" rel="next">', page)
    return html.unescape(match.group(1)) if match else None


def number_of(app, incident_id: int) -> str:
    with app.app_context():
        return db.session.get(Incident, incident_id).case_number


@pytest.fixture
def two_cases(app, cast) -> dict[str, int]:
    filed = make_incident(
        app,
        cast.id("officer"),
        title="遺失機密公文",
        summary="公文內含採購評選委員名單。",
        reported_date=date(2025, 3, 5),
        assignee_ids=[cast.id("officer2")],
        filed=True,
    )
    return {"draft": cast.incident_id, "filed": filed}


def test_the_list_shows_visible_cases_with_roc_dates_and_assignees(app, cast, two_cases):
    page = text_of(signed_in(app.test_client(), "supervisor").get("/cases/"))
    assert case_numbers(page) == [number_of(app, two_cases["filed"]), number_of(app, two_cases["draft"])]
    assert "114/03/05" in page and "遺失機密公文" in page
    assert "李承辦、王承辦" in page
    for username in ("officer2", "zz-supervisor"):
        other = text_of(signed_in(app.test_client(), username).get("/cases/"))
        expected = [number_of(app, two_cases["filed"])] if username == "officer2" else []
        assert case_numbers(other) == expected


@pytest.mark.parametrize(("username", "status"), [("admin", 403)])
def test_roles_without_cases_are_refused(app, cast, username, status):
    assert signed_in(app.test_client(), username).get("/cases/").status_code == status
    assert signed_in(app.test_client(), username).get("/cases/export.csv").status_code == status


def test_signed_out_users_go_to_the_login_page(app):
    for path in ("/cases/", "/cases/export.csv"):
        response = app.test_client().get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=底價", ["draft"]),
        ("q=評選委員", ["filed"]),
        ("q=公文內含採購", ["filed"]),
        ("status=filed", ["filed"]),
        ("status=draft&q=公文", []),
        ("reported_from=114/03/01&reported_to=民國114年3月31日", ["filed"]),
        ("information_kind=procurement", []),
        ("sort=case_number", ["draft", "filed"]),
        ("sort=reported", ["filed", "draft"]),
    ],
)
def test_filters_from_the_query_string(app, cast, two_cases, query, expected):
    response = signed_in(app.test_client(), "supervisor").get(f"/cases/?{query}")
    assert response.status_code == 200
    assert case_numbers(text_of(response)) == [number_of(app, two_cases[name]) for name in expected]


def test_the_assignee_and_unit_choices_come_from_the_agency(app, cast, two_cases):
    client = signed_in(app.test_client(), "supervisor")
    page = text_of(client.get("/cases/"))
    assert "李承辦（officer2）" in page and "乙承辦" not in page
    only_officer2 = client.get(f"/cases/?assignee={cast.id('officer2')}")
    assert case_numbers(text_of(only_officer2)) == [number_of(app, two_cases["filed"])]
    # Someone from another agency is not a choice at all.
    assert client.get(f"/cases/?assignee={cast.id('zz-officer')}").status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("reported_from=115/02/30", "民國115年2月只有28日。"),
        ("reported_from=114/03/10&reported_to=114/03/01", "迄日不可早於起日。"),
        ("status=closed", "請從清單中選擇。"),
        ("after=garbage", "分頁位置無效，請從第一頁重新查詢。"),
    ],
)
def test_bad_input_is_explained_with_400(app, cast, query, message):
    response = signed_in(app.test_client(), "supervisor").get(f"/cases/?{query}")
    assert response.status_code == 400
    assert message in text_of(response)
    assert case_numbers(text_of(response)) == []


def test_next_page_link_keeps_the_filter_and_pages_do_not_repeat(app, cast, monkeypatch):
    monkeypatch.setattr(list_routes, "PAGE_SIZE", 2)
    for number in range(4):
        make_incident(app, cast.id("officer"), title=f"底價案{number}")
    client = signed_in(app.test_client(), "supervisor")
    url: str | None = "/cases/?q=底價案"
    seen: list[str] = []
    while url:
        page = text_of(client.get(url))
        seen += case_numbers(page)
        url = next_link(page)
        assert url is None or "q=" in url
    assert len(seen) == 4 and len(set(seen)) == 4


def read_csv(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_export_has_bom_zh_header_and_the_filtered_rows_and_is_audited(app, cast, two_cases):
    client = signed_in(app.test_client(), "supervisor")
    response = client.get("/cases/export.csv?status=filed")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="cases-')
    rows = read_csv(response)
    assert rows[0] == ["案件編號", "案由", "狀態", "密等", "受理日期", "承辦人"]
    filed = [number_of(app, two_cases["filed"]), "遺失機密公文", "已立案", "一般公務機密（密）", "114/03/05"]
    assert rows[1:] == [[*filed, "李承辦、王承辦"]]
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "cases_exported"))
        assert entry.actor_id == cast.id("supervisor")
        assert entry.details == {"filter": {"status": "filed"}, "sort": "newest", "count": 1}


def test_csv_export_is_scoped_to_what_the_user_may_see(app, cast, two_cases):
    rows = read_csv(signed_in(app.test_client(), "zz-supervisor").get("/cases/export.csv"))
    assert rows == [["案件編號", "案由", "狀態", "密等", "受理日期", "承辦人"]]
    everything = read_csv(signed_in(app.test_client(), "officer2").get("/cases/export.csv"))
    assert [row[0] for row in everything[1:]] == [number_of(app, two_cases["filed"])]


def test_csv_export_defuses_formulas(app, cast):
    make_incident(app, cast.id("officer"), title='=HYPERLINK("http://example.invalid","點我")')
    rows = read_csv(signed_in(app.test_client(), "supervisor").get("/cases/export.csv"))
    assert rows[1][1] == '\'=HYPERLINK("http://example.invalid","點我")'


def test_csv_export_with_bad_filter_answers_400_and_is_not_audited(app, cast):
    response = signed_in(app.test_client(), "supervisor").get("/cases/export.csv?reported_from=115/13/01")
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "cases_exported")) is None
