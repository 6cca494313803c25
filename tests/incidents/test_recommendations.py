"""Suggestions on a case and the recommendation draft: decisions, the level, re-runs when facts change."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from audit.models import AuditEntry
from core.extensions import db
from incidents.models import Decision, Incident, Recommendation, RecommendationItem, RecommendedAction
from incidents.services.facts import EMPTY_CASE_FACTS
from statutes.engine.result import ENGINE_VERSION
from tests.helpers import db_count
from tests.incidents.helpers import Cast, case_form, make_incident, make_respondent, signed_in

LEAK_FACTS = {
    **EMPTY_CASE_FACTS,
    "act": {**EMPTY_CASE_FACTS["act"], "conducts": ["disclose"], "intent": "unknown", "known_through_duty": True},
    "information": {"kinds": ["general_official_secret"], "classification_level": None},
    "recipient": {**EMPTY_CASE_FACTS["recipient"], "kind": "vendor"},
}
# With intent unknown the engine offers both 刑法第132條第1項 (故意) and 第2項 (過失) as alternatives.
INTENTIONAL, NEGLIGENT = "criminal.132.1", "criminal.132.2"


@pytest.fixture
def case(app: Flask, cast: Cast) -> tuple[Cast, int, int]:
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0, result.output
    incident_id = make_incident(
        app, cast.id("officer"), act_start=date(2025, 2, 20), discovered_date=date(2025, 3, 4), facts=LEAK_FACTS
    )
    respondent_id = make_respondent(app, incident_id, name="張志明", rank_class="junior", grade=7)
    return cast, incident_id, respondent_id


def page_url(incident_id: int, respondent_id: int) -> str:
    return f"/cases/{incident_id}/respondents/{respondent_id}/recommendation"


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html) or re.search(
        rf'type="hidden"[^>]*name="{name}"[^>]*value="([^"]*)"', html
    )
    assert match, f"no hidden {name}"
    return match.group(1)


def form_of(html: str, **items: str) -> dict[str, str]:
    """The page's hidden fields plus ``items`` (field names with dots spelled as given)."""
    data = {name: hidden(html, name) for name in ("csrf_token", "fingerprint", "version")}
    data.update(items)
    return data


