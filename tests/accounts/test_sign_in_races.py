"""Parallel sign-in guesses cannot overtake the lockout (issue 12 item 8a).

Forty browsers send a wrong password for one account at the same moment: the
account's limit (5) is the number of passwords actually checked, not 5 plus
however many requests were already past the check when the fifth failure was
written. The same for the per-address limit with many usernames.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from accounts import signin
from accounts.models import LoginAttempt, Role
from audit.models import AuditEntry
from tests.factories import make_user
from tests.helpers import db_count, fetch_csrf_token

WRONG = "wrong-password-123"


@pytest.fixture
def password_checks(monkeypatch) -> list[str]:
    """Every password check made, as the stored hash checked; each takes 20 ms as a real argon2id check would
    (the tests' CHEAPEST profile is instant, which would hide the race)."""
    checks: list[str] = []
    real_check = signin.verify_password

    def slow_check(hasher, stored_hash: str, password: str) -> bool:
        checks.append(stored_hash)
        time.sleep(0.02)
        return real_check(hasher, stored_hash, password)

    monkeypatch.setattr(signin, "verify_password", slow_check)
    return checks


def guess_in_parallel(app, usernames: list[str]) -> Counter[int]:
    """One browser per username, all posting a wrong password at once; the status codes answered."""
    browsers = []
    for username in usernames:
        client = app.test_client()
        browsers.append((client, fetch_csrf_token(client, "/login"), username))
    start = threading.Barrier(len(browsers))
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def guess(client, token: str, username: str) -> None:
        start.wait(10)
        response = client.post("/login", data={"csrf_token": token, "username": username, "password": WRONG})
        with lock:
            statuses[response.status_code] += 1

    threads = [threading.Thread(target=guess, args=browser) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def test_forty_parallel_guesses_get_only_five_password_checks(app, password_checks):
    make_user(app, "officer", Role.OFFICER)
    limit = app.config["LOGIN_MAX_FAILURES"]

    statuses = guess_in_parallel(app, ["officer"] * 40)

    assert len(password_checks) == limit
    # Every guess is answered "wrong password" (200) or "locked" (429); each one whose password
    # was never checked is told the account is locked (a checked one may be too, once the limit is reached).
    assert set(statuses) <= {200, 429} and statuses.total() == 40
    assert statuses[429] >= 40 - limit
    assert db_count(app, LoginAttempt) == limit
    assert db_count(app, AuditEntry, AuditEntry.action == "login_failed") == limit
    assert db_count(app, AuditEntry, AuditEntry.action == "login_refused_locked") == 40 - limit


def test_parallel_guesses_at_many_accounts_from_one_address_stop_at_the_address_limit(app, password_checks):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]

    statuses = guess_in_parallel(app, [f"guess{number}" for number in range(limit + 10)])

    assert len(password_checks) == limit
    assert set(statuses) <= {200, 429} and statuses.total() == limit + 10
    assert statuses[429] >= 10
    assert db_count(app, AuditEntry, AuditEntry.action == "login_refused_locked") == 10
