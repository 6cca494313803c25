"""The PERFORMANCE path (公務人員考績法): level, procedure, the year's ledger, remedies, 資安通報."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from statutes.catalogue.model import cite_article
from statutes.engine.disciplinary.case import NATIONAL_SECRET_KINDS, Builder, Case, years_after
from statutes.engine.disciplinary.citations import (
    APPRAISAL_ACT,
    APPRAISAL_RULES,
    DISCIPLINE_ACT,
    DISCIPLINE_ACT_2020_IN_FORCE,
    PROTECTION_ACT,
    Source,
)
from statutes.engine.disciplinary.cyber import cyber_incident_check
from statutes.engine.facts import Conduct, Intent, RecordKind, RespondentCategory
from statutes.engine.ledger import SETTLEMENT_NOTE, Ledger, kind_label
from statutes.engine.result import Deadline, DisciplinaryPath, PathKind

PERFORMANCE_TITLE = "考績懲處（公務人員考績法）"


class AppraisalLevel(StrEnum):
    """考績懲處 levels the engine can recommend (names as in the glossary)."""

    REPRIMAND = "appraisal_reprimand"  # 申誡
    DEMERIT = "appraisal_demerit"  # 記過
    MAJOR_DEMERIT = "appraisal_major_demerit"  # 記大過（平時考核）
    TWO_MAJOR_DEMERITS = "appraisal_two_major_demerits"  # 一次記二大過（專案考績，免職）


APPRAISAL_LABELS = {
    AppraisalLevel.REPRIMAND: "申誡",
    AppraisalLevel.DEMERIT: "記過",
    AppraisalLevel.MAJOR_DEMERIT: "記大過",
    AppraisalLevel.TWO_MAJOR_DEMERITS: "一次記二大過",
}
LEDGER_KIND = {
    AppraisalLevel.REPRIMAND: RecordKind.REPRIMAND,
    AppraisalLevel.DEMERIT: RecordKind.DEMERIT,
    AppraisalLevel.MAJOR_DEMERIT: RecordKind.MAJOR_DEMERIT,
}

LEAK_CONDUCTS = frozenset({Conduct.DISCLOSE, Conduct.DELIVER})  # 「洩漏」 in 考績法第12條第3項第2款


# ---------------------------------------------------------------------------------------------
# PERFORMANCE: 公務人員考績法


def performance_path(case: Case) -> DisciplinaryPath:
    builder = Builder()
    applicable = _appraisal_subject(case, builder)
    if applicable:
        _appraisal_time_limit(case, builder)
        level = _recommend_level(case, builder)
        _appraisal_procedure(case, builder, level)
        year_dismissal = _ledger(case, builder, level)
        _appraisal_remedies(case, builder, level, year_dismissal)
        _lapse_after_discipline(case, builder)
    cyber = cyber_incident_check(case.facts, case.catalogue, case.evaluation_date)
    builder.reasons.extend(cyber.reasons)
    builder.deadlines.extend(cyber.deadlines)
    builder.warnings.extend(cyber.warnings)
    for fact in cyber.missing_facts:
        builder.need(fact)
    return builder.build(PathKind.PERFORMANCE, PERFORMANCE_TITLE, applicable)


def _appraisal_time_limit(case: Case, builder: Builder) -> None:
    """考績法 sets no time limit for 懲處; 釋字第583號 required one by analogy to 懲戒. Flag long delays."""
    years = 10 if case.evaluation_date > years_after(case.act_end, 10) else 5
    if case.evaluation_date <= years_after(case.act_end, 5):
        return
    builder.warnings.append(
        f"行為終了日{case.act_end.isoformat()}迄評估基準日已逾{years}年：公務人員考績法未定懲處權行使期間，"
        "司法院釋字第583號解釋要求於修法前類推適用公務員懲戒法之懲戒權行使期間；2016年懲戒法修正後之類推方式"
        "（各懲處對應之期間），請依銓敘部函釋確認，逾期者不得懲處。"
    )


def _appraisal_subject(case: Case, builder: Builder) -> bool:
    """考績法 applies to 依法任用之公務人員 in service only."""
    category = case.facts.respondent.category
    twelfth = case.source(APPRAISAL_ACT, "12", case.act_end)
    if category is RespondentCategory.CIVIL_SERVANT and not case.left_service:
        builder.reasons.append(
            f"被調查人為依法任用之公務人員，適用公務人員考績法之平時考核及專案考績（{twelfth.cite(1)}）。"
        )
        return True
    why = {
        RespondentCategory.POLITICAL_APPOINTEE: (
            "政務人員非依公務人員任用法任用，不辦理考績，不適用公務人員考績法；其責任循懲戒途徑。"
        ),
        RespondentCategory.CONTRACT_EMPLOYEE: (
            "約聘僱人員非依公務人員任用法任用之公務人員，不適用公務人員考績法；其獎懲依聘僱契約及"
            "聘用人員聘用條例、行政院所屬機關約僱人員僱用辦法與機關規定辦理（均未收錄於法規目錄）。"
            "聘用、僱用人員之權益救濟準用公務人員保障法（該法第102條，未收錄於法規目錄，請查明）。"
        ),
        RespondentCategory.FORMER_CIVIL_SERVANT: (
            "被調查人已離職，無從辦理平時考核或專案考績；任職期間之行為得依公務員懲戒法第1條第2項移送懲戒。"
        ),
        RespondentCategory.NON_CIVIL_SERVANT: "被調查人非公務人員，不適用公務人員考績法。",
        RespondentCategory.ACTIVE_MILITARY: (
            "現役軍人之考績及懲罰另依陸海空軍軍官士官考績條例、陸海空軍懲罰法辦理（未收錄於法規目錄），不適用公務人員考績法。"
        ),
    }.get(category, "被調查人已離職，無從辦理平時考核或專案考績；任職期間之行為得依公務員懲戒法第1條第2項移送懲戒。")
    builder.reasons.append(why)
    return False


@dataclass(frozen=True)
class _Element:
    """One element of 考績法第12條第3項第2款 and what the facts say about it."""

    words: str
    met: bool | None
    fact: str


def _two_major_elements(case: Case) -> tuple[str, tuple[_Element, ...]]:
    """The branch of 第12條第3項第2款 the conduct fits (洩漏職務上之機密 or 怠忽職責) and its elements."""
    act, harm = case.facts.act, case.facts.harm
    conducts = set(act.conducts)
    damage = _Element("致政府遭受重大損害", harm.serious_government_damage, "harm.serious_government_damage")
    evidence = _Element("有確實證據", harm.conclusive_evidence, "harm.conclusive_evidence")
    if Conduct.LOSE_OR_DAMAGE in conducts and not conducts & LEAK_CONDUCTS:
        conduct = _Element("行為屬怠忽職責（遺失或毀損）", True, "act.conducts")
        return "怠忽職責", (conduct, damage, evidence)
    leak = True if conducts & LEAK_CONDUCTS else (False if conducts else None)
    conduct = _Element("行為屬洩漏（洩漏或交付）", leak, "act.conducts")
    duty = _Element("所洩漏者為職務上之機密（因職務知悉或持有）", act.known_through_duty, "act.known_through_duty")
    return "洩漏職務上之機密", (conduct, duty, damage, evidence)


def _recommend_level(case: Case, builder: Builder) -> AppraisalLevel:
    """一次記二大過 only on 第12條第3項第2款; otherwise 記大過 (施行細則第13條) or 記過／申誡 (機關標準)."""
    twelfth = case.source(APPRAISAL_ACT, "12", case.act_end)
    rules = case.source(APPRAISAL_RULES, "13", case.act_end)
    if twelfth.version is None:
        twelfth = case.source(APPRAISAL_ACT, "12", case.evaluation_date)
        builder.warnings.append(
            "行為時之考績法第12條未收錄於法規目錄（2001-06-22以前），以下依現行條文判斷，請查明行為時條文。"
        )
    _compare_versions(case, builder, (twelfth, case.source(APPRAISAL_ACT, "12", case.evaluation_date)))
    _compare_versions(case, builder, (rules, case.source(APPRAISAL_RULES, "13", case.evaluation_date)))
    branch, elements = _two_major_elements(case)
    builder.reasons.append(f"一次記二大過之事由以法定者為限：{twelfth.quote(3)}。")
    checked = []
    for element in elements:
        checked.append(f"{element.words}：{ {True: '符合', False: '不符合', None: '尚未查明'}[element.met] }")
        if element.met is None:
            builder.need(element.fact)
    met = False if any(e.met is False for e in elements) else (True if all(e.met for e in elements) else None)
    builder.reasons.append(f"第12條第3項第2款（{branch}）之要件：{'；'.join(checked)}。")
    builder.levels = [AppraisalLevel.REPRIMAND.value, AppraisalLevel.DEMERIT.value, AppraisalLevel.MAJOR_DEMERIT.value]
    if met:
        builder.options.append(
            f"建議等次：一次記二大過（專案考績），依{twelfth.quote(3, 2)}；"
            f"一次記二大過者免職（{twelfth.quote(1, 2, 2)}）。"
        )
        builder.levels.append(AppraisalLevel.TWO_MAJOR_DEMERITS.value)
        builder.recommended_level = AppraisalLevel.TWO_MAJOR_DEMERITS.value
        return AppraisalLevel.TWO_MAJOR_DEMERITS
    facts = case.facts
    heavy = bool(set(facts.information.kinds) & NATIONAL_SECRET_KINDS) or facts.harm.serious_government_damage is True
    intent = facts.act.intent
    major = f"{rules.quote(1, 2, 4)}；{rules.quote(1, 2, 2)}"
    own_standards = (
        f"主管機關得另訂記一大過標準（{rules.cite(2)}），申誡、記過之標準由各機關自行訂定（{rules.quote(3)}）"
    )
    if intent is Intent.INTENTIONAL:
        level = AppraisalLevel.MAJOR_DEMERIT
        why = f"故意洩密：{major}。"
    elif intent is Intent.NEGLIGENT and heavy:
        level = AppraisalLevel.MAJOR_DEMERIT
        why = f"過失洩漏國家機密或致重大損害：如屬重大過失，{major}；如僅輕過失，依機關標準記過。"
    elif intent is Intent.NEGLIGENT:
        level = AppraisalLevel.DEMERIT
        why = f"過失洩密而無重大損害：依機關獎懲標準記過，情節輕微者申誡；{own_standards}。"
    else:
        builder.need("act.intent")
        level = AppraisalLevel.MAJOR_DEMERIT if heavy else AppraisalLevel.DEMERIT
        why = (
            f"故意或過失尚未查明：故意或重大過失者記大過（{rules.cite(1, 2, 4)}），輕過失者依機關標準記過或申誡"
            f"（{rules.cite(3)}）；暫以{APPRAISAL_LABELS[level]}估算。"
        )
    builder.recommended_level = level.value
    builder.options.append(f"建議等次：{APPRAISAL_LABELS[level]}（平時考核）。{why}")
    if met is None:
        builder.options.append(
            "待查明上列要件：如均符合，得改為一次記二大過（專案考績，免職）；未查明前不得為一次記二大過處分。"
        )
    else:
        builder.reasons.append(
            f"第12條第3項第2款之要件不符合，不得一次記二大過（{twelfth.cite(3)}「非有左列情形之一者」）。"
        )
    if level is AppraisalLevel.MAJOR_DEMERIT:
        builder.steps.append(f"{own_standards}；機關另有洩密懲處標準者，從其標準。")
    return level


def _compare_versions(case: Case, builder: Builder, pair: tuple[Source, Source]) -> None:
    """考績 has no transitional rule: say so when the act-date and decision-date texts differ."""
    at_act, now = pair
    if at_act.version is not None and now.version is not None and at_act.version is not now.version:
        builder.warnings.append(
            f"{at_act.law_name}{cite_article(at_act.article)}於行為後修正（行為時版本{at_act.version.effective_from.isoformat()}起、"
            f"現行版本{now.version.effective_from.isoformat()}起施行）；考績懲處之新舊法適用無過渡規定，"
            "本系統事由依行為時條文、程序依決定時條文，請人事單位確認。"
        )


def _appraisal_procedure(case: Case, builder: Builder, level: AppraisalLevel) -> None:
    """陳述及申辯 (第14條第3項, 細則第19條第3項), 考績委員會, 銓敘審定 (細則第14條), execution (第18條)."""
    on = case.evaluation_date
    procedure = case.source(APPRAISAL_ACT, "14", on)
    hearing = case.source(APPRAISAL_RULES, "19", on)
    if level is AppraisalLevel.TWO_MAJOR_DEMERITS:
        builder.steps.append(
            f"處分前應給予陳述及申辯之機會：{procedure.quote(3)}；{hearing.quote(3)}。未踐行者，處分有違法之虞。"
        )
        special = case.source(APPRAISAL_RULES, "14", on)
        paragraph = special.paragraph_with("一次記二大過")
        if paragraph is not None:
            builder.steps.append(f"專案考績應引據法條、詳述具體事實並送銓敘部銓敘審定：{special.quote(paragraph)}。")
        twelfth = case.source(APPRAISAL_ACT, "12", on)
        builder.steps.append(f"專案考績不得與平時考核功過相抵銷（{twelfth.quote(2)}）。")
        execution = case.source(APPRAISAL_ACT, "18", on)
        builder.steps.append(
            f"免職之執行：{execution.quote()}（確定及停職之意義見公務人員考績法施行細則第24條，未收錄於法規目錄）。"
        )
        builder.steps.append(
            "如同一行為另移送懲戒，請一併審酌公務員懲戒法第22條第3項（懲戒判決確定後原懲處失其效力）。"
        )
    else:
        rules = case.source(APPRAISAL_RULES, "13", on)
        committee = rules.paragraph_with("遞送考績委員會初核")
        if committee is not None:
            builder.steps.append(f"平時考核懲處之程序：{rules.quote(committee)}。")
        builder.steps.append(
            f"考績法第14條第3項之陳述及申辯僅就丁等及一次記二大過明定（{procedure.cite(3)}）；"
            "記大過以下之懲處，仍宜於處分前給予當事人陳述意見之機會。"
        )


def _ledger(case: Case, builder: Builder, level: AppraisalLevel) -> bool:
    """The 考績 year (the calendar year of the evaluation date) with the proposed sanction added.

    Returns whether the year reaches two major demerits (年終考績丁等 → 免職).
    """
    ledger = Ledger.from_records(case.facts.year_records, year=case.evaluation_date.year)
    if level in LEDGER_KIND:
        ledger = ledger.with_proposed(LEDGER_KIND[level])
    else:
        builder.steps.append(
            "一次記二大過屬專案考績，不計入平時考核之抵銷；以下僅列本年度平時考核獎懲，供審酌年終考績。"
        )
    balance = ledger.settle()
    builder.steps.extend(f"年度獎懲計算：{step}" for step in balance.steps)
    builder.steps.append(f"年度獎懲計算：{SETTLEMENT_NOTE}")
    builder.warnings.extend(balance.warnings())
    if balance.reaches_two_major_demerits_unoffset and level in LEDGER_KIND:
        builder.options.append(
            f"加計擬議之{kind_label(LEDGER_KIND[level])}後，本年度累積達二大過：年終考績應列丁等（考績法第12條第1項第1款），"
            "丁等者免職（同法第7條第1項第4款）。"
        )
        return True
    return False


def _appraisal_remedies(case: Case, builder: Builder, level: AppraisalLevel, year_dismissal: bool) -> None:
    """公務人員保障法: 復審 (第25、30、72條) for 免職; 申訴、再申訴 (第77、78條) or 復審 for 平時考核懲處."""
    on = case.evaluation_date
    review = case.source(PROTECTION_ACT, "30", on)
    subject = case.source(PROTECTION_ACT, "25", on)
    court = case.source(PROTECTION_ACT, "72", on)
    filing = case.source(PROTECTION_ACT, "44", on)
    appeal = case.source(PROTECTION_ACT, "78", on)
    appeal_subject = case.source(PROTECTION_ACT, "77", on)
    if level is AppraisalLevel.TWO_MAJOR_DEMERITS or year_dismissal:
        builder.reasons.append(f"免職（一次記二大過或考列丁等）為行政處分，得提起復審：{subject.quote(1)}。")
        builder.deadlines.append(
            Deadline(
                label="復審期間：自免職處分達到之次日起三十日內，經由原處分機關向保訓會提起（處分尚未送達，無從計算）",
                due=None,
                basis=f"{review.cite(1)}；{filing.cite(1)}",
            )
        )
        builder.deadlines.append(
            Deadline(
                label="不服復審決定：自復審決定書送達之次日起二個月內，向該管司法機關請求救濟（尚未決定，無從計算）",
                due=None,
                basis=court.cite(1),
            )
        )
    if level is not AppraisalLevel.TWO_MAJOR_DEMERITS:
        # 申訴's thirty days: 第78條第1項 since 2017-06-16, 第77條第2項 before; 再申訴's: 第78條第1項.
        appeal_days = appeal.paragraph_with("處置達到之次日起三十日內")
        appeal_basis = (
            appeal.cite(appeal_days)
            if appeal_days is not None
            else appeal_subject.cite(appeal_subject.paragraph_with("達到之次日起三十日內") or 1)
        )
        reappeal_basis = appeal.cite(appeal.paragraph_with("復函送達之次日起三十日內") or 1)
        builder.reasons.append(
            "平時考核懲處之救濟（施行細則第13條僅稱「得依公務人員保障法提起救濟」）："
            f"如屬管理措施，循申訴、再申訴（{appeal_subject.cite(1)}；{appeal.quote(1)}）；"
            f"如屬行政處分，循復審（{review.quote(1)}）。本系統不判定救濟途徑，請依保訓會現行見解確認，並於懲處令正確教示。"
        )
        builder.deadlines.extend(
            [
                Deadline(
                    label="申訴期間：自懲處令達到之次日起三十日內，向服務機關提起（懲處令尚未送達，無從計算）",
                    due=None,
                    basis=appeal_basis,
                ),
                Deadline(
                    label="再申訴期間：自服務機關復函送達之次日起三十日內，向保訓會提起（尚未復函，無從計算）",
                    due=None,
                    basis=reappeal_basis,
                ),
                Deadline(
                    label="（如認屬行政處分）復審期間：自懲處令達到之次日起三十日內（懲處令尚未送達，無從計算）",
                    due=None,
                    basis=review.cite(1),
                ),
            ]
        )
    notice = case.source(PROTECTION_ACT, "27", on)
    builder.steps.append(
        f"處分書應記載救濟方法、期間及受理機關；未告知或告知錯誤致遲誤者，處分書送達之次日起一年內提起視為於期間內所為"
        f"（{notice.cite(2)}）。"
    )


def _lapse_after_discipline(case: Case, builder: Builder) -> None:
    if case.evaluation_date < DISCIPLINE_ACT_2020_IN_FORCE:
        return
    concurrency = case.source(DISCIPLINE_ACT, "22", case.evaluation_date)
    paragraph = concurrency.paragraph_with("原行政懲處處分失其效力")
    if paragraph is not None:
        builder.steps.append(
            f"懲處與懲戒得併行；同一行為復移送懲戒，經懲戒法院判決確定（含不受懲戒、免議）者，本懲處失其效力"
            f"（{concurrency.cite(paragraph)}）。"
        )
