"""Browser fixtures: the app served on 127.0.0.1 and Debian's Chromium via Playwright.

The server runs in a thread of the test process on a fresh, migrated SQLite
file seeded with the demo agency (users officer, officer2, supervisor,
auditor and admin, all with DEMO_PASSWORD). Each test gets its own browser
context, so cookies and sessions never leak between tests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from core.extensions import db
from home.demo import seed_demo
from provisions.store import read_data_files, save_laws
from tests.conftest import make_app, upgrade_to_head

DEMO_PASSWORD = "demo-password-for-e2e"
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a test; "minor" and "moderate" findings are not reported.
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The application on its own migrated SQLite file, with the demo data."""
    path = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    app = make_app(f"sqlite:///{path}")
    upgrade_to_head(app)
    with app.app_context():
        seed_demo(DEMO_PASSWORD)
        save_laws(read_data_files(), kind="catalogue", source="e2e")
        db.session.commit()
        db.engine.dispose()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of the app served in a daemon thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
            "Install it with `apt-get install chromium` (./test does this through scripts/setup.sh --test).",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-default-apps",
                "--disable-quic",
            ],
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the test's browser context requested, in order."""
    return []


@pytest.fixture
def page(live_server: str, browser: Browser, requests_seen: list[str]) -> Iterator[Page]:
    """A page in a fresh zh-TW browser context that records every request it makes."""
    context = browser.new_context(locale="zh-TW")
    # On the context rather than the page, so that requests from any popup or
    # worker the page might open are recorded too.
    context.on("request", lambda request: requests_seen.append(request.url))
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


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
