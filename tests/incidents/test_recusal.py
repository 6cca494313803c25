"""Recusal (利益衝突迴避) never takes a case away from those who oversee it (issue 12 item 1).

The attack this closes: an assigned officer linked a respondent to the supervisor's or an
auditor's account (and removed the respondent again); the automatic recusal stayed, and the
case was gone for them (404, not in the list nor the CSV). Now only officer accounts may be
linked, auditors are never recused, the last supervisor who sees a case may not recuse, a
recusal is confirmed before it happens, and it is shown (who, why, when) on the case page and
in the case list, with a warning when a case is left without an assigned officer.
"""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import Role, User
from audit.models import AuditEntry
from core.extensions import db
from core.services import ServiceError
from core.templating import roc_date_compact, roc_datetime
from incidents.models import Incident, Recusal, Respondent
from incidents.services import access, assignments, respondents
from incidents.services.respondents import RespondentInput
from tests.factories import make_user
from tests.helpers import fetch_csrf_token
from tests.incidents.helpers import (
    Cast,
    agency_code,
    incident_row,
    make_incident,
    make_respondent,
    recuse,
    signed_in,
)
from tests.incidents.test_list_routes import read_csv
from tests.incidents.test_routes_cases import field_errors, input_value, respondent_form, text_of

LAST_SUPERVISOR = "本機關沒有其他主管可督導本案，您不能聲明迴避"
AUDITOR_NOT_RECUSED = "稽核人員對本機關案件的唯讀監督不因迴避而移除"


def visible_ids(app: Flask, username_id: int) -> list[int]:
    with app.app_context():
        user = db.session.get(User, username_id)
        return list(db.session.scalars(access.visible_incidents(user).with_only_columns(Incident.id)))


def case_number(app: Flask, incident_id: int) -> str:
    return incident_row(app, incident_id)["case_number"]


def assert_oversight_keeps_the_case(app: Flask, cast: Cast, incident_id: int) -> None:
    """The supervisor and the auditor open the case, and find it in their list and their CSV."""
    number = case_number(app, incident_id)
    for username in ("supervisor", "auditor"):
        client = signed_in(app.test_client(), username)
        assert client.get(f"/cases/{incident_id}").status_code == 200, username
        assert number in text_of(client.get("/cases/")), username
        assert number in [row[0] for row in read_csv(client.get("/cases/export.csv"))], username


def respondent_input(user_id: int | None, name: str = "陳主管") -> RespondentInput:
    return RespondentInput(name=name, national_id="F128765439", position="科長", user_id=user_id)


# --- which accounts may be linked to a respondent ------------------------------------------


@pytest.mark.parametrize("username", ["supervisor", "auditor", "admin"])
def test_an_officer_cannot_link_an_overseeing_account_to_a_respondent(app, cast, username):
    with app.app_context():
        officer = db.session.get(User, cast.id("officer"))
        incident = db.session.get(Incident, cast.incident_id)
        with pytest.raises(ServiceError) as refused:
            respondents.add_respondent(officer, incident, respondent_input(cast.id(username)))
        assert list(refused.value.field_errors) == ["user_id"]
        assert "不能連結為被調查人" in refused.value.field_errors["user_id"][0]
        db.session.rollback()
    row = incident_row(app, cast.incident_id)
    assert row["respondents"] == [] and row["recused"] == []
    assert cast.incident_id in visible_ids(app, cast.id("supervisor"))
    assert cast.incident_id in visible_ids(app, cast.id("auditor"))


def test_an_officer_who_also_holds_an_oversight_role_cannot_be_linked(app, cast):
    lead = make_user(app, "lead", Role.OFFICER, Role.SUPERVISOR, agency_id=cast.agency_id, display_name="周組長")
    with app.app_context():
        officer = db.session.get(User, cast.id("officer"))
        incident = db.session.get(Incident, cast.incident_id)
        with pytest.raises(ServiceError, match="周組長 不是承辦人帳號"):
            respondents.add_respondent(officer, incident, respondent_input(lead, "周組長"))


def test_a_respondent_cannot_be_changed_to_link_the_supervisor(app, cast):
    respondent_id = make_respondent(app, cast.incident_id, name="陳主管", national_id="F128765439")
    with app.app_context():
        officer = db.session.get(User, cast.id("officer"))
        respondent = db.session.get(Respondent, respondent_id)
        with pytest.raises(ServiceError, match="不能連結為被調查人"):
            respondents.update_respondent(officer, respondent, respondent_input(cast.id("supervisor")))
        db.session.rollback()
    assert incident_row(app, cast.incident_id)["recused"] == []
    assert cast.incident_id in visible_ids(app, cast.id("supervisor"))


