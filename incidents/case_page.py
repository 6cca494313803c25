"""The case page (templates/incidents/detail.html), assembled in one place.

:func:`case_page` reads everything the page shows once, through the services,
and hands the template plain values: the template runs no query and no access
check. The detail view and every refused form posted from the page (an
upload, a note, the assigned officers) call it, the latter with their refused
form in place of an empty one, so the page looks the same whichever way it was
reached.

Writing the ``incident_viewed`` audit entry is the caller's part (see
incidents.routes.show_case_page): building the page reads, it does not log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from accounts.forms import ROLE_LABELS
from accounts.models import User
from core.clock import taipei_today
from facts import labels as vocabulary  # the engine's labels, one copy for every page
from incidents import forms
from incidents.evidence_forms import EvidenceUploadForm, NoteForm, active_content_warning, upload_hint
from incidents.filetypes import extensions_for
from incidents.models import CaseStatus, Decision, Incident, Recusal, Respondent
from incidents.recommendation_forms import ACTION_LABELS
from incidents.services import access, national_id, recommendations
from incidents.services.assignments import assignable_officers, recusal_problem, recusals_of
from incidents.services.evidence import list_evidence
from incidents.services.notes import timeline

__all__ = ["CasePage", "case_page", "file_kind", "file_size"]

# Labels of the facts document's values, for the facts section of the page.
FACT_LABELS: dict[str, dict[Any, Any]] = {
    "conduct": vocabulary.CONDUCT,
    "intent": vocabulary.INTENT,
    "kind": vocabulary.KIND,
    "level": vocabulary.LEVEL,
    "recipient": vocabulary.RECIPIENT,
}
# Suggestions the case page lists per respondent (the full list is on the respondent's page).
LISTED_STATUSES = ("applied", "alternative")


@dataclass(frozen=True)
class YearRecord:
    label: str
    count: int
    on: date | None


@dataclass(frozen=True)
class RespondentRow:
    id: int
    name: str
    masked_national_id: str
    position: str
    category: str
    rank_class: str
    grade: int | None
    service_start: date | None
    service_end: date | None
    year_records: list[YearRecord]
    complaint: ComplaintFacts
    account_name: str  # the respondent's own account here (recused from the case), or ""


@dataclass(frozen=True)
class ComplaintFacts:
    """A respondent's 告訴 as stated (for 告訴乃論 offences): None where not yet known."""

    complainant: str
    learned_offender_on: date | None
    filed: bool | None
    filed_on: date | None


@dataclass(frozen=True)
class RecusalRow:
    """Who is recused from the case, why and since when (shown to everyone who sees the case)."""

    name: str  # display name and username
    roles: str  # the roles the account holds, e.g. 「承辦人」
    reason: str
    declared_at: datetime


@dataclass(frozen=True)
class SuggestionLine:
    status: str
    status_label: str
    law_name: str
    citation: str
    title: str


@dataclass(frozen=True)
class DraftLine:
    saved_at: datetime
    accepted: int
    edited: int
    rejected: int
    pending: int
    action_label: str  # "" while no action is chosen


@dataclass(frozen=True)
class SummaryRow:
    """One respondent's suggestions now, and the state of the saved draft."""

    respondent_id: int
    respondent_name: str
    evaluated: bool
    problem: str  # why there is no result (missing facts, empty catalogue …)
    suggestions: list[SuggestionLine]
    draft: DraftLine | None
    changed: bool  # facts or suggestions changed since the draft was saved


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    original_name: str
    description: str
    kind: str
    size: str
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    warning: str  # active content in the file (a PDF with JavaScript …), or ""


@dataclass(frozen=True)
class NoteRow:
    note_date: date
    author: str
    created_at: datetime
    body: str


