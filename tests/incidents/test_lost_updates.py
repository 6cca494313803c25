"""No lost update (issue 12 item 4): two people saving the same respondent or the same list of assigned
officers, the later save based on what it read before the first one is refused with a clear message,
writes nothing, and (in the browser) keeps what was typed. The case record and recommendation drafts
were already protected (test_intake.py, test_recommendations.py).

Notes, evidence and recusals are only ever added, never edited, so nothing of theirs can be overwritten.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import Role, User
from audit.models import AuditEntry
from core.extensions import db
from core.services import ServiceError
from incidents.models import Incident, Respondent
from incidents.services import assignments, respondents
from incidents.services.facts import EMPTY_RESPONDENT_FACTS
from tests.factories import make_user
from tests.helpers import csrf_token_from
from tests.incidents.helpers import incident_row, make_incident, make_respondent, respondent_row, signed_in

STALE_RESPONDENT = "被調查人資料已被他人更新，請重新載入後再修改"
STALE_ASSIGNMENTS = "承辦人已被他人變更，請重新載入後再修改"


def audit_count(app: Flask, action: str) -> int:
    with app.app_context():
        query = sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        return int(db.session.scalar(query))


def changed(respondent: Respondent, **fields: object) -> respondents.RespondentInput:
    """The respondent's stored values with ``fields`` changed, as the form would send them."""
    values = {
        "name": respondent.name,
        "national_id": respondent.national_id,
        "position": respondent.position,
        "facts": {**EMPTY_RESPONDENT_FACTS, **respondent.facts},
        "user_id": respondent.user_id,
    }
    return respondents.RespondentInput(**{**values, **fields})  # type: ignore[arg-type]


def save_respondent(app: Flask, actor_id: int, respondent_id: int, expected_version: int, **fields: object) -> None:
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        respondents.update_respondent(
            db.session.get(User, actor_id), respondent, changed(respondent, **fields), expected_version=expected_version
        )
        db.session.commit()


# --- respondents: the service ---------------------------------------------------------


def test_a_respondent_saved_from_an_older_version_is_refused_and_nothing_is_written(app, cast):
    respondent_id = make_respondent(app, cast.incident_id, position="科員")
    save_respondent(app, cast.id("officer"), respondent_id, 1, position="技士")
    with pytest.raises(ServiceError, match=STALE_RESPONDENT):
        save_respondent(app, cast.id("officer"), respondent_id, 1, name="林曉明")
    row = respondent_row(app, respondent_id)
    assert (row["name"], row["position"], row["version"]) == ("林小明", "技士", 2)
    assert audit_count(app, "respondent_updated") == 1


def test_a_respondent_saved_by_another_session_meanwhile_is_caught_by_the_version_column(app, cast):
    """Both read version 1; the other commits first; this UPDATE … WHERE version = 1 matches nothing."""
    respondent_id = make_respondent(app, cast.incident_id, position="科員")
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        assert respondent.version == 1
        with db.engine.begin() as other:
            table = Respondent.__table__
            other.execute(sa.update(table).where(table.c.id == respondent_id).values(position="他人改的", version=2))
        with pytest.raises(ServiceError, match=STALE_RESPONDENT):
            respondents.update_respondent(
                db.session.get(User, cast.id("officer")),
                respondent,
                changed(respondent, position="我改的"),
                expected_version=1,
            )
        db.session.rollback()
    assert respondent_row(app, respondent_id)["position"] == "他人改的"
    assert audit_count(app, "respondent_updated") == 0


def test_removing_a_respondent_changed_meanwhile_is_refused(app, cast):
    respondent_id = make_respondent(app, cast.incident_id)
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        with db.engine.begin() as other:
            table = Respondent.__table__
            other.execute(sa.update(table).where(table.c.id == respondent_id).values(name="林曉明", version=2))
        with pytest.raises(ServiceError, match=STALE_RESPONDENT):
            respondents.remove_respondent(db.session.get(User, cast.id("officer")), respondent)
        db.session.rollback()
    assert respondent_row(app, respondent_id)["name"] == "林曉明"
    assert audit_count(app, "respondent_removed") == 0


# --- assignments: the service ---------------------------------------------------------


def assign(app: Flask, actor_id: int, incident_id: int, user_ids: list[int], expected_version: int) -> None:
    with app.app_context():
        assignments.set_assignees(
            db.session.get(User, actor_id),
            db.session.get(Incident, incident_id),
            user_ids,
            expected_version=expected_version,
        )
        db.session.commit()


def test_assignments_saved_from_an_older_list_are_refused_and_nothing_is_written(app, cast):
    officer3 = make_user(app, "officer3", Role.OFFICER, agency_id=cast.agency_id)
    assign(app, cast.id("supervisor"), cast.incident_id, [cast.id("officer"), cast.id("officer2")], 1)
    with pytest.raises(ServiceError, match=STALE_ASSIGNMENTS):
        assign(app, cast.id("officer"), cast.incident_id, [cast.id("officer"), officer3], 1)
    row = incident_row(app, cast.incident_id)
    assert row["assignees"] == ["officer", "officer2"] and row["assignments_version"] == 2
    assert row["version"] == 1  # reassigning is not a change of the record: an open edit form stays valid
    assert audit_count(app, "incident_assignment_changed") == 1


