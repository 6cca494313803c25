"""Crafted input gets a clear 400 or 404, never a 500 or a false "database unavailable" 503 (issue 12 item 6).

Each test sends what a penetration test sent: ids and cursors beyond the database's integer range, NUL bytes,
JSON nested without end, dates the engine cannot add years to, CR/LF in ``next=``; and the API answers JSON
for every error. tests/core/test_route_fuzz.py sends random values of the same kinds to every route.
"""

from __future__ import annotations

import base64
import io
import json

import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field, FieldList, FormField, StringField, TextAreaField

from core.forms import NUL_MESSAGE, BaseForm, safe_redirect_target
from incidents.models import Evidence, Incident, Respondent
from tests.factories import PASSWORD
from tests.helpers import db_count, db_scalar, fetch_csrf_token, login
from tests.incidents.helpers import case_form, incident_row

HUGE = 10**20  # beyond PostgreSQL's INTEGER and BIGINT and SQLite's INTEGER
BEYOND_INTEGER = 2**31  # one past PostgreSQL's INTEGER


def signed_in(client, username):
    assert login(client, username, PASSWORD).status_code == 302
    return client


def cursor(*values) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


# --- ids and cursors beyond the integer range ------------------------------------------------------------------


def test_ids_beyond_the_integer_range_are_404(app, client, agency):
    case = agency.incident_id
    signed_in(client, "officer")
    for number in (HUGE, 2**63, BEYOND_INTEGER, 2**31 - 1):
        for path in (
            f"/cases/{number}",
            f"/cases/{number}/edit",
            f"/cases/{case}/respondents/{number}/edit",
            f"/cases/{case}/respondents/{number}/recommendation",
            f"/cases/{case}/evidence/{number}",
        ):
            assert client.get(path).status_code == 404, path
    admin = signed_in(app.test_client(), "admin")
    assert admin.get(f"/admin/users/{HUGE}").status_code == 404


@pytest.mark.parametrize(
    ("sort", "token"),
    [
        ("newest", cursor("newest", HUGE)),
        ("newest", cursor("newest", BEYOND_INTEGER)),
        ("case_number", cursor("case_number", HUGE, 1, 1)),
        ("case_number", cursor("case_number", 115, 1, -HUGE)),
        ("reported", cursor("reported", "2025-03-05", HUGE)),
        ("reported", cursor("reported", None, BEYOND_INTEGER)),
        ("newest", base64.urlsafe_b64encode(b"[" * 50_000 + b"]" * 50_000).decode()),  # deeper than JSON parses
        ("newest", "A" * 5000),
    ],
    ids=["newest", "newest-int32", "case-number", "case-number-negative", "reported", "reported-none", "deep", "long"],
)
def test_crafted_case_list_cursor_is_a_400_with_a_message(app, client, agency, sort, token):
    signed_in(client, "officer")
    response = client.get("/cases/", query_string={"sort": sort, "after": token})
    assert response.status_code == 400
    assert "分頁位置無效" in response.get_data(as_text=True)


def test_huge_number_in_audit_log_position_shows_the_first_page(app, client, agency):
    signed_in(client, "auditor")
    for before in (str(HUGE), str(BEYOND_INTEGER), "-" + str(HUGE)):
        response = client.get("/audit/", query_string={"before": before})
        assert response.status_code == 200
        assert "登入成功" in response.get_data(as_text=True)


def test_huge_article_number_in_statute_search_finds_nothing(with_statutes, client, agency):
    signed_in(client, "officer")
    for query in ("刑法 99999999999999999999", f"刑法第{BEYOND_INTEGER}條", f"刑法 132-{HUGE}"):
        response = client.get("/statutes/", query_string={"q": query})
        assert response.status_code == 200, query
        assert "沒有符合的條文。" in response.get_data(as_text=True), query


# --- NUL bytes ---------------------------------------------------------------------------------------------------


