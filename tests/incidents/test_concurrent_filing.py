"""Ten officers filing cases at once: every filing is saved, each with its own number (issue 12 item 7).

On SQLite (a file, as ``./run`` serves it) and on PostgreSQL: 10 threads, each an
officer signed in with their own browser session, each sending the new-case form
20 times as fast as it can.
"""

from __future__ import annotations

import threading
from collections import Counter

import sqlalchemy as sa

from accounts.models import Role
from core.extensions import db
from incidents.models import Incident
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import fetch_csrf_token, login
from tests.incidents.helpers import case_form

OFFICERS = 10
FILINGS_EACH = 20
REFUSAL = "同時有其他案件建立"


def test_ten_officers_filing_at_once_all_get_their_own_case_number(app):
    agency = make_agency(app, code="AB", name="甲機關")
    clients = []
    for number in range(OFFICERS):
        client = app.test_client()
        make_user(app, f"officer{number}", Role.OFFICER, agency_id=agency)
        assert login(client, f"officer{number}", PASSWORD).status_code == 302
        clients.append((client, fetch_csrf_token(client, "/cases/new")))
    start = threading.Barrier(OFFICERS)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def file_cases(client, token: str) -> None:
        start.wait(10)
        for serial in range(FILINGS_EACH):
            response = client.post(
                "/cases/new", data={**case_form(title=f"洩漏工程底價（{serial}）"), "csrf_token": token}
            )
            if response.status_code == 302:
                outcome = "saved"
            elif REFUSAL in response.get_data(as_text=True):
                outcome = "refused"
            else:
                outcome = f"HTTP {response.status_code}"
            with lock:
                outcomes[outcome] += 1

    threads = [threading.Thread(target=file_cases, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    with app.app_context():
        numbers = list(db.session.scalars(sa.select(Incident.case_number)))
    assert outcomes == {"saved": OFFICERS * FILINGS_EACH}
    assert len(numbers) == OFFICERS * FILINGS_EACH
    assert len(set(numbers)) == len(numbers)
