"""懲戒 sanctions (公務員懲戒法第9條) and which remain: 第100條第2項, 第20條 or the 1985 rule, and 第9條."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from statutes.engine.disciplinary.case import Builder, Case, years_after
from statutes.engine.disciplinary.citations import (
    DISCIPLINE_ACT,
    DISCIPLINE_ACT_2015_IN_FORCE,
    DISCIPLINE_ACT_2020_IN_FORCE,
    Source,
)
from statutes.engine.facts import RespondentCategory
from statutes.engine.result import Deadline


class DisciplinarySanction(StrEnum):
    """The sanctions of 公務員懲戒法第9條 (2016-05-02 onward); 第3款 split in two because 第20條 treats them apart."""

    REMOVAL = "disciplinary_removal"  # 免除職務（第11條）
    DISMISSAL = "disciplinary_dismissal"  # 撤職（第12條）
    PENSION_DEPRIVATION = "disciplinary_pension_deprivation"  # 剝奪退休（職、伍）金（第13條第1項）
    PENSION_REDUCTION = "disciplinary_pension_reduction"  # 減少退休（職、伍）金（第13條第2項）
    UNPAID_SUSPENSION = "disciplinary_unpaid_suspension"  # 休職（第14條）
    PAY_STEP_DEMOTION = "disciplinary_pay_step_demotion"  # 降級（第15條）
    SALARY_REDUCTION = "disciplinary_salary_reduction"  # 減俸（第16條）
    FINE = "disciplinary_fine"  # 罰款（第17條）
    DEMERIT = "disciplinary_demerit"  # 記過（第18條）
    REPRIMAND = "disciplinary_reprimand"  # 申誡（第19條）


S = DisciplinarySanction
SANCTION_ORDER: tuple[DisciplinarySanction, ...] = tuple(DisciplinarySanction)
SANCTION_LABELS: dict[DisciplinarySanction, str] = {
    S.REMOVAL: "免除職務",
    S.DISMISSAL: "撤職",
    S.PENSION_DEPRIVATION: "剝奪退休（職、伍）金",
    S.PENSION_REDUCTION: "減少退休（職、伍）金",
    S.UNPAID_SUSPENSION: "休職",
    S.PAY_STEP_DEMOTION: "降級",
    S.SALARY_REDUCTION: "減俸",
    S.FINE: "罰款",
    S.DEMERIT: "記過",
    S.REPRIMAND: "申誡",
}
# The article that defines each sanction (2015 and 2020 texts).
SANCTION_ARTICLES: dict[DisciplinarySanction, tuple[str, int]] = {
    S.REMOVAL: ("11", 1),
    S.DISMISSAL: ("12", 1),
    S.PENSION_DEPRIVATION: ("13", 1),
    S.PENSION_REDUCTION: ("13", 2),
    S.UNPAID_SUSPENSION: ("14", 1),
    S.PAY_STEP_DEMOTION: ("15", 1),
    S.SALARY_REDUCTION: ("16", 1),
    S.FINE: ("17", 1),
    S.DEMERIT: ("18", 1),
    S.REPRIMAND: ("19", 1),
}
# 第20條: 第1項 (ten years) and 第2項 (five years); the others have no time limit.
TEN_YEAR_LIMITED = frozenset({S.UNPAID_SUSPENSION})
FIVE_YEAR_LIMITED = frozenset(
    {S.PENSION_REDUCTION, S.PAY_STEP_DEMOTION, S.SALARY_REDUCTION, S.FINE, S.DEMERIT, S.REPRIMAND}
)
PENSION_SANCTIONS = frozenset({S.PENSION_DEPRIVATION, S.PENSION_REDUCTION})  # 第9條第2項: 限已離職者
NOT_FOR_POLITICAL_APPOINTEES = frozenset({S.UNPAID_SUSPENSION, S.PAY_STEP_DEMOTION, S.DEMERIT})  # 第9條第4項
# The 1985 law's six sanctions. The catalogue holds only the seed leaflet's unverified summary
# (「撤職、休職、降職、減俸、記過、申誡」); 「降職」 is taken as 降級 (statute-drift §1).
SANCTIONS_1985 = (S.DISMISSAL, S.UNPAID_SUSPENSION, S.PAY_STEP_DEMOTION, S.SALARY_REDUCTION, S.DEMERIT, S.REPRIMAND)
SUSPENSION_WORTHY = frozenset({S.REMOVAL, S.DISMISSAL, S.UNPAID_SUSPENSION})  # 第5條: 免除職務、撤職或休職


# ---------------------------------------------------------------------------------------------
# DISCIPLINE: the sanctions still available


def discipline_sanctions(case: Case, builder: Builder) -> list[DisciplinarySanction]:
    """The sanctions still available, after 第100條第2項, 第20條 (or the 1985 rule) and 第9條."""
    act_end, referral = case.act_end, case.referral_date
    limit5, limit10 = years_after(act_end, 5), years_after(act_end, 10)
    over5, over10 = referral > limit5, referral > limit10
    twentieth = case.source(DISCIPLINE_ACT, "20", max(referral, DISCIPLINE_ACT_2015_IN_FORCE))
    transition = case.source(DISCIPLINE_ACT, "100", max(case.evaluation_date, DISCIPLINE_ACT_2020_IN_FORCE))
    if case.evaluation_date < DISCIPLINE_ACT_2020_IN_FORCE:
        builder.warnings.append(
            "評估基準日在2020-07-17以前：第100條第2項尚未施行（2015年法第77條僅規範修正施行前已繫屬之案件），"
            "新舊法之比較依法律不溯及既往及從舊從輕之原則，請法制單位確認。"
        )
    if case.facts.referral_date is None:
        builder.steps.append(
            f"未提供預計移送日，以評估基準日{referral.isoformat()}計算懲戒處分行使期間；實際以案件繫屬懲戒法院之日為準（第20條）。"
        )
    elapsed = f"自行為終了日{act_end.isoformat()}至{referral.isoformat()}"
    new_rule = (
        f"現行法：{twentieth.quote(1)}；{twentieth.quote(2)}；免除職務、撤職及剝奪退休（職、伍）金無行使期間之限制。"
        f"{elapsed}{'已逾' if over10 else '未逾'}十年（至{limit10.isoformat()}）、{'已逾' if over5 else '未逾'}五年"
        f"（至{limit5.isoformat()}）。"
    )
    builder.steps.append(
        "行使期間自行為終了之日起算；應受懲戒行為係不作為者，自服務機關或移送機關知悉之日起算（第20條第3項），"
        "本系統以行為終了日計算。"
    )
    barred: dict[DisciplinarySanction, str] = {}
    for sanction in SANCTION_ORDER:
        if sanction in TEN_YEAR_LIMITED and over10:
            barred[sanction] = "已逾十年，第20條第1項"
        elif sanction in FIVE_YEAR_LIMITED and over5:
            barred[sanction] = "已逾五年，第20條第2項"

    if act_end < DISCIPLINE_ACT_2015_IN_FORCE:
        candidates = _sanctions_under_1985_law(case, builder, new_rule, transition, over10, limit10, barred)
    else:
        law_at_act = (
            "2015年修正（2016-05-02施行）" if act_end < DISCIPLINE_ACT_2020_IN_FORCE else "2020年修正（2020-07-17施行）"
        )
        builder.reasons.append(
            f"行為終了日{act_end.isoformat()}，行為時法為{law_at_act}之公務員懲戒法；懲戒事由、種類及其他實體規定"
            f"依行為時之規定，修正施行後之規定有利者依最有利之規定（{transition.quote(2)}）。"
        )
        builder.reasons.append(new_rule)
        if act_end < DISCIPLINE_ACT_2020_IN_FORCE:
            builder.reasons.append(
                "2015年與2020年條文之行使期間相同；記過依行為時法為單一記過（2015年第18條），"
                "2020年修正後「得為記過一次或二次」並非較有利，不予適用。"
            )
        candidates = list(SANCTION_ORDER)
        builder.deadlines.extend(_time_limit_deadlines(case, twentieth, limit5, limit10))

    available = [sanction for sanction in candidates if sanction not in barred]
    if barred:
        builder.reasons.append(
            "已不得為之懲戒："
            + "、".join(f"{SANCTION_LABELS[s]}（{why}）" for s, why in barred.items() if s in candidates)
            + "。"
        )
    available = _eligible(case, builder, available)
    if not available:
        builder.reasons.append(
            "已無得為之懲戒處分：移送後懲戒法院應為免議之判決（公務員懲戒法第56條第3款，該條未收錄於法規目錄）；"
            "不建議移送懲戒，得依考績法辦理懲處（見考績懲處路徑）。"
        )
        return []
    builder.options.extend(_sanction_option(case, sanction) for sanction in available)
    if S.FINE in available:
        ninth = case.source(DISCIPLINE_ACT, "9", max(act_end, DISCIPLINE_ACT_2015_IN_FORCE))
        builder.steps.append(f"罰款得與其他處分併為處分：{ninth.quote(3)}。")
    return available


def _sanctions_under_1985_law(
    case: Case,
    builder: Builder,
    new_rule: str,
    transition: Source,
    over10: bool,
    limit10: date,
    barred: dict[DisciplinarySanction, str],
) -> list[DisciplinarySanction]:
    """Acts before 2016-05-02: the 1985 law's sanctions and its ten-year 免議 rule, against 第20條."""
    act_end = case.act_end
    old_list = case.source(DISCIPLINE_ACT, "9", act_end)
    old_limit = case.source(DISCIPLINE_ACT, "25", act_end)
    builder.reasons.append(
        f"行為終了日{act_end.isoformat()}在2016-05-02以前，行為時法為1985年修正公布之公務員懲戒法；"
        f"依{transition.quote(2)}，實體規定（含懲戒種類及懲戒權行使期間）依行為時法，新法有利者從新。"
    )
    builder.reasons.append(
        f"行為時法之懲戒種類：{old_list.quote()}（目錄所載為種子文件之摘要，「降職」應為「降級」，未經查證）。"
        "免除職務、剝奪或減少退休（職、伍）金及罰款係2016-05-02始增訂，行為時尚不存在，不得為之。"
    )
    builder.reasons.append(
        f"行為時法之行使期間：{old_limit.quote(None, 3)}"
        f"（自行為終了之日起至移送之日止逾十年者，應為免議）。"
        f"本件至{case.referral_date.isoformat()}{'已逾' if over10 else '未逾'}十年（至{limit10.isoformat()}）。"
    )
    builder.reasons.append(new_rule)
    builder.deadlines.append(
        Deadline(
            label="舊法懲戒權行使期間屆滿：逾此日移送者應為免議（1985年公務員懲戒法）",
            due=limit10,
            basis=old_limit.cite(None, 3),
            passed=case.evaluation_date > limit10,
        )
    )
    twentieth = case.source(DISCIPLINE_ACT, "20", max(case.referral_date, DISCIPLINE_ACT_2015_IN_FORCE))
    builder.deadlines.extend(_time_limit_deadlines(case, twentieth, years_after(act_end, 5), limit10))
    if over10:
        builder.reasons.append(
            "比較結果：依行為時法已逾十年應為免議，現行法雖仍許免除職務、撤職或剝奪退休（職、伍）金，"
            "但行為時法較有利於被付懲戒人，依第100條第2項本文適用行為時法——已不得予以任何懲戒。"
        )
        for sanction in SANCTIONS_1985:
            barred.setdefault(sanction, "依行為時法已逾十年應為免議")
        return list(SANCTIONS_1985)
    builder.reasons.append(
        "比較結果：依行為時法未逾十年，各種懲戒均得為之；就各懲戒種類分別比較新舊法，從最有利於被付懲戒人者"
        "（第100條第2項但書）：懲戒種類以行為時法所定者為限，且不得逾現行法第20條之行使期間。"
        "新舊法得否就行使期間與懲戒種類分別比較（割裂適用），屬法律上不確定，請法制單位確認。"
    )
    return list(SANCTIONS_1985)