def test_two_simultaneous_assignment_saves_from_one_list_cannot_both_win(app, cast):
    """The first holds its write lock until it commits; the second waits, then finds the list moved on."""
    officer3 = make_user(app, "officer3", Role.OFFICER, agency_id=cast.agency_id)
    outcome: dict[str, str] = {}
    first_holds_the_lock = threading.Event()

    def second_save() -> None:
        first_holds_the_lock.wait(10)
        try:
            assign(app, cast.id("officer"), cast.incident_id, [cast.id("officer"), officer3], 1)
            outcome["second"] = "saved"
        except ServiceError as error:
            outcome["second"] = str(error)

    with app.app_context():
        assignments.set_assignees(
            db.session.get(User, cast.id("supervisor")),
            db.session.get(Incident, cast.incident_id),
            [cast.id("officer"), cast.id("officer2")],
            expected_version=1,
        )  # flushed, not committed: the lock is held
        second = threading.Thread(target=second_save)
        second.start()
        first_holds_the_lock.set()
        time.sleep(0.5)
        assert second.is_alive(), "the second save did not wait for the first"
        db.session.commit()
    second.join(10)
    assert outcome == {"second": STALE_ASSIGNMENTS}
    assert incident_row(app, cast.incident_id)["assignees"] == ["officer", "officer2"]


# --- the pages: two people, two browsers -------------------------------------------------


def input_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def field_errors(html: str, field_id: str) -> list[str]:
    match = re.search(rf'<ul class="errors" id="{re.escape(field_id)}-error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def opened_form(client, url: str) -> tuple[dict[str, str], str]:
    """The form's fields as shown (name, ID, position, version …) and its page."""
    html = client.get(url).get_data(as_text=True)
    fields = {
        name: value
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)
        if name not in ("csrf_token",)
    }
    return {**fields, "csrf_token": csrf_token_from(html)}, html


def test_two_officers_edit_one_respondent_the_later_save_is_refused_and_keeps_its_input(app, cast):
    incident_id = make_incident(app, cast.id("officer"), assignee_ids=[cast.id("officer2")])
    respondent_id = make_respondent(app, incident_id, name="林小明", position="科員")
    url = f"/cases/{incident_id}/respondents/{respondent_id}/edit"
    first, second = signed_in(app.test_client(), "officer"), signed_in(app.test_client(), "officer2")
    first_form, _ = opened_form(first, url)
    second_form, _ = opened_form(second, url)
    base = {"category": "civil_servant", "user_id": ""}

    assert first.post(url, data={**base, **first_form, "position": "工務課技士"}).status_code == 302
    response = second.post(url, data={**base, **second_form, "name": "林曉明", "position": "課長"})

    html = response.get_data(as_text=True)
    assert STALE_RESPONDENT in html
    assert input_value(html, "name") == "林曉明" and input_value(html, "position") == "課長"  # kept to copy
    row = respondent_row(app, respondent_id)
    assert (row["name"], row["position"], row["version"]) == ("林小明", "工務課技士", 2)
    assert audit_count(app, "respondent_updated") == 1
    assert first_form["version"] == second_form["version"] == "1"

    # Reloaded, the form shows the first officer's save and can be saved again.
    fresh, _ = opened_form(second, url)
    assert fresh["position"] == "工務課技士" and fresh["version"] == "2"
    assert second.post(url, data={**base, **fresh, "name": "林曉明", "position": "課長"}).status_code == 302
    assert respondent_row(app, respondent_id)["name"] == "林曉明"


def test_two_people_change_the_assignments_the_later_is_refused_with_its_boxes_kept(app, cast):
    officer3 = make_user(app, "officer3", Role.OFFICER, agency_id=cast.agency_id, display_name="吳承辦")
    case_url = f"/cases/{cast.incident_id}"
    supervisor, officer = signed_in(app.test_client(), "supervisor"), signed_in(app.test_client(), "officer")
    supervisor_form, _ = opened_form(supervisor, case_url)
    officer_form, _ = opened_form(officer, case_url)

    def hidden(form: dict[str, str]) -> dict[str, str]:
        return {name: form[name] for name in ("csrf_token", "version") if name in form}

    response = supervisor.post(
        f"{case_url}/assignments",
        data={**hidden(supervisor_form), "assignees": [cast.id("officer"), cast.id("officer2")]},
    )
    assert response.status_code == 302
    response = officer.post(
        f"{case_url}/assignments", data={**hidden(officer_form), "assignees": [cast.id("officer"), officer3]}
    )

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert field_errors(html, "assignees") == [STALE_ASSIGNMENTS]
    boxes = re.findall(r'<input[^>]*name="assignees"[^>]*>', html)
    ticked = {re.search(r'value="(\d+)"', box).group(1) for box in boxes if " checked " in box}
    assert ticked == {str(cast.id("officer")), str(officer3)}  # what the officer ticked, not what is stored
    assert sum("autofocus" in box for box in boxes) == 1  # the first box, so the message is scrolled into view
    assert incident_row(app, cast.incident_id)["assignees"] == ["officer", "officer2"]
    assert audit_count(app, "incident_assignment_changed") == 1
