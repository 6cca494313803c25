"""``flask cases list`` and ``flask cases reindex``."""

from __future__ import annotations

import json

import sqlalchemy as sa

from core.extensions import db
from incidents.models import Incident
from tests.incidents.helpers import make_incident


def case_numbers(app, *conditions) -> list[str]:
    with app.app_context():
        query = sa.select(Incident.case_number).where(*conditions).order_by(Incident.id.desc())
        return list(db.session.scalars(query))


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["cases", *args])


def test_list_ids_prints_one_case_number_per_line_newest_first(app, cast):
    make_incident(app, cast.id("officer"), title="第二案", filed=True)
    make_incident(app, cast.id("zz-officer"), title="乙機關的案件")
    result = run(app, "list", "--format", "ids")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == case_numbers(app)
    assert len(result.output.splitlines()) == 3


def test_list_filters_by_agency_and_status(app, cast):
    filed = make_incident(app, cast.id("officer"), title="第二案", filed=True)
    make_incident(app, cast.id("zz-officer"), title="乙機關的案件")
    result = run(app, "list", "--agency", "ab", "--status", "filed", "--format", "ids")
    assert result.output.splitlines() == case_numbers(app, Incident.id == filed)
    result = run(app, "list", "--agency", "ZZ", "--format", "ids")
    assert result.output.splitlines() == case_numbers(app, Incident.agency_id == cast.other_agency_id)


def test_list_json_and_table(app, cast):
    result = run(app, "list", "--format", "json")
    assert result.exit_code == 0, result.output
    [case] = json.loads(result.output)
    assert case["title"] == "洩漏工程底價予廠商" and case["status"] == "draft" and case["agency"] == "AB"
    assert case["assignees"] == ["officer"] and case["case_number"] == case_numbers(app)[0]
    table = run(app, "list").output.splitlines()
    assert table[0] == "案件編號\t狀態\t受理日期\t案由"
    assert table[1] == f"{case['case_number']}\t草稿\t-\t洩漏工程底價予廠商"
    assert json.loads(run(app, "list", "--format", "json", "--status", "filed").output) == []


def test_list_rejects_an_unknown_agency_or_status(app, cast):
    result = run(app, "list", "--agency", "QQ")
    assert result.exit_code != 0 and "找不到機關代碼 QQ" in result.output
    assert run(app, "list", "--status", "closed").exit_code != 0


def test_reindex_checks_and_rebuilds_the_sqlite_index(app, cast):
    with app.app_context():
        dialect = db.engine.dialect.name
    if dialect != "sqlite":
        result = run(app, "reindex")
        assert result.exit_code == 0 and "不需重建" in result.output
        return
    assert run(app, "reindex", "--check").exit_code == 0
    with app.app_context():
        db.session.execute(sa.text("DELETE FROM incident_search"))
        db.session.commit()
    check = run(app, "reindex", "--check")
    assert check.exit_code == 1 and "不一致的案件數：1" in check.output
    rebuilt = run(app, "reindex")
    assert rebuilt.exit_code == 0 and "1 件案件" in rebuilt.output
    assert run(app, "reindex", "--check").exit_code == 0
