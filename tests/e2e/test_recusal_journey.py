"""A recusal in a real browser (issue 12 item 1): the officer confirms it on its own page, and
the supervisor then sees who was recused, why and when, and that the case has no officer.

The journey runs in an agency of its own (added to the live app here), so the demo agency's
cases and users that the other browser tests use are left as they were.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from accounts.models import Role
from core.extensions import db
from core.templating import roc_datetime
from incidents.models import Recusal
from tests.e2e.helpers import DEMO_PASSWORD, assert_accessible, assert_only_local_requests, sign_in
from tests.factories import make_agency, make_user
from tests.incidents.helpers import make_incident

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORT = {"width": 1280, "height": 900}
TITLE = "洩漏採購評選委員名單"
REASON = "被調查人為本人表弟"


@pytest.fixture(scope="module")
def recusal_case(live_app: Flask) -> int:
    """Agency RC: rc-officer (the case's only officer), rc-supervisor, rc-auditor; the case's id."""
    agency_id = make_agency(live_app, code="RC", name="迴避測試機關")
    people = (("rc-officer", Role.OFFICER, "周承辦"), ("rc-supervisor", Role.SUPERVISOR, "吳主管"))
    users = {
        username: make_user(
            live_app, username, role, agency_id=agency_id, password=DEMO_PASSWORD, display_name=display_name
        )
        for username, role, display_name in people
    }
    return make_incident(live_app, users["rc-officer"], title=TITLE, summary="評選委員名單於評選前外流。")


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def recorded_at(live_app: Flask, incident_id: int) -> str:
    """When the case's one recusal was recorded, as the page should show it (115/12/06 09:05, Taiwan time)."""
    with live_app.app_context():
        [when] = db.session.scalars(sa.select(Recusal.declared_at).where(Recusal.incident_id == incident_id))
        return roc_datetime(when)


def test_officer_confirms_a_recusal_and_the_supervisor_sees_it(
    page: Page, live_server: str, live_app: Flask, requests_seen: list[str], recusal_case: int
) -> None:
    page.set_viewport_size(VIEWPORT)
    sign_in(page, live_server, "rc-officer")
    page.goto(f"{live_server}/cases/{recusal_case}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    page.get_by_label("迴避原因", exact=True).fill(REASON)
    page.get_by_role("button", name="聲明迴避", exact=True).click()

    # The confirmation page: what will happen, the reason kept, and a box to tick.
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^聲明迴避：RC-\d{3}-0001$"))
    expect(page.get_by_text("您是本案唯一的承辦人：聲明後本案將沒有承辦人")).to_be_visible()
    expect(page.get_by_label("迴避原因", exact=True)).to_have_value(REASON)
    assert_accessible(page, "the recusal confirmation page")
    page.get_by_role("button", name="確認聲明迴避", exact=True).click()  # without ticking the box
    expect(page.locator("#confirmed-error")).to_have_text("請勾選確認後再送出；勾選前不會聲明迴避。")
    expect(page.get_by_label("迴避原因", exact=True)).to_have_value(REASON)
    screenshot(page, "recusal-confirmation.png")
    assert_accessible(page, "the recusal confirmation page with its error")
    page.get_by_label("我已了解上述結果，確認聲明迴避本案", exact=True).check()
    page.get_by_role("button", name="確認聲明迴避", exact=True).click()

    expect(page.get_by_text("已聲明迴避，您將無法再查閱此案件。")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    page.get_by_role("button", name="登出", exact=True).click()

    # The supervisor: the list marks the case, the case page says who, why, when, and warns.
    sign_in(page, live_server, "rc-supervisor")
    page.goto(f"{live_server}/cases/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row.get_by_text("無承辦人", exact=True)).to_be_visible()
    expect(row).to_contain_text("周承辦（")
    screenshot(page, "recusal-supervisor-case-list.png")
    assert_accessible(page, "the supervisor's case list")
    row.get_by_role("link").first.click()
    expect(page.get_by_text("本案目前沒有承辦人（可能因承辦人迴避）。")).to_be_visible()
    recusal = page.get_by_role("table", name="已迴避本案的人員（看不到本案，也不能指派）").get_by_role("row").nth(1)
    expect(recusal).to_contain_text("周承辦（rc-officer）")
    expect(recusal).to_contain_text(REASON)
    expect(recusal.get_by_role("cell").nth(3)).to_have_text(recorded_at(live_app, recusal_case))  # ROC, Taipei
    expect(page.get_by_text("本機關目前沒有可指派的承辦人")).to_be_visible()  # the only officer is recused
    expect(page.get_by_text("本機關沒有其他主管可督導本案，您不能聲明迴避")).to_be_visible()
    page.locator("#recusal").scroll_into_view_if_needed()
    screenshot(page, "recusal-supervisor-case-page.png")
    assert_accessible(page, "the case page the supervisor sees after the recusal")
    assert_only_local_requests(requests_seen, live_server)
