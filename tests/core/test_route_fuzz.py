"""Random path segments and query values to every route, signed in as each role: never a 5xx (issue 12 item 6).

Every rule of ``app.url_map`` gets its converters filled with random and extreme values (ids beyond the
INTEGER range, NUL bytes, CR/LF, dates no calendar sum can reach, cursors made of anything), the query string
and, for POST, the form (with a valid CSRF token) get the same kinds of values under the names the forms use.
Each rule starts with a few fixed extreme examples, then random ones. The app is in testing mode: an
exception the handlers do not turn into a page fails the test with its traceback.
"""

from __future__ import annotations

import base64
import json
import os
import re
from datetime import date, datetime
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter, PathConverter, Rule
from wtforms.fields.core import UnboundField

from core.extensions import db
from provisions.models import StatuteProvision
from tests.factories import PASSWORD
from tests.helpers import fetch_csrf_token, login

# Random examples per rule (after the fixed ones); ROUTE_FUZZ_EXAMPLES=200 for a longer hunt.
EXAMPLES_PER_RULE = int(os.environ.get("ROUTE_FUZZ_EXAMPLES", "12"))
ROLES = ("anonymous", "officer", "supervisor", "auditor", "admin")
# Query-string names the views read directly (the forms' field names are added below).
QUERY_NAMES = ("after", "before", "next", "a", "b", "all", "q", "sort", "on", "page", "locale")
LAST = ("accounts_admin.edit_user", "incidents.declare_conflict", "incidents.remove_respondent", "accounts.logout")
EXTREMES = (
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    str(10**20),
    str(2**31),
    str(2**63),
    "-" + str(10**20),
    "9999-12-31",
    "民國999年12月31日",
    "115/02/30",
    "1e999",
    "刑法 99999999999999999999",
    "/\t/evil.example",
    "A" * 3000,
)


def _cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
numbers = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25),
    st.sampled_from([0, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**20]),
)
cursors = st.lists(
    st.one_of(st.sampled_from(["newest", "case_number", "reported"]), numbers, st.none(), texts), max_size=5
).map(_cursor)
values = st.one_of(st.sampled_from(EXTREMES), texts, numbers.map(str), cursors)


def _form_field_names() -> list[str]:
    names, pending = set(), [FlaskForm]
    while pending:
        for form_class in pending.pop().__subclasses__():
            pending.append(form_class)
            names.update(name for name in dir(form_class) if isinstance(getattr(form_class, name, None), UnboundField))
    return sorted(names)


ARGUMENT = re.compile(r"<(?:[^:<>]+:)?(?P<name>[^<>]+)>")


def _path(rule: Rule, arguments: dict[str, object]) -> str:
    """The rule's path with each ``<converter:name>`` replaced by its value, percent-encoded."""

    def fill(match: re.Match[str]) -> str:
        converter = rule._converters[match["name"]]
        return quote(str(arguments[match["name"]]), safe="/" if isinstance(converter, PathConverter) else "")

    return ARGUMENT.sub(fill, rule.rule)


@pytest.fixture
def clients(with_statutes, agency):
    """A client and its CSRF token per role (each user is named after the role), and one not signed in."""
    app = with_statutes
    anonymous = app.test_client()
    signed = {"anonymous": (anonymous, fetch_csrf_token(anonymous, "/login"))}
    for role in ROLES[1:]:
        client = app.test_client()
        assert login(client, role, PASSWORD).status_code == 302
        signed[role] = (client, fetch_csrf_token(client, "/settings"))
    return signed


def _real_values(app, agency) -> dict[str, list[object]]:
    """Values of path arguments that name something, so that the views behind the 404 are reached too."""
    with app.app_context():
        provisions = db.session.scalars(sa.select(StatuteProvision.id).order_by(StatuteProvision.id).limit(5)).all()
        laws = db.session.scalars(sa.select(StatuteProvision.law_pcode).distinct().limit(5)).all()
    return {
        "incident_id": [agency.incident_id],
        "respondent_id": [agency.respondent_id],
        "user_id": list(agency.users.values()),
        "pcode": list(laws),
        "provision_id": list(provisions),
        "filename": ["css/app.css"],
    }


def _argument_strategy(name: str, converter: object, real: dict[str, list[object]]) -> st.SearchStrategy:
    crafted = st.one_of(numbers, texts) if isinstance(converter, IntegerConverter) else values
    known = real.get(name)
    # Half the time a value that names a row: the views behind the lookup get the crafted query values.
    return st.one_of(st.sampled_from(known), crafted) if known else crafted


