"""The statute browser: laws, articles in force on a date, history, diff, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import Role
from tests.factories import PASSWORD, make_user
from tests.helpers import login

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


@pytest.fixture
def catalogue_reader(app, client):
    """An officer, with the project's whole statute catalogue loaded."""
    result = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert result.exit_code == 0 and "已載入 19 部法規" in result.output, result.output
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    return client


def test_loading_the_catalogue_twice_changes_nothing(app, catalogue_reader):
    again = app.test_cli_runner().invoke(args=["statutes", "load"])
    assert again.exit_code == 0 and "沒有變更" in again.output


def test_criminal_code_132_on_2018_shows_the_converted_fine(catalogue_reader):
    html = text_of(catalogue_reader.get("/statutes/?q=刑法第132條&on=2018-06-01"))
    assert "三百元以下罰金" in html
    history = text_of(catalogue_reader.get("/statutes/provision/C0000001:132"))
    assert "新臺幣9,000元以下罰金（條文原寫300元，依刑法施行法第1條之1提高為30倍）" in history
    assert "九千元以下罰金" in text_of(catalogue_reader.get("/statutes/?q=刑法+132&on=115/01/01"))


def test_national_security_act_numbers_by_date(catalogue_reader):
    old = text_of(catalogue_reader.get("/statutes/?q=國家安全法第5條之1&on=112/05/20"))
    assert "國家安全法第5條之1" in old and "民國108年7月5日 起施行" in old
    gone = text_of(catalogue_reader.get("/statutes/?q=國家安全法第5條之1&on=113/01/01"))
    assert "第5條之1</a>" not in gone
    new = text_of(catalogue_reader.get("/statutes/?q=國家安全法第7條&on=113/01/01"))
    assert "國家安全法第7條" in new and "民國112年12月1日 起施行" in new


def test_renumbered_provision_links_to_its_successor(catalogue_reader):
    html = text_of(catalogue_reader.get("/statutes/provision/S0020038:13@1939"))
    assert "本條號已不再使用" in html and "公務員服務法第14條" in html
    assert "未經核對" in html  # the leaflet's wording of an old version


def test_service_act_on_two_dates(catalogue_reader):
    before = text_of(catalogue_reader.get("/statutes/S0020038?on=110/07/01"))
    after = text_of(catalogue_reader.get("/statutes/S0020038?on=112/01/01"))
    assert "公務上之秘密消息" in before or "秘密消息" in before
    assert ">第13條</a>" in before and ">第13條</a>" not in after
