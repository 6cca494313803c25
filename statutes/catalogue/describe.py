"""Plain zh-TW wording of structured penalties, for pages and case files."""

from __future__ import annotations

from statutes.catalogue.model import FineMode, Penalty


def _months(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}月"
    return f"{years}年" if years else f"{rest}月"


def _money(amount: int) -> str:
    return f"新臺幣{amount:,}元"


def describe_penalty(penalty: Penalty) -> str:
    """E.g. 「一年以下有期徒刑、拘役或罰金（新臺幣9,000元以下）」; empty if the paragraph sets no range."""
    parts = _terms(penalty)
    fine = _fine(penalty) if penalty.fine_mode is not FineMode.NONE else ""
    if penalty.fine_mode is FineMode.ALTERNATIVE or (penalty.fine_mode is FineMode.ONLY and not parts):
        parts.append(fine)
    # 「一年以下有期徒刑、拘役或罰金」: the last alternative is joined with 或.
    choices = "、".join(parts[:-1]) + "或" + parts[-1] if len(parts) > 1 else "".join(parts)
    joined = {
        FineMode.INSTEAD_OR_ADD: f"{choices}，得科或併科{fine}",
        FineMode.MAY_ADD: f"{choices}，得併科{fine}",
        FineMode.MUST_ADD: f"{choices}，併科{fine}",
    }.get(penalty.fine_mode, choices)
    extras = [
        text
        for flag, text in (
            (penalty.aggravation == "up_to_half", "加重其刑至二分之一"),
            (penalty.attempt_punishable, "未遂犯罰之"),
            (penalty.complaint_required, "告訴乃論"),
        )
        if flag
    ]
    return "；".join(part for part in [joined, *extras] if part)


def _terms(penalty: Penalty) -> list[str]:
    """The punishments other than the fine, heaviest first."""
    parts: list[str] = []
    if penalty.death:
        parts.append("死刑")
    if penalty.life_imprisonment:
        parts.append("無期徒刑")
    low, high = penalty.imprisonment_min_months, penalty.imprisonment_max_months
    if low and high:
        parts.append(f"{_months(low)}以上{_months(high)}以下有期徒刑")
    elif high:
        parts.append(f"{_months(high)}以下有期徒刑")
    elif low:
        parts.append(f"{_months(low)}以上有期徒刑")
    if penalty.short_term_detention:
        parts.append("拘役")
    return parts


def _fine(penalty: Penalty) -> str:
    """The fine: its range, the 刑法施行法 conversion and the gain-based increase."""
    if penalty.fine_min and penalty.fine_max:
        fine = f"{_money(penalty.fine_min)}以上{penalty.fine_max:,}元以下罰金"
    elif penalty.fine_max:
        fine = f"{_money(penalty.fine_max)}以下罰金"
    else:
        fine = "罰金"
    if penalty.fine_multiplier != 1 and penalty.fine_max_as_written:
        fine += f"（條文原寫{penalty.fine_max_as_written:,}元，依刑法施行法第1條之1提高為{penalty.fine_multiplier}倍）"
    if penalty.fine_gain_multiple:
        fine += f"；所得利益超過罰金最多額時，得於所得利益之{penalty.fine_gain_multiple}倍範圍內酌量加重"
    return fine
