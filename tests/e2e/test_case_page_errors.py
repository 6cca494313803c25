"""A refused upload or note on the case page answers with its message on screen (issue 11).

The case page is long; the upload and note forms sit near its end. Without
any script (the CSP allows none inline), the re-rendered page focuses the
first field in error, and the browser scrolls that field into view.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CASE_TITLE = "洩漏工程底價予廠商"  # a demo case assigned to the demo officer
VIEWPORT = {"width": 1280, "height": 800}


def open_demo_case(page: Page, base_url: str) -> None:
    page.set_viewport_size(VIEWPORT)
    sign_in(page, base_url, "officer")
    page.goto(f"{base_url}/cases/")
    page.get_by_role("row").filter(has_text=CASE_TITLE).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CASE_TITLE)


def assert_in_viewport(page: Page, element: Locator, what: str) -> None:
    """The element is drawn entirely within the visible part of the page, where the user looks."""
    expect(element).to_be_visible()
    box = element.bounding_box()
    assert box is not None, what
    height = page.evaluate("() => window.innerHeight")
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"{what} is at y={box['y']:.0f}–{box['y'] + box['height']:.0f}, outside the viewport (0–{height})"
    )


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_refused_upload_shows_its_message_on_screen(page: Page, live_server: str, requests_seen: list[str]) -> None:
    open_demo_case(page, live_server)
    page.get_by_label("檔案", exact=True).set_input_files(
        {"name": "惡意程式.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 200}
    )
    page.get_by_label("說明", exact=True).fill("檢舉人提供")
    page.get_by_role("button", name="上傳", exact=True).click()

    message = page.locator("#file-error")
    expect(message).to_contain_text("「惡意程式.pdf」：檔案內容與允許的類型不符")
    assert_in_viewport(page, message, "the refused upload's message")
    expect(page.get_by_label("檔案", exact=True)).to_be_focused()
    expect(page.get_by_label("說明", exact=True)).to_have_value("檢舉人提供")
    screenshot(page, "case-page-refused-upload.png")
    assert_accessible(page, "the case page after a refused upload")
    assert_only_local_requests(requests_seen, live_server)


def test_refused_note_shows_its_message_on_screen(page: Page, live_server: str) -> None:
    open_demo_case(page, live_server)
    page.get_by_label("日期", exact=True).fill("114/06/20")
    page.get_by_role("button", name="新增紀錄", exact=True).click()

    message = page.locator("#body-error")
    expect(message).to_have_text("請輸入紀錄內容。")
    assert_in_viewport(page, message, "the refused note's message")
    expect(page.get_by_label("內容", exact=True)).to_be_focused()
    expect(page.get_by_label("日期", exact=True)).to_have_value("114/06/20")
    screenshot(page, "case-page-refused-note.png")
    assert_accessible(page, "the case page after a refused note")