@dataclass(frozen=True)
class CasePage:
    """Everything templates/incidents/detail.html shows, as plain values (and the page's forms)."""

    id: int
    case_number: str
    title: str
    status_label: str
    classification_label: str
    is_draft: bool
    agency_name: str
    unit_name: str
    source_label: str
    reported_date: date | None
    discovered_date: date | None
    act_start: date | None
    act_end: date | None
    cyber_security_incident: bool
    cyber_aware_at: datetime | None
    cyber_notified_at: datetime | None
    created_by: str
    created_at: datetime
    summary: str
    facts: dict[str, Any]
    fact_labels: dict[str, dict[Any, Any]]
    can_edit: bool
    respondents: list[RespondentRow]
    summaries: list[SummaryRow]
    assignees: list[str]  # shown to those who may not change them
    no_officer: bool  # nobody is assigned (e.g. the only officer recused): the page warns
    recusals: list[RecusalRow]
    recusal_problem: str  # why the viewer may not recuse ("" if they may)
    evidence: list[EvidenceRow]
    max_upload_mb: int
    notes: list[NoteRow]
    recusal_form: FlaskForm
    confirm_form: FlaskForm
    # Only for those who may use them:
    assignment_form: FlaskForm | None = None
    upload_form: FlaskForm | None = None
    note_form: FlaskForm | None = None


def case_page(
    incident: Incident,
    *,
    viewer: User,
    upload_form: EvidenceUploadForm | None = None,
    note_form: NoteForm | None = None,
    assignment_form: forms.AssignmentForm | None = None,
) -> CasePage:
    """The case page for ``viewer``, who may see ``incident`` (the caller checked).

    A refused form passed here is shown with its messages and what was typed,
    with its first field in error focused (browsers scroll a focused field into
    view, so the message is on screen without any script); the other forms are
    empty ones.
    """
    can_edit = access.can_edit(viewer, incident)
    max_upload_mb: int = current_app.config["MAX_UPLOAD_MB"]
    if can_edit:
        upload_form = upload_form if upload_form is not None else EvidenceUploadForm(formdata=None)
        upload_form.file.description = upload_hint(max_upload_mb)
        note_form = note_form if note_form is not None else NoteForm(formdata=None)
        for form in (upload_form, note_form):
            _focus_first_error(form)
    else:
        upload_form = note_form = None
    return CasePage(
        id=incident.id,
        case_number=incident.case_number,
        title=incident.title,
        status_label=str(forms.STATUS[incident.status]),
        classification_label=str(forms.RECORD_CLASSIFICATION[incident.classification]),
        is_draft=incident.status == CaseStatus.DRAFT,
        agency_name=incident.agency.name,
        unit_name=incident.unit.name if incident.unit else "",
        source_label=str(forms.SOURCE[incident.source]),
        reported_date=incident.reported_date,
        discovered_date=incident.discovered_date,
        act_start=incident.act_start,
        act_end=incident.act_end,
        cyber_security_incident=incident.cyber_security_incident,
        cyber_aware_at=incident.cyber_aware_at,
        cyber_notified_at=_iso_moment((incident.facts or {}).get("information", {}).get("cyber_notified_at")),
        created_by=incident.created_by.display_name,
        created_at=incident.created_at,
        summary=incident.summary,
        facts=dict(incident.facts or {}),
        fact_labels=FACT_LABELS,
        can_edit=can_edit,
        respondents=[_respondent_row(respondent) for respondent in incident.respondents],
        summaries=[_summary_row(summary) for summary in recommendations.summaries(incident, today=taipei_today())],
        assignees=sorted(assignment.user.display_name for assignment in incident.assignments),
        no_officer=not incident.assignments,
        recusals=[_recusal_row(recusal) for recusal in recusals_of(incident)],
        recusal_problem=recusal_problem(incident, viewer),
        evidence=[
            EvidenceRow(
                id=item.id,
                original_name=item.original_name,
                description=item.description,
                kind=file_kind(item.content_type),
                size=file_size(item.size),
                sha256=item.sha256,
                uploaded_by=item.uploaded_by.display_name,
                uploaded_at=item.uploaded_at,
                warning=active_content_warning(item.active_content),
            )
            for item in list_evidence(incident)
        ],
        max_upload_mb=max_upload_mb,
        notes=[
            NoteRow(
                note_date=note.note_date, author=note.author.display_name, created_at=note.created_at, body=note.body
            )
            for note in timeline(incident)
        ],
        recusal_form=forms.RecusalForm(formdata=None),
        confirm_form=forms.ConfirmForm(formdata=None),
        assignment_form=_assignment_form(incident, assignment_form)
        if access.can_manage_assignments(viewer, incident)
        else None,
        upload_form=upload_form,
        note_form=note_form,
    )


