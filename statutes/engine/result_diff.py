"""What changed between a saved recommendation and a fresh evaluation: facts and suggestions.

When a case's facts change, the engine is run again; the officer must see which facts changed since
the recommendation draft was saved (:func:`compare_facts`) and which suggestions changed
(:func:`compare_suggestions` over two :func:`snapshot` tuples). Pure and deterministic: no Flask or
SQLAlchemy imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from statutes.engine.result import EvaluationResult
from statutes.roc_calendar import format_roc
from statutes.vocabulary import STATUS as STATUS_LABELS

__all__ = [
    "ChangeKind",
    "FactChange",
    "SuggestionChange",
    "SuggestionSnapshot",
    "compare_facts",
    "compare_suggestions",
    "snapshot",
]

SCHEMA_PATH = Path(__file__).with_name("facts.schema.json")

# Top-level keys of the facts document that are not facts of the case.
IGNORED_FACTS = frozenset({"evaluation_date", "referral_date"})

_LABEL_ENDS = ("：", "（")


# --- suggestions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestionSnapshot:
    """What a saved recommendation keeps of one engine suggestion (enough to compare)."""

    rule_id: str
    law_name: str
    citation: str
    status: str  # Status value: applied / alternative / displaced / barred
    provision_id: str | None  # applied_version.provision_id, None when no applied version
    version_from: date | None  # applied_version.effective_from

    @property
    def label(self) -> str:
        """The provision as the officer reads it, e.g. 「中華民國刑法第132條第1項」."""
        return f"{self.law_name}{self.citation}"


def snapshot(result: EvaluationResult) -> tuple[SuggestionSnapshot, ...]:
    """One :class:`SuggestionSnapshot` per suggestion of ``result``, in the result's order."""
    return tuple(
        SuggestionSnapshot(
            rule_id=suggestion.rule_id,
            law_name=suggestion.law_name,
            citation=suggestion.citation,
            status=str(suggestion.status),
            provision_id=suggestion.applied_version.provision_id if suggestion.applied_version else None,
            version_from=suggestion.applied_version.effective_from if suggestion.applied_version else None,
        )
        for suggestion in result.suggestions
    )


class ChangeKind(StrEnum):
    ADDED = "added"  # a rule suggested now but not in the saved recommendation
    REMOVED = "removed"  # a rule of the saved recommendation no longer suggested
    STATUS = "status"  # same rule, different status
    VERSION = "version"  # same rule, different applied version
    CITATION = "citation"  # same rule, different law name or citation (e.g. renumbered)


def _status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def _version_label(provision_id: str | None, version_from: date | None) -> str:
    if provision_id is None and version_from is None:
        return "無適用版本"
    if version_from is None:
        return "施行日不明之版本"
    return f"{format_roc(version_from)}起施行之版本"


@dataclass(frozen=True)
class SuggestionChange:
    kind: ChangeKind
    rule_id: str
    before: SuggestionSnapshot | None  # None for ADDED
    after: SuggestionSnapshot | None  # None for REMOVED

    def describe(self) -> str:
        """One zh-TW sentence for the officer, e.g. 「新增：中華民國刑法第132條第1項」."""
        before, after = self.before, self.after
        if self.kind is ChangeKind.ADDED:
            assert after is not None
            return f"新增：{after.label}"
        if self.kind is ChangeKind.REMOVED:
            assert before is not None
            return f"不再建議：{before.label}"
        assert before is not None and after is not None
        if self.kind is ChangeKind.STATUS:
            return f"{after.label}：狀態由「{_status_label(before.status)}」改為「{_status_label(after.status)}」"
        if self.kind is ChangeKind.VERSION:
            old = _version_label(before.provision_id, before.version_from)
            new = _version_label(after.provision_id, after.version_from)
            if old == new:  # same start date, another provision (e.g. a renumbered article)
                return f"{after.label}：適用版本改為另一條文之{new}"
            return f"{after.label}：適用版本由 {old} 改為 {new}"
        if before.law_name == after.law_name:
            return f"{after.law_name}：引用由 {before.citation} 改為 {after.citation}"
        return f"引用由 {before.label} 改為 {after.label}"


