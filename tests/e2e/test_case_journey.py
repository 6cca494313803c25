"""The officer's case journey in a real browser (issue 6): file a case with a respondent and an
evidence file, recover from a validation error, find the case by a Chinese keyword, and decide on
the engine's suggestions — accept one, reject another with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, assert_only_local_requests, sign_in
from tests.incidents.evidence_samples import pdf

pytestmark = pytest.mark.browser

TITLE = "以通訊軟體洩漏都更審議底價予建商"


def test_officer_files_a_case_finds_it_and_decides_on_the_suggestions(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("案由", exact=True).fill(TITLE)
    page.get_by_label("案情摘要", exact=True).fill("建商於審議會前取得底價資料，疑由承辦人以通訊軟體傳送。")
    page.get_by_label("案件來源", exact=True).select_option(label="自行發現")
    page.get_by_label("發現日期", exact=True).fill("199/01/05")  # a day that has not come yet
    page.get_by_label("行為開始日", exact=True).fill("114/03/03")
    page.get_by_role("checkbox", name="洩漏", exact=True).check()
    page.get_by_label("是否因職務或業務知悉或持有", exact=True).select_option(label="是")
    page.get_by_role("checkbox", name="一般公務機密", exact=True).check()
    page.get_by_role("button", name="儲存", exact=True).click()

    expect(page.locator("#discovered_date-error")).to_contain_text("發現日期不可晚於今天")
    expect(page.get_by_label("案由", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("行為開始日", exact=True)).to_have_value("114/03/03")
    expect(page.get_by_role("checkbox", name="洩漏", exact=True)).to_be_checked()
    expect(page.get_by_role("checkbox", name="一般公務機密", exact=True)).to_be_checked()
    page.get_by_label("發現日期", exact=True).fill("114/03/20")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)

    page.get_by_role("link", name="新增被調查人", exact=True).click()
    page.get_by_label("姓名", exact=True).fill("吳佳穎")
    page.get_by_label("身分證統一編號", exact=True).fill("A123456789")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("cell", name="A12****789", exact=True)).to_be_visible()

    page.get_by_label("檔案", exact=True).set_input_files(
        {"name": "對話截圖.pdf", "mimeType": "application/pdf", "buffer": pdf()}
    )
    page.get_by_label("說明", exact=True).fill("通訊軟體對話紀錄")
    page.get_by_role("button", name="上傳", exact=True).click()
    expect(page.get_by_role("link", name="對話截圖.pdf")).to_be_visible()

    # Found again by a two-character and a longer Chinese fragment of the title.
    page.goto(f"{live_server}/cases/")
    for keyword in ("底價", "都更審議"):
        page.get_by_label("關鍵字", exact=True).fill(keyword)
        page.get_by_role("button", name="查詢", exact=True).click()
        expect(page.get_by_role("cell", name=TITLE, exact=True)).to_be_visible()
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link").click()

    page.get_by_role("link", name="逐項決定並儲存建議草稿：吳佳穎").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("適用建議：吳佳穎")
    assert_accessible(page, "the suggestions of a respondent")
    intentional = page.get_by_role("group", name="您的決定：中華民國刑法第132條第1項")
    negligent = page.get_by_role("group", name="您的決定：中華民國刑法第132條第2項")
    intentional.get_by_role("radio", name="採納", exact=True).check()
    negligent.get_by_role("radio", name="不採納", exact=True).check()
    page.get_by_role("button", name="儲存建議草稿", exact=True).click()

    expect(negligent.get_by_text("不採納時請填寫理由。")).to_be_visible()
    expect(intentional.get_by_role("radio", name="採納", exact=True)).to_be_checked()
    assert_accessible(page, "the suggestions with an error")
    negligent.get_by_label("理由（不採納時必填）").fill("被調查人傳送前已知悉內容為底價，非過失。")
    page.get_by_label("建議處分", exact=True).select_option(label="記一大過")
    page.get_by_role("button", name="儲存建議草稿", exact=True).click()

    expect(page.get_by_role("status")).to_have_text("已儲存 吳佳穎 的建議草稿。")
    expect(negligent.get_by_label("理由（不採納時必填）")).to_have_value("被調查人傳送前已知悉內容為底價，非過失。")
    page.get_by_role("link", name="回到案件").click()
    expect(page.locator("#recommendations").locator("..")).to_contain_text(
        "採納 1 項、修改後採納 0 項、不採納 1 項、尚未決定 0 項；建議處分：記一大過"
    )
    assert_only_local_requests(requests_seen, live_server)


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_officer_states_a_respondents_complaint_and_the_suggestion_counts_from_it(
    page: Page, live_server: str, requests_seen: list[str]
) -> None:
    """A 告訴乃論 offence (刑法第318條): the respondent form takes who may complain, when they
    learned who the offender is and when they filed; the suggestion then no longer waits for it."""
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("案由", exact=True).fill("洩漏廠商投標文件之工商秘密")
    page.get_by_label("行為開始日", exact=True).fill("114/02/20")
    page.get_by_role("checkbox", name="洩漏", exact=True).check()
    page.get_by_label("主觀犯意", exact=True).select_option(label="故意")
    page.get_by_label("是否因職務或業務知悉或持有", exact=True).select_option(label="是")
    page.get_by_role("checkbox", name="他人工商秘密", exact=True).check()
    page.get_by_label("收受者", exact=True).select_option(label="廠商")
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("洩漏廠商投標文件之工商秘密")

    page.get_by_role("link", name="新增被調查人", exact=True).click()
    page.get_by_label("姓名", exact=True).fill("周建宏")
    complaint = page.get_by_role("group", name="告訴乃論之罪的告訴")
    complaint.get_by_label("告訴權人", exact=True).fill("宏達工程股份有限公司")
    complaint.get_by_label("告訴權人知悉犯人之日", exact=True).fill("114/03/04")
    complaint.get_by_label("是否已提出告訴", exact=True).select_option(label="是")
    complaint.get_by_label("提出告訴之日", exact=True).fill("114/03/10")
    assert_accessible(page, "the respondent form with a complaint")
    SCREENSHOTS.mkdir(exist_ok=True)
    complaint.screenshot(path=str(SCREENSHOTS / "respondent-complaint.png"))
    page.get_by_role("button", name="儲存", exact=True).click()
    expect(page.get_by_role("cell", name="周建宏", exact=True)).to_be_visible()

    page.get_by_role("link", name="逐項決定並儲存建議草稿：周建宏").click()
    suggestion = page.locator("article").filter(has_text="中華民國刑法第318條").first
    expect(suggestion).to_contain_text("告訴乃論（刑法第319條）")
    expect(suggestion).to_contain_text("已提出告訴（2025-03-10）")
    expect(suggestion).to_contain_text("知悉犯人之時（2025-03-04）起，於六個月內為之")
    assert_accessible(page, "the suggestions once the complaint is stated")
    page.screenshot(path=str(SCREENSHOTS / "suggestions-after-complaint.png"), full_page=True)
    assert_only_local_requests(requests_seen, live_server)
