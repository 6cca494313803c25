"""Recommendation drafts (建議草稿): the engine's suggestions for one respondent and the officer's decisions.

The engine runs whenever a page needs it (about 2 ms), on the facts as they are now. A saved draft
keeps the facts document and what the engine said, so a later run can show what changed
(statutes.engine.result_diff). Saving is refused when the facts moved under the officer's feet
(another officer changed the case after the page was shown): the decisions would otherwise be
stored against suggestions the officer never saw.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from accounts.models import User
from audit.services import changed_fields
from core.extensions import db
from core.models import utcnow
from core.services import FieldErrors, ServiceError
from incidents.models import Decision, Incident, Recommendation, RecommendationItem, RecommendedAction, Respondent
from incidents.services.access import require_edit
from incidents.services.case_audit import record_case_event
from incidents.services.facts import engine_document
from provisions.catalogue import CatalogueEmptyError, stored_catalogue
from statutes.engine.disciplinary.appraisal import AppraisalLevel
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import FactsError, facts_from_json
from statutes.engine.result import DisciplinaryPath, EvaluationResult, PathKind, Suggestion
from statutes.engine.result_diff import (
    FactChange,
    SuggestionChange,
    SuggestionSnapshot,
    compare_facts,
    compare_suggestions,
    snapshot,
)

__all__ = [
    "ACTION_LEVELS",
    "DraftChanges",
    "DraftInput",
    "Evaluation",
    "ItemDecision",
    "changes_since_draft",
    "evaluate_respondent",
    "save_draft",
]

STALE_DRAFT = _l("這份建議草稿已由他人更新，請重新檢視後再儲存。")
# The 考績 level behind each action the officer may choose (None: not a 考績懲處).
ACTION_LEVELS: dict[RecommendedAction, AppraisalLevel | None] = {
    RecommendedAction.REPRIMAND_ONCE: AppraisalLevel.REPRIMAND,
    RecommendedAction.REPRIMAND_TWICE: AppraisalLevel.REPRIMAND,
    RecommendedAction.DEMERIT_ONCE: AppraisalLevel.DEMERIT,
    RecommendedAction.DEMERIT_TWICE: AppraisalLevel.DEMERIT,
    RecommendedAction.MAJOR_DEMERIT: AppraisalLevel.MAJOR_DEMERIT,
    RecommendedAction.TWO_MAJOR_DEMERITS: AppraisalLevel.TWO_MAJOR_DEMERITS,
    RecommendedAction.REFER_FOR_DISCIPLINE: None,
    RecommendedAction.NO_ACTION: None,
}
# 第132條、第115條之1: the article part of a citation (an edit may refine 項/款, not change the article).
_ARTICLE = re.compile(r"^第(\d+)條(?:之(\d+))?")


@dataclass(frozen=True)
class Evaluation:
    """The engine's answer for one respondent now, or why there is none."""

    document: dict | None
    result: EvaluationResult | None
    problem: str = ""
    fingerprint: str = ""

    def path(self, kind: PathKind) -> DisciplinaryPath | None:
        if self.result is None:
            return None
        return next((path for path in self.result.paths if path.kind is kind), None)


@dataclass(frozen=True)
class ItemDecision:
    decision: Decision = Decision.PENDING
    reason: str = ""
    edited_citation: str = ""
    edited_text: str = ""


@dataclass(frozen=True)
class DraftInput:
    decisions: dict[str, ItemDecision]  # by rule_id
    action: RecommendedAction | None
    action_reason: str
    fingerprint: str  # of the evaluation the officer saw


@dataclass(frozen=True)
class DraftChanges:
    facts: tuple[FactChange, ...] = ()
    suggestions: tuple[SuggestionChange, ...] = ()
    engine_versions: tuple[str, str] | None = None  # (saved with, now) when they differ

    def __bool__(self) -> bool:
        return bool(self.facts or self.suggestions or self.engine_versions)

    @property
    def changed_rules(self) -> set[str]:
        return {change.rule_id for change in self.suggestions}


