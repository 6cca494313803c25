"""Foundation benchmark, run by hand: ``.venv/bin/python bench/foundation.py``.

Measures, in-process on a migrated SQLite file (no network):
- argon2id verification with the production profile (the cost of one sign-in);
- sign-in round trip through the app (form + verification + audit + commit);
- rendering the signed-in home page and the audit log page.
Results go to stdout; docs/performance.md records them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accounts.passwords import hash_password, make_hasher, verify_password
from config import TestingConfig
from core.extensions import db
from home.demo import seed_demo
from tests.helpers import fetch_csrf_token, make_app, upgrade_to_head


def timed(label: str, runs: int, action) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<42} n={runs:<4} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")


def main() -> None:
    hasher = make_hasher("RFC_9106_LOW_MEMORY")
    stored = hash_password(hasher, "benchmark-password")
    timed("argon2id verify (RFC 9106 low-memory)", 20, lambda: verify_password(hasher, stored, "benchmark-password"))

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(f"sqlite:///{folder}/bench.sqlite3", ARGON2_PROFILE=TestingConfig.ARGON2_PROFILE)
        upgrade_to_head(app)
        with app.app_context():
            seed_demo("benchmark-password")
            db.session.commit()
        client = app.test_client()

        def sign_in() -> None:
            client.get("/login")  # fresh token each time: sign-in clears the session
            token = fetch_csrf_token(client, "/login")
            response = client.post(
                "/login", data={"csrf_token": token, "username": "auditor", "password": "benchmark-password"}
            )
            assert response.status_code == 302
            client.post("/logout", data={"csrf_token": fetch_csrf_token(client, "/")})

        timed("sign in + sign out (cheap hash, 2 GET + 2 POST)", 50, sign_in)
        token = fetch_csrf_token(client, "/login")
        client.post("/login", data={"csrf_token": token, "username": "auditor", "password": "benchmark-password"})
        timed("GET / (signed in)", 200, lambda: client.get("/"))
        timed("GET /audit/ (50 rows)", 200, lambda: client.get("/audit/"))
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
