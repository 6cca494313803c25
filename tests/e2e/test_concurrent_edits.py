"""Two officers edit one respondent in two browsers (issue 12 item 4): the later save is refused with a
clear message on screen, and what that officer typed is still in the form to copy after reloading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests, sign_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CASE_TITLE = "將個人資料提供予徵信業者"  # a demo case assigned to both demo officers
RESPONDENT = "林淑芬"
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture
def other_page(browser: Browser, requests_seen: list[str]) -> Iterator[Page]:
    """A second browser (its own context: its own cookies and session), for the second officer."""
    context = browser.new_context(locale="zh-TW")
    context.on("request", lambda request: requests_seen.append(request.url))
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_respondent_form(page: Page, base_url: str, username: str) -> None:
    page.set_viewport_size(VIEWPORT)
    sign_in(page, base_url, username)
    page.goto(f"{base_url}/cases/")
    page.get_by_role("row").filter(has_text=CASE_TITLE).get_by_role("link").first.click()
    page.get_by_role("row").filter(has_text=RESPONDENT).get_by_role("link", name="修改", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("修改被調查人")
    expect(page.get_by_label("姓名", exact=True)).to_have_value(RESPONDENT)


def test_the_later_of_two_saves_of_one_respondent_is_refused_and_keeps_what_was_typed(
    page: Page, other_page: Page, live_server: str, requests_seen: list[str]
) -> None:
    open_respondent_form(page, live_server, "officer")
    open_respondent_form(other_page, live_server, "officer2")

    page.get_by_label("職稱", exact=True).fill("資訊處約聘專員")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_text(f"已儲存被調查人 {RESPONDENT}。")).to_be_visible()

    other_page.get_by_label("職稱", exact=True).fill("資訊處約聘研究助理")
    other_page.get_by_label("退休或離職日", exact=True).fill("114/06/30")
    other_page.get_by_role("button", name="儲存", exact=True).click()

    alert = other_page.get_by_role("alert")
    expect(alert).to_contain_text("被調查人資料已被他人更新，請重新載入後再修改")
    expect(alert).to_be_in_viewport()
    expect(other_page.get_by_label("職稱", exact=True)).to_have_value("資訊處約聘研究助理")
    expect(other_page.get_by_label("退休或離職日", exact=True)).to_have_value("114/06/30")
    ARTIFACTS.mkdir(exist_ok=True)
    other_page.screenshot(path=str(ARTIFACTS / "respondent-edit-conflict.png"))
    assert_accessible(other_page, "the respondent form refused as stale")

    # The first officer's save stands; reloaded, the form shows it.
    other_page.goto(other_page.url)
    expect(other_page.get_by_label("職稱", exact=True)).to_have_value("資訊處約聘專員")
    expect(other_page.get_by_label("退休或離職日", exact=True)).to_have_value("")
    assert_only_local_requests(requests_seen, live_server)


def test_the_later_of_two_changes_of_the_assigned_officers_is_refused_on_screen(
    page: Page, other_page: Page, live_server: str
) -> None:
    """The supervisor and an assigned officer change who works on the case from two open case pages."""
    for viewer, username in ((page, "supervisor"), (other_page, "officer")):
        viewer.set_viewport_size(VIEWPORT)
        sign_in(viewer, live_server, username)
        viewer.goto(f"{live_server}/cases/")
        viewer.get_by_role("row").filter(has_text=CASE_TITLE).get_by_role("link").first.click()
    officers = page.get_by_role("group", name="承辦人", exact=True)
    officers.get_by_role("checkbox", name="李承辦（officer2）").uncheck()
    page.get_by_role("button", name="更新承辦人", exact=True).click()
    expect(page.get_by_text("已更新承辦人。")).to_be_visible()

    stale = other_page.get_by_role("group", name="承辦人", exact=True)
    stale.get_by_role("checkbox", name="李承辦（officer2）").uncheck()
    stale.get_by_role("checkbox", name="王承辦（officer）").uncheck()
    stale.get_by_role("checkbox", name="李承辦（officer2）").check()
    other_page.get_by_role("button", name="更新承辦人", exact=True).click()

    message = other_page.locator("#assignees-error")
    expect(message).to_have_text("承辦人已被他人變更，請重新載入後再修改")
    expect(message).to_be_in_viewport()  # the first box is focused, so the browser scrolled to it
    stale = other_page.get_by_role("group", name="承辦人", exact=True)
    expect(stale.get_by_role("checkbox", name="李承辦（officer2）")).to_be_checked()
    expect(stale.get_by_role("checkbox", name="王承辦（officer）")).not_to_be_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    other_page.screenshot(path=str(ARTIFACTS / "assignments-conflict.png"))
    assert_accessible(other_page, "the case page with the assignments refused as stale")
