"""An admin resets a password; the user signs in with it, is made to choose their own, then reaches home
(issue 12 item 8d), with axe-core on every page of the journey."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from accounts import services
from accounts.models import Agency, Role, User
from core.extensions import db
from home.demo import DEMO_AGENCY_CODE
from tests.e2e.helpers import DEMO_PASSWORD, assert_accessible, assert_only_local_requests, sign_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
USERNAME = "e2e.reset"
TEMPORARY = "temporary password from the admin"
OWN = "my very own long passphrase"


@pytest.fixture
def reset_user(live_app: Flask) -> str:
    """An officer of the demo agency of its own, so that no other journey's sign-in depends on its password."""
    with live_app.app_context():
        if db.session.scalar(sa.select(User.id).where(User.username == USERNAME)) is None:
            services.create_user(
                None,
                username=USERNAME,
                display_name="吳重設",
                agency=db.session.scalar(sa.select(Agency).where(Agency.code == DEMO_AGENCY_CODE)),
                roles={Role.OFFICER},
                password=DEMO_PASSWORD,
            )
            db.session.commit()
    return USERNAME


def test_admin_resets_a_password_and_the_user_must_choose_their_own(
    page: Page, live_server: str, requests_seen: list[str], reset_user: str
) -> None:
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server}/admin/users")
    page.get_by_role("link", name=reset_user, exact=True).click()
    reset_field = page.get_by_label("重設密碼", exact=True)
    expect(page.locator("#new_password-hint")).to_contain_text("下次登入時須先改設自己的密碼")
    reset_field.fill(TEMPORARY)
    page.get_by_role("button", name="儲存", exact=True).click()
    # The demo agency has two admins, so a reset of someone else's password waits for the other (item 9).
    expect(page.get_by_role("status")).to_have_text(
        f"已更新帳號 {reset_user}；角色或密碼的變更待另一位系統管理者確認後生效。"
    )
    page.get_by_role("button", name="登出", exact=True).click()
    sign_in(page, live_server, "admin2")
    page.goto(f"{live_server}/admin/access-changes")
    pending = page.get_by_role("table", name="待確認的申請").get_by_role("row").filter(has_text=reset_user)
    pending.get_by_role("button", name="確認", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^已確認申請 #\d+，變更已生效。$"))
    page.get_by_role("button", name="登出", exact=True).click()
    expect(page).to_have_url(f"{live_server}/login")

    sign_in(page, live_server, reset_user, TEMPORARY)
    expect(page).to_have_url(f"{live_server}/password")
    expect(page.get_by_role("heading", level=1)).to_have_text("變更密碼")
    expect(page.locator("#password-change-required")).to_contain_text("系統管理者設定的暫時密碼")
    assert_accessible(page, "the forced password change")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "forced-password-change.png"), full_page=True)

    # Any other page leads back here until the password is changed.
    page.get_by_role("link", name="案件", exact=True).click()
    expect(page).to_have_url(f"{live_server}/password")

    page.get_by_label("目前的密碼", exact=True).fill(TEMPORARY)
    page.get_by_label("新密碼", exact=True).fill(OWN)
    page.get_by_label("再次輸入新密碼", exact=True).fill("not the same passphrase")
    page.get_by_role("button", name="變更密碼", exact=True).click()
    expect(page.locator("#confirm_password-error")).to_contain_text("兩次輸入的新密碼不一致")
    assert_accessible(page, "the forced password change with an error")

    page.get_by_label("目前的密碼", exact=True).fill(TEMPORARY)
    page.get_by_label("新密碼", exact=True).fill(OWN)
    page.get_by_label("再次輸入新密碼", exact=True).fill(OWN)
    page.get_by_role("button", name="變更密碼", exact=True).click()
    expect(page).to_have_url(f"{live_server}/")
    expect(page.get_by_role("status")).to_contain_text("密碼已變更")
    assert_accessible(page, "the home page after the password change")
    page.screenshot(path=str(ARTIFACTS / "home-after-password-change.png"), full_page=True)
    page.get_by_role("link", name="案件", exact=True).click()
    expect(page).to_have_url(f"{live_server}/cases/")

    assert_only_local_requests(requests_seen, live_server)
