"""The facts schema and its loader."""

from __future__ import annotations

from datetime import date

import pytest

from statutes.catalogue.lookup import load_catalogue
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import (
    Conduct,
    FactsError,
    Intent,
    RespondentCategory,
    facts_from_json,
    validate_facts_document,
)

MINIMAL = {"respondent": {"category": "civil_servant"}, "act": {"start": "2024-03-01"}}


def test_minimal_document_defaults_to_unknown_facts():
    facts = facts_from_json(MINIMAL)
    assert facts.respondent.category is RespondentCategory.CIVIL_SERVANT
    assert facts.act.intent is Intent.UNKNOWN and facts.act.known_through_duty is None
    assert facts.act.last_day == date(2024, 3, 1)


def test_continuing_act_ends_on_its_last_day():
    facts = facts_from_json({**MINIMAL, "act": {"start": "2019-03-01", "end": "2019-06-30", "conducts": ["disclose"]}})
    assert facts.act.last_day == date(2019, 6, 30) and facts.act.conducts == (Conduct.DISCLOSE,)


def test_errors_name_the_field():
    problems = validate_facts_document({"respondent": {"category": "spy"}, "act": {"start": "2024-02-30"}})
    assert any(problem.startswith("respondent/category") for problem in problems)
    assert any(problem.startswith("act/start") for problem in problems)


def test_unknown_keys_are_refused():
    with pytest.raises(FactsError) as error:
        facts_from_json({**MINIMAL, "guess": True})
    assert "guess" in str(error.value)


def test_end_before_start_is_refused_in_chinese():
    with pytest.raises(FactsError, match="行為終了日不可早於行為開始日"):
        facts_from_json({**MINIMAL, "act": {"start": "2024-03-01", "end": "2024-02-01"}})


def test_missing_respondent_is_refused():
    with pytest.raises(FactsError):
        facts_from_json({"act": {"start": "2024-03-01"}})


def test_malformed_time_is_a_facts_error():
    document = {**MINIMAL, "information": {"cyber_security_incident": True, "cyber_aware_at": "yesterday noon"}}
    with pytest.raises(FactsError, match="日期或時間格式錯誤"):
        facts_from_json(document)


@pytest.mark.parametrize(
    "document",
    [
        {**MINIMAL, "act": {"start": "9999-12-31"}},
        {**MINIMAL, "act": {"start": "1911-12-31"}},
        {**MINIMAL, "evaluation_date": "9999-12-31"},
        {**MINIMAL, "information": {"cyber_security_incident": True, "cyber_aware_at": "9999-12-31T23:00:00+08:00"}},
    ],
    ids=["act-start", "before-1912", "evaluation-date", "date-time"],
)
def test_dates_outside_the_calendar_the_engine_computes_in_are_refused(document):
    # 9999-12-31 plus a period of years has no date: evaluate() raised ValueError (a 500 on the API).
    with pytest.raises(FactsError) as error:
        facts_from_json(document)
    assert "日期須在 1912-01-01 至 2910-12-31 之間" in str(error.value)


def test_the_last_accepted_day_can_be_evaluated():
    facts = facts_from_json(
        {
            "respondent": {"category": "civil_servant", "service_start": "2910-12-31"},
            "act": {"start": "2910-12-31", "conducts": ["disclose"], "intent": "intentional"},
            "information": {"kinds": ["general_official_secret"]},
            "evaluation_date": "2910-12-31",
        }
    )
    assert evaluate(facts, load_catalogue(), today=date(2910, 12, 31)).suggestions
