"""Issue 12 item 9 in a browser: one admin asks for a supervisor account, the other admin confirms it,
the new supervisor reads the agency's cases only after that, and the auditor finds both steps on the
audit log's 帳號權限異動 view. axe-core on every page; screenshots in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests, sign_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
MAIN_NAV = 'nav[aria-label="主選單"]'
NEW_PASSWORD = "the new supervisor's first password"
OWN_PASSWORD = "the supervisor's own passphrase"
ROC_DATE_TIME = re.compile(r"\d{3}/\d{2}/\d{2} \d{2}:\d{2}")


def sign_out(page: Page, base_url: str) -> None:
    page.get_by_role("button", name="登出", exact=True).click()
    expect(page).to_have_url(f"{base_url}/login")


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_admin_requests_a_supervisor_the_other_admin_confirms_the_auditor_sees_both(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    # 張管理 asks for a supervisor account.
    sign_in(page, live_server, "admin")
    page.locator(MAIN_NAV).get_by_role("link", name="帳號管理", exact=True).click()
    page.get_by_role("link", name="新增帳號", exact=True).click()
    page.get_by_label("帳號", exact=True).fill("e2e.boss")
    page.get_by_label("姓名", exact=True).fill("吳主管")
    page.get_by_role("checkbox", name="主管", exact=True).check()
    page.get_by_label("初始密碼", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次輸入初始密碼", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("已送出建立帳號 e2e.boss 的申請，待另一位系統管理者確認後生效。")
    page.get_by_role("link", name=re.compile(r"^帳號權限異動（待確認 \d+ 件）$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("帳號權限異動")
    mine = page.get_by_role("row").filter(has_text="e2e.boss")
    expect(mine).to_contain_text("建立帳號 e2e.boss（吳主管），角色：主管")
    expect(mine.get_by_role("button", name="確認", exact=True)).to_have_count(0)  # not for one's own request
    expect(mine.get_by_role("button", name="撤回", exact=True)).to_be_visible()
    assert_accessible(page, "the admin's access changes with an own request")
    sign_out(page, live_server)

    # Nothing exists yet: the password opens nothing.
    sign_in(page, live_server, "e2e.boss", NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("帳號或密碼錯誤")

    # 周管理 confirms it.
    sign_in(page, live_server, "admin2")
    page.locator(MAIN_NAV).get_by_role("link", name="帳號管理", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^帳號權限異動（待確認 \d+ 件）$")).click()
    row = page.get_by_role("row").filter(has_text="e2e.boss")
    expect(row).to_contain_text("張管理（admin）")
    expect(row.get_by_role("cell").nth(1)).to_have_text(ROC_DATE_TIME)
    assert_accessible(page, "the other admin's access changes")
    screenshot(page, "access-changes-admin-before-confirming.png")
    row.get_by_role("button", name="確認", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^已確認申請 #\d+，變更已生效。$"))
    decided = page.get_by_role("row").filter(has_text="e2e.boss").filter(has_text="已確認生效")
    expect(decided).to_contain_text("周管理（admin2）")
    assert_accessible(page, "the access changes after confirming")
    sign_out(page, live_server)

    # The new supervisor reads the agency's cases now.
    sign_in(page, live_server, "e2e.boss", NEW_PASSWORD)
    # An admin chose that password, so it is temporary (item 8): the supervisor sets their own first.
    expect(page).to_have_url(f"{live_server}/password")
    page.get_by_label("目前的密碼", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("新密碼", exact=True).fill(OWN_PASSWORD)
    page.get_by_label("再次輸入新密碼", exact=True).fill(OWN_PASSWORD)
    page.get_by_role("button", name="變更密碼", exact=True).click()
    page.locator(MAIN_NAV).get_by_role("link", name="案件", exact=True).click()
    expect(page.get_by_role("cell", name="洩漏工程底價予廠商", exact=True)).to_be_visible()
    sign_out(page, live_server)

    # 林稽核 finds both steps on the 帳號權限異動 view of the audit log.
    sign_in(page, live_server, "auditor")
    page.locator(MAIN_NAV).get_by_role("link", name="稽核紀錄", exact=True).click()
    page.get_by_role("navigation", name="稽核紀錄的檢視方式").get_by_role("link", name="帳號權限異動").click()
    expect(page).to_have_url(f"{live_server}/audit/access-changes")
    expect(page.get_by_role("heading", level=1)).to_have_text("帳號權限異動")
    requested = page.get_by_role("row").filter(has_text="申請帳號權限異動（待確認）").filter(has_text="e2e.boss")
    confirmed = page.get_by_role("row").filter(has_text="確認帳號權限異動（已生效）").filter(has_text="e2e.boss")
    expect(requested).to_contain_text("張管理（admin）")
    expect(requested).to_contain_text("建立帳號 e2e.boss（吳主管），角色：主管")
    expect(confirmed).to_contain_text("周管理（admin2）")
    expect(confirmed).to_contain_text("申請人：張管理（admin）")
    expect(confirmed.get_by_role("cell").first).to_have_text(ROC_DATE_TIME)
    expect(page.get_by_role("cell", name="登入成功")).to_have_count(0)  # only account-access changes here
    assert_accessible(page, "the auditor's access-change view")
    screenshot(page, "access-changes-auditor-view.png")

    assert_only_local_requests(requests_seen, live_server)
