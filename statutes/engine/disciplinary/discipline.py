"""The DISCIPLINE path (公務員懲戒法): who is subject, grounds, referral, 停職 and criminal proceedings.

The sanctions still available (第100條第2項, 第20條, 第9條) are in :mod:`statutes.engine.disciplinary.sanctions`.
"""

from __future__ import annotations

from datetime import date

from statutes.engine.disciplinary.case import Builder, Case
from statutes.engine.disciplinary.citations import (
    DISCIPLINE_ACT,
    DISCIPLINE_ACT_2015_IN_FORCE,
    DISCIPLINE_ACT_2020_IN_FORCE,
    _source_by_id,
)
from statutes.engine.disciplinary.sanctions import SUSPENSION_WORTHY, DisciplinarySanction, discipline_sanctions
from statutes.engine.facts import Intent, RankClass, RespondentCategory
from statutes.engine.result import DisciplinaryPath, PathKind

DISCIPLINE_TITLE = "懲戒（公務員懲戒法）"


# ---------------------------------------------------------------------------------------------
# DISCIPLINE: 公務員懲戒法


def discipline_path(case: Case) -> DisciplinaryPath:
    builder = Builder()
    applicable = _discipline_subject(case, builder)
    if applicable is False:
        return builder.build(PathKind.DISCIPLINE, DISCIPLINE_TITLE, False)
    _discipline_grounds(case, builder)
    available = discipline_sanctions(case, builder)
    if not available:
        return builder.build(PathKind.DISCIPLINE, DISCIPLINE_TITLE, False)
    builder.levels = [sanction.value for sanction in available]
    _referral_route(case, builder)
    _suspension(case, builder, available)
    _parallel_proceedings(case, builder)
    return builder.build(PathKind.DISCIPLINE, DISCIPLINE_TITLE, applicable)


def _discipline_subject(case: Case, builder: Builder) -> bool | None:
    """Who is subject to 公務員懲戒法 (第1條, 第9條第4項)."""
    respondent = case.facts.respondent
    category = respondent.category
    first = case.source(DISCIPLINE_ACT, "1", case.referral_date)
    if category is RespondentCategory.NON_CIVIL_SERVANT:
        builder.reasons.append(
            f"被調查人非公務員，不適用公務員懲戒法（{first.quote(1)}）。受託廠商人員之責任依契約及民事、刑事規定處理。"
        )
        return False
    if category is RespondentCategory.ACTIVE_MILITARY:
        builder.reasons.append(
            f"現役軍人之懲罰另有法律規定（{first.cite(1)}但書「法律另有規定者，從其規定」）："
            "依陸海空軍懲罰法辦理；該法未收錄於法規目錄，本系統不予判斷，請依該法及國防部規定處理。"
        )
        return False
    if category is RespondentCategory.CONTRACT_EMPLOYEE:
        builder.reasons.append(
            f"公務員懲戒法以「公務員」為對象（{first.quote(1)}），未定義公務員之範圍。約聘僱人員是否屬本法之公務員，"
            "須依其進用法令認定；約聘僱人員通常依聘僱契約及聘用人員聘用條例、行政院所屬機關約僱人員僱用辦法"
            "（均未收錄於法規目錄）處理，而非移送懲戒。請人事單位確認其進用依據。"
        )
        builder.need("約聘僱人員之進用法令依據（事實欄位尚無此項，請人事單位查明）")
        builder.warnings.append("以下懲戒種類、期間及移送途徑，係假設其屬公務員懲戒法之公務員所為之分析。")
        return None
    applicable: bool | None = True
    builder.reasons.append(f"被調查人為公務員，適用公務員懲戒法（{first.quote(1)}）。")
    if case.left_service or category is RespondentCategory.FORMER_CIVIL_SERVANT:
        during = case.act_during_service()
        service_end = respondent.service_end
        if during is None:
            builder.reasons.append(
                f"離職公務員僅就任職期間之行為受懲戒（{first.quote(2)}）；離職日不明，無從判斷行為是否在任職期間。"
            )
            builder.need("respondent.service_end")
            applicable = None
        elif during is False:
            builder.reasons.append(
                f"離職公務員僅就任職期間之行為受懲戒（{first.quote(2)}）；本件行為自{case.facts.act.start.isoformat()}起，"
                f"在離職日{service_end.isoformat() if service_end else '（不明）'}之後，不得移送懲戒。"
            )
            return False
        else:
            builder.reasons.append(
                f"離職公務員就任職期間之行為仍受懲戒（{first.quote(2)}）；本件行為在離職日"
                f"{service_end.isoformat() if service_end else '（不明）'}以前。"
            )
            if service_end is not None and case.act_end > service_end:
                builder.warnings.append(
                    f"行為延續至離職日{service_end.isoformat()}之後：僅離職以前之部分得予懲戒（第1條第2項）。"
                )
            if case.act_end < DISCIPLINE_ACT_2015_IN_FORCE:
                builder.warnings.append(
                    "行為在2016-05-02以前：離職人員之懲戒及剝奪、減少退休（職、伍）金係2015年修正後始明定，"
                    "依第100條第2項（實體規定依行為時法，新法有利者從新）對離職人員之適用，屬法律上不確定，請法制單位確認。"
                )
    elif case.act_during_service() is False:
        builder.reasons.append("依事實所載到職日，行為在任職以前，非屬公務員之違失行為，不得移送懲戒。")
        return False
    if category is RespondentCategory.POLITICAL_APPOINTEE:
        ninth = case.source(DISCIPLINE_ACT, "9", max(case.act_end, DISCIPLINE_ACT_2015_IN_FORCE))
        builder.reasons.append(f"被調查人為政務人員，休職、降級及記過不適用（{ninth.quote(4)}）。")
    return applicable


