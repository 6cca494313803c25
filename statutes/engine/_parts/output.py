"""Building the output: version references, reasons and suggestions (support rules included)."""

from __future__ import annotations

from datetime import date

from statutes.catalogue.describe import describe_penalty
from statutes.catalogue.model import Provision, ProvisionVersion, cite_article
from statutes.engine._parts.draft import (
    STATUS_LABELS,
    STATUS_ORDER,
    Draft,
    SuggestionOrder,
    _citation,
    _sort_key,
    unique_nonempty,
)
from statutes.engine._parts.index import Index, version_on_day, versions_after
from statutes.engine.facts import Facts
from statutes.engine.result import ElementCheck, Status, Suggestion, VersionRef
from statutes.engine.rules import SUPPORT_RULES, Context, Slot

# ---------------------------------------------------------------------------------------------
# Building the output


def _version_ref(index: Index, provision: Provision, version: ProvisionVersion) -> VersionRef:
    return VersionRef(
        provision_id=provision.id,
        law_name=index.law_name(provision.law, version.effective_from),
        citation=cite_article(provision.article),
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        text=version.text,
        verified=version.verified,
    )


def _finish_reason(draft: Draft) -> str:
    if draft.status is Status.ALTERNATIVE:
        reason = "視待查事實而定：" + "；".join(unique_nonempty(draft.questions))
    elif draft.status is Status.APPLIED:
        reason = f"事實符合{draft.law_name}{draft.citation}之各構成要件"
    else:
        reason = draft.reason
    if draft.status in (Status.ALTERNATIVE, Status.APPLIED) and draft.reason:
        reason = f"{draft.reason}；{reason}"
    notes = unique_nonempty(draft.notes)
    if notes:
        reason += "。另：" + "；".join(notes)
    return reason


def to_suggestion(draft: Draft, index: Index) -> Suggestion:
    act_ref = _version_ref(index, *draft.act) if draft.act else None
    applied_ref = _version_ref(index, *draft.applied) if draft.applied else None
    penalty_text = describe_penalty(draft.penalty) if draft.penalty else ""
    if draft.not_punishable:
        penalty_text = "行為後之法律不罰"
    elif draft.factor != 1 and penalty_text:
        penalty_text += f"；依{'、'.join(draft.aggravation_citations)}加重其刑至二分之一"
    return Suggestion(
        rule_id=draft.rule_id,
        law_name=draft.law_name,
        citation=draft.citation,
        title=draft.title,
        status=draft.status,
        reason=_finish_reason(draft),
        act_version=act_ref,
        later_versions=tuple(_version_ref(index, p, v) for p, v in draft.later),
        applied_version=applied_ref,
        applied_basis=draft.basis,
        penalty=draft.penalty,
        penalty_text=penalty_text,
        flags=unique_nonempty(draft.flags),
        open_question="；".join(unique_nonempty(draft.questions)) if draft.status is Status.ALTERNATIVE else "",
        displaced_by=draft.displaced_by if draft.status is Status.DISPLACED else "",
        deadlines=tuple(draft.deadlines),
        elements=draft.elements,
        missing_facts=unique_nonempty(draft.missing),
    )


def support_suggestions(
    facts: Facts, index: Index, drafts: dict[str, Draft], evaluation_date: date
) -> list[tuple[SuggestionOrder, Suggestion]]:
    suggestions: list[tuple[SuggestionOrder, Suggestion]] = []
    for support in SUPPORT_RULES:
        linked = [drafts[rule_id] for rule_id in support.linked if rule_id in drafts and not drafts[rule_id].gap]
        if not linked:
            continue
        chain = index.chain(support.provision_id)
        located = version_on_day(chain, facts.act.last_day)
        if located is None:
            continue
        provision, version = located
        ctx = Context(facts, facts.act.last_day, provision, version, index.catalogue)
        if support.condition(ctx).met is not True:
            continue
        best = min(linked, key=lambda draft: (STATUS_ORDER[draft.status], draft.rule_id))
        slot = Slot(support.paragraph, support.subparagraph) if support.paragraph else None
        linked_names = "、".join(f"{draft.law_name}{draft.citation}" for draft in linked)
        reason = f"{support.reason}（所涉：{linked_names}）"
        if best.status is not Status.APPLIED:
            reason += f"；所涉之罪目前為「{STATUS_LABELS[best.status]}」"
        later = versions_after(chain, facts.act.last_day, evaluation_date)
        key = _sort_key(best.status, provision, slot, support.id)
        suggestion = Suggestion(
            rule_id=support.id,
            law_name=index.law_name(provision.law, version.effective_from),
            citation=_citation(index, provision, slot, version),
            title=support.title,
            status=best.status,
            reason=reason,
            act_version=_version_ref(index, provision, version),
            later_versions=tuple(_version_ref(index, p, v) for p, v in later),
            applied_version=_version_ref(index, provision, version),
            applied_basis="行為時法（本條不定刑罰，隨所涉之罪適用）",
            penalty=None,
            penalty_text=f"本條不定刑罰；依{linked_names}處斷",
            open_question=f"同{best.law_name}{best.citation}：{'；'.join(unique_nonempty(best.questions))}"
            if best.status is Status.ALTERNATIVE
            else "",
            displaced_by=best.displaced_by if best.status is Status.DISPLACED else "",
            elements=(ElementCheck(support.title, True, ("act.conducts", "information.kinds", "recipient.kind")),),
        )
        suggestions.append((key, suggestion))
    return suggestions
