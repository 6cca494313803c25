"""The case record and its respondents through the services: rules, audit, optimistic locking."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from accounts.models import Role, User
from audit.models import AuditEntry
from core.extensions import db
from core.services import ServiceError
from incidents.models import CaseStatus, Incident, Respondent
from incidents.services import NotPermitted, intake, respondents
from incidents.services.facts import EMPTY_CASE_FACTS, EMPTY_RESPONDENT_FACTS, engine_document
from statutes.engine.facts import Conduct, RecipientKind, facts_from_json
from tests.factories import make_agency, make_user
from tests.helpers import db_count
from tests.incidents.helpers import incident_row, make_incident, make_respondent, respondent_row

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 民國115年11月26日 10:00 in Taipei


def audit_entries(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        rows = list(
            db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        )
        db.session.expunge_all()
        return rows


def case_facts(**parts) -> dict:
    facts = copy.deepcopy(EMPTY_CASE_FACTS)
    for part, values in parts.items():
        facts[part].update(values)
    return facts


def refused(app, actor_id: int, data: intake.CaseInput, now: datetime = NOW) -> dict[str, list[str]]:
    with app.app_context():
        with pytest.raises(ServiceError) as error:
            intake.open_incident(db.session.get(User, actor_id), data, now=now)
        db.session.rollback()
        return error.value.field_errors


@pytest.fixture
def officer(app) -> int:
    agency = make_agency(app, code="AB", name="甲機關")
    return make_user(app, "officer", Role.OFFICER, agency_id=agency, display_name="王承辦")


def test_open_numbers_cases_assigns_the_creator_and_audits(app, officer):
    first = make_incident(app, officer, now=NOW, act_start=date(2025, 2, 20))
    second = make_incident(app, officer, now=NOW, title="遺失機密公文")

    assert incident_row(app, first)["case_number"] == "AB-115-0001"
    row = incident_row(app, second)
    assert row["case_number"] == "AB-115-0002" and row["status"] == CaseStatus.DRAFT
    assert row["assignees"] == ["officer"] and row["version"] == 1
    [created, _second] = audit_entries(app, "incident_created")
    assert created.actor_id == officer and created.object_type == "incident" and created.object_id == str(first)
    assert created.client_address == "test" and created.agency_id == row["agency_id"]
    assert created.details["case_number"] == "AB-115-0001" and created.details["act_start"] == "2025-02-20"
    assert created.details["assignees"] == ["officer"]


def test_only_officers_open_cases(app, officer):
    with app.app_context():
        agency = db.session.get(User, officer).agency_id
    supervisor = make_user(app, "supervisor", Role.SUPERVISOR, agency_id=agency)
    with app.app_context(), pytest.raises(NotPermitted):
        intake.open_incident(db.session.get(User, supervisor), intake.CaseInput(title="某案"))


def test_validation_errors_name_their_fields(app, officer):
    today = date(2026, 11, 26)
    errors = refused(
        app,
        officer,
        intake.CaseInput(
            title="  ",
            discovered_date=today + timedelta(days=1),
            reported_date=today + timedelta(days=1),
            act_start=date(2025, 3, 1),
            act_end=date(2025, 2, 1),
        ),
    )
    assert errors["title"] == ["請輸入案由。"]
    assert errors["discovered_date"] == ["發現日期不可晚於今天（民國115年11月26日）。"]
    assert errors["reported_date"] == ["受理日期不可晚於今天（民國115年11月26日）。"]
    assert errors["act_end"] == ["行為終了日不可早於行為開始日。"]
    assert db_count(app, Incident) == 0 and db_count(app, AuditEntry, AuditEntry.action == "incident_created") == 0


def test_today_is_taiwan_time(app, officer):
    # 2026-11-26 17:00 UTC is already 27 November in Taipei: a discovery on the 27th is not in the future.
    late = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
    make_incident(app, officer, now=late, discovered_date=date(2026, 11, 27))
    assert refused(app, officer, intake.CaseInput(title="x", discovered_date=date(2026, 11, 28)), now=late)


def test_act_end_needs_a_start_and_cyber_time_needs_the_flag(app, officer):
    errors = refused(
        app,
        officer,
        intake.CaseInput(title="x", act_end=date(2025, 1, 1), cyber_aware_at=datetime(2025, 1, 2, tzinfo=UTC)),
    )
    assert errors["act_start"] == ["已填行為終了日時，請一併輸入行為開始日。"]
    assert errors["cyber_aware_at"] == ["未勾選涉及資通安全事件時，請勿填寫知悉時間。"]


def test_facts_outside_the_engine_vocabulary_are_refused(app, officer):
    errors = refused(app, officer, intake.CaseInput(title="x", facts=case_facts(act={"conducts": ["gossip"]})))
    assert any(problem.startswith("act/conducts/0") for problem in errors[""])


def test_stored_facts_make_an_engine_document(app, officer):
    incident_id = make_incident(
        app,
        officer,
        now=NOW,
        act_start=date(2025, 2, 20),
        facts=case_facts(act={"conducts": ["disclose"], "intent": "intentional"}, recipient={"kind": "vendor"}),
        cyber_security_incident=True,
        cyber_aware_at=datetime(2025, 3, 1, 1, 30, tzinfo=UTC),
    )
    make_respondent(app, incident_id, rank_class="junior", grade=7)
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        facts = facts_from_json(engine_document(incident, incident.respondents[0]))
    assert facts.act.start == date(2025, 2, 20) and facts.act.conducts == (Conduct.DISCLOSE,)
    assert facts.recipient.kind == RecipientKind.VENDOR and facts.respondent.grade == 7
    assert facts.information.cyber_security_incident is True


def update(app, actor_id: int, incident_id: int, expected_version: int | None, **changes) -> Incident:
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        data = intake.CaseInput(
            title=incident.title,
            summary=incident.summary,
            source=incident.source,
            act_start=incident.act_start,
            facts=copy.deepcopy(incident.facts),
        )
        for name, value in changes.items():
            setattr(data, name, value)
        result = intake.update_incident(
            db.session.get(User, actor_id), incident, data, expected_version=expected_version, client_address="test"
        )
        db.session.commit()
        return result


def test_update_records_before_and_after(app, officer):
    incident_id = make_incident(app, officer, summary="初步", act_start=date(2025, 2, 20))
    update(
        app,
        officer,
        incident_id,
        1,
        summary="補充：廠商已自承收到底價",
        facts=case_facts(act={"intent": "intentional"}),
    )
    row = incident_row(app, incident_id)
    assert row["summary"] == "補充：廠商已自承收到底價" and row["version"] == 2
    [entry] = audit_entries(app, "incident_updated")
    assert entry.details["summary"] == ["初步", "補充：廠商已自承收到底價"]
    assert entry.details["facts.act.intent"] == ["unknown", "intentional"]
    assert "title" not in entry.details  # only what changed


def test_stale_version_changes_nothing(app, officer):
    incident_id = make_incident(app, officer, summary="初步")
    update(app, officer, incident_id, 1, summary="第一位承辦人的修改")
    with pytest.raises(ServiceError, match="案件已被他人更新，請重新載入後再修改"):
        update(app, officer, incident_id, 1, summary="依舊版本的修改")
    row = incident_row(app, incident_id)
    assert row["summary"] == "第一位承辦人的修改" and row["version"] == 2
    assert len(audit_entries(app, "incident_updated")) == 1


def test_concurrent_save_is_caught_by_the_version_column(app, officer):
    """Both read version 1; the first commits; the second's UPDATE … WHERE version = 1 matches nothing."""
    incident_id = make_incident(app, officer, summary="初步")
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        assert incident.version == 1
        # Another request saves in its own transaction meanwhile.
        with db.engine.begin() as other:
            other.execute(sa.update(Incident).where(Incident.id == incident_id).values(summary="他人", version=2))
        data = intake.CaseInput(title=incident.title, summary="我的修改")
        with pytest.raises(ServiceError, match="案件已被他人更新"):
            intake.update_incident(db.session.get(User, officer), incident, data, expected_version=1)
        db.session.rollback()
    assert incident_row(app, incident_id)["summary"] == "他人"


