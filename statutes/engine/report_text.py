"""A plain-text (zh-TW) rendering of an evaluation, for ``flask suggest --format text``."""

from __future__ import annotations

from statutes.engine.result import Deadline, EvaluationResult, Suggestion
from statutes.vocabulary import PATH as PATH_LABELS
from statutes.vocabulary import STATUS as STATUS_LABELS


def _deadline(deadline: Deadline) -> str:
    due = deadline.due.isoformat() if deadline.due else "（尚無法計算）"
    passed = "，已屆滿" if deadline.passed else ""
    return f"{deadline.label}：{due}{passed}（{deadline.basis}）"


def _suggestion(suggestion: Suggestion) -> list[str]:
    lines = [
        f"【{STATUS_LABELS[suggestion.status]}】{suggestion.law_name}{suggestion.citation}"
        + (f"（{suggestion.title}）" if suggestion.title else ""),
        f"  理由：{suggestion.reason}",
    ]
    if suggestion.applied_version:
        version = suggestion.applied_version
        end = version.effective_to.isoformat() if version.effective_to else "現行"
        lines.append(f"  適用版本：{version.effective_from.isoformat()}–{end}（{suggestion.applied_basis}）")
    if suggestion.later_versions:
        lines.append("  行為後修正：" + "、".join(v.effective_from.isoformat() for v in suggestion.later_versions))
    if suggestion.penalty_text:
        lines.append(f"  刑度：{suggestion.penalty_text}")
    if suggestion.flags:
        lines.append("  注意：" + "、".join(suggestion.flags))
    if suggestion.open_question:
        lines.append(f"  待查明：{suggestion.open_question}")
    if suggestion.displaced_by:
        lines.append(f"  由此排除：{suggestion.displaced_by}")
    lines += [f"  期限：{_deadline(deadline)}" for deadline in suggestion.deadlines]
    if suggestion.missing_facts:
        lines.append("  尚缺事實：" + "、".join(suggestion.missing_facts))
    return lines


def format_result_text(result: EvaluationResult) -> str:
    """The whole evaluation as text: provisions, then disciplinary paths."""
    lines = [
        f"建議引擎 {result.engine_version}　評估基準日 {result.evaluated_on.isoformat()}"
        f"　行為終了日 {result.act_last_day.isoformat()}",
        "",
        "一、可能適用之條文",
    ]
    for suggestion in result.suggestions:
        lines += _suggestion(suggestion)
    if not result.suggestions:
        lines.append("  （依目前事實，無可建議之條文）")
    lines += ["", "二、處理途徑"]
    for path in result.paths:
        lines.append(f"【{PATH_LABELS[path.applicable]}】{path.title}")
        lines += [f"  理由：{reason}" for reason in path.reasons]
        lines += [f"  選項：{option}" for option in path.options]
        lines += [f"  步驟：{step}" for step in path.steps]
        lines += [f"  期限：{_deadline(deadline)}" for deadline in path.deadlines]
        lines += [f"  警示：{warning}" for warning in path.warnings]
        if path.missing_facts:
            lines.append("  尚缺事實：" + "、".join(path.missing_facts))
    if result.open_questions:
        lines += ["", "三、待查明事項"] + [f"  ・{question}" for question in result.open_questions]
    if result.warnings:
        lines += ["", "注意事項"] + [f"  ・{warning}" for warning in result.warnings]
    return "\n".join(lines)
