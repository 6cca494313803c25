"""Command-line entries: seed-demo, users, agencies."""

from __future__ import annotations

import re

import sqlalchemy as sa

from accounts.models import Agency, Role, Unit, User
from core.extensions import db
from incidents.models import CaseStatus, Incident
from incidents.services.national_id import check_digit_ok
from tests.helpers import db_count, login

DEMO_USERNAMES = {"officer", "officer2", "supervisor", "auditor", "admin", "admin2"}


def roles_by_username(app) -> dict[str, set[Role]]:
    with app.app_context():
        return {user.username: set(user.roles) for user in db.session.scalars(sa.select(User))}


def test_seed_demo_creates_one_agency_two_units_and_a_user_per_role(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert db_count(app, Agency) == 1 and db_count(app, Unit) == 2
    assert roles_by_username(app) == {
        "officer": {Role.OFFICER},
        "officer2": {Role.OFFICER},
        "supervisor": {Role.SUPERVISOR},
        "auditor": {Role.AUDITOR},
        "admin": {Role.ADMIN},
        "admin2": {Role.ADMIN},  # two admins: account changes wait for the other's confirmation
    }
    # Random passwords are printed, and they work.
    passwords = dict(re.findall(r"^\s+(\w+)\s+\S+\s+密碼: (\S+)$", result.output, re.M))
    assert set(passwords) == DEMO_USERNAMES
    assert len(set(passwords.values())) == 6 and all(len(p) >= 12 for p in passwords.values())
    assert login(app.test_client(), "officer", passwords["officer"]).status_code == 302


def test_seed_demo_is_idempotent_and_keeps_passwords(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--password", "demo-password-123"])
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "已存在，密碼未變更" in second.output
    assert db_count(app, Agency) == 1 and db_count(app, Unit) == 2 and db_count(app, User) == 6
    assert login(app.test_client(), "supervisor", "demo-password-123").status_code == 302


def test_seed_demo_adds_a_few_cases_once(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        cases = db.session.scalars(sa.select(Incident).order_by(Incident.id)).all()
        assert len(cases) == 5  # not duplicated by the second run
        titles = {case.title: case for case in cases}
        assert titles["洩漏工程底價予廠商"].status == CaseStatus.FILED
        assert titles["遺失機密公文"].status == CaseStatus.DRAFT
        assert all(case.case_number.startswith("DEMO-") for case in cases)
        assert {user.username for case in cases for user in (a.user for a in case.assignments)} == {
            "officer",
            "officer2",
        }
        ids = [r.national_id for case in cases for r in case.respondents]
        assert len(ids) == 4 and all(check_digit_ok(value) for value in ids)


def test_seed_demo_with_password_sets_it_for_existing_users(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    result = runner.invoke(args=["seed-demo", "--password", "chosen-demo-password"])
    assert result.output.count("chosen-demo-password") == 6
    assert login(app.test_client(), "auditor", "chosen-demo-password").status_code == 302


def test_seed_demo_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", "short"])
    assert result.exit_code != 0
    assert "密碼至少需要 12 個字元" in result.output
    assert db_count(app, User) == 0 and db_count(app, Agency) == 0  # nothing half-written


def test_seed_demo_if_empty_does_nothing_when_users_exist(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and result.output == ""


def test_agencies_and_users_create(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["agencies", "create", "ab", "甲機關", "--unit", "政風室"])
    assert result.exit_code == 0 and "已建立機關 AB 甲機關" in result.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "chen",
            "--name",
            "陳主管",
            "--agency",
            "AB",
            "--unit",
            "政風室",
            "--role",
            "supervisor",
        ],
        input="long-enough-password\nlong-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    assert roles_by_username(app) == {"chen": {Role.SUPERVISOR}}
    listing = runner.invoke(args=["users", "list"]).output
    assert "chen\t陳主管\tAB\tsupervisor\t啟用" in listing


def test_users_create_reports_errors_in_zh_tw(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["agencies", "create", "AB", "甲機關"])
    result = runner.invoke(
        args=["users", "create", "X", "--name", "某人", "--agency", "AB", "--role", "officer", "--password", "short"]
    )
    assert result.exit_code == 1
    assert "帳號須為 3 至 64 個英文小寫字母" in result.output and "密碼至少需要 12 個字元" in result.output
    missing = runner.invoke(
        args=["users", "create", "someone", "--name", "某人", "--agency", "QQ", "--role", "officer", "--password", "x"]
    )
    assert "找不到機關代碼 QQ" in missing.output
    assert db_count(app, User) == 0