def test_file_a_draft_once(app, officer):
    incident_id = make_incident(app, officer)
    with app.app_context():
        actor, incident = db.session.get(User, officer), db.session.get(Incident, incident_id)
        intake.file_incident(actor, incident, client_address="test")
        db.session.commit()
        with pytest.raises(ServiceError, match="此案件已立案"):
            intake.file_incident(actor, incident)
    assert incident_row(app, incident_id)["status"] == CaseStatus.FILED
    [entry] = audit_entries(app, "incident_filed")
    assert entry.details["status"] == ["draft", "filed"] and entry.object_id == str(incident_id)


def test_view_is_recorded_with_the_case_agency(app, officer):
    incident_id = make_incident(app, officer)
    other_agency = make_agency(app, code="ZZ", name="乙機關")
    with app.app_context():
        actor, incident = db.session.get(User, officer), db.session.get(Incident, incident_id)
        intake.record_view(actor, incident, client_address="10.0.0.8")
        db.session.commit()
        agency_id = incident.agency_id
    [entry] = audit_entries(app, "incident_viewed")
    assert (entry.object_type, entry.object_id, entry.client_address) == ("incident", str(incident_id), "10.0.0.8")
    assert entry.agency_id == agency_id != other_agency


# --- respondents ------------------------------------------------------------