def _probe_rule(clients, real: dict[str, list[object]], rule: Rule, field_names: list[str]) -> None:
    argument_values = {name: _argument_strategy(name, converter, real) for name, converter in rule._converters.items()}
    methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    query_names = st.one_of(st.sampled_from([*QUERY_NAMES, *field_names]), texts)

    @settings(
        max_examples=EXAMPLES_PER_RULE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        role=st.sampled_from(ROLES),
        method=st.sampled_from(methods),
        arguments=st.fixed_dictionaries(argument_values),
        query=st.dictionaries(query_names, values, max_size=6),
    )
    def probe(role, method, arguments, query):
        client, token = clients[role]
        path = _path(rule, arguments)
        if method == "POST":
            form = {**query, "csrf_token": token} if rule.endpoint != "accounts.logout" else dict(query)
            response = client.post(path, query_string=query, data=form)
        else:
            response = client.get(path, query_string=query)
        response.close()
        assert response.status_code < 500, f"{method} {path} {query!r} as {role}: {response.status_code}"
        if path.startswith("/api/"):
            assert response.is_json, f"{method} {path} answered {response.content_type}"

    # Fixed examples first: every name the views and forms read set to one extreme value, as each role.
    extremes = (str(10**20), "\x00", "\r\n", "9999-12-31")
    for extreme, role in zip(extremes, ("officer", "supervisor", "auditor", "admin"), strict=True):
        probe = example(
            role=role,
            method=methods[-1],
            # The rows the path names exist: the crafted values reach the view's form and queries.
            arguments={
                name: real[name][0]
                if real.get(name)
                else 10**20
                if isinstance(converter, IntegerConverter)
                else extreme
                for name, converter in rule._converters.items()
            },
            query=dict.fromkeys([*QUERY_NAMES, *field_names], extreme),
        )(probe)
    probe()


def test_no_route_answers_a_server_error(with_statutes, agency, clients):
    app = with_statutes
    field_names = _form_field_names()
    real = _real_values(app, agency)
    # Those that take something away from the signed-in users (their access, their session) come last.
    rules = sorted(
        app.url_map.iter_rules(),
        key=lambda rule: (LAST.index(rule.endpoint) if rule.endpoint in LAST else -1, rule.rule),
    )
    assert len(rules) >= 30
    for rule in rules:
        _probe_rule(clients, real, rule, field_names)


# --- the JSON API: random documents, and facts documents with any date ------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts | st.sampled_from(EXTREMES),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=25,
)
# Mostly days the engine computes with (the edges of its calendar included), sometimes any day at all.
any_day = st.one_of(
    st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    st.sampled_from([date(1912, 1, 1), date(2910, 12, 31), date(1, 1, 1), date(9999, 12, 31)]),
    st.dates(date(1912, 1, 1), date(2910, 12, 31)),
    st.dates(),
).map(date.isoformat)
any_moment = st.one_of(
    st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31)),
    st.sampled_from([datetime(2910, 12, 31, 23, 59), datetime(9999, 12, 31, 23, 59), datetime(1, 1, 1)]),
).flatmap(lambda moment: st.timezones().map(lambda zone: moment.replace(tzinfo=zone).isoformat()))
facts_documents = st.fixed_dictionaries(
    {
        "respondent": st.fixed_dictionaries(
            {"category": st.sampled_from(["civil_servant", "former_civil_servant", "active_military"])},
            optional={"service_start": any_day, "service_end": any_day},
        ),
        # A leak the criminal rules apply to, so that their periods (years added to these days) are computed.
        "act": st.fixed_dictionaries(
            {
                "start": any_day,
                "conducts": st.just(["disclose"]),
                "intent": st.sampled_from(["intentional", "negligent"]),
                "known_through_duty": st.just(True),
            },
            optional={"end": any_day},
        ),
        "information": st.fixed_dictionaries(
            {"kinds": st.just(["general_official_secret"])},
            optional={
                "cyber_security_incident": st.just(True),
                "cyber_aware_at": any_moment,
                "cyber_notified_at": any_moment,
            },
        ),
    },
    optional={
        "year_records": st.lists(
            st.fixed_dictionaries({"kind": st.just("demerit"), "on": any_day, "count": st.integers(1, 3)}), max_size=2
        ),
        "complaint": st.fixed_dictionaries({}, optional={"learned_offender_on": any_day, "filed_on": any_day}),
        "evaluation_date": any_day,
        "referral_date": any_day,
    },
)


def test_the_suggestions_api_answers_any_document_with_200_or_400_in_json(with_statutes, agency, clients):
    client, token = clients["officer"]

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(document=st.one_of(json_values, facts_documents))
    def probe(document):
        response = client.post("/api/v1/suggestions", json=document, headers={"X-CSRFToken": token})
        assert response.status_code in (200, 400), f"{document!r}: {response.status_code}"
        assert response.is_json

    probe()