def _discipline_grounds(case: Case, builder: Builder) -> None:
    """第2條 (grounds), 第3條 (故意或過失) and the secrecy duty of 公務員服務法, at the act date."""
    act_end = case.act_end
    grounds = case.source(DISCIPLINE_ACT, "2", act_end)
    builder.reasons.append(f"懲戒事由依行為時法：{grounds.quote()}。")
    secrecy_id = "S0020038:5" if act_end >= date(2022, 6, 24) else "S0020038:4@1939"
    secrecy = _source_by_id(case.catalogue, secrecy_id, act_end)
    builder.reasons.append(f"洩密違反保密義務：{secrecy.quote(1)}。")
    if act_end >= DISCIPLINE_ACT_2015_IN_FORCE:
        fault = case.source(DISCIPLINE_ACT, "3", act_end)
        intent = case.facts.act.intent
        if intent is Intent.UNKNOWN:
            builder.reasons.append(f"{fault.quote()}；故意或過失尚未查明。")
            builder.need("act.intent")
        else:
            label = "故意" if intent is Intent.INTENTIONAL else "過失"
            builder.reasons.append(f"{fault.quote()}；本件行為出於{label}。")


def _referral_route(case: Case, builder: Builder) -> None:
    """第24條: 送請監察院審查, or 逕送懲戒法院 for 薦任第九職等或相當以下."""
    referral = max(case.referral_date, DISCIPLINE_ACT_2015_IN_FORCE)
    route = case.source(DISCIPLINE_ACT, "24", referral)
    court = "懲戒法院" if referral >= DISCIPLINE_ACT_2020_IN_FORCE else "公務員懲戒委員會"
    respondent = case.facts.respondent
    rank, grade = respondent.rank_class, respondent.grade
    if grade is not None and rank is not None:
        expected = {RankClass.ELEMENTARY: range(1, 6), RankClass.JUNIOR: range(6, 10), RankClass.SENIOR: range(10, 15)}
        if grade not in expected[rank]:
            builder.warnings.append(f"官等與職等不一致（第{grade}職等），移送途徑依職等判斷，請確認。")
    if respondent.category is RespondentCategory.POLITICAL_APPOINTEE:
        direct: bool | None = False
        why = "政務人員非薦任第九職等或相當以下之公務員"
    elif grade is not None:
        direct = grade <= 9
        why = f"被調查人為第{grade}職等"
    elif rank is not None:
        direct = rank is not RankClass.SENIOR
        why = {RankClass.ELEMENTARY: "被調查人為委任", RankClass.JUNIOR: "被調查人為薦任（第六至第九職等）"}.get(
            rank, "被調查人為簡任（第十職等以上）"
        )
    else:
        direct = None
        why = ""
    builder.reasons.append(f"移送途徑：{route.quote(1)}。")
    if direct is None:
        builder.steps.append(f"官等、職等不明：簡任者應送請監察院審查；薦任第九職等或相當以下者得逕送{court}審理。")
        builder.need("respondent.rank_class")
        builder.need("respondent.grade")
        return
    if direct:
        builder.steps.append(
            f"{why}，屬薦任第九職等或相當以下：主管機關得逕送{court}審理（{route.cite(1)}但書），"
            f"應提出移送書，記載被付懲戒人之姓名、職級、違法或失職之事實及證據，連同卷證並按人數檢附繕本（{route.cite(2)}）；"
            "亦得依本文送請監察院審查。"
        )
    else:
        builder.steps.append(
            f"{why}：應由主管機關（各院、部、會首長，直轄市、縣（市）行政首長或其他相當之主管機關首長）"
            f"備文敘明事由，連同證據送請監察院審查（{route.cite(1)}本文），由監察院決定是否彈劾移送{court}。"
        )
        builder.warnings.append(
            "經監察院審查者，案件於監察院彈劾移送後始繫屬懲戒法院；第20條之行使期間計至繫屬之日，請預留審查時間。"
        )


