"""The auditors' 帳號權限異動 view on a large audit log, run by hand:

    .venv/bin/python bench/access_changes.py [DATABASE_URL]   # default: a fresh SQLite file

The view filters one agency's entries by action (``action IN (...)``) with no index on the
action, newest first, 50 a page. Account-access changes are rare among the entries (every read
of a case writes one), so the database walks the agency's entries from the newest until it has
a page: the worst case is a log with fewer than 50 such changes. This fills 200,000 entries of
one agency with 40 access changes spread among them and times the first page, through the app.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from accounts import services
from accounts.models import Agency, Role
from audit.models import AuditEntry
from core.extensions import db
from core.models import utcnow
from tests.helpers import fetch_csrf_token, make_app, reset_schema, upgrade_to_head

ENTRIES = 200_000
CHANGES = 40
PASSWORD = "benchmark-password"


def fill(agency_id: int, user_id: int) -> None:
    now = utcnow()
    every = ENTRIES // CHANGES
    rows = []
    for number in range(ENTRIES):
        change = number % every == 0
        rows.append(
            {
                "occurred_at": now,
                "actor_id": user_id,
                "agency_id": agency_id,
                "actor_name": "bench",
                "action": "access_change_applied" if change else "incident_viewed",
                "object_type": "access_change" if change else "incident",
                "object_id": str(number),
                "client_address": "127.0.0.1",
                "details": {"kind": "new_account", "username": f"u{number}", "roles_after": ["supervisor"]}
                if change
                else {},
            }
        )
        if len(rows) == 10_000:
            db.session.execute(sa.insert(AuditEntry), rows)
            rows = []
    db.session.commit()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{folder}/bench.sqlite3"
        app = make_app(url)
        reset_schema(app)
        upgrade_to_head(app)
        with app.app_context():
            agency = services.create_agency("BE", "量測機關")
            auditor = services.create_user(
                None, username="auditor", display_name="稽核", agency=agency, roles={Role.AUDITOR}, password=PASSWORD
            )
            db.session.commit()
            started = time.perf_counter()
            fill(agency.id, auditor.id)
            print(f"filled {ENTRIES} entries ({CHANGES} access changes) in {time.perf_counter() - started:.1f} s")
            assert db.session.scalar(sa.select(sa.func.count(Agency.id))) == 1
        client = app.test_client()
        token = fetch_csrf_token(client, "/login")
        client.post("/login", data={"csrf_token": token, "username": "auditor", "password": PASSWORD})
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            response = client.get("/audit/access-changes")
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200 and response.get_data(as_text=True).count("u") > 0
        samples.sort()
        print(
            f"{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]:<20} /audit/access-changes, first page: "
            f"median {statistics.median(samples):.1f} ms, max {samples[-1]:.1f} ms (n=20)"
        )
        reset_schema(app)


if __name__ == "__main__":
    main()
