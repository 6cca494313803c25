"""Uploads are checked through the whole file, in a real browser (issue 12, item 10): a PDF with
JavaScript is kept with a warning on the evidence list; a PNG with a web page hidden after its
image data is refused with the message at the file field and the description kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests
from tests.e2e.test_case_page_errors import open_demo_case, screenshot
from tests.incidents import hostile_samples as hostile

pytestmark = pytest.mark.browser

WARNING = "含主動內容（JavaScript和開啟時自動執行的動作），請勿以瀏覽器直接開啟。"


def test_a_pdf_with_javascript_is_listed_with_a_warning(page: Page, live_server: str, requests_seen: list[str]) -> None:
    open_demo_case(page, live_server)
    page.get_by_label("檔案", exact=True).set_input_files(
        {"name": "檢舉人提供之表單.pdf", "mimeType": "application/pdf", "buffer": hostile.pdf_javascript()}
    )
    page.get_by_label("說明", exact=True).fill("含填表指令碼")
    page.get_by_role("button", name="上傳", exact=True).click()

    expect(page.get_by_role("alert")).to_have_text(f"「檢舉人提供之表單.pdf」：{WARNING}")
    link = page.get_by_role("link", name="檢舉人提供之表單.pdf", exact=True)
    expect(link).to_be_visible()
    # The warning sits under the file name and is the link's description for screen readers.
    row = page.get_by_role("row").filter(has=link)
    expect(row.get_by_text(WARNING)).to_be_visible()
    expect(link).to_have_accessible_description(WARNING)
    row.scroll_into_view_if_needed()
    screenshot(page, "evidence-active-content-warning.png")
    assert_accessible(page, "the case page with a PDF marked for active content")
    assert_only_local_requests(requests_seen, live_server)


def test_a_png_hiding_a_web_page_is_refused_at_the_file_field(page: Page, live_server: str) -> None:
    open_demo_case(page, live_server)
    page.get_by_label("檔案", exact=True).set_input_files(
        {"name": "對話截圖.png", "mimeType": "image/png", "buffer": hostile.html_after_png()}
    )
    page.get_by_label("說明", exact=True).fill("通訊軟體截圖")
    page.get_by_role("button", name="上傳", exact=True).click()

    expect(page.locator("#file-error")).to_contain_text(
        "「對話截圖.png」：PNG 檔案中夾帶網頁內容（HTML），可能被瀏覽器當成網頁執行，沒有儲存。"
    )
    expect(page.get_by_label("檔案", exact=True)).to_be_focused()
    expect(page.get_by_label("說明", exact=True)).to_have_value("通訊軟體截圖")
    expect(page.get_by_role("link", name="對話截圖.png")).to_have_count(0)
    screenshot(page, "evidence-hidden-html-refused.png")
    assert_accessible(page, "the case page after a PNG hiding a web page was refused")