def add(app, actor_id: int, incident_id: int, **fields) -> int:
    with app.app_context():
        data = respondents.RespondentInput(
            name=fields.pop("name", "林小明"),
            national_id=fields.pop("national_id", "A123456789"),
            position=fields.pop("position", "科員"),
            facts={**EMPTY_RESPONDENT_FACTS, **fields.pop("facts", {})},
            user_id=fields.pop("user_id", None),
        )
        respondent = respondents.add_respondent(
            db.session.get(User, actor_id), db.session.get(Incident, incident_id), data, client_address="test"
        )
        db.session.commit()
        return respondent.id


def test_respondent_is_stored_and_audited_with_a_masked_id(app, officer):
    incident_id = make_incident(app, officer)
    records = [{"kind": "demerit", "on": "2025-05-01", "count": 1}]
    respondent_id = add(
        app,
        officer,
        incident_id,
        national_id=" a123456789 ",
        facts={"rank_class": "junior", "grade": 7, "service_start": "2015-08-01", "year_records": records},
    )
    row = respondent_row(app, respondent_id)
    assert row["national_id"] == "A123456789" and row["position"] == "科員"
    assert row["facts"]["grade"] == 7 and row["facts"]["year_records"] == records
    [entry] = audit_entries(app, "respondent_added")
    assert entry.object_type == "respondent" and entry.object_id == str(respondent_id)
    assert entry.details["national_id"] == "A12****789" and entry.details["incident_id"] == incident_id
    assert "A123456789" not in str(entry.details)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "請輸入被調查人姓名。"),
        ({"national_id": "A123456788"}, "national_id", "身分證統一編號的檢查碼不符，請確認是否輸入錯誤。"),
        ({"national_id": "123"}, "national_id", "身分證統一編號須為 1 個英文字母加 9 個數字，例如 A123456789。"),
        (
            {"facts": {"service_start": "2020-01-01", "service_end": "2019-01-01"}},
            "service_end",
            "退休或離職日不可早於到職日。",
        ),
    ],
)
def test_respondent_validation(app, officer, fields, field, message):
    incident_id = make_incident(app, officer)
    with pytest.raises(ServiceError) as error:
        add(app, officer, incident_id, **fields)
    assert error.value.field_errors[field] == [message]
    assert db_count(app, Respondent) == 0


def test_same_id_twice_in_one_case_is_refused(app, officer):
    incident_id = make_incident(app, officer)
    add(app, officer, incident_id)
    with pytest.raises(ServiceError, match="已登錄為本案的被調查人"):
        add(app, officer, incident_id, name="另一人")


def test_schema_rejects_unknown_category(app, officer):
    incident_id = make_incident(app, officer)
    with pytest.raises(ServiceError) as error:
        add(app, officer, incident_id, facts={"category": "astronaut"})
    assert any(problem.startswith("respondent/category") for problem in error.value.field_errors[""])


def test_linking_yourself_or_another_agency_is_refused(app, officer):
    incident_id = make_incident(app, officer)
    outsider = make_user(app, "outsider", Role.OFFICER, agency_id=make_agency(app, code="ZZ", name="乙機關"))
    with pytest.raises(ServiceError, match="不能將自己登錄為被調查人"):
        add(app, officer, incident_id, user_id=officer)
    with pytest.raises(ServiceError, match="只能連結本機關的帳號"):
        add(app, officer, incident_id, user_id=outsider)


def test_update_and_remove_respondent_are_audited(app, officer):
    incident_id = make_incident(app, officer)
    respondent_id = make_respondent(app, incident_id, name="林小明", national_id="A123456789")
    with app.app_context():
        respondent = db.session.get(Respondent, respondent_id)
        data = respondents.RespondentInput(
            name="林小明", national_id="F128765439", position="技士", facts=dict(respondent.facts)
        )
        respondents.update_respondent(db.session.get(User, officer), respondent, data, client_address="test")
        db.session.commit()
    [updated] = audit_entries(app, "respondent_updated")
    assert updated.details["national_id"] == ["A12****789", "F12****439"]
    assert updated.details["position"] == ["科員", "技士"] and "name" not in updated.details

    with app.app_context():
        respondents.remove_respondent(
            db.session.get(User, officer), db.session.get(Respondent, respondent_id), client_address="test"
        )
        db.session.commit()
    assert respondent_row(app, respondent_id) is None
    [removed] = audit_entries(app, "respondent_removed")
    assert removed.details["name"] == "林小明" and removed.details["national_id"] == "F12****439"


def test_linking_an_assigned_officer_recuses_and_unassigns_them(app, officer):
    with app.app_context():
        agency = db.session.get(User, officer).agency_id
    colleague = make_user(app, "colleague", Role.OFFICER, agency_id=agency, display_name="周承辦")
    incident_id = make_incident(app, officer, assignee_ids=[colleague])
    add(app, officer, incident_id, name="周承辦", national_id="F128765439", user_id=colleague)
    row = incident_row(app, incident_id)
    assert row["assignees"] == ["officer"] and row["recused"] == [colleague]
    [entry] = audit_entries(app, "respondent_added")
    assert entry.details["recused_user"] == "colleague" and entry.details["unassigned"] is True
