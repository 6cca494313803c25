"""Browser fixtures: the app served on 127.0.0.1 and Debian's Chromium via Playwright.

The server runs in a thread of the test process on a fresh, migrated SQLite
file seeded with the demo agency (users officer, officer2, supervisor,
auditor and admin, all with DEMO_PASSWORD). Each test gets its own browser
context, so cookies and sessions never leak between tests.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from core.extensions import db
from home.demo import seed_demo
from provisions.store import read_data_files, save_laws
from tests.e2e.helpers import DEMO_PASSWORD
from tests.helpers import make_app, upgrade_to_head

CHROMIUM = Path("/usr/bin/chromium")


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