def test_nul_byte_in_a_case_form_is_refused_with_a_message_and_nothing_is_stored(app, client, agency):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, "/cases/new")
    response = client.post("/cases/new", data=case_form(csrf_token=token, title="洩漏\x00底價"))
    html = response.get_data(as_text=True)
    assert NUL_MESSAGE in html
    assert "承辦人員疑將工程底價以通訊軟體告知投標廠商。" in html  # the other values are kept
    assert db_count(app, Incident) == 1  # only the fixture's case


def test_nul_byte_in_a_respondent_form_is_refused(app, client, agency):
    signed_in(client, "officer")
    path = f"/cases/{agency.incident_id}/respondents/{agency.respondent_id}/edit"
    token = fetch_csrf_token(client, path)
    response = client.post(path, data={"csrf_token": token, "name": "林\x00小明", "national_id": "A123456789"})
    assert NUL_MESSAGE in response.get_data(as_text=True)
    assert db_scalar(app, sa.select(Respondent.name).where(Respondent.id == agency.respondent_id)) == "林小明"


@pytest.mark.parametrize("path", ["/cases/", "/cases/export.csv", "/statutes/"])
def test_nul_byte_in_a_search_is_a_400_with_a_message(app, client, agency, path):
    signed_in(client, "supervisor")
    response = client.get(path, query_string={"q": "底\x00價"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True)


def test_nul_byte_in_a_path_is_404(with_statutes, client, agency):
    signed_in(client, "officer")
    for path in ("/statutes/%00", "/statutes/C0000001%00", "/statutes/provision/%00", "/statutes/diff/a%00b"):
        assert client.get(path).status_code == 404, path


def _form_classes() -> list[type[FlaskForm]]:
    found, pending = [], [FlaskForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] != "flask_wtf":
                found.append(subclass)
    return found


def _text_fields(form) -> list[Field]:
    fields = []
    for field in form:
        if isinstance(field, FormField):
            fields.extend(_text_fields(field.form))
        elif isinstance(field, FieldList):
            for entry in field.entries:
                fields.extend(_text_fields(entry.form) if isinstance(entry, FormField) else [entry])
        elif isinstance(field, StringField | TextAreaField) and field.type != "HiddenField":
            fields.append(field)
    return fields


def test_every_form_refuses_a_nul_byte_in_every_text_field(app):
    classes = _form_classes()
    assert len(classes) >= 15  # every form of the application (accounts, audit, incidents, provisions, suggestions)
    for form_class in classes:
        assert issubclass(form_class, BaseForm), f"{form_class.__qualname__} does not refuse NUL bytes"
        with app.test_request_context(method="POST"):
            empty = form_class(formdata=MultiDict(), meta={"csrf": False})
            names = [field.name for field in _text_fields(empty)]
            form = form_class(formdata=MultiDict({name: "a\x00b" for name in names}), meta={"csrf": False})
            assert not form.validate() or not names
            for field in _text_fields(form):
                assert NUL_MESSAGE in [str(message) for message in field.errors], f"{form_class.__name__}.{field.name}"


# --- JSON nested without end, dates the engine cannot add years to -----------------------------------------------


@pytest.fixture
def api_client(client, agency):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, "/suggestions/")
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return client


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_a_400(api_client, depth):
    response = api_client.post("/api/v1/suggestions", data="[" * depth + "]" * depth, content_type="application/json")
    assert response.status_code == 400
    assert "巢狀" in response.get_json()["errors"][0]


FACTS = {
    "respondent": {"category": "civil_servant", "rank_class": "junior", "grade": 7},
    "act": {"start": "2018-06-01", "conducts": ["disclose"], "intent": "negligent", "known_through_duty": True},
    "information": {"kinds": ["general_official_secret"]},
    "recipient": {"kind": "vendor"},
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("act", "start"), "9999-12-31"),
        (("act", "start"), "9990-01-01"),
        (("respondent", "service_end"), "9999-12-31"),
        (("evaluation_date",), "9999-12-31"),
    ],
)
def test_date_beyond_the_engine_range_is_a_400_naming_the_field(with_statutes, api_client, path, value):
    document = json.loads(json.dumps(FACTS))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    response = api_client.post("/api/v1/suggestions", json=document)
    assert response.status_code == 400
    problems = response.get_json()["errors"]
    assert any(problem.startswith("/".join(path)) and "2910" in problem for problem in problems), problems