def test_officer_accounts_of_the_agency_may_be_linked_even_disabled_ones(app, cast):
    former = make_user(app, "former", Role.OFFICER, agency_id=cast.agency_id, display_name="離職承辦")
    with app.app_context():
        db.session.get(User, former).is_enabled = False
        db.session.commit()
        officer = db.session.get(User, cast.id("officer"))
        incident = db.session.get(Incident, cast.incident_id)
        offered = [user.username for user in respondents.linkable_accounts(officer, incident)]
    assert offered == ["officer2", "former"]  # by display name: 李承辦, 離職承辦; never the actor
    make_respondent(app, cast.incident_id, name="李承辦", national_id="F128765439", user_id=cast.id("officer2"))
    make_respondent(app, cast.incident_id, name="離職承辦", national_id="B220196332", user_id=former)
    assert incident_row(app, cast.incident_id)["recused"] == sorted([cast.id("officer2"), former])


def test_a_link_stored_before_the_rule_may_stay_but_not_be_moved_to_another_overseer(app, cast):
    with app.app_context():  # as an officer could store it before the rule
        incident = db.session.get(Incident, cast.incident_id)
        respondent = Respondent(name="陳主管", national_id="", position="", facts={}, user_id=cast.id("supervisor"))
        incident.respondents.append(respondent)
        db.session.commit()
        respondent_id = respondent.id
    with app.app_context():
        officer = db.session.get(User, cast.id("officer"))
        respondent = db.session.get(Respondent, respondent_id)
        keep = [respondent.user_id]
        offered = {user.username for user in respondents.linkable_accounts(officer, respondent.incident, keep=keep)}
        assert offered == {"officer2", "supervisor"}
        respondents.update_respondent(officer, respondent, respondent_input(cast.id("supervisor")))
        db.session.commit()
        respondent = db.session.get(Respondent, respondent_id)
        with pytest.raises(ServiceError, match="林稽核 不是承辦人帳號"):
            respondents.update_respondent(officer, respondent, respondent_input(cast.id("auditor")))


# --- who may be recused -----------------------------------------------------------------------


def test_an_auditor_cannot_recuse_and_keeps_the_case(app, cast):
    with app.app_context():
        auditor = db.session.get(User, cast.id("auditor"))
        incident = db.session.get(Incident, cast.incident_id)
        with pytest.raises(ServiceError, match=AUDITOR_NOT_RECUSED):
            assignments.declare_recusal(auditor, incident, "與被調查人為親屬")
    assert incident_row(app, cast.incident_id)["recused"] == []
    assert cast.incident_id in visible_ids(app, cast.id("auditor"))


def test_the_last_supervisor_cannot_recuse_but_one_of_two_can(app, cast):
    with app.app_context():
        supervisor = db.session.get(User, cast.id("supervisor"))
        with pytest.raises(ServiceError, match=LAST_SUPERVISOR):
            assignments.declare_recusal(supervisor, db.session.get(Incident, cast.incident_id), "配偶為被調查人")
    second = make_user(app, "supervisor2", Role.SUPERVISOR, agency_id=cast.agency_id)
    recuse(app, cast.incident_id, cast.id("supervisor"))
    assert cast.incident_id not in visible_ids(app, cast.id("supervisor"))
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        assert [user.username for user in assignments.supervisors_keeping(incident)] == ["supervisor2"]
        with pytest.raises(ServiceError, match=LAST_SUPERVISOR):
            assignments.declare_recusal(db.session.get(User, second), incident, "曾參與該採購案")
    assert cast.incident_id in visible_ids(app, second)


@pytest.mark.parametrize("why", ["disabled", "respondent"])
def test_a_supervisor_who_cannot_see_the_case_does_not_count_as_keeping_it(app, cast, why):
    second = make_user(app, "supervisor2", Role.SUPERVISOR, agency_id=cast.agency_id, display_name="吳主管")
    with app.app_context():
        if why == "disabled":
            db.session.get(User, second).is_enabled = False
        else:  # linked before the rule: supervisor2 is a respondent and does not see the case
            incident = db.session.get(Incident, cast.incident_id)
            incident.respondents.append(
                Respondent(name="吳主管", national_id="", position="", facts={}, user_id=second)
            )
        db.session.commit()
    with app.app_context():
        supervisor = db.session.get(User, cast.id("supervisor"))
        with pytest.raises(ServiceError, match=LAST_SUPERVISOR):
            assignments.declare_recusal(supervisor, db.session.get(Incident, cast.incident_id), "配偶為被調查人")


