"""The statute browser: laws, articles in force on a date, history, diff, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import Role
from tests.conftest import login
from tests.factories import PASSWORD, make_user

FIXTURES = Path(__file__).resolve().parents[1] / "statutes" / "fixtures" / "opendata"


@pytest.fixture
def reader(app, client):
    """An officer, with 刑法 (第1、132、134條) stored: 第132條 in its 2016 and 2019-12-27 versions."""
    runner = app.test_cli_runner()
    assert (
        runner.invoke(args=["statutes", "import", str(FIXTURES / "ChLaw.json"), "--add-law", "C0000001"]).exit_code == 0
    )
    assert runner.invoke(args=["statutes", "import", str(FIXTURES / "ChLaw-20191227.json")]).exit_code == 0
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    return client


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_browser_needs_sign_in(client):
    assert client.get("/statutes/").status_code == 302


def test_law_list(reader):
    html = text_of(reader.get("/statutes/"))
    assert "中華民國刑法" in html and "C0000001" in html


def test_law_page_shows_the_text_in_force_on_a_roc_date(reader):
    before = text_of(reader.get("/statutes/C0000001?on=108/06/01"))
    assert "三百元以下罰金" in before and "九千元以下罰金" not in before
    after = text_of(reader.get("/statutes/C0000001?on=2026-01-01"))
    assert "九千元以下罰金" in after and "三百元以下罰金" not in after


def test_law_page_rejects_an_impossible_date_and_keeps_it(reader):
    response = reader.get("/statutes/C0000001?on=115/02/30")
    assert response.status_code == 400
    html = text_of(response)
    assert "民國115年2月只有28日。" in html and 'value="115/02/30"' in html


def test_unknown_law_and_provision_are_404(reader):
    assert reader.get("/statutes/X9999999").status_code == 404
    assert reader.get("/statutes/provision/C0000001:999").status_code == 404


def test_provision_history_lists_versions_with_roc_dates_and_penalties(reader):
    html = text_of(reader.get("/statutes/provision/C0000001:132"))
    assert "版本沿革（共 2 版）" in html
    assert "民國108年12月27日 起施行" in html and "至 民國108年12月26日 止" in html
    assert "新臺幣9,000元以下罰金" in html


def test_diff_highlights_changed_characters(reader):
    html = text_of(reader.get("/statutes/diff/C0000001:132"))
    assert "<del>三百</del>" in html and "<ins>九千</ins>" in html


def test_search_by_law_and_article_number_on_a_date(reader):
    html = text_of(reader.get("/statutes/?q=刑法+第132條&on=108/06/01"))
    assert "三百元以下罰金" in html and "民國108年6月1日 適用的版本" in html


def test_search_by_chinese_substring_finds_short_keywords(reader):
    html = text_of(reader.get("/statutes/?q=洩漏"))
    assert "含「洩漏」的條文" in html and "第132條" in html
    assert "沒有符合的條文" in text_of(reader.get("/statutes/?q=底價"))