def _suspension(case: Case, builder: Builder, available: list[DisciplinarySanction]) -> None:
    """第4條 (當然停職) and 第5條 (先行停職), the texts in force at referral."""
    on = max(case.referral_date, DISCIPLINE_ACT_2015_IN_FORCE)
    automatic = case.source(DISCIPLINE_ACT, "4", on)
    ordered = case.source(DISCIPLINE_ACT, "5", on)
    if case.left_service:
        builder.steps.append("被調查人已離職，無先行停職問題（第4、5條）。")
        return
    builder.steps.append(f"職務當然停止之情形：{automatic.quote()}；刑事程序中遭羈押或通緝者，應即辦理停職。")
    own = ordered.paragraph_with("依職權先行停止其職務")
    if own is not None and any(s in SUSPENSION_WORTHY for s in available):
        text = f"主管機關移送時得依職權先行停職：{ordered.quote(own)}。"
        if case.facts.harm.serious_government_damage:
            text += "本件致政府遭受重大損害，請審酌是否有免除職務、撤職或休職等情節重大之虞。"
        builder.steps.append(text)
    court_order = ordered.paragraph_with("先行停止")
    if court_order is not None:
        court = "懲戒法庭" if on >= DISCIPLINE_ACT_2020_IN_FORCE else "公務員懲戒委員會合議庭"
        builder.steps.append(f"{court}認情節重大者，亦得先行停止被付懲戒人之職務（{ordered.cite(court_order)}）。")


def _parallel_proceedings(case: Case, builder: Builder) -> None:
    """第22條第2項, 第39條 (懲戒 alongside criminal proceedings) and 第22條第3項 (懲處 lapses)."""
    on = max(case.evaluation_date, DISCIPLINE_ACT_2015_IN_FORCE)
    concurrency = case.source(DISCIPLINE_ACT, "22", on)
    builder.reasons.append(f"刑懲併行：{concurrency.quote(2)}。")
    not_stayed = case.source(DISCIPLINE_ACT, "39", on)
    if not_stayed.version is not None:
        builder.reasons.append(f"{not_stayed.quote(1)}。")
    else:
        builder.reasons.append(
            f"依{not_stayed.cite(1)}，同一行為在刑事偵查或審判中者，不停止懲戒審理程序；"
            "懲戒處分牽涉犯罪是否成立者，懲戒法庭認有必要時，得裁定於第一審刑事判決前停止審理程序。"
            "不必等待刑事判決即可移送懲戒。"
        )
    lapse = concurrency.paragraph_with("原行政懲處處分失其效力")
    if lapse is not None and case.evaluation_date >= DISCIPLINE_ACT_2020_IN_FORCE:
        builder.steps.append(
            f"同一行為已為或將為考績懲處者：{concurrency.quote(lapse)}（2020-07-17起施行）。"
            "懲處於懲戒判決確定後即失其效力，考績年度之獎懲計算應隨之調整。"
        )
    elif case.evaluation_date < DISCIPLINE_ACT_2020_IN_FORCE:
        builder.steps.append("懲戒判決確定後原懲處失效之規定（第22條第3項）自2020-07-17起施行，評估基準日尚未施行。")
