"""The suggestion page, the JSON API and flask suggest."""

from __future__ import annotations

import json

import pytest

from accounts.models import Role
from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token_from, fetch_csrf_token, login

NEGLIGENT_LEAK_2018 = {
    "respondent": {"category": "civil_servant", "rank_class": "junior", "grade": 7},
    "act": {"start": "2018-06-01", "conducts": ["disclose"], "intent": "negligent", "known_through_duty": True},
    "information": {"kinds": ["general_official_secret"]},
    "recipient": {"kind": "vendor"},
    "evaluation_date": "2026-11-23",
}


@pytest.fixture
def loaded(app):
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def officer(loaded, client):
    make_user(loaded, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    return client


def citations(result: dict) -> dict[str, str]:
    return {f"{item['law_name']}{item['citation']}": item["status"] for item in result["suggestions"]}


def test_cli_json_output(loaded, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(NEGLIGENT_LEAK_2018, ensure_ascii=False), encoding="utf-8")
    result = loaded.test_cli_runner().invoke(args=["suggest", str(facts), "--format", "json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["act_last_day"] == "2018-06-01" and output["evaluated_on"] == "2026-11-23"
    assert citations(output).get("中華民國刑法第132條第2項") == "applied"
    assert "中華民國刑法第132條第1項" not in citations(output)  # negligence contradicts ¶1


def test_cli_text_output_and_as_of(loaded, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(NEGLIGENT_LEAK_2018, ensure_ascii=False), encoding="utf-8")
    result = loaded.test_cli_runner().invoke(args=["suggest", str(facts), "--as-of", "115/01/01"])
    assert result.exit_code == 0, result.output
    assert "評估基準日 2026-01-01" in result.output and "第132條第2項" in result.output


def test_cli_reports_schema_errors(loaded, tmp_path):
    facts = tmp_path / "bad.json"
    facts.write_text('{"respondent": {"category": "spy"}, "act": {"start": "2018-02-30"}}', encoding="utf-8")
    result = loaded.test_cli_runner().invoke(args=["suggest", str(facts)])
    assert result.exit_code != 0
    assert "respondent/category" in result.output and "act/start" in result.output


def test_api_answers_with_the_documented_json(officer):
    token = fetch_csrf_token(officer, "/suggestions/")
    response = officer.post("/api/v1/suggestions", json=NEGLIGENT_LEAK_2018, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    body = response.get_json()
    assert {"engine_version", "evaluated_on", "act_last_day", "suggestions", "paths"} <= set(body)
    assert citations(body).get("中華民國刑法第132條第2項") == "applied"
    assert {path["kind"] for path in body["paths"]} >= {"criminal"}


def test_api_rejects_invalid_facts_with_field_messages(officer):
    token = fetch_csrf_token(officer, "/suggestions/")
    response = officer.post("/api/v1/suggestions", json={"act": {}}, headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert any("respondent" in message for message in response.get_json()["errors"])


def test_api_requires_sign_in_csrf_and_a_case_role(app, loaded, client):
    assert client.post("/api/v1/suggestions", json=NEGLIGENT_LEAK_2018).status_code in (400, 401)
    make_user(app, "admin", Role.ADMIN)
    login(client, "admin", PASSWORD)
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert (
        client.post("/api/v1/suggestions", json=NEGLIGENT_LEAK_2018, headers={"X-CSRFToken": token}).status_code == 403
    )
    assert client.get("/suggestions/").status_code == 403


def test_api_without_csrf_token_is_refused_in_json(officer):
    response = officer.post("/api/v1/suggestions", json=NEGLIGENT_LEAK_2018)
    assert response.status_code == 400 and "CSRF" in response.get_json()["errors"][0]


def test_page_shows_suggestions_with_reasoning(officer):
    token = fetch_csrf_token(officer, "/suggestions/")
    response = officer.post(
        "/suggestions/",
        data={
            "csrf_token": token,
            "category": "civil_servant",
            "act_start": "107/06/01",
            "conducts": ["disclose"],
            "intent": "negligent",
            "known_through_duty": "yes",
            "kinds": ["general_official_secret"],
            "recipient_kind": "vendor",
            "evaluation_date": "115/11/23",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "建議結果" in html and "第132條第2項" in html and "判斷理由" in html
    assert 'value="107/06/01"' in html  # what was typed stays


def test_page_keeps_values_when_a_date_is_impossible(officer):
    token = fetch_csrf_token(officer, "/suggestions/")
    response = officer.post(
        "/suggestions/",
        data={"csrf_token": token, "category": "civil_servant", "act_start": "107/02/30", "intent": "intentional"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "民國107年2月只有28日。" in html and 'value="107/02/30"' in html
    assert "建議結果" not in html
