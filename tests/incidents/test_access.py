"""Need-to-know access: who sees which case, who may change it, and what hides it for good;
then the same rules over HTTP, for every case URL the application has."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import Role, User
from audit.models import AuditEntry
from core.extensions import db
from core.services import ServiceError
from incidents.models import CaseStatus, Incident
from incidents.services import NotFound, NotPermitted, access, assignments
from tests.factories import make_user
from tests.helpers import db_count, fetch_csrf_token
from tests.incidents.helpers import incident_row, make_incident, make_respondent, recuse, respondent_row, signed_in


def visible_titles(app, user_id: int) -> list[str]:
    with app.app_context():
        user = db.session.get(User, user_id)
        return list(db.session.scalars(access.visible_incidents(user).with_only_columns(Incident.title)))


def rights(app, user_id: int, incident_id: int) -> tuple[bool, bool, bool]:
    """(may view, may edit, may change assignments)."""
    with app.app_context():
        user = db.session.get(User, user_id)
        incident = db.session.get(Incident, incident_id)
        return (
            access.can_view(user, incident),
            access.can_edit(user, incident),
            access.can_manage_assignments(user, incident),
        )


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("officer", (True, True, True)),  # assigned
        ("officer2", (False, False, False)),  # same agency, not assigned
        ("supervisor", (True, False, True)),
        ("auditor", (True, False, False)),  # read-only
        ("admin", (False, False, False)),  # no case contents at all
        ("zz-officer", (False, False, False)),
        ("zz-supervisor", (False, False, False)),
        ("zz-auditor", (False, False, False)),
    ],
)
def test_rights_by_role(app, cast, username, expected):
    assert rights(app, cast.id(username), cast.incident_id) == expected


def test_officer_sees_only_assigned_cases_supervisor_and_auditor_the_agency(app, cast):
    make_incident(app, cast.id("officer2"), title="遺失機密公文")
    make_incident(app, cast.id("zz-officer"), title="他機關的案件")
    assert visible_titles(app, cast.id("officer")) == ["洩漏工程底價予廠商"]
    assert visible_titles(app, cast.id("officer2")) == ["遺失機密公文"]
    assert sorted(visible_titles(app, cast.id("supervisor"))) == ["洩漏工程底價予廠商", "遺失機密公文"]
    assert sorted(visible_titles(app, cast.id("auditor"))) == ["洩漏工程底價予廠商", "遺失機密公文"]
    assert visible_titles(app, cast.id("admin")) == []
    assert visible_titles(app, cast.id("zz-supervisor")) == ["他機關的案件"]


def test_roles_add_up_but_admin_adds_nothing(app, cast):
    both = make_user(app, "officer-admin", Role.OFFICER, Role.ADMIN, agency_id=cast.agency_id)
    assert visible_titles(app, both) == []  # an officer assigned to nothing; admin grants nothing
    lead = make_user(app, "officer-supervisor", Role.OFFICER, Role.SUPERVISOR, agency_id=cast.agency_id)
    assert rights(app, lead, cast.incident_id) == (True, False, True)


def test_get_visible_incident_is_404_for_missing_and_hidden_cases(app, cast):
    with app.app_context():
        officer2 = db.session.get(User, cast.id("officer2"))
        with pytest.raises(NotFound):
            access.get_visible_incident(officer2, cast.incident_id)
        with pytest.raises(NotFound):
            access.get_visible_incident(officer2, 999_999)
        auditor = db.session.get(User, cast.id("auditor"))
        assert access.get_visible_incident(auditor, cast.incident_id).id == cast.incident_id
        with pytest.raises(NotPermitted):
            access.get_editable_incident(auditor, cast.incident_id)


def test_disabled_user_sees_nothing(app, cast):
    with app.app_context():
        db.session.get(User, cast.id("supervisor")).is_enabled = False
        db.session.commit()
    assert visible_titles(app, cast.id("supervisor")) == []


def test_recusal_hides_the_case_and_blocks_assignment(app, cast):
    make_user(app, "supervisor2", Role.SUPERVISOR, agency_id=cast.agency_id)  # the last supervisor may not recuse
    recuse(app, cast.incident_id, cast.id("supervisor"))
    assert visible_titles(app, cast.id("supervisor")) == []
    assert rights(app, cast.id("supervisor"), cast.incident_id) == (False, False, False)

    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        officer = db.session.get(User, cast.id("officer"))
        assignments.set_assignees(officer, incident, [cast.id("officer"), cast.id("officer2")])
        db.session.commit()
    recuse(app, cast.incident_id, cast.id("officer2"), "曾參與該採購案")
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        officer = db.session.get(User, cast.id("officer"))
        assert incident.assignee_ids == {cast.id("officer")}
        assert cast.id("officer2") not in {u.id for u in assignments.assignable_officers(cast.agency_id, incident)}
        with pytest.raises(ServiceError) as refused:
            assignments.set_assignees(officer, incident, [cast.id("officer"), cast.id("officer2")])
        assert "李承辦 與本案有利益衝突" in str(refused.value)


def test_assigned_officer_who_recuses_is_unassigned(app, cast):
    make_user(app, "officer3", Role.OFFICER, agency_id=cast.agency_id)
    with app.app_context():
        officer3 = db.session.scalar(sa.select(User.id).where(User.username == "officer3"))
        incident = db.session.get(Incident, cast.incident_id)
        assignments.set_assignees(db.session.get(User, cast.id("officer")), incident, [cast.id("officer"), officer3])
        db.session.commit()
    recuse(app, cast.incident_id, officer3)
    assert rights(app, officer3, cast.incident_id) == (False, False, False)
    with app.app_context():
        assert db.session.get(Incident, cast.incident_id).assignee_ids == {cast.id("officer")}


def test_respondent_linked_to_an_account_is_recused_automatically(app, cast):
    make_user(app, "officer3", Role.OFFICER, agency_id=cast.agency_id, display_name="周承辦")
    with app.app_context():
        officer3 = db.session.scalar(sa.select(User.id).where(User.username == "officer3"))
        incident = db.session.get(Incident, cast.incident_id)
        assignments.set_assignees(db.session.get(User, cast.id("officer")), incident, [cast.id("officer"), officer3])
        db.session.commit()
    assert rights(app, officer3, cast.incident_id)[0] is True

    make_respondent(app, cast.incident_id, name="周承辦", national_id="F128765439", user_id=officer3)

    assert visible_titles(app, officer3) == []
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        assert incident.assignee_ids == {cast.id("officer")}
        assert [(r.user_id, r.reason) for r in incident.recusals] == [(officer3, "本案被調查人")]
        with pytest.raises(ServiceError, match="不能指派"):
            assignments.check_assignees(cast.agency_id, [officer3], incident)


def test_only_active_officers_of_the_agency_can_be_assigned(app, cast):
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        officer = db.session.get(User, cast.id("officer"))
        for user_id, message in [
            (cast.id("zz-officer"), "只能指派本機關的承辦人"),
            (cast.id("auditor"), "不是在職的承辦人"),
            (999_999, "只能指派本機關的承辦人"),
        ]:
            with pytest.raises(ServiceError, match=message):
                assignments.set_assignees(officer, incident, [cast.id("officer"), user_id])
        with pytest.raises(ServiceError, match="請至少指派一位承辦人"):
            assignments.set_assignees(officer, incident, [])


def test_who_may_change_assignments(app, cast):
    with app.app_context():
        incident = db.session.get(Incident, cast.incident_id)
        wanted = [cast.id("officer"), cast.id("officer2")]
        with pytest.raises(NotPermitted):
            assignments.set_assignees(db.session.get(User, cast.id("auditor")), incident, wanted)
        with pytest.raises(NotFound):
            assignments.set_assignees(db.session.get(User, cast.id("zz-supervisor")), incident, wanted)
        assignments.set_assignees(db.session.get(User, cast.id("supervisor")), incident, wanted)
        db.session.commit()
    assert visible_titles(app, cast.id("officer2")) == ["洩漏工程底價予廠商"]


# --- the need-to-know matrix: built from app.url_map ---------------------------------------


CASE_PREFIX = "/cases/<int:incident_id>"


def case_rules(app: Flask) -> list:
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(CASE_PREFIX)]
    assert rules, "no case-scoped routes registered"
    return rules


def url_for_rule(rule, incident_id: int, respondent_id: int) -> str:
    url = rule.rule.replace("<int:incident_id>", str(incident_id)).replace("<int:respondent_id>", str(respondent_id))
    # Other parameters (an evidence id, …): any number; the case check comes first.
    return re.sub(r"<(?:int:)?[a-z_]+>", "1", url)


def methods(rule) -> list[str]:
    return sorted(m for m in rule.methods if m in {"GET", "POST"})


# URL parameters the matrix fills with objects that exist; other pages (an evidence file, …)
# would need one of their own, so only their 404s are checked.
KNOWN_ARGUMENTS = {"incident_id", "respondent_id"}
SELF_SERVICE = {"incidents.declare_conflict"}  # any user who sees the case may do this
SUPERVISOR_MAY_POST = SELF_SERVICE | {"incidents.change_assignments"}


@pytest.fixture
def matrix(app, cast):
    """The cast, plus a respondent in its case, a recused supervisor and an officer who is a respondent."""
    respondent_id = make_respondent(app, cast.incident_id, name="林小明")
    recused = make_user(app, "recused", Role.SUPERVISOR, agency_id=cast.agency_id)
    recuse(app, cast.incident_id, recused)
    suspect = make_user(app, "suspect", Role.OFFICER, agency_id=cast.agency_id, display_name="黃承辦")
    with app.app_context():
        assignments.set_assignees(
            db.session.get(User, cast.id("officer")),
            db.session.get(Incident, cast.incident_id),
            [cast.id("officer"), suspect],
        )
        db.session.commit()
    make_respondent(app, cast.incident_id, name="黃承辦", national_id="F128765439", user_id=suspect)
    return cast, respondent_id


@pytest.mark.parametrize(
    "username",
    ["officer2", "zz-officer", "zz-supervisor", "zz-auditor", "admin", "recused", "suspect"],
)
def test_every_case_url_is_404_for_those_who_may_not_see_the_case(app, client, matrix, username):
    cast, respondent_id = matrix
    signed_in(client, username)
    token = fetch_csrf_token(client, "/settings")
    before = db_count(app, AuditEntry)
    wrong = []
    for rule in case_rules(app):
        url = url_for_rule(rule, cast.incident_id, respondent_id)
        for method in methods(rule):
            response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            body = response.get_data(as_text=True)
            if response.status_code != 404 or "找不到頁面" not in body or "洩漏工程底價" in body:
                wrong.append(f"{method} {url} → {response.status_code}")
    assert wrong == []
    # Nothing was changed or logged as seen.
    assert db_count(app, AuditEntry) == before
    assert incident_row(app, cast.incident_id)["status"] == CaseStatus.DRAFT


def test_missing_case_is_404_like_a_hidden_one(app, client, matrix):
    _cast, respondent_id = matrix
    signed_in(client, "supervisor")
    token = fetch_csrf_token(client, "/settings")
    for rule in case_rules(app):
        url = url_for_rule(rule, 999_999, respondent_id)
        for method in methods(rule):
            response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            assert response.status_code == 404, f"{method} {url}"


def test_assigned_officer_opens_every_case_page(app, client, matrix):
    cast, respondent_id = matrix
    signed_in(client, "officer")
    for rule in case_rules(app):
        if "GET" not in rule.methods or set(rule.arguments) - KNOWN_ARGUMENTS:
            continue  # pages about another object (an evidence file, …) need one that exists
        url = url_for_rule(rule, cast.incident_id, respondent_id)
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("username", ["supervisor", "auditor"])
def test_same_agency_supervisor_and_auditor_see_the_case_but_may_not_edit_it(app, client, matrix, username):
    cast, respondent_id = matrix
    signed_in(client, username)
    assert client.get(f"/cases/{cast.incident_id}").status_code == 200
    allowed_posts = SUPERVISOR_MAY_POST if username == "supervisor" else SELF_SERVICE
    token = fetch_csrf_token(client, "/settings")
    wrong = []
    for rule in case_rules(app):
        url = url_for_rule(rule, cast.incident_id, respondent_id)
        if "GET" in rule.methods and not set(rule.arguments) - KNOWN_ARGUMENTS:
            response = client.get(url)
            if response.status_code not in (200, 403):
                wrong.append(f"GET {url} → {response.status_code}")
        if "POST" in rule.methods and rule.endpoint not in allowed_posts:
            response = client.post(url, data={"csrf_token": token})
            if response.status_code != 403 or "沒有權限" not in response.get_data(as_text=True):
                wrong.append(f"POST {url} → {response.status_code}")
    assert wrong == []
    assert client.get(f"/cases/{cast.incident_id}/edit").status_code == 403
    assert incident_row(app, cast.incident_id)["status"] == CaseStatus.DRAFT
    assert respondent_row(app, respondent_id) is not None
