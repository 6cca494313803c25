"""資通安全事件 notification: :func:`cyber_incident_check` (資通安全管理法, 通報及應變辦法)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from statutes.catalogue.lookup import Catalogue
from statutes.engine.disciplinary.case import NATIONAL_SECRET_KINDS
from statutes.engine.disciplinary.citations import (
    CYBER_AWARD_PENALTY_RULES,
    CYBER_INCIDENT_REGULATIONS,
    CYBER_SECURITY_ACT,
    source_of,
)
from statutes.engine.facts import Facts, InformationKind, RespondentCategory
from statutes.engine.result import Deadline

CYBER_SECURITY_ACT_IN_FORCE = date(2019, 1, 1)
NOTIFICATION_WINDOW = timedelta(hours=1)  # 通報及應變辦法第4條第1項、第11條第1項
CONTAINMENT_WINDOW_LEVELS_3_4 = timedelta(hours=36)  # 通報及應變辦法第6條第1項第2款
CONTAINMENT_WINDOW_LEVELS_1_2 = timedelta(hours=72)  # 同項第1款


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}小時{minutes}分" if hours else f"{minutes}分"


# ---------------------------------------------------------------------------------------------
# 資通安全事件 notification


@dataclass(frozen=True)
class CyberIncidentCheck:
    """The agency's 資通安全事件 notification duty checked against the facts (empty when no incident).

    The duty is the agency's (資通安全管理法第14條), not the respondent's; its breach is dealt with by
    懲處 of the staff responsible (第19條), which is why :func:`disciplinary_paths` attaches it to the
    PERFORMANCE path. Callers may also show ``warnings`` at the top of a result.
    """

    reasons: tuple[str, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    warnings: tuple[str, ...] = ()
    missing_facts: tuple[str, ...] = ()


def cyber_incident_check(facts: Facts, catalogue: Catalogue, evaluation_date: date) -> CyberIncidentCheck:
    """Was the 資通安全事件 reported within one hour of 知悉 (通報及應變辦法第4條第1項)?

    Compares ``information.cyber_aware_at`` with ``cyber_notified_at``: a warning when the report was
    late, is not recorded, or the times cannot be compared; the 36/72-hour containment deadline of
    第6條 when the incident level follows from the kind of information.
    """
    information = facts.information
    if not information.cyber_security_incident:
        return CyberIncidentCheck()
    aware, notified = information.cyber_aware_at, information.cyber_notified_at
    on = aware.date() if aware is not None else facts.act.last_day
    reasons: list[str] = []
    deadlines: list[Deadline] = []
    warnings: list[str] = [
        "資通安全事件之通報為機關義務（不以被調查人為限），其違反依資通安全管理法第19條對相關人員懲戒或懲處，故列於考績懲處路徑。"
    ]
    missing: list[str] = []
    if on < CYBER_SECURITY_ACT_IN_FORCE:
        reasons.append("資通安全管理法自2019-01-01施行，知悉事件時尚無一小時通報之規定。")
        return CyberIncidentCheck(tuple(reasons), (), (), ())
    duty = source_of(catalogue, CYBER_SECURITY_ACT, "14", on)
    rule = source_of(catalogue, CYBER_INCIDENT_REGULATIONS, "4", on)
    penalty = source_of(catalogue, CYBER_SECURITY_ACT, "19", on)
    rules = source_of(catalogue, CYBER_AWARD_PENALTY_RULES, "4", on)
    reasons.append(f"{duty.quote(2)}；{rule.quote(1)}。")
    if facts.respondent.category is RespondentCategory.NON_CIVIL_SERVANT:
        vendor = source_of(catalogue, CYBER_INCIDENT_REGULATIONS, "11", on)
        reasons.append(f"事件如發生於受託之特定非公務機關，該機關另負通報義務：{vendor.quote(1)}。")
    late_basis = (
        f"相關人員得依{penalty.quote(1)}予以懲處（{rules.cite(None, 1, 7)}：資通安全事件之通報或應變作業未依規定辦理，"
        "情節重大者懲處；懲處前應給予申辯機會，同辦法第6條）。"
    )
    if aware is None:
        warnings.append("未記錄知悉資通安全事件之時間，無法檢核一小時通報時限；請查明並登錄知悉時間。")
        missing.append("information.cyber_aware_at")
    else:
        due = aware + NOTIFICATION_WINDOW
        deadlines.append(
            Deadline(
                label=f"資通安全事件通報時限：{_iso(due)}（知悉{_iso(aware)}後一小時內）",
                due=due.date(),
                basis=rule.cite(1),
                passed=evaluation_date > due.date(),
            )
        )
        deadlines.extend(_containment_deadline(facts, catalogue, aware, evaluation_date))
        if notified is None:
            warnings.append(
                f"無通報時間紀錄：應於{_iso(due)}以前通報。如確未通報，已逾時限，應立即通報"
                f"（無法依指定方式者，依{rule.cite(3)}以其他適當方式通報並註記事由）；{late_basis}"
            )
            missing.append("information.cyber_notified_at")
        elif (aware.tzinfo is None) != (notified.tzinfo is None):
            warnings.append("知悉時間與通報時間一有時區、一無時區，無法比較；請以含時區之時間登錄。")
        elif notified < aware:
            warnings.append(f"通報時間{_iso(notified)}早於知悉時間{_iso(aware)}，請確認紀錄。")
        elif notified - aware > NOTIFICATION_WINDOW:
            warnings.append(
                f"逾時通報：知悉{_iso(aware)}，通報{_iso(notified)}，相隔{_duration(notified - aware)}，"
                f"逾{rule.cite(1)}所定一小時；{late_basis}"
            )
        else:
            reasons.append(f"已於知悉後{_duration(notified - aware)}內通報，符合一小時之時限。")
    return CyberIncidentCheck(tuple(reasons), tuple(deadlines), tuple(warnings), tuple(missing))


def _containment_deadline(facts: Facts, catalogue: Catalogue, aware: datetime, evaluation_date: date) -> list[Deadline]:
    """通報及應變辦法第6條: 36 hours for 第三、四級; 72 hours for 第一、二級 (level from 第2條)."""
    kinds = set(facts.information.kinds)
    levels = source_of(catalogue, CYBER_INCIDENT_REGULATIONS, "2", aware.date())
    containment = source_of(catalogue, CYBER_INCIDENT_REGULATIONS, "6", aware.date())
    if InformationKind.CLASSIFIED in kinds:
        level = f"國家機密遭洩漏為第四級資通安全事件（{levels.cite(5, 1)}）"
    elif kinds & {InformationKind.GENERAL_OFFICIAL_SECRET, *NATIONAL_SECRET_KINDS}:
        level = (
            "一般公務機密或其他機密遭洩漏為第三級（輕微）或第四級（嚴重）資通安全事件"
            f"（{levels.cite(4, 1)}、{levels.cite(5, 1)}）"
        )
    else:
        return [
            Deadline(
                label=(
                    "損害控制或復原作業：第一、二級事件知悉後七十二小時內，第三、四級事件三十六小時內"
                    "（事件等級未定，無從計算）"
                ),
                due=None,
                basis=containment.cite(1),
            )
        ]
    due = aware + CONTAINMENT_WINDOW_LEVELS_3_4
    return [
        Deadline(
            label=f"損害控制或復原作業時限：{_iso(due)}（{level}，知悉後三十六小時內）",
            due=due.date(),
            basis=containment.cite(1, 2),
            passed=evaluation_date > due.date(),
        ),
        Deadline(
            label="送交調查、處理及改善報告：完成損害控制或復原作業後一個月內（完成日未登錄，無從計算）",
            due=None,
            basis=containment.cite(2),
        ),
    ]