def test_date_beyond_the_range_in_the_suggestion_form_is_a_field_error(with_statutes, api_client):
    token = fetch_csrf_token(api_client, "/suggestions/")
    response = api_client.post(
        "/suggestions/",
        data={"csrf_token": token, "category": "civil_servant", "act_start": "9999-12-31", "intent": "negligent"},
    )
    assert response.status_code == 400
    assert "日期不可晚於民國999年12月31日（西元2910年）。" in response.get_data(as_text=True)


# --- CR/LF in next= --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/cases/\r\nSet-Cookie: x=1", "/\t/evil.example", "/cases/\x00", "/a\nb"])
def test_control_characters_make_a_redirect_target_unsafe(target):
    assert safe_redirect_target(target) is None


def test_safe_redirect_target_keeps_a_path_with_its_query():
    assert safe_redirect_target("/cases/?q=底價&sort=newest") == "/cases/?q=底價&sort=newest"


def test_cr_lf_in_next_after_signing_in_goes_home(app, client, agency):
    html = client.get("/login?next=/cases/%0d%0aSet-Cookie:%20x=1").get_data(as_text=True)
    assert 'name="next" type="hidden" value=""' in html
    token = fetch_csrf_token(client, "/login")
    response = client.post(
        "/login",
        data={"csrf_token": token, "username": "officer", "password": PASSWORD, "next": "/cases/\r\nSet-Cookie: x=1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# --- the API answers JSON for every error ----------------------------------------------------------------------


def test_api_errors_are_json(app, agency):
    @app.post("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["MAX_CONTENT_LENGTH"] = 1024
    client = signed_in(app.test_client(), "officer")
    token = fetch_csrf_token(client, "/suggestions/")
    headers = {"X-CSRFToken": token}
    answers = {
        404: client.get("/api/v1/no-such-thing"),
        405: client.get("/api/v1/suggestions"),
        413: client.post("/api/v1/suggestions", data="x" * 4096, content_type="application/json", headers=headers),
        500: client.post("/api/v1/boom", json={}, headers=headers),
        400: client.post("/api/v1/suggestions", data="{", content_type="application/json", headers=headers),
    }
    for status, response in answers.items():
        assert response.status_code == status
        assert response.is_json, f"{status} is {response.content_type}"
        assert response.get_json()["errors"], status
    assert set(answers[405].headers["Allow"].split(", ")) == {"OPTIONS", "POST"}
    assert answers[500].get_json()["reference"]
    assert "secret internals" not in answers[500].get_data(as_text=True)


def test_huge_id_among_assigned_officers_is_refused(app, client, agency):
    # The assignment form lets any id through to the service, which looked it up: an OverflowError (found by
    # tests/core/test_route_fuzz.py).
    signed_in(client, "officer")
    case = f"/cases/{agency.incident_id}"
    token = fetch_csrf_token(client, case)
    officer = str(agency.users["officer"])
    response = client.post(f"{case}/assignments", data={"csrf_token": token, "assignees": [officer, str(HUGE)]})
    assert response.status_code == 302
    assert "請從清單中選擇。" in client.get(case).get_data(as_text=True)
    assert incident_row(app, agency.incident_id)["assignees"] == ["officer"]


def test_nul_byte_in_an_uploaded_file_name_is_refused(app, client, agency):
    signed_in(client, "officer")
    case = f"/cases/{agency.incident_id}"
    token = fetch_csrf_token(client, case)
    response = client.post(
        f"{case}/evidence",
        data={"csrf_token": token, "description": "截圖", "file": (io.BytesIO(b"just text\n"), "note\x00.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True)
    assert db_count(app, Evidence) == 0