def _focus_first_error(form: FlaskForm) -> None:
    """``autofocus`` on the form's first field in error (or its first field, if only the form is in error)."""
    if not form.errors:
        return
    fields = [f for f in form if f.type not in ("CSRFTokenField", "HiddenField")]
    target = next((f for f in fields if f.errors), fields[0] if fields else None)
    if target is not None:
        target.render_kw = {**(target.render_kw or {}), "autofocus": True}


def _assignment_form(incident: Incident, refused: forms.AssignmentForm | None) -> FlaskForm:
    """The form as stored now, or a refused one as it was posted (its boxes and the version it was shown at)."""
    form = refused if refused is not None else forms.AssignmentForm(formdata=None)
    candidates = {user.id: user for user in assignable_officers(incident.agency_id, incident)}
    candidates.update({a.user_id: a.user for a in incident.assignments})
    form.assignees.choices = [
        SelectChoice(user.id, f"{user.display_name}（{user.username}）")
        for user in sorted(candidates.values(), key=lambda user: (user.display_name, user.username))
    ]
    if refused is None:
        form.assignees.data = sorted(incident.assignee_ids)
        form.version.data = str(incident.assignments_version)
    _focus_first_error(form)
    return form


def _label(labels: Mapping[str, Any], value: object) -> str:
    return str(labels.get(value, "")) if isinstance(value, str) else ""


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso_moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _respondent_row(respondent: Respondent) -> RespondentRow:
    facts = respondent.facts or {}
    complaint = facts.get("complaint") or {}
    return RespondentRow(
        id=respondent.id,
        name=respondent.name,
        masked_national_id=national_id.mask(respondent.national_id),
        position=respondent.position,
        category=_label(vocabulary.CATEGORY, facts.get("category")),
        rank_class=_label(vocabulary.RANK_CLASS, facts.get("rank_class")) if facts.get("rank_class") else "",
        grade=facts.get("grade") or None,
        service_start=_iso_date(facts.get("service_start")),
        service_end=_iso_date(facts.get("service_end")),
        year_records=[
            YearRecord(
                label=_label(vocabulary.RECORD, item.get("kind")),
                count=item.get("count", 1),
                on=_iso_date(item.get("on")),
            )
            for item in facts.get("year_records", [])
        ],
        complaint=ComplaintFacts(
            complainant=complaint.get("complainant") or "",
            learned_offender_on=_iso_date(complaint.get("learned_offender_on")),
            filed=complaint.get("filed"),
            filed_on=_iso_date(complaint.get("filed_on")),
        ),
        account_name=respondent.user.display_name if respondent.user else "",
    )


def _recusal_row(recusal: Recusal) -> RecusalRow:
    user = recusal.user
    return RecusalRow(
        name=f"{user.display_name}（{user.username}）",
        roles="、".join(str(ROLE_LABELS[role]) for role in sorted(user.roles)),
        reason=recusal.reason,
        declared_at=recusal.declared_at,
    )


def _summary_row(summary: recommendations.DraftSummary) -> SummaryRow:
    result = summary.evaluation.result
    draft = summary.draft
    return SummaryRow(
        respondent_id=summary.respondent.id,
        respondent_name=summary.respondent.name,
        evaluated=result is not None,
        problem=summary.evaluation.problem,
        suggestions=[
            SuggestionLine(
                status=s.status,
                status_label=str(vocabulary.STATUS[s.status]),
                law_name=s.law_name,
                citation=s.citation,
                title=s.title,
            )
            for s in (result.suggestions if result else ())
            if s.status in LISTED_STATUSES
        ],
        draft=DraftLine(
            saved_at=draft.saved_at,
            accepted=summary.count(Decision.ACCEPTED),
            edited=summary.count(Decision.EDITED),
            rejected=summary.count(Decision.REJECTED),
            pending=summary.count(Decision.PENDING),
            action_label=str(ACTION_LABELS[draft.action]) if draft.action else "",
        )
        if draft
        else None,
        changed=bool(summary.changes),
    )


def file_size(size: int) -> str:
    """1234567 → "1.2 MB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def file_kind(content_type: str) -> str:
    """A short name of a recorded content type: its usual extension, e.g. "PDF", "DOCX"."""
    extensions = extensions_for(content_type)
    return extensions[0].lstrip(".").upper() if extensions else content_type
