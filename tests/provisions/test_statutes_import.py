"""flask statutes import: official open data into the stored catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.extensions import db
from provisions.models import StatuteImport, StatuteLaw, StatuteProvision, StatuteVersion
from tests.helpers import db_count

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


@pytest.fixture
def catalogue(app):
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0, result.output
    return app


def current_criminal_code(app, modified: str, amend: dict[str, str]) -> dict:
    """The catalogue's 刑法 as the Open API would publish it, with some articles reworded."""
    with app.app_context():
        provisions = db.session.scalars(
            sa.select(StatuteProvision).where(StatuteProvision.law_pcode == "C0000001")
        ).all()
        articles = []
        for provision in provisions:
            current = provision.versions[-1]
            if current.effective_to is None:
                number = provision.article
                articles.append(
                    {
                        "ArticleType": "A",
                        "ArticleNo": f"第 {number} 條",
                        "ArticleContent": amend.get(number, current.text).replace("\n", "\r\n"),
                    }
                )
        law = db.session.get(StatuteLaw, "C0000001")
        return {
            "UpdateDate": "2026/1/5",
            "Laws": [
                {
                    "LawLevel": "法律",
                    "LawName": law.name,
                    "LawURL": law.url,
                    "LawCategory": "",
                    "LawModifiedDate": modified,
                    "LawEffectiveDate": "",
                    "LawEffectiveNote": "",
                    "LawAbandonNote": "",
                    "LawHasEngVersion": "N",
                    "EngLawName": "",
                    "LawAttachements": [],
                    "LawHistories": law.history,
                    "LawForeword": "",
                    "LawArticles": articles,
                }
            ],
        }


def test_older_data_than_the_catalogue_is_skipped(catalogue):
    result = run(catalogue, str(FIXTURES / "ChLaw-20191227.json"))
    assert result.exit_code == 0
    assert "早於目錄已收錄的" in result.output and "沒有變更" in result.output


def test_current_official_data_matches_the_catalogue_and_amendments_are_found(catalogue, tmp_path):
    import json

    app = catalogue
    same = tmp_path / "same.json"
    same.write_text("\ufeff" + json.dumps(current_criminal_code(app, "20240731", {}), ensure_ascii=False), "utf-8")
    result = run(app, str(same))
    assert result.exit_code == 0, result.output
    assert "修正" not in result.output and "沒有變更" in result.output

    [(_, _, text_2019)] = [version for version in versions_of(app, "C0000001:132") if version[1] is None]
    amended = tmp_path / "amended.json"
    reworded = text_2019.replace("九千元", "一萬元")
    amended.write_text(
        json.dumps(current_criminal_code(app, "20260101", {"132": reworded}), ensure_ascii=False), "utf-8"
    )
    result = run(app, str(amended))
    assert result.exit_code == 0, result.output
    assert "中華民國刑法：修正 1 條" in result.output and "第132條：修正，2026-01-03 起施行" in result.output
    latest = versions_of(app, "C0000001:132")[-1]
    assert latest[0] == date(2026, 1, 3) and "一萬元以下罰金" in latest[2]