def errors_under(html: str, element_id: str) -> list[str]:
    match = re.search(rf'<ul class="errors" id="{re.escape(element_id)}-error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def draft_items(app: Flask, respondent_id: int) -> dict[str, RecommendationItem]:
    with app.app_context():
        draft = db.session.scalar(sa.select(Recommendation).where(Recommendation.respondent_id == respondent_id))
        if draft is None:
            return {}
        items = {item.rule_id: item for item in draft.items}
        db.session.expunge_all()
        return items


def draft_row(app: Flask, respondent_id: int) -> Recommendation | None:
    with app.app_context():
        draft = db.session.scalar(sa.select(Recommendation).where(Recommendation.respondent_id == respondent_id))
        db.session.expunge_all()
        return draft


def save(client: FlaskClient, url: str, **items: str) -> tuple[int, str]:
    html = client.get(url).get_data(as_text=True)
    response = client.post(url, data=form_of(html, **items))
    return response.status_code, response.get_data(as_text=True)


def decide(accept: str = INTENTIONAL, reject: str = NEGLIGENT, reason: str = "被調查人自承故意告知廠商") -> dict:
    return {
        f"item-{accept}-decision": "accepted",
        f"item-{reject}-decision": "rejected",
        f"item-{reject}-reason": reason,
        "action": "major_demerit",
        "action_reason": "",
    }


def test_case_page_lists_each_respondents_suggestions_and_links_to_the_decisions(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    html = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    section = html[html.index('id="recommendations"') :]
    assert "張志明" in section and "中華民國刑法第132條第1項" in section and "中華民國刑法第132條第2項" in section
    assert "尚未儲存建議草稿" in section
    assert page_url(incident_id, respondent_id) in section


def test_page_shows_reasoning_versions_paths_and_logs_the_read(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    before = db_count(app, AuditEntry, AuditEntry.action == "recommendation_viewed")
    html = client.get(page_url(incident_id, respondent_id)).get_data(as_text=True)
    assert "適用版本：民國108年12月27日 起施行" in html  # 刑法第132條 as amended 2019, in force at the act
    assert "處理途徑" in html and "考績懲處（公務人員考績法）" in html and "懲戒（公務員懲戒法）" in html
    assert f'name="item-{INTENTIONAL}-decision"' in html and f'name="item-{NEGLIGENT}-decision"' in html
    assert db_count(app, AuditEntry, AuditEntry.action == "recommendation_viewed") == before + 1


def test_accept_one_reject_one_saves_the_draft_with_versions_and_audit(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    status, _html = save(client, url, **decide())
    assert status == 302
    items = draft_items(app, respondent_id)
    assert items[INTENTIONAL].decision is Decision.ACCEPTED
    assert items[NEGLIGENT].decision is Decision.REJECTED and items[NEGLIGENT].reason == "被調查人自承故意告知廠商"
    assert items[INTENTIONAL].provision_id == "C0000001:132" and items[INTENTIONAL].version_from == date(2019, 12, 27)
    draft = draft_row(app, respondent_id)
    assert draft.engine_version == ENGINE_VERSION and draft.action is RecommendedAction.MAJOR_DEMERIT
    assert draft.facts["act"]["start"] == "2025-02-20"
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "recommendation_saved"))
        assert entry.details["items"][NEGLIGENT][1]["decision"] == "rejected"
        assert entry.details["action"] == [None, "major_demerit"]
    page = client.get(url).get_data(as_text=True)
    assert "已儲存 張志明 的建議草稿" in page
    assert re.search(rf'id="item-{re.escape(NEGLIGENT)}-decision-rejected"[^>]*checked', page)
    summary = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    assert "採納 1 項、修改後採納 0 項、不採納 1 項、尚未決定 0 項；建議處分：記一大過" in summary


def test_reject_without_reason_keeps_everything_typed_and_saves_nothing(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    items = decide(reason="")
    items["action_reason"] = "情節重大"
    items[f"item-{INTENTIONAL}-reason"] = "已有自白"
    status, html = save(client, page_url(incident_id, respondent_id), **items)
    assert status == 400
    assert errors_under(html, f"item-{NEGLIGENT}-reason") == ["不採納時請填寫理由。"]
    assert re.search(rf'id="item-{re.escape(INTENTIONAL)}-decision-accepted"[^>]*checked', html)
    assert ">已有自白</textarea>" in html and "情節重大</textarea>" in html
    assert re.search(r'<option selected value="major_demerit">|<option value="major_demerit" selected>', html)
    assert draft_row(app, respondent_id) is None
    assert db_count(app, AuditEntry, AuditEntry.action == "recommendation_saved") == 0


def test_edit_may_refine_paragraph_but_not_change_the_article(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    wrong = {f"item-{INTENTIONAL}-decision": "edited", f"item-{INTENTIONAL}-edited_citation": "第131條第1項"}
    status, html = save(client, url, **wrong)
    assert status == 400
    assert errors_under(html, f"item-{INTENTIONAL}-edited_citation")[0].startswith("修改後的引用須為同一條文")
    empty = {f"item-{INTENTIONAL}-decision": "edited"}
    status, html = save(client, url, **empty)
    assert status == 400 and errors_under(html, f"item-{INTENTIONAL}-edited_citation")
    good = {
        f"item-{INTENTIONAL}-decision": "edited",
        f"item-{INTENTIONAL}-edited_citation": "第132條第1項後段",
        f"item-{INTENTIONAL}-edited_text": "洩漏予投標廠商，屬關於中華民國國防以外應秘密之消息。",
    }
    assert save(client, url, **good)[0] == 302
    item = draft_items(app, respondent_id)[INTENTIONAL]
    assert (item.decision, item.edited_citation) == (Decision.EDITED, "第132條第1項後段")
    assert item.citation == "第132條第1項"  # what the engine said stays beside the officer's edit


def test_dismissal_level_only_when_the_law_allows_it(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    status, html = save(client, url, action="two_major_demerits")
    assert status == 400
    assert errors_under(html, "action")[0].startswith("一次記二大過以公務人員考績法第12條第3項第2款之情形")
    # Once the case records intent, serious damage and conclusive evidence, the level may be chosen.
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        incident.facts = {
            **LEAK_FACTS,
            "act": {**LEAK_FACTS["act"], "intent": "intentional"},
            "harm": {"serious_government_damage": True, "conclusive_evidence": True, "third_party_harm": None},
        }
        db.session.commit()
    assert save(client, url, action="two_major_demerits")[0] == 302
    assert draft_row(app, respondent_id).action is RecommendedAction.TWO_MAJOR_DEMERITS


def test_changing_the_facts_reruns_the_engine_and_shows_what_changed(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    assert save(client, url, **decide())[0] == 302
    # The officer learns it was intentional and edits the case.
    edit = client.get(f"/cases/{incident_id}/edit").get_data(as_text=True)
    form = case_form(
        csrf_token=hidden(edit, "csrf_token"),
        version=hidden(edit, "version"),
        act_start="114/02/20",
        discovered_date="114/03/04",
        conducts=["disclose"],
        intent="intentional",
        known_through_duty="yes",
        kinds=["general_official_secret"],
        recipient_kind="vendor",
    )
    assert client.post(f"/cases/{incident_id}/edit", data=form).status_code == 302
    summary = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    assert "事實變更後，張志明 的適用建議已有變動，請重新檢視建議草稿。" in summary
    assert "事實或建議已有變動，請重新檢視" in summary
    html = client.get(url).get_data(as_text=True)
    changes = html[html.index('id="changes-heading"') : html.index("可能適用之條文")]
    assert "主觀犯意：尚未查明 → 故意" in changes
    assert "中華民國刑法第132條第1項：狀態由「待查明」改為「適用」" in changes
    assert "不再建議：中華民國刑法第132條第2項" in changes
    # The decision on the rule that is still suggested is kept; saving again clears the notice.
    assert re.search(rf'id="item-{re.escape(INTENTIONAL)}-decision-accepted"[^>]*checked', html)
    resent = client.post(url, data=form_of(html, **{f"item-{INTENTIONAL}-decision": "accepted"}))
    assert resent.status_code == 302
    assert "儲存草稿後已有變動" not in client.get(url).get_data(as_text=True)
    assert set(draft_items(app, respondent_id)) == {INTENTIONAL}


def test_facts_changed_while_the_page_was_open_refuses_and_shows_the_new_suggestions(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    shown = client.get(url).get_data(as_text=True)
    with app.app_context():  # another officer records the intent meanwhile
        incident = db.session.get(Incident, incident_id)
        incident.facts = {**LEAK_FACTS, "act": {**LEAK_FACTS["act"], "intent": "negligent"}}
        db.session.commit()
    response = client.post(url, data=form_of(shown, **decide()))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "案件事實或法規資料在您開啟本頁後已有變更" in html
    assert draft_row(app, respondent_id) is None
    assert "被調查人自承故意告知廠商</textarea>" in html or f"item-{NEGLIGENT}" not in html
    # The page now carries the new evaluation: sending it again saves.
    again = client.post(url, data=form_of(html, **{f"item-{NEGLIGENT}-decision": "accepted"}))
    assert again.status_code == 302


def test_two_officers_saving_the_same_draft_the_second_is_told(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    assert save(client, url, **decide())[0] == 302
    stale = client.get(url).get_data(as_text=True)
    assert save(client, url, **decide(reason="另一理由"))[0] == 302
    response = client.post(url, data=form_of(stale, **decide(reason="第三個理由")))
    assert response.status_code == 400 and "這份建議草稿已由他人更新" in response.get_data(as_text=True)
    assert draft_items(app, respondent_id)[NEGLIGENT].reason == "另一理由"


@pytest.mark.parametrize("username", ["supervisor", "auditor"])
def test_supervisor_and_auditor_read_the_draft_but_cannot_decide(app, client, case, username):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    assert save(client, page_url(incident_id, respondent_id), **decide())[0] == 302
    reader = signed_in(app.test_client(), username)
    html = reader.get(page_url(incident_id, respondent_id)).get_data(as_text=True)
    assert "承辦人決定</strong>：不採納；理由：被調查人自承故意告知廠商" in html
    assert 'type="radio"' not in html and "儲存建議草稿</button>" not in html
    assert "記一大過" in html


def test_a_respondent_of_another_case_is_404(app, client, case):
    cast, _incident_id, respondent_id = case
    other_case = make_incident(app, cast.id("officer"), title="另案", act_start=date(2025, 1, 2))
    signed_in(client, "officer")
    assert client.get(page_url(other_case, respondent_id)).status_code == 404


def test_without_an_act_date_the_page_says_what_is_missing(app, client, case):
    cast, _incident_id, _respondent_id = case
    undated = make_incident(app, cast.id("officer"), title="日期未明之洩密", facts=LEAK_FACTS)
    respondent_id = make_respondent(app, undated, name="陳大文")
    signed_in(client, "officer")
    response = client.get(page_url(undated, respondent_id))
    assert response.status_code == 200
    assert "請先在案件資料填寫行為開始日" in response.get_data(as_text=True)
    assert "請先在案件資料填寫行為開始日" in client.get(f"/cases/{undated}").get_data(as_text=True)


def test_removing_the_respondent_removes_the_draft(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    assert save(client, page_url(incident_id, respondent_id), **decide())[0] == 302
    detail = client.get(f"/cases/{incident_id}").get_data(as_text=True)
    response = client.post(
        f"/cases/{incident_id}/respondents/{respondent_id}/remove", data={"csrf_token": hidden(detail, "csrf_token")}
    )
    assert response.status_code == 302
    assert db_count(app, Recommendation) == 0 and db_count(app, RecommendationItem) == 0


def test_case_list_filters_on_the_provision_accepted_in_a_draft(app, client, case):
    cast, incident_id, respondent_id = case
    rejected_case = make_incident(
        app, cast.id("officer"), title="洩漏會議紀錄", act_start=date(2025, 4, 1), facts=LEAK_FACTS
    )
    rejected_respondent = make_respondent(app, rejected_case, name="李大同")
    untouched_case = make_incident(app, cast.id("officer"), title="尚未決定之案", act_start=date(2025, 5, 1))
    signed_in(client, "officer")
    assert save(client, page_url(incident_id, respondent_id), **decide())[0] == 302  # accepts 第132條第1項
    everything_rejected = {
        f"item-{INTENTIONAL}-decision": "rejected",
        f"item-{INTENTIONAL}-reason": "查無故意",
        f"item-{NEGLIGENT}-decision": "rejected",
        f"item-{NEGLIGENT}-reason": "非因職務知悉",
    }
    assert save(client, page_url(rejected_case, rejected_respondent), **everything_rejected)[0] == 302
    page = client.get("/cases/").get_data(as_text=True)
    assert '<option value="C0000001:132">中華民國刑法第132條</option>' in page
    listed = client.get("/cases/?provision=C0000001:132").get_data(as_text=True)
    assert "洩漏工程底價予廠商" in listed
    assert "洩漏會議紀錄" not in listed and "尚未決定之案" not in listed
    assert untouched_case
    # The CSV export follows the same filter.
    exported = client.get("/cases/export.csv?provision=C0000001:132").get_data(as_text=True)
    assert "洩漏工程底價予廠商" in exported and "洩漏會議紀錄" not in exported
    assert client.get("/cases/?provision=no-such-provision").status_code == 400


def test_a_draft_first_saved_by_someone_else_while_the_page_was_open_is_not_overwritten(app, client, case):
    _cast, incident_id, respondent_id = case
    signed_in(client, "officer")
    url = page_url(incident_id, respondent_id)
    shown_without_draft = client.get(url).get_data(as_text=True)
    assert save(client, url, **decide(reason="先存者的理由"))[0] == 302
    response = client.post(url, data=form_of(shown_without_draft, **decide(reason="後存者的理由")))
    assert response.status_code == 400 and "這份建議草稿已由他人更新" in response.get_data(as_text=True)
    assert draft_items(app, respondent_id)[NEGLIGENT].reason == "先存者的理由"