def _keyed(items: Sequence[SuggestionSnapshot]) -> Iterator[tuple[tuple[str, int], SuggestionSnapshot]]:
    """Key each snapshot by (rule_id, occurrence), so a repeated rule id pairs up in order."""
    seen: dict[str, int] = {}
    for item in items:
        occurrence = seen.get(item.rule_id, 0)
        seen[item.rule_id] = occurrence + 1
        yield (item.rule_id, occurrence), item


def _changes_of(before: SuggestionSnapshot, after: SuggestionSnapshot) -> Iterator[SuggestionChange]:
    rule_id = after.rule_id
    if before.status != after.status:
        yield SuggestionChange(ChangeKind.STATUS, rule_id, before, after)
    if (before.provision_id, before.version_from) != (after.provision_id, after.version_from):
        yield SuggestionChange(ChangeKind.VERSION, rule_id, before, after)
    if (before.law_name, before.citation) != (after.law_name, after.citation):
        yield SuggestionChange(ChangeKind.CITATION, rule_id, before, after)


def compare_suggestions(
    before: Sequence[SuggestionSnapshot], after: Sequence[SuggestionSnapshot]
) -> tuple[SuggestionChange, ...]:
    """The changes from ``before`` (the saved recommendation) to ``after`` (the fresh evaluation).

    Suggestions are matched by ``rule_id``. A matched rule yields STATUS, VERSION and CITATION
    changes as they apply (in that order). Output: by position in ``after``, then the removed ones
    in ``before`` order. Identical inputs give ``()``.
    """
    old = dict(_keyed(before))
    matched: set[tuple[str, int]] = set()
    changes: list[SuggestionChange] = []
    for key, now in _keyed(after):
        was = old.get(key)
        if was is None:
            changes.append(SuggestionChange(ChangeKind.ADDED, now.rule_id, None, now))
            continue
        matched.add(key)
        changes.extend(_changes_of(was, now))
    changes.extend(
        SuggestionChange(ChangeKind.REMOVED, was.rule_id, was, None) for key, was in old.items() if key not in matched
    )
    return tuple(changes)


# --- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactChange:
    path: str  # dotted, e.g. "act.intent", "information.kinds", "year_records"
    label: str  # zh-TW, from the schema description (e.g. 「主觀犯意」); the path when unknown
    before: Any
    after: Any


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _label_of(description: str) -> str:
    cut = min((index for index in (description.find(end) for end in _LABEL_ENDS) if index >= 0), default=None)
    return description[:cut].strip()


def _walk_schema(properties: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        yield path, _label_of(spec.get("description", "")) or path
        if spec.get("type") == "object":
            yield from _walk_schema(spec.get("properties", {}), f"{path}.")


@cache
def _schema_paths() -> dict[str, tuple[int, str]]:
    """Every property path of the schema: its position in schema order and its zh-TW label."""
    return {path: (position, label) for position, (path, label) in enumerate(_walk_schema(_schema()["properties"], ""))}


def _leaves(document: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaves(value, f"{path}.")
        else:
            yield path, value


def _normalised(value: Any) -> Any:
    """Arrays of strings compare as sets (sorted); an empty array is the same as a missing one."""
    if isinstance(value, list | tuple):
        if not value:
            return None
        if all(isinstance(item, str) for item in value):
            return sorted(value)
        return list(value)
    return value


def _sort_key(path: str) -> tuple[int, int, str]:
    known = _schema_paths().get(path)
    return (0, known[0], "") if known else (1, 0, path)


def compare_facts(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FactChange, ...]:
    """The facts that differ between two facts documents, in schema order (unknown paths last, A–Z).

    Nested objects are walked down to their leaves; arrays are compared whole, arrays of strings
    (``act.conducts``, ``information.kinds``) regardless of order, and ``before``/``after`` then hold
    them sorted. A key missing on one side counts as ``None`` (an empty array too).
    ``evaluation_date`` and ``referral_date`` are not facts of the case and are ignored.
    """
    old = {path: _normalised(value) for path, value in _leaves(before) if path not in IGNORED_FACTS}
    new = {path: _normalised(value) for path, value in _leaves(after) if path not in IGNORED_FACTS}
    labels = _schema_paths()
    changes = [
        FactChange(path, labels[path][1] if path in labels else path, old.get(path), new.get(path))
        for path in old.keys() | new.keys()
        if old.get(path) != new.get(path)
    ]
    return tuple(sorted(changes, key=lambda change: _sort_key(change.path)))
