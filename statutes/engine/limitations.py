"""Time limits of the criminal path, as pure date functions.

- 追訴權時效 (刑法第80條): the period follows the heaviest punishment (最重本刑) of the
  version that governs, counted from the day the offence was completed or, for a continuing
  act, from its end (第80條第2項). For acts before the 2005 revision of the Criminal Code took
  effect (2006-07-01), 刑法施行法第8條之1 compares the periods before and after the revision
  and applies the one most favourable to the offender.
- 告訴期間 (刑事訴訟法第237條第1項): six months from the day the person entitled to complain
  learned of the offender.

Suspension (刑法第83條: 起訴, 依法停止偵查, 通緝) is not modelled: the engine does not know
of it, so every deadline says that 第83條 may extend it. Periods are counted as 民法第120條、
第121條 count them (the first day is not counted; the period ends on the day before the
corresponding day), which lands on the same calendar date N years or months later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from statutes.catalogue.model import FineMode, Penalty
from statutes.dates import add_months
from statutes.engine.result import Deadline

__all__ = [
    "CRIMINAL_CODE_2005_IN_FORCE",
    "CRIMINAL_CODE_2019_SUSPENSION_IN_FORCE",
    "LimitationPeriod",
    "add_months",
    "add_years",
    "complaint_deadline",
    "new_law_period",
    "old_law_period",
    "prosecution_deadline",
]

# 「中華民國九十四年一月七日刑法修正施行」: the 2005 revision (promulgated 2005-02-02) took effect on
# 2006-07-01 (its 第80條 is in the catalogue from that day); 刑法施行法第8條之1 compares across it.
CRIMINAL_CODE_2005_IN_FORCE = date(2006, 7, 1)
# 「一百零八年十二月六日刑法修正施行」: the 2019 amendment of 第83條 (suspension: 四分之一 → 三分之一),
# in force 2020-01-02 per the catalogue; 刑法施行法第8條之1後段 compares across it too.
CRIMINAL_CODE_2019_SUSPENSION_IN_FORCE = date(2020, 1, 2)

SUSPENSION_NOTE = "本引擎未計入刑法第83條之停止進行（起訴、依法停止偵查或通緝），如有停止原因，時效應延長計算"


@dataclass(frozen=True)
class LimitationPeriod:
    """One bracket of 刑法第80條第1項 (current or before the 2005 revision)."""

    years: int
    subparagraph: int  # 款
    description: str  # zh-TW wording of the bracket


def add_years(day: date, years: int) -> date:
    """The corresponding day ``years`` later (29 February → 28 February in a common year)."""
    return add_months(day, 12 * years)


def _maximum_months(penalty: Penalty, factor: Fraction) -> Fraction | None:
    if penalty.imprisonment_max_months is not None:
        return penalty.imprisonment_max_months * factor
    if penalty.imprisonment_min_months is not None:  # 「N年以上有期徒刑」: up to 15 years (刑法第33條第3款)
        return 180 * factor
    return None


def new_law_period(penalty: Penalty, factor: Fraction = Fraction(1)) -> LimitationPeriod:
    """The 刑法第80條第1項 bracket (2005 text, in force 2006-07-01) for a paragraph's penalty.

    ``factor`` raises the maximum for an aggravation of the special part (e.g. 加重其刑至二分之一 → 3/2).
    """
    maximum = _maximum_months(penalty, factor)
    if penalty.death or penalty.life_imprisonment or (maximum is not None and maximum >= 120):
        return LimitationPeriod(30, 1, "最重本刑為死刑、無期徒刑或十年以上有期徒刑")
    if maximum is not None and maximum >= 36:
        return LimitationPeriod(20, 2, "最重本刑為三年以上十年未滿有期徒刑")
    if maximum is not None and maximum >= 12:
        return LimitationPeriod(10, 3, "最重本刑為一年以上三年未滿有期徒刑")
    return LimitationPeriod(5, 4, "最重本刑為一年未滿有期徒刑、拘役或罰金")


def old_law_period(penalty: Penalty, factor: Fraction = Fraction(1)) -> LimitationPeriod:
    """The bracket of 刑法第80條第1項 as in force before 2006-07-01 (not in the catalogue: see the basis text)."""
    maximum = _maximum_months(penalty, factor)
    if penalty.death or penalty.life_imprisonment or (maximum is not None and maximum >= 120):
        return LimitationPeriod(20, 1, "死刑、無期徒刑或十年以上有期徒刑")
    if maximum is not None and maximum >= 36:
        return LimitationPeriod(10, 2, "三年以上十年未滿有期徒刑")
    if maximum is not None and maximum >= 12:
        return LimitationPeriod(5, 3, "一年以上三年未滿有期徒刑")
    if maximum is not None and maximum > 0:
        return LimitationPeriod(3, 4, "一年未滿有期徒刑")
    return LimitationPeriod(1, 5, "拘役或罰金")


def _has_any_punishment(penalty: Penalty) -> bool:
    return (
        penalty.death
        or penalty.life_imprisonment
        or penalty.imprisonment_max_months is not None
        or penalty.imprisonment_min_months is not None
        or penalty.short_term_detention
        or penalty.fine_mode is not FineMode.NONE
    )


def prosecution_deadline(
    penalty: Penalty | None,
    *,
    act_last_day: date,
    evaluation_date: date,
    factor: Fraction = Fraction(1),
    aggravation_note: str = "",
) -> Deadline:
    """追訴權時效 for the paragraph that governs, counted from the act's last day (刑法第80條第2項).

    ``due`` is the last day of the period; ``passed`` is True when the evaluation date is after it.
    Acts before 2006-07-01 get the old periods where they are more favourable (刑法施行法第8條之1).
    """
    label = "追訴權時效完成"
    if penalty is None or not _has_any_punishment(penalty):
        return Deadline(label, None, "刑度資料不足，無法依刑法第80條計算追訴權時效", None)
    new = new_law_period(penalty, factor)
    new_due = add_years(act_last_day, new.years)
    start = f"自行為終了之日（{act_last_day.isoformat()}）起算（刑法第80條第2項）"
    aggravated = f"；{aggravation_note}" if aggravation_note else ""
    basis = f"刑法第80條第1項第{new.subparagraph}款：{new.description}，{new.years}年{aggravated}；{start}"
    due = new_due
    if act_last_day < CRIMINAL_CODE_2005_IN_FORCE:
        old = old_law_period(penalty, factor)
        old_due = add_years(act_last_day, old.years)
        old_text = (
            f"修正前刑法第80條第1項第{old.subparagraph}款（{old.description}）{old.years}年"
            "（修正前條文未收錄於目錄，期間依修正前第80條，請核對）"
        )
        if old_due < CRIMINAL_CODE_2005_IN_FORCE:
            due = old_due
            basis = (
                f"{old_text}；{start}；時效已於2005年修正之刑法施行（{CRIMINAL_CODE_2005_IN_FORCE.isoformat()}）前完成"
            )
        elif old_due <= new_due:
            due = old_due
            basis = (
                f"刑法施行法第8條之1：2005年修正之刑法施行（{CRIMINAL_CODE_2005_IN_FORCE.isoformat()}）前時效已進行而未完成，"
                f"比較修正前後條文，適用最有利於行為人之規定——{old_text}，較修正後第80條第1項第{new.subparagraph}款"
                f"（{new.years}年）有利{aggravated}；{start}；修正前規定「不行使而消滅」，其停止事由（修正前第83條）"
                "應一併綜合比較"
            )
        else:
            basis += f"；依刑法施行法第8條之1比較，修正後規定較有利（修正前：{old_text}）"
    if act_last_day < CRIMINAL_CODE_2019_SUSPENSION_IN_FORCE:
        basis += "；第83條停止進行規定之新舊比較，依刑法施行法第8條之1後段"
    basis += f"；{SUSPENSION_NOTE}"
    return Deadline(label, due, basis, evaluation_date > due)


def complaint_deadline(learned_on: date | None, evaluation_date: date) -> Deadline:
    """告訴期間: six months from the day the person entitled to complain learned of the offender."""
    label = "告訴期間屆滿"
    if learned_on is None:
        return Deadline(
            label,
            None,
            "刑事訴訟法第237條第1項：自得為告訴之人知悉犯人之時起，於六個月內為之；知悉日尚未查明，無法計算",
            None,
        )
    due = add_months(learned_on, 6)
    basis = (
        f"刑事訴訟法第237條第1項：自得為告訴之人知悉犯人之時（{learned_on.isoformat()}）起，於六個月內為之"
        "；得為告訴之人有數人者，各自計算（同條第2項）"
    )
    return Deadline(label, due, basis, evaluation_date > due)
