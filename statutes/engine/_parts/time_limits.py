"""Time limits: 追訴權時效 and, for 告訴乃論 offences, the complaint period."""

from __future__ import annotations

from datetime import date

from statutes.engine._parts.draft import Draft
from statutes.engine.facts import Facts
from statutes.engine.limitations import complaint_deadline, prosecution_deadline
from statutes.engine.result import Deadline, Status

# ---------------------------------------------------------------------------------------------
# Time limits


def apply_time_limits(draft: Draft, facts: Facts, evaluation_date: date) -> None:
    if draft.gap or draft.not_punishable:
        if draft.gap:
            draft.deadlines.append(
                Deadline("追訴權時效完成", None, "行為時法律不在目錄中，無法依刑法第80條計算追訴權時效", None)
            )
        return
    aggravation_note = ""
    if draft.limitation_factor != 1:
        aggravation_note = f"依{'、'.join(draft.aggravation_citations)}加重後之最重本刑計算（分則加重）"
    limitation = prosecution_deadline(
        draft.penalty,
        act_last_day=facts.act.last_day,
        evaluation_date=evaluation_date,
        factor=draft.limitation_factor,
        aggravation_note=aggravation_note,
    )
    draft.deadlines.append(limitation)
    complaint: Deadline | None = None
    if draft.complaint_required is not False:
        complaint = complaint_deadline(facts.complaint.learned_offender_on, evaluation_date)
        draft.deadlines.append(complaint)
        if draft.complaint_required:
            draft.flags.insert(
                0, f"告訴乃論（{draft.complaint_basis}）；告訴期間：知悉犯人之時起六個月（刑事訴訟法第237條第1項）"
            )
        else:
            draft.flags.insert(0, f"是否告訴乃論，視待查事實而定（{draft.complaint_basis}）")
        if facts.complaint.learned_offender_on is None:
            draft.missing.append("complaint.learned_offender_on")
    if draft.status not in (Status.APPLIED, Status.ALTERNATIVE):
        return
    if limitation.passed:
        draft.status = Status.BARRED
        draft.reason = (
            f"追訴權時效已於{limitation.due.isoformat() if limitation.due else ''}完成"
            f"（評估基準日{evaluation_date.isoformat()}；{limitation.basis}）；除有刑法第83條停止原因外，不能追訴"
        )
        return
    if complaint is not None:
        _apply_complaint(draft, facts, evaluation_date, complaint)


def _apply_complaint(draft: Draft, facts: Facts, evaluation_date: date, complaint: Deadline) -> None:
    """告訴乃論: not filed within six months → barred; unknown → alternative naming the question."""
    due = complaint.due.isoformat() if complaint.due else ""
    filed, filed_on = facts.complaint.filed, facts.complaint.filed_on
    depends = draft.complaint_question or "是否屬告訴乃論之罪？"
    if filed is True:
        if complaint.due is not None and filed_on is not None and filed_on > complaint.due:
            if draft.complaint_required:
                draft.status = Status.BARRED
                draft.reason = f"告訴逾期：告訴期間於{due}屆滿，告訴於{filed_on.isoformat()}始提出（{complaint.basis}）"
            else:
                draft.questions.append(f"{depends}（如屬告訴乃論，告訴已逾期）")
                draft.status = Status.ALTERNATIVE
            return
        draft.flags.append(f"已提出告訴{'（' + filed_on.isoformat() + '）' if filed_on else ''}")
        return
    if complaint.passed:
        if draft.complaint_required and filed is False:
            draft.status = Status.BARRED
            draft.reason = (
                f"告訴乃論之罪未經合法告訴：告訴期間已於{due}屆滿，"
                f"迄評估基準日{evaluation_date.isoformat()}未提出告訴（{complaint.basis}）"
            )
            return
        if draft.complaint_required:
            draft.questions.append(f"告訴權人是否已於{due}前提出告訴？")
            draft.missing.append("complaint.filed")
        else:
            draft.questions.append(f"{depends}（如屬告訴乃論，告訴期間已於{due}屆滿）")
        draft.status = Status.ALTERNATIVE
        return
    if complaint.due is not None:
        draft.flags.append(f"尚未提出告訴：告訴期間至{due}屆滿")
    if filed is None:
        draft.missing.append("complaint.filed")
