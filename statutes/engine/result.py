"""The engine's output: suggestions with their reasoning, and disciplinary paths.

Plain frozen dataclasses; :func:`result_to_json` gives the documented, stable
JSON form used by ``flask suggest`` and ``POST /api/v1/suggestions``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from statutes.catalogue.model import Penalty

ENGINE_VERSION = "1.1.0"  # 1.1: paths carry `levels` and `recommended_level`


class Status(StrEnum):
    APPLIED = "applied"  # 適用
    ALTERNATIVE = "alternative"  # 視待查事實而定（open_question 說明）
    DISPLACED = "displaced"  # 為他條排除（displaced_by 說明）
    BARRED = "barred"  # 因時效或未告訴而不能追究（barred_reason 說明）


class PathKind(StrEnum):
    CRIMINAL = "criminal"  # 刑事
    DISCIPLINE = "discipline"  # 懲戒（公務員懲戒法）
    PERFORMANCE = "performance"  # 考績懲處（公務人員考績法）
    CIVIL = "civil"  # 民事／國家賠償


@dataclass(frozen=True)
class VersionRef:
    """One version of a provision, as the engine used it."""

    provision_id: str
    law_name: str
    citation: str  # 第132條 (the number in force for that version)
    effective_from: date
    effective_to: date | None
    text: str
    verified: bool = True


@dataclass(frozen=True)
class ElementCheck:
    """One element of a rule and what the facts say about it."""

    element: str  # zh-TW, e.g. 「行為人為公務員」
    met: bool | None  # None: the facts do not tell (see missing_facts)
    facts: tuple[str, ...] = ()  # fact paths used, e.g. ("respondent.category",)
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    label: str  # 告訴期間屆滿 / 追訴權時效完成 / 懲戒行使期間（休職）…
    due: date | None  # None: cannot be computed yet (a fact is missing; see basis)
    basis: str  # 刑事訴訟法第237條第1項 …
    passed: bool | None = None  # relative to the evaluation date


@dataclass(frozen=True)
class Suggestion:
    rule_id: str
    law_name: str
    citation: str  # 第132條第1項 (paragraph/subparagraph included)
    title: str
    status: Status
    reason: str  # why this status (zh-TW)
    act_version: VersionRef | None  # in force on the act's last day (None: no version then)
    later_versions: tuple[VersionRef, ...] = ()  # up to the evaluation date
    applied_version: VersionRef | None = None  # the one that governs
    applied_basis: str = ""  # e.g. 刑法第2條第1項前段（行為時法）／但書（較有利之新法）
    penalty: Penalty | None = None
    penalty_text: str = ""
    flags: tuple[str, ...] = ()  # 告訴乃論、加重其刑至二分之一、未遂犯罰之 …
    open_question: str = ""  # for ALTERNATIVE: the question that decides it
    displaced_by: str = ""  # for DISPLACED: the rule id / citation that governs instead
    deadlines: tuple[Deadline, ...] = ()
    elements: tuple[ElementCheck, ...] = ()
    missing_facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class DisciplinaryPath:
    kind: PathKind
    title: str
    applicable: bool | None  # None: depends on missing facts
    reasons: tuple[str, ...]  # why (zh-TW), each with its citation
    steps: tuple[str, ...] = ()  # what to do next (zh-TW)
    options: tuple[str, ...] = ()  # e.g. sanctions still available, recommended 考績 level
    deadlines: tuple[Deadline, ...] = ()
    warnings: tuple[str, ...] = ()
    missing_facts: tuple[str, ...] = ()
    # Machine-readable choices the law leaves open on these facts: AppraisalLevel values for
    # PERFORMANCE (一次記二大過 only when its elements are met), DisciplinarySanction values for DISCIPLINE.
    levels: tuple[str, ...] = ()
    recommended_level: str = ""  # PERFORMANCE: the level the engine suggests (an AppraisalLevel value)


@dataclass(frozen=True)
class EvaluationResult:
    engine_version: str
    evaluated_on: date
    act_last_day: date
    suggestions: tuple[Suggestion, ...]
    paths: tuple[DisciplinaryPath, ...]
    open_questions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    catalogue_current_to: date | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def result_to_json(result: EvaluationResult) -> dict[str, Any]:
    """The stable JSON form: dataclass fields as keys, dates ISO, enums by value."""
    plain: dict[str, Any] = _plain(asdict(result))
    return plain
