"""Every fact of statutes/engine/facts.schema.json can be typed in the 適用建議 form and in the case forms.

Each form is filled in as a user would (every field given a value that is not its default) and
what it hands on is read back: the 適用建議 form's facts document, and the engine document a case
makes from the case form and one respondent form. A schema field that neither family fills, or
only one fills, fails the test, unless it is in ELSEWHERE below with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, DateTimeLocalField, FieldList, Form, FormField, IntegerField, SelectFieldBase
from wtforms import StringField as TextField

from app import create_app
from config import TestingConfig
from core.forms import MultiCheckboxField, RocDateField
from facts.forms import MAX_YEAR_RECORDS
from incidents.forms import IncidentForm, RespondentForm
from incidents.models import Respondent
from incidents.services import respondents
from incidents.services.facts import assemble_document
from statutes.engine.facts import facts_from_json, facts_schema
from suggestions.forms import FactsForm

# Facts that the case forms deliberately do not collect, and why. Nothing else may be missing.
ELSEWHERE = {
    # A case is always evaluated on the day it is looked at (today in Taiwan); a typed day would
    # make its suggestions stale without anyone noticing.
    "evaluation_date": "a case is evaluated as of today",
    # The planned referral day belongs to the referral itself (the workflow); until then a case's
    # time limits are counted as if it were referred on the evaluation day, as the schema says.
    "referral_date": "a case's referral day is not planned on the case form",
}


def schema_leaves(properties: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        if spec.get("type") == "object":
            yield from schema_leaves(spec["properties"], f"{path}.")
        elif spec.get("type") == "array" and spec["items"].get("type") == "object":
            yield from schema_leaves(spec["items"]["properties"], f"{path}[].")
        else:
            yield path


def filled_leaves(document: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    """The paths of ``document`` that hold a value (not None, not empty)."""
    for name, value in document.items():
        path = f"{prefix}{name}"
        if isinstance(value, Mapping):
            yield from filled_leaves(value, f"{path}.")
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            for item in value:
                yield from filled_leaves(item, f"{path}[].")
        elif value not in (None, [], "", False):
            yield path


def typed(field: Any) -> list[tuple[str, str]]:
    """What a user would type into ``field``: something other than its default."""
    if isinstance(field, FieldList):
        return [pair for entry in field.entries[:1] for pair in typed(entry)]
    if isinstance(field, FormField):
        return [pair for sub in field.form for pair in typed(sub)]
    if isinstance(field, MultiCheckboxField):
        return [(field.name, str(choice[0])) for choice in field.iter_choices()]
    if isinstance(field, SelectFieldBase):
        values = [str(choice[0]) for choice in field.iter_choices() if str(choice[0]) not in ("", str(field.default))]
        return [(field.name, values[0])] if values else []
    if isinstance(field, BooleanField):
        return [(field.name, "y")]
    if isinstance(field, DateTimeLocalField):
        return [(field.name, "2025-03-01T09:30")]
    if isinstance(field, RocDateField):
        return [(field.name, "114/02/20")]
    if isinstance(field, IntegerField):
        return [(field.name, "3")]
    if isinstance(field, TextField):
        return [(field.name, "王小明")]
    return []


def filled(form_class: type[Form]) -> Any:
    blank = form_class(formdata=None, meta={"csrf": False})
    data = MultiDict([pair for field in blank for pair in typed(field)])
    return form_class(formdata=data, meta={"csrf": False})


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(TestingConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def suggestion_family() -> dict[str, Any]:
    return filled(FactsForm).to_document()


def case_family() -> dict[str, Any]:
    case = filled(IncidentForm).to_case_input()
    respondent = filled(RespondentForm).to_respondent_input()
    return assemble_document(
        case.facts,
        act_start=case.act_start,
        act_end=case.act_end,
        cyber_security_incident=case.cyber_security_incident,
        cyber_aware_at=case.cyber_aware_at,
        respondent_facts=respondent.facts,
    )


def test_every_schema_fact_is_collected_by_both_form_families_or_said_to_live_elsewhere(app):
    leaves = set(schema_leaves(facts_schema()["properties"]))
    assert set(ELSEWHERE) <= leaves, "ELSEWHERE names a fact the schema does not have"
    with app.test_request_context():
        suggestions, case = set(filled_leaves(suggestion_family())), set(filled_leaves(case_family()))
    assert leaves - suggestions == set(), "facts the 適用建議 form does not collect"
    assert leaves - case == set(ELSEWHERE), "facts the case forms do not collect (or no longer leave elsewhere)"


def test_both_families_hand_the_engine_a_valid_document(app):
    with app.test_request_context():
        for document in (suggestion_family(), case_family()):
            facts = facts_from_json(document)
            assert facts.complaint.complainant == "王小明" and facts.information.cyber_notified_at is not None


def test_a_stored_respondent_loads_back_into_the_same_facts(app):
    with app.test_request_context():
        typed_facts = filled(RespondentForm).respondent_facts()
        form = RespondentForm(formdata=None, meta={"csrf": False})
        form.load(Respondent(name="王小明", national_id="", position="", facts=typed_facts))
        assert form.respondent_facts() == typed_facts


def test_the_year_record_rows_stop_where_the_service_stops():
    assert MAX_YEAR_RECORDS == respondents.MAX_YEAR_RECORDS
