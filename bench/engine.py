"""Engine benchmark, run by hand: ``.venv/bin/python bench/engine.py [seconds]``.

Evaluates a mix of 20 facts documents (every kind of information, recipient, respondent and
date regime the rules distinguish) in a loop on one core for about three seconds and prints
evaluations per second — for the whole evaluation (criminal rules plus the disciplinary paths of
``statutes.engine.disciplinary`` when present) and for the criminal part alone. Target: at least 1,000
evaluations per second for the whole evaluation.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import statutes.engine.evaluation as engine
from statutes.catalogue.lookup import load_catalogue
from statutes.engine.facts import Facts, facts_from_json

TODAY = date(2026, 1, 1)


def _doc(category: str, start: str, conducts: list[str], kinds: list[str], **more: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "respondent": {"category": category, **more.pop("respondent", {})},
        "act": {"start": start, "conducts": conducts, "intent": "intentional", "known_through_duty": True},
        "information": {"kinds": kinds},
        "recipient": {"kind": more.pop("recipient", "media")},
    }
    document["act"].update(more.pop("act", {}))
    for key, value in more.items():
        if isinstance(value, dict):
            document.setdefault(key, {}).update(value)
        else:
            document[key] = value
    return document


DOCUMENTS: list[dict[str, Any]] = [
    _doc("civil_servant", "2018-06-01", ["disclose"], ["general_official_secret"]),
    _doc("civil_servant", "2022-06-01", ["disclose"], ["general_official_secret"], act={"intent": "unknown"}),
    _doc(
        "civil_servant", "2021-03-01", ["disclose"], ["classified"], information={"classification_level": "top_secret"}
    ),
    _doc(
        "civil_servant",
        "2019-03-01",
        ["deliver"],
        ["defense_secret"],
        act={"end": "2019-06-30"},
        recipient="mainland_or_hostile",
    ),
    _doc("civil_servant", "2015-04-01", ["deliver"], ["defense_secret"], recipient="foreign_state"),
    _doc("civil_servant", "2018-05-20", ["deliver"], ["classified"], recipient="foreign_state"),
    _doc("civil_servant", "2023-05-20", ["disclose"], ["general_official_secret"], recipient="mainland_or_hostile"),
    _doc("active_military", "2021-03-01", ["disclose"], ["military_secret", "classified"]),
    _doc("active_military", "2021-03-01", ["deliver"], ["military_secret"], recipient="enemy"),
    _doc(
        "former_civil_servant",
        "2021-03-01",
        ["disclose"],
        ["general_official_secret", "commercial_secret"],
        respondent={"service_end": "2020-01-31"},
        complaint={"learned_offender_on": "2023-03-01", "filed": False},
    ),
    _doc(
        "non_civil_servant",
        "2021-03-01",
        ["disclose"],
        ["general_official_secret", "commercial_secret"],
        respondent={"public_authority_delegated": False},
    ),
    _doc("contract_employee", "2023-05-20", ["disclose"], ["procurement"], recipient="vendor"),
    _doc("political_appointee", "2024-01-15", ["disclose"], ["general_official_secret"]),
    _doc(
        "civil_servant",
        "2020-03-01",
        ["disclose"],
        ["personal_data"],
        harm={"third_party_harm": True},
        act={"abused_authority": True},
    ),
    _doc("civil_servant", "2011-03-01", ["misuse_personal_data"], ["personal_data"], harm={"third_party_harm": True}),
    _doc(
        "civil_servant", "2020-03-01", ["deliver"], ["trade_secret"], recipient="vendor", act={"benefit_received": True}
    ),
    _doc("civil_servant", "2022-03-01", ["open_or_hide_sealed"], ["sealed_letter"], act={"abused_authority": True}),
    _doc("civil_servant", "2005-03-01", ["disclose"], ["general_official_secret"], act={"intent": "negligent"}),
    _doc(
        "civil_servant",
        "2022-05-20",
        ["profit_from_secret", "disclose"],
        ["procurement"],
        recipient="vendor",
        act={"benefit_received": True},
    ),
    _doc(
        "civil_servant",
        "2020-08-01",
        ["spy_or_collect", "lose_or_damage"],
        ["classified", "pending_classification"],
        recipient="mainland_or_hostile",
        year_records=[{"kind": "demerit", "on": "2020-03-01", "count": 2}],
    ),
]


def _rate(facts: list[Facts], seconds: float) -> tuple[int, float]:
    catalogue = load_catalogue()
    for item in facts:  # warm the catalogue index
        engine.evaluate(item, catalogue, today=TODAY)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in facts:
            engine.evaluate(item, catalogue, today=TODAY)
        count += len(facts)
    return count, time.perf_counter() - started


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    facts = [facts_from_json(document) for document in DOCUMENTS]
    count, elapsed = _rate(facts, seconds)
    print(f"evaluate (all paths)      {count:>7} evaluations in {elapsed:5.2f} s = {count / elapsed:8.0f} per second")
    full_paths = engine._other_paths
    engine._other_paths = lambda *args: ()  # the criminal rules alone
    try:
        count, elapsed = _rate(facts, seconds)
    finally:
        engine._other_paths = full_paths
    print(f"evaluate (criminal only)  {count:>7} evaluations in {elapsed:5.2f} s = {count / elapsed:8.0f} per second")


if __name__ == "__main__":
    main()
