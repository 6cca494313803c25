"""Every rule against every catalogued version of its provision: declared choices, real paragraphs, penalties.

A rule picks the paragraph (項) of its offence, and some of its elements, per version from a
``statutes.engine.rules.dated.ByVersion`` table keyed by the day the version took effect. These tests
judge each rule against each version of ``statutes/data`` with a spread of facts (every kind of
recipient and of information, both intents), and fail when

- a table misses a catalogued version, or names a day no version took effect on;
- the chosen paragraph (or 款) is not in that version's text, or carries no penalty — neither in
  the catalogue nor as ``statutes.catalogue.penalties.parse_penalties`` reads the text — unless the rule
  says why (``CriminalRule.no_penalty``);
- a rule's 「其他法律有較重處罰之規定者，從其規定」 paragraph is not declared where the text has it.

A version added later and not declared is reported by the engine instead of judged by a default.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest

import statutes.engine.rules
from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.catalogue.model import Penalty, Provision, ProvisionVersion
from statutes.catalogue.penalties import legal_paragraphs, parse_penalties
from statutes.engine._parts.concurrency import SUBSIDIARITY_CLAUSE
from statutes.engine._parts.index import index_for
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import Facts, facts_from_json, facts_schema
from statutes.engine.result import Status
from statutes.engine.rules import RULES, Context, CriminalRule, Slot
from statutes.engine.rules.dated import ByVersion, UndeclaredVersionError


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


def _enum(*path: str) -> list[str]:
    node: Any = facts_schema()
    for key in path:
        node = node["properties"][key] if key != "items" else node["items"]
    return [value for value in node["enum"] if value is not None]


def _tables() -> list[tuple[str, ByVersion[Any]]]:
    """Every ByVersion table of the rules package (module level, where the rules keep them)."""
    found: dict[int, tuple[str, ByVersion[Any]]] = {}
    for module_info in pkgutil.iter_modules(statutes.engine.rules.__path__):
        module = importlib.import_module(f"statutes.engine.rules.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, ByVersion):
                found.setdefault(id(value), (f"{module_info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


def _chain(rule: CriminalRule) -> tuple[Provision, ...]:
    return index_for(catalogue()).chain(rule.provision_id)


def _versions(rule: CriminalRule) -> Iterator[tuple[Provision, ProvisionVersion]]:
    for provision in _chain(rule):
        for version in provision.versions:
            yield provision, version


def _in_range(rule: CriminalRule, version: ProvisionVersion) -> bool:
    """A version under which the offence exists: in force on or after its first day, and not （刪除）."""
    if version.repealed:
        return False
    return rule.enacted is None or version.effective_to is None or version.effective_to >= rule.enacted


def _probes(on: date) -> list[Facts]:
    """Facts a placement or element may depend on: each recipient, each kind of information, both intents."""
    kinds: list[list[str]] = [[], *([kind] for kind in _enum("information", "kinds", "items"))]
    recipients: list[str | None] = [None, *_enum("recipient", "kind")]
    return [
        facts_from_json(
            {
                "respondent": {"category": "civil_servant"},
                "act": {"start": on.isoformat(), "conducts": _enum("act", "conducts", "items"), "intent": intent},
                "information": {"kinds": kind},
                "recipient": {} if recipient is None else {"kind": recipient},
            }
        )
        for intent in ("intentional", "negligent")
        for kind in kinds
        for recipient in recipients
    ]


@cache
def _judged(rule_id: str) -> tuple[tuple[Provision, ProvisionVersion, frozenset[Slot | None]], ...]:
    """Each version of the rule's chain with the slots its placement chooses across the probes.

    Runs every element, aggravation, flag and complaint test too, so that any table they read is
    consulted for every version (an undeclared one raises UndeclaredVersionError).
    """
    rule = next(rule for rule in RULES if rule.id == rule_id)
    judged = []
    for provision, version in _versions(rule):
        slots: set[Slot | None] = set()
        for facts in _probes(version.effective_from):
            ctx = Context(facts, version.effective_from, provision, version, catalogue())
            slots.add(rule.placement(ctx))
            for element in rule.elements:
                element.test(ctx)
            for aggravation in rule.aggravations:
                aggravation.test(ctx)
            if rule.flags is not None:
                rule.flags(ctx)
            if rule.complaint is not None:
                rule.complaint(ctx)
        if rule.subsidiarity is not None:
            rule.subsidiarity.at(provision, version)
        judged.append((provision, version, frozenset(slots)))
    return tuple(judged)


def _label(rule: CriminalRule, provision: Provision, version: ProvisionVersion) -> str:
    return f"{rule.id}: {provision.id} in force from {version.effective_from.isoformat()}"


def _punishes(penalties: tuple[Penalty, ...], slot: Slot) -> bool:
    """As the engine reads a slot (engine._parts.draft.slot_penalty): the 款's penalty, else its paragraph's."""
    same = [p for p in penalties if p.paragraph == slot.paragraph and p.subparagraph == slot.subparagraph]
    whole = [p for p in penalties if p.paragraph == slot.paragraph and p.subparagraph is None]
    return bool(same or whole)


# ---------------------------------------------------------------------------------------------
# The tables


def test_the_rules_declare_their_choices_in_tables() -> None:
    names = {name for name, _ in _tables()}
    assert {
        "classified.LEAK_PARAGRAPHS",
        "classified.COLLECT_PARAGRAPHS",
        "national_security.NSA_VERSIONS",
        "national_security.NSA_SUBSIDIARITY",
        "personal_data.PDPA_41_GAIN_INTENT",
        "criminal_code.CRIMINAL_131_KNOWING_GAIN",
    } <= names


@pytest.mark.parametrize("name,table", _tables(), ids=[name for name, _ in _tables()])
def test_a_table_declares_exactly_the_catalogued_versions(name: str, table: ByVersion[Any]) -> None:
    declared = {entry.effective for entry in table.entries}
    first_days: set[date] = set()
    for provision_id in table.provisions:
        provision = catalogue().provision(provision_id)  # KeyError: the table names no catalogued provision
        days = {version.effective_from for version in provision.versions}
        assert days <= declared, f"{name}: {provision_id} versions not declared: {sorted(days - declared)}"
        first_days |= days
    assert declared <= first_days, f"{name}: no catalogued version took effect on {sorted(declared - first_days)}"
    assert all(entry.amendment for entry in table.entries), name


# ---------------------------------------------------------------------------------------------
# The rules against every version


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_version_a_rule_meets_is_declared(rule: CriminalRule) -> None:
    assert _chain(rule), f"{rule.id}: {rule.provision_id} is not in the catalogue"
    try:
        _judged(rule.id)
    except UndeclaredVersionError as error:
        pytest.fail(f"{rule.id}: {error}")


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_the_chosen_paragraph_exists_and_carries_a_penalty(rule: CriminalRule) -> None:
    in_range = 0
    for provision, version, slots in _judged(rule.id):
        if not _in_range(rule, version):
            continue
        in_range += 1
        label = _label(rule, provision, version)
        reason = rule.no_penalty.get(version.effective_from)
        if None in slots:
            assert reason, f"{label}: the placement finds no offence in this version and the rule says not why"
        paragraphs = legal_paragraphs(version.text)
        parsed = parse_penalties(version.text)
        for slot in slots - {None}:
            assert slot is not None
            assert 1 <= slot.paragraph <= len(paragraphs), f"{label}: no 第{slot.paragraph}項"
            if slot.subparagraph is not None:
                numbers = [number for number, _ in paragraphs[slot.paragraph - 1].subparagraphs]
                assert slot.subparagraph in numbers, f"{label}: no 第{slot.paragraph}項第{slot.subparagraph}款"
            if reason:
                assert not _punishes(version.penalties, slot), f"{label}: no_penalty is stale, ¶{slot.paragraph}"
                continue
            assert _punishes(parsed, slot), f"{label}: parse_penalties finds no penalty in 第{slot.paragraph}項"
            assert _punishes(version.penalties, slot), f"{label}: the catalogue has no penalty in 第{slot.paragraph}項"
    assert in_range, f"{rule.id}: no catalogued version in the rule's range"
    stale = set(rule.no_penalty) - {version.effective_from for _, version in _versions(rule)}
    assert not stale, f"{rule.id}: no_penalty names days no version took effect on: {sorted(stale)}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_subsidiarity_is_declared_where_the_text_says_so(rule: CriminalRule) -> None:
    for provision, version in _versions(rule):
        label = _label(rule, provision, version)
        declared = rule.subsidiarity.at(provision, version) if rule.subsidiarity is not None else None
        paragraphs = version.paragraphs()
        if declared is None:
            assert SUBSIDIARITY_CLAUSE not in version.text, f"{label}: 從其規定 is in the text, not declared"
        else:
            assert SUBSIDIARITY_CLAUSE in paragraphs[declared - 1], f"{label}: 第{declared}項 does not say 從其規定"


def test_the_tables_choose_the_paragraphs_the_amendments_made() -> None:
    """Spot checks against the texts (statutes/data/I0060003.json, A0030028.json)."""

    def slot(rule_id: str, provision_id: str, on: date, **document: Any) -> Slot | None:
        rule = next(rule for rule in RULES if rule.id == rule_id)
        provision = catalogue().provision(provision_id)
        version = provision.version_on(on)
        assert version is not None
        facts = facts_from_json(
            {"respondent": {"category": "civil_servant"}, "act": {"start": on.isoformat()}, **document}
        )
        return rule.placement(Context(facts, on, provision, version, catalogue()))

    abroad = {"recipient": {"kind": "mainland_or_hostile"}}
    # 因過失犯前項之罪 (2003) → 因過失犯前二項之罪 (2019-05-12)
    assert slot("criminal.cnsipa.32.negligent", "I0060003:32", date(2019, 5, 11)) == Slot(2)
    assert slot("criminal.cnsipa.32.negligent", "I0060003:32", date(2019, 5, 12)) == Slot(3)
    assert slot("criminal.cnsipa.33", "I0060003:33", date(2019, 5, 11), **abroad) == Slot(1)
    assert slot("criminal.cnsipa.33", "I0060003:33", date(2019, 5, 12), **abroad) == Slot(2)
    assert slot("criminal.cnsipa.34", "I0060003:34", date(2019, 5, 12), **abroad) == Slot(3)
    assert slot("criminal.nsa.leak", "A0030028:5-1@1987", date(2019, 7, 4)) == Slot(1)
    assert slot("criminal.nsa.leak", "A0030028:5-1@1987", date(2019, 7, 5)) == Slot(2)
    assert slot("criminal.nsa.negligent", "A0030028:5-1@1987", date(2019, 7, 4)) is None
    assert slot("criminal.nsa.negligent", "A0030028:7", date(2023, 12, 1)) == Slot(5)


# ---------------------------------------------------------------------------------------------
# A version the tables do not declare


def _with_new_version_of_32(effective: date) -> Catalogue:
    """The catalogue as if 國家機密保護法第32條 had been amended again, with the 2019 text, from ``effective``."""
    base = catalogue()
    law = base.laws["I0060003"]
    provisions = []
    for provision in law.provisions:
        if provision.id == "I0060003:32":
            current = provision.versions[-1]
            closed = replace(current, effective_to=effective - timedelta(days=1))
            amended = replace(current, effective_from=effective, promulgated=effective, amendment=effective.isoformat())
            provision = replace(provision, versions=(*provision.versions[:-1], closed, amended))
        provisions.append(provision)
    return Catalogue(laws={**base.laws, "I0060003": replace(law, provisions=tuple(provisions))})


def test_an_undeclared_version_is_reported_not_judged_by_a_default() -> None:
    amended = _with_new_version_of_32(date(2030, 1, 1))
    facts = facts_from_json(
        {
            "respondent": {"category": "civil_servant"},
            "act": {"start": "2030-03-01", "conducts": ["disclose"], "intent": "negligent"},
            "information": {"kinds": ["classified"], "classification_level": "secret"},
            "recipient": {"kind": "media"},
        }
    )
    result = evaluate(facts, amended, today=date(2030, 6, 1))
    assert "criminal.cnsipa.32.negligent" not in {suggestion.rule_id for suggestion in result.suggestions}
    assert any(
        "criminal.cnsipa.32.negligent" in warning and "國家機密保護法第32條（2030-01-01起施行之版本）" in warning
        for warning in result.warnings
    ), result.warnings
    # The same act under the shipped catalogue: 第32條第3項 of 2019.
    shipped = evaluate(facts, catalogue(), today=date(2030, 6, 1))
    negligent = next(s for s in shipped.suggestions if s.rule_id == "criminal.cnsipa.32.negligent")
    assert negligent.status in (Status.APPLIED, Status.ALTERNATIVE) and "第32條第3項" in negligent.citation
