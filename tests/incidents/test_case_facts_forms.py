"""Facts the case forms collect that the engine needs: a respondent's 告訴 and when a cyber incident was reported."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

from incidents.services.facts import EMPTY_CASE_FACTS
from tests.helpers import fetch_csrf_token
from tests.incidents.helpers import (
    Cast,
    case_form,
    incident_row,
    make_incident,
    make_respondent,
    respondent_row,
    signed_in,
)

# 公務員洩漏因職務知悉之工商秘密 (刑法第318條): 告訴乃論 (刑法第319條).
TRADE_SECRET_FACTS = {
    **EMPTY_CASE_FACTS,
    "act": {**EMPTY_CASE_FACTS["act"], "conducts": ["disclose"], "intent": "intentional", "known_through_duty": True},
    "information": {**EMPTY_CASE_FACTS["information"], "kinds": ["commercial_secret"]},
    "recipient": {**EMPTY_CASE_FACTS["recipient"], "kind": "vendor"},
}


@pytest.fixture
def case(app: Flask, cast: Cast) -> tuple[int, int]:
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0, result.output
    incident_id = make_incident(
        app, cast.id("officer"), act_start=date(2025, 2, 20), discovered_date=date(2025, 3, 4), facts=TRADE_SECRET_FACTS
    )
    return incident_id, make_respondent(app, incident_id, name="張志明", rank_class="junior", grade=7)


def text_of(response) -> str:
    return response.get_data(as_text=True)


def missing_facts(html: str) -> list[str]:
    return [fact for line in re.findall(r"尚缺事實：([^<]*)", html) for fact in line.split("、")]


def input_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def field_errors(html: str, field_id: str) -> list[str]:
    match = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def respondent_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "張志明",
        "national_id": "",
        "position": "採購承辦人",
        "category": "civil_servant",
        "public_authority_delegated": "",
        "rank_class": "junior",
        "grade": "7",
        "service_start": "",
        "service_end": "",
        "user_id": "",
        "complaint_complainant": "",
        "complaint_learned_on": "",
        "complaint_filed": "",
        "complaint_filed_on": "",
    }
    data.update(overrides)
    return data


def test_a_respondent_states_a_complaint_and_the_suggestion_no_longer_waits_for_it(app, client, case):
    incident_id, respondent_id = case
    signed_in(client, "officer")
    recommendation = f"/cases/{incident_id}/respondents/{respondent_id}/recommendation"
    before = text_of(client.get(recommendation))
    assert "告訴乃論（刑法第319條）" in before
    assert {"complaint.learned_offender_on", "complaint.filed"} <= set(missing_facts(before))
    assert "告訴期間屆滿：尚無法計算" in before

    edit = f"/cases/{incident_id}/respondents/{respondent_id}/edit"
    token = fetch_csrf_token(client, edit)
    complaint = {
        "complaint_complainant": "宏達工程股份有限公司",
        "complaint_learned_on": "114/03/04",
        "complaint_filed": "yes",
        "complaint_filed_on": "114/03/10",
    }
    response = client.post(edit, data={**respondent_form(**complaint), "csrf_token": token, "version": "1"})
    assert response.status_code == 302
    assert respondent_row(app, respondent_id)["facts"]["complaint"] == {
        "complainant": "宏達工程股份有限公司",
        "learned_offender_on": "2025-03-04",
        "filed": True,
        "filed_on": "2025-03-10",
    }

    after = text_of(client.get(recommendation))
    assert "已提出告訴（2025-03-10）" in after
    assert not [fact for fact in missing_facts(after) if fact.startswith("complaint.")]
    # The six months now run from the day the complainant learned who the offender is.
    assert "告訴期間屆滿：尚無法計算" not in after and "知悉犯人之時（2025-03-04）起，於六個月內為之" in after

    again = text_of(client.get(edit))
    assert input_value(again, "complaint_complainant") == "宏達工程股份有限公司"
    assert input_value(again, "complaint_learned_on") == "114/03/04"
    assert input_value(again, "complaint_filed_on") == "114/03/10"
    assert re.search(r'<option selected value="yes">是</option>', again)

    # The case page shows the 告訴 in the respondent's row, in the ROC calendar.
    row = re.search(
        r"<tr>\s*<td>[^<]*</td>(?:(?!</tr>).)*宏達工程股份有限公司(?:(?!</tr>).)*</tr>",
        text_of(client.get(f"/cases/{incident_id}")),
        re.S,
    )
    assert row is not None
    assert "已提出（民國114年3月10日）" in row.group()
    assert "告訴權人：宏達工程股份有限公司" in row.group() and "知悉犯人：民國114年3月4日" in row.group()


def test_the_case_form_keeps_when_a_cyber_incident_was_reported(app, client, cast):
    signed_in(client, "officer")
    page = f"/cases/{cast.incident_id}/edit"
    html = text_of(client.get(page))
    token = fetch_csrf_token(client, page)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    times = {"cyber_security_incident": "y", "cyber_aware_at": "2025-03-01T09:30"}
    response = client.post(
        page,
        data={**case_form(**times, cyber_notified_at="2025-03-01T10:15"), "csrf_token": token, "version": version},
    )
    assert response.status_code == 302
    stored = incident_row(app, cast.incident_id)
    assert stored["facts"]["information"]["cyber_notified_at"] == "2025-03-01T10:15:00+08:00"
    assert input_value(text_of(client.get(page)), "cyber_notified_at") == "2025-03-01T10:15"
    assert "（知悉時間 114/03/01 09:30）（通報時間 114/03/01 10:15）" in text_of(
        client.get(f"/cases/{cast.incident_id}")
    )


def test_a_report_before_the_incident_was_known_is_refused_next_to_the_field(app, client, cast):
    signed_in(client, "officer")
    page = f"/cases/{cast.incident_id}/edit"
    html = text_of(client.get(page))
    token = fetch_csrf_token(client, page)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    data = case_form(
        cyber_security_incident="y", cyber_aware_at="2025-03-01T09:30", cyber_notified_at="2025-02-28T10:00"
    )
    response = client.post(page, data={**data, "csrf_token": token, "version": version})
    assert field_errors(text_of(response), "cyber_notified_at") == ["通報資安事件之時間不可早於知悉之時間。"]
    assert incident_row(app, cast.incident_id)["facts"]["information"].get("cyber_notified_at") is None
