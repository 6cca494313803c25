"""flask statutes import: official open data into the stored catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.extensions import db
from provisions.models import StatuteImport, StatuteLaw, StatuteProvision, StatuteVersion
from tests.conftest import db_count

FIXTURES = Path(__file__).resolve().parents[1] / "statutes" / "fixtures" / "opendata"


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["statutes", "import", *args])


def versions_of(app, provision_id: str) -> list[tuple[date, date | None, str]]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(StatuteVersion)
            .where(StatuteVersion.provision_id == provision_id)
            .order_by(StatuteVersion.effective_from)
        )
        return [(row.effective_from, row.effective_to, row.text) for row in rows]


@pytest.fixture
def criminal_code(app):
    """刑法 as of 2016-11-30 (articles 1, 132, 134), added to an empty catalogue."""
    result = run(app, str(FIXTURES / "ChLaw.json"), "--add-law", "C0000001")
    assert result.exit_code == 0, result.output
    return app


def test_a_new_law_is_added_only_when_asked(app):
    result = run(app, str(FIXTURES / "ChLaw.json"))
    assert result.exit_code == 0, result.output
    assert "檔案中另有 2 部未收錄，略過" in result.output
    assert db_count(app, StatuteLaw) == 0


def test_adding_a_law_stores_its_articles(criminal_code):
    app = criminal_code
    assert db_count(app, StatuteProvision, StatuteProvision.law_pcode == "C0000001") == 3
    [(_start, end, text)] = versions_of(app, "C0000001:132")
    assert end is None and "三百元以下罰金" in text


def test_amendment_adds_a_version_and_closes_the_old_one(criminal_code):
    app = criminal_code
    result = run(app, str(FIXTURES / "ChLaw-20191227.json"))
    assert result.exit_code == 0, result.output
    assert "第132條：修正，2019-12-27 起施行" in result.output
    old, new = versions_of(app, "C0000001:132")
    assert old[1] == date(2019, 12, 26)
    assert new[0] == date(2019, 12, 27) and new[1] is None and "九千元以下罰金" in new[2]
    with app.app_context():
        penalties = db.session.scalar(
            sa.select(StatuteVersion.penalties).where(
                StatuteVersion.provision_id == "C0000001:132", StatuteVersion.effective_from == date(2019, 12, 27)
            )
        )
    negligent = next(penalty for penalty in penalties if penalty["paragraph"] == 2)
    assert negligent["fine_max"] == 9000 and negligent["imprisonment_max_months"] == 12
    # 第115條之1 is new in the file but not in the catalogue: only compared on request.
    assert db_count(app, StatuteProvision, StatuteProvision.id == "C0000001:115-1") == 0
    assert db_count(app, StatuteImport, StatuteImport.kind == "open_data") == 2


def test_import_is_idempotent(criminal_code):
    app = criminal_code
    run(app, str(FIXTURES / "ChLaw-20191227.json"))
    before = db_count(app, StatuteVersion)
    again = run(app, str(FIXTURES / "ChLaw-20191227.json"))
    assert again.exit_code == 0 and "沒有變更" in again.output
    assert db_count(app, StatuteVersion) == before


def test_layout_only_change_is_not_a_change(criminal_code):
    app = criminal_code
    run(app, str(FIXTURES / "ChLaw-20191227.json"))
    before = versions_of(app, "C0000001:132")
    result = run(app, str(FIXTURES / "ChLaw-20210903.json"))
    assert result.exit_code == 0, result.output
    assert [version[:2] for version in versions_of(app, "C0000001:132")] == [version[:2] for version in before]


def test_new_article_is_added_with_include_new_articles(criminal_code):
    app = criminal_code
    result = run(app, str(FIXTURES / "ChLaw-20190510.json"), "--include-new-articles")
    assert result.exit_code == 0, result.output
    assert "第115條之1：新增，2019-05-12 起施行" in result.output
    [(start, _end, text)] = versions_of(app, "C0000001:115-1")
    assert start == date(2019, 5, 12) and "大陸地區" in text


def test_zip_and_old_format_are_read(app):
    assert run(app, str(FIXTURES / "ChLaw.zip"), "--add-law", "C0000001").exit_code == 0
    assert db_count(app, StatuteProvision) == 3
    # The same law in the old per-law format changes nothing.
    result = run(app, str(FIXTURES / "C0000001.json"))
    assert result.exit_code == 0 and "沒有變更" in result.output


@pytest.mark.parametrize(
    "name", ["invalid.json", "truncated.json", "truncated.zip", "no-members.zip", "missing-lawurl.json"]
)
def test_broken_file_imports_nothing(criminal_code, name):
    app = criminal_code
    before = (db_count(app, StatuteVersion), db_count(app, StatuteImport))
    result = run(app, str(FIXTURES / name))
    assert result.exit_code != 0
    assert "未匯入任何資料" in result.output
    assert (db_count(app, StatuteVersion), db_count(app, StatuteImport)) == before