def _time_limit_deadlines(case: Case, twentieth: Source, limit5: date, limit10: date) -> list[Deadline]:
    court = "懲戒法院" if case.referral_date >= DISCIPLINE_ACT_2020_IN_FORCE else "公務員懲戒委員會"
    return [
        Deadline(
            label=f"懲戒處分行使期間屆滿：休職（案件須於此日以前繫屬{court}）",
            due=limit10,
            basis=twentieth.cite(1),
            passed=case.evaluation_date > limit10,
        ),
        Deadline(
            label=(
                "懲戒處分行使期間屆滿：減少退休（職、伍）金、降級、減俸、罰款、記過、申誡"
                f"（案件須於此日以前繫屬{court}）"
            ),
            due=limit5,
            basis=twentieth.cite(2),
            passed=case.evaluation_date > limit5,
        ),
    ]


def _eligible(case: Case, builder: Builder, sanctions: list[DisciplinarySanction]) -> list[DisciplinarySanction]:
    """Drop the sanctions 第9條 excludes for this respondent (pension sanctions; 政務人員)."""
    ninth = case.source(DISCIPLINE_ACT, "9", max(case.act_end, DISCIPLINE_ACT_2015_IN_FORCE))
    kept = list(sanctions)
    pension = [s for s in kept if s in PENSION_SANCTIONS]
    if pension and not case.left_service:
        kept = [s for s in kept if s not in PENSION_SANCTIONS]
        builder.reasons.append(f"被調查人仍在職，不得剝奪、減少退休（職、伍）金（{ninth.quote(2)}）。")
    if case.left_service:
        builder.steps.append(
            "被調查人已離職：以現職為前提之處分（休職、降級、減俸、記過等）之執行，請依懲戒法院實務確認；"
            "剝奪、減少退休（職、伍）金限於已離職者（第9條第2項）。"
        )
    if case.facts.respondent.category is RespondentCategory.POLITICAL_APPOINTEE:
        excluded = [s for s in kept if s in NOT_FOR_POLITICAL_APPOINTEES]
        kept = [s for s in kept if s not in NOT_FOR_POLITICAL_APPOINTEES]
        if excluded:
            builder.reasons.append(
                "政務人員不得為" + "、".join(SANCTION_LABELS[s] for s in excluded) + f"（{ninth.cite(4)}）。"
            )
        if case.act_end < DISCIPLINE_ACT_2015_IN_FORCE:
            builder.warnings.append(
                "行為時（1985年）法對政務官之懲戒種類另有限制，條文未收錄於法規目錄，請查明後再行比較（第100條第2項）。"
            )
    return kept


def _sanction_option(case: Case, sanction: DisciplinarySanction) -> str:
    label = SANCTION_LABELS[sanction]
    if case.act_end < DISCIPLINE_ACT_2015_IN_FORCE:
        return f"{label}（內容依1985年公務員懲戒法，條文未收錄於法規目錄）"
    article, paragraph = SANCTION_ARTICLES[sanction]
    return f"{label}：{case.source(DISCIPLINE_ACT, article, case.act_end).quote(paragraph)}"
