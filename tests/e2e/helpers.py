"""Helpers for the browser tests: signing in, requests that stay local, accessibility (axe-core)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

DEMO_PASSWORD = "demo-password-for-e2e"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a test; "minor" and "moderate" findings are not reported.
BLOCKING_IMPACTS = ("serious", "critical")


def sign_in(page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    page.get_by_label("帳號", exact=True).fill(username)
    page.get_by_label("密碼", exact=True).fill(password)
    page.get_by_role("button", name="登入", exact=True).click()


def assert_only_local_requests(requests_seen: list[str], base_url: str) -> None:
    """Fail unless every request went to the live server (``data:`` URLs are allowed)."""
    server = urlsplit(base_url)
    assert requests_seen, "the browser made no request at all"
    foreign = [
        url
        for url in requests_seen
        if urlsplit(url).scheme != "data"
        and (urlsplit(url).scheme, urlsplit(url).hostname, urlsplit(url).port)
        != (server.scheme, server.hostname, server.port)
    ]
    assert not foreign, "requests left the live server:\n" + "\n".join(foreign)


# --- axe-core ------------------------------------------------------------------


@cache
def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing; run `npm ci` (./test does this).", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def assert_accessible(page: Page, where: str) -> None:
    """Run axe-core on the current page; fail on any serious or critical violation.

    axe is injected with ``page.evaluate`` (DevTools Runtime.evaluate), which the
    page's Content-Security-Policy (``script-src 'self'``, no inline script) does
    not govern, so the pages are checked with their real CSP in force.
    """
    page.wait_for_load_state("load")  # the stylesheet must be applied for the contrast rules
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    assert page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"), (
        f"axe-core could not be loaded into {where} ({page.url})"
    )
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    blocking = [violation for violation in violations if violation.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe found {len(blocking)} serious/critical accessibility violation(s) on {where} ({page.url}):"]
        for violation in blocking:
            lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
            for node in violation["nodes"]:
                lines.append(f"    target {json.dumps(node['target'], ensure_ascii=False)}: {node['html'][:200]}")
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"      {summary[:300]}")
        pytest.fail("\n".join(lines), pytrace=False)