def test_a_recusal_removes_only_that_persons_access(app, cast):
    incident_id = make_incident(app, cast.id("officer"), assignee_ids=[cast.id("officer2")])
    before = incident_row(app, incident_id)
    recuse(app, incident_id, cast.id("officer2"), "曾參與該採購案")
    after = incident_row(app, incident_id)
    # The case record itself is untouched: an officer editing it meanwhile gets no false conflict.
    assert (after["version"], after["updated_at"]) == (before["version"], before["updated_at"])
    assert incident_id not in visible_ids(app, cast.id("officer2"))
    for username in ("officer", "supervisor", "auditor"):
        assert incident_id in visible_ids(app, cast.id(username)), username
    assert incident_row(app, incident_id)["assignees"] == ["officer"]


def test_an_auditor_keeps_a_case_despite_a_recusal_recorded_before_the_rule(app, cast):
    with app.app_context():  # what the attack left behind: the auditor recused through a removed respondent
        db.session.add(Recusal(incident_id=cast.incident_id, user_id=cast.id("auditor"), reason="本案被調查人"))
        db.session.commit()
    assert cast.incident_id in visible_ids(app, cast.id("auditor"))
    assert_oversight_keeps_the_case(app, cast, cast.incident_id)


def test_recusal_preview_says_when_the_case_is_left_without_an_officer(app, cast):
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        officer = db.session.get(User, cast.id("officer"))
        assert assignments.recusal_preview(incident, officer) == assignments.RecusalPreview(
            problem="", assigned=True, leaves_no_officer=True
        )
        supervisor = db.session.get(User, cast.id("supervisor"))
        preview = assignments.recusal_preview(incident, supervisor)
        assert preview.problem.startswith(LAST_SUPERVISOR) and not preview.assigned


