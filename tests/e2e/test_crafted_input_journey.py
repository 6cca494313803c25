"""Crafted input in a real browser (issue 12 item 6): a NUL byte pasted into a form is refused next to its
field with the other values kept, and a search with one gets its message; a case number beyond the database's
range is the ordinary 404 page. Checked with axe-core; screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests, sign_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NUL_MESSAGE = "含有無法儲存的空字元（NUL），請刪除後再送出。"
SUMMARY = "廠商於開標前取得底價，疑由承辦人以電子郵件寄送。"


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_a_nul_byte_in_a_case_form_is_refused_next_to_its_field(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("案由", exact=True).fill("洩漏\x00底價")  # as pasted from a damaged file
    page.get_by_label("案情摘要", exact=True).fill(SUMMARY)
    page.get_by_label("案件來源", exact=True).select_option(label="自行發現")
    page.get_by_label("行為開始日", exact=True).fill("114/03/03")
    page.get_by_role("button", name="儲存", exact=True).click()

    expect(page.locator("#title-error")).to_contain_text(NUL_MESSAGE)
    expect(page.get_by_label("案情摘要", exact=True)).to_have_value(SUMMARY)
    expect(page.get_by_label("行為開始日", exact=True)).to_have_value("114/03/03")
    page.get_by_label("案由", exact=True).scroll_into_view_if_needed()
    screenshot(page, "crafted-input-nul-in-case-form.png")
    assert_accessible(page, "the case form refusing a NUL byte")

    page.goto(f"{live_server}/cases/?q=%E5%BA%95%00%E5%83%B9")  # 底\0價
    expect(page.locator("#q-error")).to_contain_text(NUL_MESSAGE)
    assert_accessible(page, "the case list refusing a NUL byte in the keyword")
    assert_only_local_requests(requests_seen, live_server)


def test_a_case_number_beyond_the_database_range_is_the_not_found_page(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    sign_in(page, live_server, "supervisor")
    response = page.goto(f"{live_server}/cases/99999999999999999999")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("找不到頁面（404）")
    screenshot(page, "crafted-input-case-id-beyond-range.png")
    assert_accessible(page, "the 404 page for a case id beyond the database range")
    assert_only_local_requests(requests_seen, live_server)
