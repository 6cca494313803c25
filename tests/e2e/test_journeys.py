"""User journeys through a real browser: sign in, navigate, switch language,
sign out, and the admin's account form, with axe-core on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from accounts.models import User
from core.extensions import db
from tests.e2e.helpers import assert_accessible, assert_only_local_requests, sign_in

pytestmark = pytest.mark.browser

MAIN_NAV = 'nav[aria-label="主選單"]'
MAIN_NAV_EN = 'nav[aria-label="Main menu"]'

# Nav labels per demo user, in order, and the path each label leads to.
NAV_PATHS = {
    "首頁": "/",
    "案件": "/cases/",
    "法規查詢": "/statutes/",
    "適用建議": "/suggestions/",
    "稽核紀錄": "/audit/",
    "帳號管理": "/admin/users",
    "個人設定": "/settings",
}
EXPECTED_NAV = {
    "officer": ["首頁", "案件", "法規查詢", "適用建議", "個人設定"],
    "officer2": ["首頁", "案件", "法規查詢", "適用建議", "個人設定"],
    "supervisor": ["首頁", "案件", "法規查詢", "適用建議", "個人設定"],
    "auditor": ["首頁", "案件", "法規查詢", "適用建議", "稽核紀錄", "個人設定"],
    "admin": ["首頁", "法規查詢", "帳號管理", "個人設定"],
}
EXPECTED_NAV_EN = {
    "首頁": "Home",
    "案件": "Cases",
    "法規查詢": "Statutes",
    "適用建議": "Suggestions",
    "稽核紀錄": "Audit log",
    "帳號管理": "Accounts",
    "個人設定": "My settings",
}


def nav_links(page: Page, selector: str = MAIN_NAV):
    return page.locator(selector).get_by_role("link")


def choose_language(page: Page, base_url: str, language: str, *, label: str, button: str) -> None:
    # By role: get_by_label would also match the <section> labelled by the 介面語言 heading.
    page.get_by_role("combobox", name=label, exact=True).select_option(label=language)
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(f"{base_url}/settings")


@pytest.fixture
def default_language_afterwards(live_app: Flask) -> Iterator[None]:
    """The language choice is stored on the account. The journey switches it back
    itself (and checks that this works); this only stops a journey that failed
    half-way from leaving its user in English for the tests that follow."""
    yield
    with live_app.app_context():
        db.session.execute(sa.update(User).values(locale=live_app.config["BABEL_DEFAULT_LOCALE"]))
        db.session.commit()


@pytest.mark.usefixtures("default_language_afterwards")
@pytest.mark.parametrize("username", list(EXPECTED_NAV))
def test_sign_in_navigate_switch_language_and_sign_out(
    page: Page, live_server: str, requests_seen: list[str], username: str
) -> None:
    page.goto(f"{live_server}/login")
    assert_accessible(page, "the login page")

    sign_in(page, live_server, username)
    expect(page).to_have_url(f"{live_server}/")
    expected = EXPECTED_NAV[username]
    expect(nav_links(page)).to_have_text(expected)
    assert_accessible(page, f"the home page ({username})")

    for label in expected:
        nav_links(page).get_by_text(label, exact=True).click()
        expect(page).to_have_url(f"{live_server}{NAV_PATHS[label]}")
        expect(page.locator(f"{MAIN_NAV} a[aria-current='page']")).to_have_text(label)
        expect(page.get_by_role("heading", level=1)).to_have_text(label)
        assert_accessible(page, f"{label} ({username})")

    # The last nav entry is 個人設定: switch to English there, and back.
    choose_language(page, live_server, "English", label="介面語言", button="儲存語言")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(nav_links(page, MAIN_NAV_EN)).to_have_text([EXPECTED_NAV_EN[label] for label in expected])
    expect(page.get_by_role("heading", level=1)).to_have_text("My settings")
    assert_accessible(page, f"the settings page in English ({username})")

    choose_language(page, live_server, "中文（臺灣）", label="Interface language", button="Save language")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    expect(nav_links(page)).to_have_text(expected)

    page.get_by_role("button", name="登出", exact=True).click()
    expect(page).to_have_url(f"{live_server}/login")
    expect(page.get_by_role("status")).to_have_text("您已登出。")
    expect(page.locator(MAIN_NAV)).to_have_count(0)
    assert_accessible(page, "the login page after signing out")

    assert_only_local_requests(requests_seen, live_server)


def test_wrong_password_shows_error_and_keeps_username(page: Page, live_server: str, requests_seen: list[str]) -> None:
    # One failure for officer2 only: far from the lockout (5 per username).
    sign_in(page, live_server, "officer2", "not-the-right-password")
    expect(page.get_by_role("alert")).to_contain_text("帳號或密碼錯誤")
    expect(page).to_have_url(f"{live_server}/login")
    expect(page.get_by_label("帳號", exact=True)).to_have_value("officer2")
    expect(page.get_by_label("密碼", exact=True)).to_have_value("")
    expect(page.locator(MAIN_NAV)).to_have_count(0)
    assert_accessible(page, "the login page with a sign-in error")

    assert_only_local_requests(requests_seen, live_server)


def test_admin_creates_user_after_fixing_short_password(page: Page, live_server: str, requests_seen: list[str]) -> None:
    sign_in(page, live_server, "admin")
    expect(page).to_have_url(f"{live_server}/")
    nav_links(page).get_by_text("帳號管理", exact=True).click()
    expect(page).to_have_url(f"{live_server}/admin/users")
    page.get_by_role("link", name="新增帳號", exact=True).click()
    expect(page).to_have_url(f"{live_server}/admin/users/new")
    assert_accessible(page, "the new-account form")

    page.get_by_label("帳號", exact=True).fill("e2e.newcomer")
    page.get_by_label("姓名", exact=True).fill("黃新進")
    page.get_by_label("單位", exact=True).select_option(label="政風處第二科")
    officer_role = page.get_by_role("checkbox", name="承辦人", exact=True)
    expect(officer_role, "the role checkboxes of the new-account form must be usable").to_be_enabled()
    officer_role.check()
    page.get_by_label("初始密碼", exact=True).fill("short-pw")
    page.get_by_label("再次輸入初始密碼", exact=True).fill("short-pw")
    page.get_by_role("button", name="儲存", exact=True).click()

    password_errors = page.locator("#password-error")
    expect(password_errors).to_have_text(re.compile(r"密碼至少需要 12 個字元（目前 8 個）"))
    expect(page.get_by_label("初始密碼", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("初始密碼", exact=True)).to_have_attribute(
        "aria-describedby", re.compile(r"\bpassword-error\b")
    )
    expect(page.get_by_role("alert")).to_contain_text("資料有誤")
    expect(page.get_by_label("帳號", exact=True)).to_have_value("e2e.newcomer")
    expect(page.get_by_label("姓名", exact=True)).to_have_value("黃新進")
    expect(page.get_by_label("單位", exact=True)).to_have_value(re.compile(r"^\d+$"))
    expect(page.get_by_role("checkbox", name="承辦人", exact=True)).to_be_checked()
    assert_accessible(page, "the new-account form with errors")

    page.get_by_label("初始密碼", exact=True).fill("a long enough first password")
    page.get_by_label("再次輸入初始密碼", exact=True).fill("a long enough first password")
    page.get_by_role("button", name="儲存", exact=True).click()

    # The demo agency has two admins: the new account waits for the other one's confirmation.
    expect(page).to_have_url(f"{live_server}/admin/users")
    expect(page.get_by_role("status")).to_have_text(
        "已送出建立帳號 e2e.newcomer 的申請，待另一位系統管理者確認後生效。"
    )
    expect(page.get_by_role("link", name="e2e.newcomer", exact=True)).to_have_count(0)
    assert_accessible(page, "the account list after requesting an account")
    page.get_by_role("link", name=re.compile(r"^帳號權限異動（待確認 \d+ 件）$")).click()
    row = page.get_by_role("row").filter(has_text="e2e.newcomer")
    expect(row).to_contain_text("建立帳號 e2e.newcomer（黃新進），角色：承辦人")
    expect(row.get_by_role("button", name="撤回", exact=True)).to_be_visible()

    assert_only_local_requests(requests_seen, live_server)


def test_unknown_page_shows_zh_tw_404(page: Page, live_server: str, requests_seen: list[str]) -> None:
    response = page.goto(f"{live_server}/no-such-page")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    expect(page.get_by_role("heading", level=1)).to_contain_text("找不到頁面")
    assert_accessible(page, "the 404 page")

    assert_only_local_requests(requests_seen, live_server)


def test_auditor_filter_explains_an_impossible_roc_date(page: Page, live_server: str, requests_seen: list[str]) -> None:
    sign_in(page, live_server, "auditor")
    nav_links(page).get_by_text("稽核紀錄", exact=True).click()
    page.get_by_label("起日", exact=True).fill("115/02/30")
    page.get_by_role("button", name="篩選", exact=True).click()
    expect(page.locator("#date_from-error")).to_have_text("民國115年2月只有28日。")
    expect(page.get_by_label("起日", exact=True)).to_have_value("115/02/30")
    assert_accessible(page, "the audit log with a date error")

    page.get_by_label("起日", exact=True).fill("民國115年2月28日")
    page.get_by_role("button", name="篩選", exact=True).click()
    expect(page.locator("#date_from-error")).to_have_count(0)
    expect(page.get_by_role("cell", name="登入成功").first).to_be_visible()

    assert_only_local_requests(requests_seen, live_server)


def test_officer_reads_the_law_in_force_on_the_day_of_the_act(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    sign_in(page, live_server, "officer")
    nav_links(page).get_by_text("法規查詢", exact=True).click()
    expect(page).to_have_url(f"{live_server}/statutes/")
    assert_accessible(page, "the statute search page")

    page.get_by_label("條號或關鍵字", exact=True).fill("刑法 132")
    page.get_by_label("適用日期", exact=True).fill("107/06/01")
    page.get_by_role("button", name="查詢", exact=True).click()
    hit = page.locator(".statute-hit")
    expect(hit).to_contain_text("三百元以下罰金")
    expect(hit).to_contain_text("民國107年6月1日 適用的版本")
    assert_accessible(page, "a statute search result")

    hit.get_by_role("link", name="中華民國刑法第132條").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("中華民國刑法第132條")
    expect(page.locator("body")).to_contain_text("新臺幣9,000元以下罰金")
    assert_accessible(page, "a provision's version history")

    page.get_by_role("button", name="逐字比較", exact=True).click()
    expect(page.locator("del").first).to_have_text("三百")
    expect(page.locator("ins").first).to_have_text("九千")
    assert_accessible(page, "the side-by-side comparison")

    assert_only_local_requests(requests_seen, live_server)


def test_officer_gets_suggestions_for_a_negligent_leak(page: Page, live_server: str, requests_seen: list[str]) -> None:
    sign_in(page, live_server, "officer")
    nav_links(page).get_by_text("適用建議", exact=True).click()
    expect(page).to_have_url(f"{live_server}/suggestions/")
    assert_accessible(page, "the facts form")

    page.get_by_label("身分類別", exact=True).select_option(label="常任公務人員（依法任用）")
    page.get_by_label("行為開始日", exact=True).fill("107/02/30")
    page.get_by_role("checkbox", name="洩漏", exact=True).check()
    page.get_by_label("主觀犯意", exact=True).select_option(label="過失")
    page.get_by_role("checkbox", name="一般公務機密", exact=True).check()
    page.get_by_role("button", name="產生建議", exact=True).click()
    expect(page.locator("#act_start-error")).to_have_text("民國107年2月只有28日。")
    expect(page.get_by_role("checkbox", name="洩漏", exact=True)).to_be_checked()
    assert_accessible(page, "the facts form with an error")

    page.get_by_label("行為開始日", exact=True).fill("107/06/01")
    page.get_by_label("是否因職務或業務知悉或持有", exact=True).select_option(label="是")
    page.get_by_label("評估基準日", exact=True).fill("115/11/23")
    page.get_by_role("button", name="產生建議", exact=True).click()
    result = page.locator(".suggestion-result")
    expect(result).to_contain_text("中華民國刑法第132條第2項")
    expect(result).to_contain_text("處理途徑")
    assert_accessible(page, "the suggestions")

    assert_only_local_requests(requests_seen, live_server)


def test_officer_opens_a_case_adds_a_respondent_and_files_it(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server}/cases/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("新增案件")
    assert_accessible(page, "the new case form")

    page.get_by_label("案由", exact=True).fill("以電子郵件寄送採購評選資料予友人")
    page.get_by_label("案件來源", exact=True).select_option(label="檢舉")
    page.get_by_label("發現日期", exact=True).fill("114/02/30")
    page.get_by_label("行為開始日", exact=True).fill("114/02/10")
    page.get_by_role("checkbox", name="交付", exact=True).check()
    page.get_by_role("checkbox", name="採購底價或招標資料", exact=True).check()
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.locator("#discovered_date-error")).to_have_text("民國114年2月只有28日。")
    expect(page.get_by_label("案由", exact=True)).to_have_value("以電子郵件寄送採購評選資料予友人")
    expect(page.get_by_role("checkbox", name="交付", exact=True)).to_be_checked()
    assert_accessible(page, "the new case form with an error")

    page.get_by_label("發現日期", exact=True).fill("114/02/27")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("以電子郵件寄送採購評選資料予友人")
    expect(page.get_by_role("status")).to_contain_text("已建立案件 DEMO-")
    assert_accessible(page, "the case page")

    page.get_by_role("link", name="新增被調查人", exact=True).click()
    page.get_by_label("姓名", exact=True).fill("吳佳穎")
    page.get_by_label("身分證統一編號", exact=True).fill("A123456788")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.locator("#national_id-error")).to_have_text("身分證統一編號的檢查碼不符，請確認是否輸入錯誤。")
    assert_accessible(page, "the respondent form with an error")
    page.get_by_label("身分證統一編號", exact=True).fill("A123456789")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.locator("#respondents")).to_be_visible()
    expect(page.get_by_role("cell", name="A12****789", exact=True)).to_be_visible()

    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("案件已立案。")
    expect(page.locator(".badge").first).to_have_text("已立案")
    assert_accessible(page, "the filed case page")
    assert_only_local_requests(requests_seen, live_server)
