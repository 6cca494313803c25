"""Properties of the engine over any schema-valid facts document (Hypothesis)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statutes.catalogue.lookup import load_catalogue
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import facts_from_json, facts_schema, validate_facts_document
from statutes.engine.result import Status, result_to_json

TODAY = date(2026, 1, 1)
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2026, 12, 31)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _enum(*path: str) -> list[Any]:
    node: Any = facts_schema()
    for key in path:
        node = node["properties"][key] if key != "items" else node["items"]
    return [value for value in node["enum"] if value is not None]


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
iso_days = days.map(date.isoformat)
maybe_bool = st.none() | st.booleans()
maybe_day = st.none() | iso_days
aware = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(timezone(timedelta(hours=8)))
).map(lambda moment: moment.replace(microsecond=0).isoformat())


def _unique_list(values: list[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=len(values))


respondents = st.fixed_dictionaries(
    {"category": st.sampled_from(_enum("respondent", "category"))},
    optional={
        "public_authority_delegated": maybe_bool,
        "rank_class": st.none() | st.sampled_from(_enum("respondent", "rank_class")),
        "grade": st.none() | st.integers(1, 14),
        "service_start": maybe_day,
        "service_end": maybe_day,
    },
)


@st.composite
def acts(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    act: dict[str, Any] = {"start": start.isoformat()}
    if draw(st.booleans()):
        act["end"] = draw(st.none() | st.dates(min_value=start, max_value=LAST_DAY).map(date.isoformat))
    optional = {
        "conducts": _unique_list(_enum("act", "conducts", "items")),
        "intent": st.sampled_from(_enum("act", "intent")),
        "known_through_duty": maybe_bool,
        "benefit_received": maybe_bool,
        "abused_authority": maybe_bool,
    }
    for key, strategy in optional.items():
        if draw(st.booleans()) or key == "conducts":
            act[key] = draw(strategy)
    return act


informations = st.fixed_dictionaries(
    {},
    optional={
        "kinds": _unique_list(_enum("information", "kinds", "items")),
        "classification_level": st.none() | st.sampled_from(_enum("information", "classification_level")),
        "cyber_security_incident": st.booleans(),
        "cyber_aware_at": st.none() | aware,
        "cyber_notified_at": st.none() | aware,
    },
)
recipients = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(_enum("recipient", "kind")),
        "vendor_foreign_or_mainland": maybe_bool,
        "used_abroad": maybe_bool,
    },
)
harms = st.fixed_dictionaries(
    {},
    optional={
        "serious_government_damage": maybe_bool,
        "conclusive_evidence": maybe_bool,
        "third_party_harm": maybe_bool,
    },
)
year_records = st.lists(
    st.fixed_dictionaries(
        {"kind": st.sampled_from(_enum("year_records", "items", "kind")), "on": iso_days},
        optional={"count": st.integers(1, 10)},
    ),
    max_size=4,
)
complaints = st.fixed_dictionaries(
    {}, optional={"learned_offender_on": maybe_day, "filed": maybe_bool, "filed_on": maybe_day}
)

documents = st.fixed_dictionaries(
    {"respondent": respondents, "act": acts()},
    optional={
        "information": informations,
        "recipient": recipients,
        "harm": harms,
        "year_records": year_records,
        "complaint": complaints,
        "evaluation_date": maybe_day,
        "referral_date": maybe_day,
    },
)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_the_year_records_enum_path_is_read_from_the_schema():
    assert "major_demerit" in _enum("year_records", "items", "kind")


@SETTINGS
@given(document=documents)
def test_never_fails_and_stays_consistent_on_any_valid_document(catalogue, document):
    assert validate_facts_document(document) == []
    facts = facts_from_json(document)
    result = evaluate(facts, catalogue, today=TODAY)
    json.dumps(result_to_json(result), ensure_ascii=False)
    assert result.act_last_day == facts.act.last_day
    assert result.evaluated_on == (facts.evaluation_date or TODAY)
    assert result.paths and result.paths[0].kind == "criminal"
    for suggestion in result.suggestions:
        # No provision is suggested whose elements the facts contradict.
        assert all(element.met is not False for element in suggestion.elements), suggestion.rule_id
        if suggestion.status is Status.ALTERNATIVE:
            assert suggestion.open_question, suggestion.rule_id
        if suggestion.status is Status.DISPLACED:
            assert suggestion.displaced_by, suggestion.rule_id
        if suggestion.status is Status.BARRED:
            assert suggestion.reason, suggestion.rule_id


@SETTINGS
@given(document=documents)
def test_applied_version_was_in_force_at_the_act_or_is_a_more_favourable_later_one(catalogue, document):
    facts = facts_from_json(document)
    result = evaluate(facts, catalogue, today=TODAY)
    last_day = facts.act.last_day
    for suggestion in result.suggestions:
        applied = suggestion.applied_version
        if applied is None:
            continue
        in_force = applied.effective_from <= last_day and (
            applied.effective_to is None or last_day <= applied.effective_to
        )
        if in_force:
            assert applied == suggestion.act_version
        else:
            assert applied in suggestion.later_versions, suggestion.rule_id
            assert "但書" in suggestion.applied_basis or "較有利" in suggestion.applied_basis, suggestion.applied_basis
        for later in suggestion.later_versions:
            assert last_day < later.effective_from <= result.evaluated_on


@SETTINGS
@given(document=documents)
def test_results_are_deterministic(catalogue, document):
    facts = facts_from_json(document)
    first = result_to_json(evaluate(facts, catalogue, today=TODAY))
    second = result_to_json(evaluate(facts_from_json(document), catalogue, today=TODAY))
    assert first == second
    order = [("applied", "alternative", "displaced", "barred").index(s["status"]) for s in first["suggestions"]]
    assert order == sorted(order)


def test_a_second_catalogue_object_gives_the_same_result(catalogue):
    document = {
        "respondent": {"category": "civil_servant"},
        "act": {"start": "2019-03-01", "end": "2019-06-30", "conducts": ["deliver"], "intent": "intentional"},
        "information": {"kinds": ["defense_secret", "classified"]},
        "recipient": {"kind": "mainland_or_hostile"},
    }
    facts = facts_from_json(document)
    assert result_to_json(evaluate(facts, catalogue, today=TODAY)) == result_to_json(
        evaluate(facts, load_catalogue(), today=TODAY)
    )
