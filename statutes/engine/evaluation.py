"""The suggestion engine: facts in, provisions with versions, status and reasoning out.

:func:`evaluate` runs every rule of :mod:`statutes.engine.rules` against the facts:

1. the version in force on the act's last day (刑法第1條; for a continuing act, its end), every
   later version up to the evaluation date (renumberings followed), and which one governs under
   刑法第2條第1項 (:mod:`statutes.engine.favourability`);
2. each element checked against the facts — an unknown element makes the suggestion an
   *alternative* naming the question, a contradicted one drops the rule;
3. concurrency: which provision governs the same conduct, and the rule that says so;
4. time limits (:mod:`statutes.engine.limitations`): 追訴權時效 and, for 告訴乃論 offences, the complaint
   period — a passed limit makes the suggestion *barred*, with the dates.

It then adds the criminal path (移送檢調／廉政署) and, when :mod:`statutes.engine.disciplinary` provides
``disciplinary_paths``, the disciplinary, appraisal and civil paths. Pure and deterministic (the
evaluation date is ``facts.evaluation_date`` or the ``today`` the caller passes); it never raises on
facts built from a schema-valid document.

The stages live in :mod:`statutes.engine._parts` (index, draft, rule, concurrency, time_limits,
output, paths); this module runs them in order.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from statutes.catalogue.lookup import Catalogue
from statutes.engine._parts.concurrency import resolve_concurrency
from statutes.engine._parts.draft import Draft, unique_nonempty
from statutes.engine._parts.index import Index, index_for
from statutes.engine._parts.output import support_suggestions, to_suggestion
from statutes.engine._parts.paths import criminal_path
from statutes.engine._parts.rule import evaluate_rule
from statutes.engine._parts.time_limits import apply_time_limits
from statutes.engine.disciplinary import disciplinary_paths
from statutes.engine.facts import Facts, facts_from_json
from statutes.engine.result import ENGINE_VERSION, DisciplinaryPath, EvaluationResult, Status, result_to_json
from statutes.engine.rules import CATALOGUE_GAPS, CONCURRENCY, RULES, SUPPORT_RULES

__all__ = ["evaluate", "evaluate_json"]


def _other_paths(facts: Facts, catalogue: Catalogue, evaluation_date: date) -> tuple[DisciplinaryPath, ...]:
    """The 懲戒, 考績懲處 and 民事 paths (statutes.engine.disciplinary)."""
    return tuple(disciplinary_paths(facts, catalogue, evaluation_date))


# ---------------------------------------------------------------------------------------------
# Public API


def evaluate(facts: Facts, catalogue: Catalogue, *, today: date) -> EvaluationResult:
    """Every criminal provision the facts raise, with versions, status, reasoning, and the paths.

    The evaluation date is ``facts.evaluation_date`` or ``today``. Deterministic for equal inputs.
    """
    evaluation_date = facts.evaluation_date or today
    return _evaluate(facts, catalogue, index_for(catalogue), evaluation_date)


def _evaluate(facts: Facts, catalogue: Catalogue, index: Index, evaluation_date: date) -> EvaluationResult:
    warnings: list[str] = []
    act_day = facts.act.last_day
    if evaluation_date < act_day:
        warnings.append(
            f"評估基準日（{evaluation_date.isoformat()}）早於行為終了日（{act_day.isoformat()}）：行為後之法律變更及期限均無從評估"
        )
    if not facts.act.conducts:
        warnings.append("尚未記載行為態樣（act.conducts），無從判斷可能適用之罪名")
    drafts: dict[str, Draft] = {}
    for rule in RULES:
        draft = evaluate_rule(rule, facts, index, evaluation_date, warnings)
        if draft is not None:
            drafts[rule.id] = draft
    resolve_concurrency(drafts)
    for draft in drafts.values():
        apply_time_limits(draft, facts, evaluation_date)
    keyed = [(draft.sort_key, to_suggestion(draft, index)) for draft in drafts.values()]
    keyed += support_suggestions(facts, index, drafts, evaluation_date)
    suggestions = [suggestion for _, suggestion in sorted(keyed, key=lambda item: item[0])]
    for suggestion in suggestions:
        for version in (suggestion.act_version, suggestion.applied_version):
            if version is not None and not version.verified:
                warnings.append(
                    f"{version.law_name}{version.citation}（{version.effective_from.isoformat()}起施行之版本）"
                    "條文取自種子文件，未經官方資料核對"
                )
    warnings.extend(gap.warning for gap in CATALOGUE_GAPS if gap.applies(facts))
    if index.missing:
        warnings.append("目錄未收錄下列條文，相關規則未予評估：" + "、".join(sorted(index.missing)))
    laws = {s.act_version.provision_id.split(":")[0] for s in suggestions if s.act_version} or {"C0000001"}
    current = [catalogue.laws[pcode].current_to for pcode in sorted(laws) if pcode in catalogue.laws]
    current_to = min((day for day in current if day is not None), default=None)
    if current_to is not None and evaluation_date > current_to:
        warnings.append(f"評估基準日晚於目錄資料日期（{current_to.isoformat()}）：其後之法律修正未收錄")
    warnings = list(unique_nonempty(warnings))
    paths = (criminal_path(facts, suggestions, warnings), *_other_paths(facts, catalogue, evaluation_date))
    open_questions = unique_nonempty(
        question
        for draft in sorted(drafts.values(), key=lambda d: d.sort_key)
        if draft.status is Status.ALTERNATIVE
        for question in draft.questions
    )
    return EvaluationResult(
        engine_version=ENGINE_VERSION,
        evaluated_on=evaluation_date,
        act_last_day=act_day,
        suggestions=tuple(suggestions),
        paths=paths,
        open_questions=open_questions,
        warnings=unique_nonempty(warnings),
        catalogue_current_to=current_to,
        notes={
            "criminal_rules": len(RULES),
            "support_rules": len(SUPPORT_RULES),
            "concurrency_rules": len(CONCURRENCY),
        },
    )


def evaluate_json(document: dict[str, Any], catalogue: Catalogue, *, today: date) -> dict[str, Any]:
    """facts_from_json → evaluate → result_to_json (raises FactsError for a document that is not valid)."""
    return result_to_json(evaluate(facts_from_json(document), catalogue, today=today))