def test_two_supervisors_recusing_at_the_same_moment_leave_the_case_with_one(app, cast):
    """The second recusal waits for the first to commit, then sees it and is refused."""
    second = make_user(app, "supervisor2", Role.SUPERVISOR, agency_id=cast.agency_id)
    first_checked = threading.Event()
    outcomes: dict[int, str] = {}

    def declare(user_id: int, *, then_hold: bool) -> None:
        with app.app_context():
            try:
                if not then_hold:
                    assert first_checked.wait(10)
                user = db.session.get(User, user_id)
                assignments.declare_recusal(user, db.session.get(Incident, cast.incident_id), "與被調查人為親屬")
                if then_hold:  # checked and written, not yet committed: the other one runs now
                    first_checked.set()
                    time.sleep(0.5)
                db.session.commit()
                outcomes[user_id] = "recused"
            except ServiceError as error:
                db.session.rollback()
                outcomes[user_id] = str(error)
            finally:
                first_checked.set()

    threads = [
        threading.Thread(target=declare, args=(cast.id("supervisor"),), kwargs={"then_hold": True}),
        threading.Thread(target=declare, args=(second,), kwargs={"then_hold": False}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes[cast.id("supervisor")] == "recused"
    assert outcomes[second].startswith(LAST_SUPERVISOR)
    assert cast.incident_id in visible_ids(app, second)


# --- over HTTP: the attack ------------------------------------------------------------------


@pytest.mark.parametrize("username", ["supervisor", "auditor"])
def test_officer_linking_an_overseer_is_refused_and_oversight_keeps_the_case(app, client, cast, username):
    signed_in(client, "officer")
    url = f"/cases/{cast.incident_id}/respondents/new"
    token = fetch_csrf_token(client, url)
    data = {
        **respondent_form(name="陳主管", national_id="F128765439", user_id=str(cast.id(username))),
        "csrf_token": token,
    }
    response = client.post(url, data=data)
    html = text_of(response)
    assert response.status_code == 200
    [message] = field_errors(html, "user_id")
    assert "不是承辦人帳號" in message and "不能連結為被調查人" in message
    assert input_value(html, "name") == "陳主管" and input_value(html, "national_id") == "F128765439"
    assert f'<option selected value="{cast.id(username)}">' in html  # the refused choice is still shown
    row = incident_row(app, cast.incident_id)
    assert row["respondents"] == [] and row["recused"] == []
    assert_oversight_keeps_the_case(app, cast, cast.incident_id)


def test_respondent_form_offers_only_officer_accounts(app, client, cast):
    signed_in(client, "officer")
    html = text_of(client.get(f"/cases/{cast.incident_id}/respondents/new"))
    assert "李承辦（officer2）" in html
    for name in ("陳主管（supervisor）", "林稽核（auditor）", "張管理（admin）", "王承辦（officer）", "乙承辦"):
        assert name not in html, name


# --- over HTTP: confirming a recusal ---------------------------------------------------------


def post_recusal(client, incident_id: int, token: str, **data: str):
    return client.post(f"/cases/{incident_id}/recusal", data={"csrf_token": token, **data})


def test_recusal_is_confirmed_before_it_happens(app, client, cast):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = post_recusal(client, cast.incident_id, token, reason="被調查人為本人表弟")
    html = text_of(response)
    assert response.status_code == 200
    assert "您是本案唯一的承辦人：聲明後本案將沒有承辦人" in html
    assert "您目前是本案承辦人，聲明後將解除您的指派。" in html
    assert input_value(html, "reason") == "被調查人為本人表弟" and input_value(html, "stage") == "confirm"
    assert '<input id="confirmed" name="confirmed" type="checkbox" value="y">' in html  # not ticked
    assert incident_row(app, cast.incident_id)["recused"] == []  # nothing happened yet

    response = post_recusal(client, cast.incident_id, token, reason="被調查人為本人表弟", stage="confirm")
    html = text_of(response)
    assert response.status_code == 400
    assert field_errors(html, "confirmed") == ["請勾選確認後再送出；勾選前不會聲明迴避。"]
    assert input_value(html, "reason") == "被調查人為本人表弟"
    assert incident_row(app, cast.incident_id)["recused"] == []

    response = post_recusal(
        client, cast.incident_id, token, reason="被調查人為本人表弟", stage="confirm", confirmed="y"
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/cases/")
    assert "已聲明迴避，您將無法再查閱此案件。" in text_of(client.get("/cases/"))
    row = incident_row(app, cast.incident_id)
    assert row["recused"] == [cast.id("officer")] and row["assignees"] == []
    assert client.get(f"/cases/{cast.incident_id}").status_code == 404
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "incident_recused"))
        assert entry.details["unassigned"] is True and entry.details["no_officer_left"] is True


@pytest.mark.parametrize(("username", "message"), [("supervisor", LAST_SUPERVISOR), ("auditor", AUDITOR_NOT_RECUSED)])
def test_a_refused_recusal_says_why_and_changes_nothing(app, client, cast, username, message):
    signed_in(client, username)
    page = text_of(client.get(f"/cases/{cast.incident_id}"))
    assert message in page and f'action="/cases/{cast.incident_id}/recusal"' not in page
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = post_recusal(client, cast.incident_id, token, reason="配偶為被調查人", stage="confirm", confirmed="y")
    assert response.status_code == 400 and message in text_of(response)
    assert "確認聲明迴避" not in text_of(response)
    assert incident_row(app, cast.incident_id)["recused"] == []
    assert client.get(f"/cases/{cast.incident_id}").status_code == 200


# --- over HTTP: a recusal is visible ---------------------------------------------------------


def declared_at(app: Flask, incident_id: int, user_id: int):
    with app.app_context():
        return db.session.get(Recusal, (incident_id, user_id)).declared_at


def test_a_recusal_is_shown_on_the_case_page_and_in_the_list(app, client, cast):
    incident_id = make_incident(app, cast.id("officer"), title="遺失機密公文", assignee_ids=[cast.id("officer2")])
    recuse(app, incident_id, cast.id("officer2"), "曾參與該採購案")
    when = declared_at(app, incident_id, cast.id("officer2"))
    signed_in(client, "supervisor")
    page = text_of(client.get(f"/cases/{incident_id}"))
    row = f"<tr><td>李承辦（officer2）</td><td>承辦人</td><td>曾參與該採購案</td><td>{roc_datetime(when)}</td></tr>"
    assert row in page
    assert "本案目前沒有承辦人" not in page  # officer is still assigned
    listing = text_of(client.get("/cases/"))
    assert f"李承辦（{roc_date_compact(when)}）" in listing
    assert agency_code(app, cast.agency_id) in listing


def test_a_case_left_without_an_officer_warns_the_supervisor(app, client, cast):
    recuse(app, cast.incident_id, cast.id("officer"), "被調查人為本人表弟")
    signed_in(client, "supervisor")
    page = text_of(client.get(f"/cases/{cast.incident_id}"))
    assert "本案目前沒有承辦人（可能因承辦人迴避）。" in page and '<a href="#assignments">請指派承辦人</a>' in page
    assert '<strong class="badge-warn">無承辦人</strong>' in text_of(client.get("/cases/"))
    auditor_page = text_of(signed_in(app.test_client(), "auditor").get(f"/cases/{cast.incident_id}"))
    assert "本案目前沒有承辦人" in auditor_page and "請指派承辦人" not in auditor_page
