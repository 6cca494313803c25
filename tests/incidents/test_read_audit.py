"""Every read of case material is in the audit log (issue 12 item 3), and a read writes nothing else.

The walk below takes every GET route of the application under /cases from ``app.url_map``, so a
route added later without an audit entry fails here, unless it is listed in NO_CASE_MATERIAL with
the reason it shows nothing of a case.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, url_for
from werkzeug.routing import Rule

from accounts.models import User
from audit.models import AuditEntry
from core.extensions import db
from incidents.models import Incident
from incidents.services.evidence import store_evidence
from tests.incidents import evidence_samples as samples
from tests.incidents.helpers import make_incident, make_respondent, signed_in

# GET routes under /cases that show no case material, and why. Everything else must log.
NO_CASE_MATERIAL = {
    "incidents.create": "the empty form for a new case: it lists the agency's officers, nothing of any case",
}
NATIONAL_ID = "A123456789"


@pytest.fixture
def demo(app: Flask, cast, tmp_path) -> dict[str, int]:
    """The cast's case with a respondent and an evidence file: every id a /cases URL may need."""
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    respondent_id = make_respondent(app, cast.incident_id, name="林小明", national_id=NATIONAL_ID)
    with app.app_context():
        evidence = store_evidence(
            db.session.get(User, cast.id("officer")),
            db.session.get(Incident, cast.incident_id),
            io.BytesIO(samples.pdf()),
            "底價簽呈.pdf",
            client_address="test",
        )
        db.session.commit()
        evidence_id = evidence.id
    return {"incident_id": cast.incident_id, "respondent_id": respondent_id, "evidence_id": evidence_id}


def case_get_rules(app: Flask) -> list[Rule]:
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/cases") and "GET" in rule.methods]
    return sorted(rules, key=lambda rule: rule.rule)


def url_of(app: Flask, rule: Rule, ids: dict[str, int]) -> str:
    unknown = set(rule.arguments) - set(ids)
    if unknown:
        pytest.fail(f"{rule.rule}: give the demo fixture a {', '.join(sorted(unknown))} to put in this URL")
    with app.test_request_context():
        return url_for(rule.endpoint, **{name: ids[name] for name in rule.arguments})


def everything_but_the_log(app: Flask) -> dict[str, list[str]]:
    """Every row of every table except audit_entry, as text (to see that a read wrote nothing else)."""
    with app.app_context():
        return {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
            for table in db.metadata.sorted_tables
            if table.name != AuditEntry.__tablename__
        }


def entries_after(app: Flask, last_id: int) -> list[dict[str, Any]]:
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id)
        return [
            {
                "actor": entry.actor_name,
                "action": entry.action,
                "object": (entry.object_type, entry.object_id),
                "agency_id": entry.agency_id,
                "details": entry.details,
            }
            for entry in db.session.scalars(query)
        ]


def last_entry_id(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0)


def names_the_case(entry: dict[str, Any], incident_id: int) -> bool:
    return entry["object"] == ("incident", str(incident_id)) or entry["details"].get("incident_id") == incident_id


def test_every_get_route_under_cases_logs_the_read_and_writes_nothing_else(app, cast, demo):
    rules = case_get_rules(app)
    assert {"incidents.detail", "incidents.edit", "incidents.index", "incidents.export_csv"} <= {
        rule.endpoint for rule in rules
    }
    assert set(NO_CASE_MATERIAL) <= {rule.endpoint for rule in rules}, "an exemption names a route that is gone"
    # The assigned officer may open every page; the auditor reads, and is refused the forms (403).
    for username in ("officer", "auditor"):
        client = signed_in(app.test_client(), username)
        for rule in rules:
            url = url_of(app, rule, demo)
            before, last_id = everything_but_the_log(app), last_entry_id(app)
            response = client.get(url, buffered=True)
            new = entries_after(app, last_id)
            assert everything_but_the_log(app) == before, f"GET {url} as {username} changed more than the log"
            if rule.endpoint in NO_CASE_MATERIAL or response.status_code == 403:
                assert response.status_code in (200, 403) and new == [], f"GET {url} as {username}"
                continue
            assert response.status_code == 200, f"GET {url} as {username} answered {response.status_code}"
            assert new, f"GET {url} as {username} showed case material and left no audit entry"
            assert all(entry["actor"] == username and entry["agency_id"] == cast.agency_id for entry in new)
            if "incident_id" in rule.arguments:
                assert any(names_the_case(entry, demo["incident_id"]) for entry in new), (url, new)
            else:
                assert {entry["action"] for entry in new} <= {"cases_listed", "cases_exported"}, (url, new)
        assert username == "auditor" or client.get(f"/cases/{demo['incident_id']}/edit").status_code == 200
    with app.app_context():
        logged = json.dumps([entry.details for entry in db.session.scalars(sa.select(AuditEntry))])
    assert NATIONAL_ID not in logged  # the respondent's page shows it in full; the log never does


def test_opening_a_respondent_logs_who_with_the_id_masked(app, cast, demo):
    client = signed_in(app.test_client(), "officer")
    last_id = last_entry_id(app)
    html = client.get(f"/cases/{cast.incident_id}/respondents/{demo['respondent_id']}/edit").get_data(as_text=True)
    assert f'value="{NATIONAL_ID}"' in html
    [entry] = entries_after(app, last_id)
    assert entry["action"] == "respondent_viewed"
    assert entry["object"] == ("respondent", str(demo["respondent_id"]))
    assert entry["details"] == {
        "incident_id": cast.incident_id,
        "case_number": entry["details"]["case_number"],
        "name": "林小明",
        "national_id": "A12****789",
    }


def test_the_list_entry_names_the_filter_the_keyword_and_the_cases_shown(app, cast):
    other = make_incident(app, cast.id("officer"), title="遺失機密公文")
    client = signed_in(app.test_client(), "supervisor")
    last_id = last_entry_id(app)
    assert client.get("/cases/?q=底價&status=draft&sort=case_number").status_code == 200
    assert client.get("/cases/").status_code == 200
    first, second = entries_after(app, last_id)
    with app.app_context():
        number, other_number = (db.session.get(Incident, i).case_number for i in (cast.incident_id, other))
    assert first["action"] == "cases_listed" and first["object"] == ("incident", "")
    assert first["details"] == {
        "filter": {"keyword": "底價", "status": "draft"},
        "sort": "case_number",
        "count": 1,
        "case_numbers": [number],
    }
    assert second["details"] == {"filter": {}, "sort": "newest", "count": 2, "case_numbers": [other_number, number]}


@pytest.mark.parametrize("path", ["/cases/?q=林小明 a123456789", "/cases/export.csv?q=林小明+Ａ１２３４５６７８９"])
def test_a_national_id_typed_as_a_keyword_is_masked_in_the_log(app, cast, path):
    client = signed_in(app.test_client(), "supervisor")
    last_id = last_entry_id(app)
    assert client.get(path).status_code == 200
    [entry] = entries_after(app, last_id)
    assert entry["details"]["filter"]["keyword"] in ("林小明 a12****789", "林小明 A12****789")
    assert "123456" not in json.dumps(entry["details"])


def test_a_refused_filter_shows_no_case_and_logs_no_read(app, cast):
    client = signed_in(app.test_client(), "supervisor")
    last_id = last_entry_id(app)
    assert client.get("/cases/?reported_from=115/13/01").status_code == 400
    assert entries_after(app, last_id) == []