def _fingerprint(document: dict, result: EvaluationResult) -> str:
    """Identifies what the officer was shown: the facts, the engine version and its suggestions."""
    shown = {
        "facts": document,
        "engine": result.engine_version,
        "suggestions": [
            [s.rule_id, s.status, s.citation, s.provision_id, s.version_from and s.version_from.isoformat()]
            for s in snapshot(result)
        ],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def evaluate_respondent(incident: Incident, respondent: Respondent, *, today: date) -> Evaluation:
    """Run the engine on the case's and the respondent's facts as they are now."""
    document = engine_document(incident, respondent)
    if document is None:
        return Evaluation(None, None, _("請先在案件資料填寫行為開始日，系統才能產生適用建議。"))
    try:
        result = evaluate(facts_from_json(document), stored_catalogue(), today=today)
    except FactsError as error:
        return Evaluation(
            document, None, _("案件事實有誤，無法產生建議：%(problems)s", problems="；".join(error.problems))
        )
    except CatalogueEmptyError as error:
        return Evaluation(document, None, str(error))
    return Evaluation(document, result, "", _fingerprint(document, result))


def _saved_snapshot(draft: Recommendation) -> tuple[SuggestionSnapshot, ...]:
    return tuple(
        SuggestionSnapshot(
            rule_id=item.rule_id,
            law_name=item.law_name,
            citation=item.citation,
            status=item.engine_status,
            provision_id=item.provision_id,
            version_from=item.version_from,
        )
        for item in draft.items
    )


def changes_since_draft(draft: Recommendation | None, evaluation: Evaluation) -> DraftChanges:
    """What differs between the saved draft and the engine's answer now (nothing without both)."""
    if draft is None or evaluation.result is None or evaluation.document is None:
        return DraftChanges()
    versions = (draft.engine_version, evaluation.result.engine_version)
    return DraftChanges(
        facts=compare_facts(draft.facts, evaluation.document),
        suggestions=compare_suggestions(_saved_snapshot(draft), snapshot(evaluation.result)),
        engine_versions=versions if versions[0] != versions[1] else None,
    )


def _article(citation: str) -> str | None:
    match = _ARTICLE.match(citation.strip())
    if match is None:
        return None
    return match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")


def _check_items(evaluation: Evaluation, data: DraftInput, problems: FieldErrors) -> None:
    assert evaluation.result is not None
    for suggestion in evaluation.result.suggestions:
        choice = data.decisions.get(suggestion.rule_id, ItemDecision())
        where = f"item-{suggestion.rule_id}"
        if choice.decision is Decision.REJECTED and not choice.reason.strip():
            problems.add(f"{where}-reason", _("不採納時請填寫理由。"))
        if choice.decision is Decision.EDITED:
            if not (choice.edited_citation.strip() or choice.edited_text.strip()):
                problems.add(f"{where}-edited_citation", _("修改後採納時，請填寫修改後的引用條項或理由。"))
            elif choice.edited_citation.strip() and _article(choice.edited_citation) != _article(suggestion.citation):
                problems.add(
                    f"{where}-edited_citation",
                    _(
                        "修改後的引用須為同一條文（%(citation)s），可改項、款；其他條文請於理由中說明。",
                        citation=suggestion.citation,
                    ),
                )


def _check_action(evaluation: Evaluation, data: DraftInput, problems: FieldErrors) -> None:
    if data.action is None:
        return
    level = ACTION_LEVELS[data.action]
    if level is not None:
        performance = evaluation.path(PathKind.PERFORMANCE)
        if performance is not None and performance.applicable is False:
            problems.add("action", _("依目前事實，被調查人不適用公務人員考績法之懲處（見「處理途徑」）。"))
        elif performance is not None and performance.levels and level not in performance.levels:
            problems.add(
                "action",
                _(
                    "一次記二大過以公務人員考績法第12條第3項第2款之情形（含確實證據）為限；"
                    "依目前事實其要件尚未全部符合，不得選擇。"
                ),
            )
    elif data.action is RecommendedAction.REFER_FOR_DISCIPLINE:
        discipline = evaluation.path(PathKind.DISCIPLINE)
        if discipline is not None and discipline.applicable is False:
            problems.add("action", _("依目前事實，被調查人不得移送懲戒（見「處理途徑」）。"))


def _item_values(item: RecommendationItem) -> dict[str, str]:
    return {
        "decision": str(item.decision),
        "reason": item.reason,
        "edited_citation": item.edited_citation,
        "edited_text": item.edited_text,
    }


def _check_save(
    evaluation: Evaluation, data: DraftInput, draft: Recommendation | None, expected_version: int | None
) -> tuple[dict, EvaluationResult]:
    """The facts and the engine's answer to save; refused when the page no longer shows the current
    suggestions or draft, or when a choice is wrong."""
    if evaluation.result is None or evaluation.document is None:
        raise ServiceError(evaluation.problem or _("目前無法產生建議。"))
    if data.fingerprint != evaluation.fingerprint:
        raise ServiceError(
            _("案件事實或法規資料在您開啟本頁後已有變更，建議已依最新事實重新產生；請檢視變動後再儲存。")
        )
    # A form shown before any draft existed carries no version: a draft saved since is someone else's.
    if draft is not None and draft.version != expected_version:
        raise ServiceError(str(STALE_DRAFT))
    problems = FieldErrors()
    _check_items(evaluation, data, problems)
    _check_action(evaluation, data, problems)
    if problems:
        raise ServiceError(problems)
    return evaluation.document, evaluation.result


def _new_item(position: int, suggestion: Suggestion, choice: ItemDecision) -> RecommendationItem:
    """The draft's row for one suggestion: what the engine said, with the officer's decision."""
    applied = suggestion.applied_version
    edited = choice.decision is Decision.EDITED
    return RecommendationItem(
        position=position,
        rule_id=suggestion.rule_id,
        law_name=suggestion.law_name,
        citation=suggestion.citation,
        title=suggestion.title,
        engine_status=str(suggestion.status),
        engine_reason=suggestion.reason,
        provision_id=applied.provision_id if applied else None,
        version_from=applied.effective_from if applied else None,
        decision=choice.decision,
        reason=choice.reason.strip(),
        edited_citation=choice.edited_citation.strip() if edited else "",
        edited_text=choice.edited_text.strip() if edited else "",
    )


def save_draft(
    actor: User,
    incident: Incident,
    respondent: Respondent,
    evaluation: Evaluation,
    data: DraftInput,
    *,
    expected_version: int | None,
    client_address: str = "",
) -> Recommendation:
    """Create or replace the respondent's draft from the evaluation the officer saw (caller commits)."""
    require_edit(actor, incident)
    draft = respondent.recommendation
    document, result = _check_save(evaluation, data, draft, expected_version)

    before = {item.rule_id: _item_values(item) for item in draft.items} if draft else {}
    before_action = str(draft.action) if draft and draft.action else None
    if draft is None:
        draft = Recommendation(incident_id=incident.id)
        respondent.recommendation = draft
    draft.engine_version = result.engine_version
    draft.evaluated_on = result.evaluated_on
    draft.facts = document
    draft.action = data.action
    draft.action_reason = data.action_reason.strip()
    draft.saved_by = actor
    draft.saved_at = utcnow()  # always an UPDATE of the draft row, so its version moves with its items
    draft.items.clear()
    db.session.flush()  # the old rows go before new ones reuse their (recommendation_id, rule_id)
    draft.items.extend(
        _new_item(position, suggestion, data.decisions.get(suggestion.rule_id, ItemDecision()))
        for position, suggestion in enumerate(result.suggestions)
    )
    try:
        db.session.flush()
    except (StaleDataError, IntegrityError):  # saved (or first created) by someone else meanwhile
        raise ServiceError(str(STALE_DRAFT)) from None
    after = {item.rule_id: _item_values(item) for item in draft.items}
    changed = changed_fields(before, after)
    changed.update({rule: [values, None] for rule, values in before.items() if rule not in after})
    after_action = str(draft.action) if draft.action else None
    record_case_event(
        actor,
        incident,
        "recommendation_saved",
        {
            "respondent_id": respondent.id,
            "engine_version": draft.engine_version,
            "items": changed,
            **({"action": [before_action, after_action]} if before_action != after_action else {}),
        },
        target=("recommendation", draft.id),
        client_address=client_address,
    )
    return draft


def record_view(actor: User, incident: Incident, respondent: Respondent, *, client_address: str = "") -> None:
    """Reading a respondent's suggestions is reading the case (every read is logged)."""
    record_case_event(
        actor, incident, "recommendation_viewed", target=("respondent", respondent.id), client_address=client_address
    )


@dataclass(frozen=True)
class DraftSummary:
    """What the case page shows for one respondent: the engine's answer now and the draft's state."""

    respondent: Respondent
    evaluation: Evaluation
    changes: DraftChanges

    @property
    def draft(self) -> Recommendation | None:
        return self.respondent.recommendation

    def count(self, decision: Decision | str) -> int:
        return sum(1 for item in self.draft.items if item.decision == decision) if self.draft else 0


def summaries(incident: Incident, *, today: date) -> list[DraftSummary]:
    result = []
    for respondent in incident.respondents:
        evaluation = evaluate_respondent(incident, respondent, today=today)
        result.append(DraftSummary(respondent, evaluation, changes_since_draft(respondent.recommendation, evaluation)))
    return result
