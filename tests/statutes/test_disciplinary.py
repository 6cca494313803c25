"""Disciplinary paths as a 政風 officer would check them: who is subject, what remains, by when, under which text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.engine.disciplinary import SANCTION_LABELS, SANCTIONS_1985, cyber_incident_check, disciplinary_paths
from statutes.engine.facts import facts_from_json
from statutes.engine.result import DisciplinaryPath, PathKind

EVALUATION = date(2026, 5, 1)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def document(**parts: Any) -> dict[str, Any]:
    """A facts document: a 薦任第九職等 civil servant who intentionally disclosed a secret known through duty."""
    base: dict[str, Any] = {
        "respondent": {"category": "civil_servant", "rank_class": "junior", "grade": 9},
        "act": {"start": "2024-03-01", "conducts": ["disclose"], "intent": "intentional", "known_through_duty": True},
    }
    for key, value in parts.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and key in base else value
    return base


def evaluate(catalogue: Catalogue, evaluation: date = EVALUATION, **parts: Any) -> dict[PathKind, DisciplinaryPath]:
    paths = disciplinary_paths(facts_from_json(document(**parts)), catalogue, evaluation)
    assert [path.kind for path in paths] == [PathKind.DISCIPLINE, PathKind.PERFORMANCE, PathKind.CIVIL]
    return {path.kind: path for path in paths}


def sanctions(path: DisciplinaryPath) -> set[str]:
    """The sanction names opening the DISCIPLINE options (「休職：公務員懲戒法第14條…」)."""
    return {name for name in SANCTION_LABELS.values() for option in path.options if option.startswith(name + "：")} | {
        name for name in SANCTION_LABELS.values() for option in path.options if option.startswith(name + "（內容")
    }


def text(path: DisciplinaryPath) -> str:
    return "\n".join([*path.reasons, *path.steps, *path.options, *path.warnings])


def deadline(path: DisciplinaryPath, words: str):
    matches = [item for item in path.deadlines if words in item.label]
    assert len(matches) == 1, [item.label for item in path.deadlines]
    return matches[0]


# ---------------------------------------------------------------------------------------------
# 懲戒: who is subject


def test_retiree_is_disciplined_for_an_act_during_service(catalogue):
    paths = evaluate(
        catalogue,
        respondent={"category": "former_civil_servant", "service_end": "2025-01-31"},
        act={"start": "2024-03-01"},
    )
    discipline = paths[PathKind.DISCIPLINE]
    assert discipline.applicable is True
    assert "公務員懲戒法第1條第2項〔2016-05-02起施行之版本〕" in text(discipline)
    assert {"剝奪退休（職、伍）金", "減少退休（職、伍）金", "撤職"} <= sanctions(discipline)  # 第9條第2項: 已離職者
    assert "無先行停職問題" in text(discipline)
    assert paths[PathKind.PERFORMANCE].applicable is False  # no 考績 after leaving


def test_retiree_is_not_disciplined_for_an_act_after_service(catalogue):
    paths = evaluate(
        catalogue,
        respondent={"category": "former_civil_servant", "service_end": "2023-12-31"},
        act={"start": "2024-03-01"},
    )
    discipline = paths[PathKind.DISCIPLINE]
    assert discipline.applicable is False and discipline.options == ()
    assert "任職期間之行為" in text(discipline) and "不得移送懲戒" in text(discipline)


def test_retiree_without_a_separation_date_is_undecided(catalogue):
    discipline = evaluate(catalogue, respondent={"category": "former_civil_servant"})[PathKind.DISCIPLINE]
    assert discipline.applicable is None and "respondent.service_end" in discipline.missing_facts


def test_political_appointee_has_no_suspension_demotion_or_demerit(catalogue):
    paths = evaluate(catalogue, respondent={"category": "political_appointee", "rank_class": None, "grade": None})
    discipline = paths[PathKind.DISCIPLINE]
    assert discipline.applicable is True
    available = sanctions(discipline)
    assert not available & {"休職", "降級", "記過"}
    assert {"免除職務", "撤職", "減俸", "罰款", "申誡"} <= available
    assert "公務員懲戒法第9條第4項" in text(discipline)
    assert any("送請監察院審查" in step for step in discipline.steps)  # 政務人員: not 逕送
    assert paths[PathKind.PERFORMANCE].applicable is False


def test_contract_employee_is_outside_the_appraisal_act_and_undecided_for_discipline(catalogue):
    paths = evaluate(catalogue, respondent={"category": "contract_employee", "rank_class": None, "grade": None})
    performance = paths[PathKind.PERFORMANCE]
    assert performance.applicable is False
    assert "不適用公務人員考績法" in text(performance) and "約僱人員僱用辦法" in text(performance)
    discipline = paths[PathKind.DISCIPLINE]
    assert discipline.applicable is None and any("進用法令" in fact for fact in discipline.missing_facts)


def test_active_military_is_referred_to_the_military_punishment_act(catalogue):
    paths = evaluate(catalogue, respondent={"category": "active_military", "rank_class": None, "grade": None})
    assert paths[PathKind.DISCIPLINE].applicable is False
    assert "陸海空軍懲罰法" in text(paths[PathKind.DISCIPLINE]) and "未收錄" in text(paths[PathKind.DISCIPLINE])
    assert paths[PathKind.PERFORMANCE].applicable is False


# ---------------------------------------------------------------------------------------------
# 懲戒: referral route (第24條)


def test_ninth_grade_may_be_referred_directly_to_the_disciplinary_court(catalogue):
    discipline = evaluate(catalogue)[PathKind.DISCIPLINE]
    route = next(step for step in discipline.steps if "第24條" in step)
    assert "逕送懲戒法院" in route and "但書" in route and "移送書" in route
    assert not any("繫屬" in warning and "監察院" in warning for warning in discipline.warnings)


def test_tenth_grade_goes_to_the_control_yuan(catalogue):
    discipline = evaluate(catalogue, respondent={"rank_class": "senior", "grade": 10})[PathKind.DISCIPLINE]
    route = next(step for step in discipline.steps if "第24條" in step)
    assert "送請監察院審查" in route and "本文" in route and "逕送" not in route
    assert any("監察院彈劾移送後始繫屬" in warning for warning in discipline.warnings)


def test_unknown_rank_is_named_as_missing(catalogue):
    discipline = evaluate(catalogue, respondent={"rank_class": None, "grade": None})[PathKind.DISCIPLINE]
    assert {"respondent.rank_class", "respondent.grade"} <= set(discipline.missing_facts)


# ---------------------------------------------------------------------------------------------
# 懲戒: law at the act, 第100條第2項 and the time limits


def test_act_2014_referred_2026_is_barred_under_the_old_ten_year_rule(catalogue):
    discipline = evaluate(catalogue, act={"start": "2014-03-01"}, referral_date="2026-06-01")[PathKind.DISCIPLINE]
    assert discipline.applicable is False and discipline.options == ()
    reasons = text(discipline)
    assert "公務員懲戒法第25條第3款〔1985-05-05起施行之版本；條文文字未經查證" in reasons
    assert "第100條第2項" in reasons and "免議" in reasons
    assert "現行法雖仍許免除職務、撤職或剝奪退休（職、伍）金" in reasons  # the new 第20條 was computed too
    old = deadline(discipline, "舊法懲戒權行使期間")
    assert old.due == date(2024, 3, 1) and old.passed is True


def test_act_2014_referred_2022_keeps_only_old_sanctions_outside_the_five_year_limit(catalogue):
    discipline = evaluate(catalogue, date(2022, 5, 1), act={"start": "2014-03-01"}, referral_date="2022-06-01")[
        PathKind.DISCIPLINE
    ]
    assert discipline.applicable is True
    assert sanctions(discipline) == {"撤職", "休職"}  # 降級、減俸、記過、申誡: 第20條第2項 more favourable
    reasons = text(discipline)
    assert "公務員懲戒法第9條〔1985-05-05起施行之版本；條文文字未經查證" in reasons
    assert "免除職務、剝奪或減少退休（職、伍）金及罰款係2016-05-02始增訂" in reasons
    assert "割裂適用" in reasons  # flagged as uncertain
    assert deadline(discipline, "休職").due == date(2024, 3, 1)


def test_act_2018_referred_2026_allows_suspension_but_not_demerit_or_reprimand(catalogue):
    discipline = evaluate(catalogue, act={"start": "2018-03-01"}, referral_date="2026-06-01")[PathKind.DISCIPLINE]
    assert sanctions(discipline) == {"免除職務", "撤職", "休職"}
    assert "2015年修正（2016-05-02施行）" in text(discipline)
    suspension = deadline(discipline, "休職（")
    assert suspension.due == date(2028, 3, 1) and suspension.passed is False
    assert suspension.basis.startswith("公務員懲戒法第20條第1項")
    lighter = deadline(discipline, "記過、申誡")
    assert lighter.due == date(2023, 3, 1) and lighter.passed is True
    assert "記過（已逾五年，第20條第2項）" in text(discipline)


def test_act_2022_referred_2026_leaves_every_sanction_for_a_serving_official(catalogue):
    discipline = evaluate(catalogue, act={"start": "2022-09-01"}, referral_date="2026-06-01")[PathKind.DISCIPLINE]
    assert sanctions(discipline) == {"免除職務", "撤職", "休職", "降級", "減俸", "罰款", "記過", "申誡"}
    assert "被調查人仍在職，不得剝奪、減少退休（職、伍）金" in text(discipline)
    demerit = "記過：公務員懲戒法第18條第1項〔2020-07-17起施行之版本〕"  # the 2020 text: 記過一次或二次
    assert any(option.startswith(demerit) for option in discipline.options)
    assert deadline(discipline, "記過、申誡").due == date(2027, 9, 1)
    assert deadline(discipline, "休職（").due == date(2032, 9, 1)


def test_leap_day_act_ends_its_period_on_the_last_day_of_february(catalogue):
    discipline = evaluate(catalogue, act={"start": "2020-02-29"})[PathKind.DISCIPLINE]
    assert deadline(discipline, "記過、申誡").due == date(2025, 2, 28)


def test_suspension_parallel_proceedings_and_lapse_of_a_prior_penalty(catalogue):
    discipline = evaluate(catalogue, harm={"serious_government_damage": True})[PathKind.DISCIPLINE]
    all_text = text(discipline)
    assert "公務員懲戒法第5條第3項〔2020-07-17起施行之版本〕" in all_text and "依職權先行停止其職務" in all_text
    assert "公務員懲戒法第4條" in all_text and "羈押" in all_text
    assert "公務員懲戒法第22條第2項" in all_text
    assert "公務員懲戒法第39條第1項〔法規目錄未收錄" in all_text and "不停止懲戒審理程序" in all_text
    assert "公務員懲戒法第22條第3項〔2020-07-17起施行之版本〕" in all_text and "不受懲戒或免議" in all_text


def test_unknown_intent_is_missing_for_article_3(catalogue):
    discipline = evaluate(catalogue, act={"intent": "unknown"})[PathKind.DISCIPLINE]
    assert "act.intent" in discipline.missing_facts and "公務員懲戒法第3條" in text(discipline)


def test_old_sanction_list_matches_the_catalogue_summary(catalogue):
    old = catalogue.in_force("A0030155", "9", date(2010, 1, 1))
    assert old is not None and old[1].verified is False
    for sanction in SANCTIONS_1985:
        assert SANCTION_LABELS[sanction].replace("降級", "降職") in old[1].text


# ---------------------------------------------------------------------------------------------
# 考績懲處


SERIOUS_PROVEN = {"serious_government_damage": True, "conclusive_evidence": True}


def test_two_major_demerits_when_every_element_of_article_12_3_2_is_met(catalogue):
    performance = evaluate(catalogue, harm=SERIOUS_PROVEN)[PathKind.PERFORMANCE]
    assert performance.applicable is True
    assert performance.options[0].startswith("建議等次：一次記二大過（專案考績）")
    assert "公務人員考績法第12條第3項第2款" in performance.options[0] and "免職" in performance.options[0]
    steps = "\n".join(performance.steps)
    assert "公務人員考績法第14條第3項" in steps and "公務人員考績法施行細則第19條第3項" in steps
    assert "書面通知當事人" in steps and "處分前應給予陳述及申辯之機會" in steps
    assert "公務人員考績法第18條" in steps and "應先行停職" in steps
    assert "專案考績不得與平時考核功過相抵銷" in steps
    review = deadline(performance, "復審期間：自免職處分達到之次日起三十日內")
    assert review.due is None and review.basis.startswith("公務人員保障法第30條第1項")
    assert deadline(performance, "二個月內").basis.startswith("公務人員保障法第72條第1項")


def test_missing_conclusive_evidence_gives_a_major_demerit_and_names_the_fact(catalogue):
    performance = evaluate(catalogue, harm={"serious_government_damage": True})[PathKind.PERFORMANCE]
    assert performance.options[0].startswith("建議等次：記大過（平時考核）")
    assert "公務人員考績法施行細則第13條第1項第2款第4目" in performance.options[0]
    assert "harm.conclusive_evidence" in performance.missing_facts
    assert any(option.startswith("待查明上列要件") for option in performance.options)
    assert "有確實證據：尚未查明" in text(performance)


def test_no_serious_damage_rules_out_two_major_demerits(catalogue):
    performance = evaluate(catalogue, harm={"serious_government_damage": False, "conclusive_evidence": True})[
        PathKind.PERFORMANCE
    ]
    assert performance.options[0].startswith("建議等次：記大過")
    assert "致政府遭受重大損害：不符合" in text(performance) and "不得一次記二大過" in text(performance)
    assert "harm.conclusive_evidence" not in performance.missing_facts


@pytest.mark.parametrize(
    ("harm", "allowed_two", "recommended"),
    [
        (SERIOUS_PROVEN, True, "appraisal_two_major_demerits"),
        ({"serious_government_damage": True}, False, "appraisal_major_demerit"),  # evidence not yet known
        ({"serious_government_damage": False, "conclusive_evidence": True}, False, "appraisal_major_demerit"),
    ],
)
def test_performance_levels_allow_two_major_demerits_only_when_article_12_3_2_is_met(
    catalogue, harm, allowed_two, recommended
):
    performance = evaluate(catalogue, harm=harm)[PathKind.PERFORMANCE]
    assert set(performance.levels) >= {"appraisal_reprimand", "appraisal_demerit", "appraisal_major_demerit"}
    assert ("appraisal_two_major_demerits" in performance.levels) is allowed_two
    assert performance.recommended_level == recommended


def test_discipline_levels_are_the_sanctions_available_and_none_when_not_subject(catalogue):
    paths = evaluate(catalogue)
    assert "disciplinary_dismissal" in paths[PathKind.DISCIPLINE].levels
    assert set(paths[PathKind.DISCIPLINE].levels) <= {
        "disciplinary_removal", "disciplinary_dismissal", "disciplinary_pension_deprivation",
        "disciplinary_pension_reduction", "disciplinary_unpaid_suspension", "disciplinary_pay_step_demotion",
        "disciplinary_salary_reduction", "disciplinary_fine", "disciplinary_demerit", "disciplinary_reprimand",
    }  # fmt: skip
    outsider = evaluate(catalogue, respondent={"category": "non_civil_servant", "public_authority_delegated": False})
    assert outsider[PathKind.DISCIPLINE].applicable is False and outsider[PathKind.DISCIPLINE].levels == ()
    assert outsider[PathKind.PERFORMANCE].levels == ()


def test_negligent_minor_leak_is_left_to_agency_standards(catalogue):
    performance = evaluate(catalogue, act={"intent": "negligent"}, harm={"serious_government_damage": False})[
        PathKind.PERFORMANCE
    ]
    assert performance.options[0].startswith("建議等次：記過（平時考核）")
    assert "公務人員考績法施行細則第13條第3項" in performance.options[0]
    # 申訴、再申訴 and 復審 both listed, the route left to the agency (statute-drift §15.10)
    assert deadline(performance, "申訴期間：自懲處令").basis.startswith("公務人員保障法第78條第1項")
    assert deadline(performance, "再申訴期間").due is None
    assert "本系統不判定救濟途徑" in text(performance)


def test_ledger_reaching_two_major_demerits_warns_of_grade_d(catalogue):
    performance = evaluate(
        catalogue,
        harm={"serious_government_damage": True, "conclusive_evidence": False},
        year_records=[{"kind": "major_demerit", "on": "2026-02-10"}, {"kind": "merit", "on": "2025-06-01"}],
    )[PathKind.PERFORMANCE]
    assert any("年終考績應列丁等" in warning and "第12條第1項第1款" in warning for warning in performance.warnings)
    assert any("累積達二大過" in option for option in performance.options)
    steps = "\n".join(performance.steps)
    assert "2025-06-01 記功1次" in steps and "不予計入" in steps  # other 考績 years do not count
    assert "淨記大過2次" in steps
    assert deadline(performance, "復審期間：自免職處分").due is None  # 丁等免職 → 復審


def test_one_major_demerit_caps_the_annual_grade(catalogue):
    performance = evaluate(catalogue, harm={"serious_government_damage": False})[PathKind.PERFORMANCE]
    assert any("考績法第13條" in warning and "不得考列乙等以上" in warning for warning in performance.warnings)


def test_old_act_warns_about_the_appraisal_time_limit(catalogue):
    performance = evaluate(catalogue, act={"start": "2018-03-01"})[PathKind.PERFORMANCE]
    assert any("釋字第583號" in warning and "已逾5年" in warning for warning in performance.warnings)


# ---------------------------------------------------------------------------------------------
# 民事／國家賠償


def test_non_civil_servant_is_liable_under_article_184_only(catalogue):
    paths = evaluate(
        catalogue,
        respondent={"category": "non_civil_servant", "rank_class": None, "grade": None}
        | {"public_authority_delegated": False},
        harm={"third_party_harm": True},
    )
    civil = paths[PathKind.CIVIL]
    assert civil.applicable is True
    all_text = text(civil)
    assert "民法第184條第1項〔2000-05-05起施行之版本〕" in all_text
    assert "民法第186條第1項" not in all_text and "國家賠償法第2條" not in all_text
    assert "不生國家賠償問題" in all_text
    assert paths[PathKind.DISCIPLINE].applicable is False and paths[PathKind.PERFORMANCE].applicable is False


def test_official_is_liable_under_article_186_with_state_compensation_and_recourse(catalogue):
    civil = evaluate(catalogue, act={"intent": "negligent"}, harm={"third_party_harm": True})[PathKind.CIVIL]
    all_text = text(civil)
    assert "民法第186條第1項" in all_text and "以被害人不能依他項方法受賠償時為限" in all_text
    assert "國家賠償法第2條第2項" in all_text and "國家賠償法第2條第3項" in all_text
    assert any("重大過失" in option for option in civil.options)  # 求償 only for 故意或重大過失
    assert deadline(civil, "知有損害時起二年").basis.startswith("國家賠償法第8條第1項")
    assert deadline(civil, "支付賠償金").basis.startswith("國家賠償法第8條第2項")
    ten_years = deadline(civil, "自有侵權行為時起十年")
    assert ten_years.due == date(2034, 3, 1) and ten_years.basis.startswith("民法第197條第1項")


def test_personal_data_leak_by_an_official_names_articles_28_and_31(catalogue):
    civil = evaluate(
        catalogue,
        act={"conducts": ["misuse_personal_data"]},
        information={"kinds": ["personal_data"]},
        harm={"third_party_harm": True},
    )[PathKind.CIVIL]
    all_text = text(civil)
    assert "個人資料保護法第28條〔法規目錄未收錄" in all_text and "未引原文" in all_text
    assert "個人資料保護法第31條" in all_text and "公務機關適用國家賠償法" in all_text
    assert "每人每一事件新臺幣五百元以上二萬元以下" in all_text
    assert "個人資料保護法第12條" in all_text  # notify the data subjects


def test_no_third_party_harm_means_no_civil_path(catalogue):
    civil = evaluate(catalogue, harm={"third_party_harm": False})[PathKind.CIVIL]
    assert civil.applicable is False and civil.deadlines == ()


def test_unknown_third_party_harm_is_missing(catalogue):
    civil = evaluate(catalogue)[PathKind.CIVIL]
    assert civil.applicable is None and "harm.third_party_harm" in civil.missing_facts


# ---------------------------------------------------------------------------------------------
# 資通安全事件 notification (on the PERFORMANCE path)


def cyber(aware: str | None, notified: str | None, kinds: list[str] | None = None) -> dict[str, Any]:
    return {
        "cyber_security_incident": True,
        "cyber_aware_at": aware,
        "cyber_notified_at": notified,
        "kinds": kinds or ["general_official_secret"],
    }


def test_notification_three_hours_after_awareness_is_late(catalogue):
    performance = evaluate(catalogue, information=cyber("2026-03-02T09:00:00+08:00", "2026-03-02T12:00:00+08:00"))[
        PathKind.PERFORMANCE
    ]
    late = [warning for warning in performance.warnings if warning.startswith("逾時通報")]
    assert len(late) == 1
    assert "相隔3小時0分" in late[0] and "資通安全事件通報及應變辦法第4條第1項" in late[0]
    assert "資通安全管理法第19條第1項" in late[0] and "公務機關所屬人員資通安全事項獎懲辦法" in late[0]
    one_hour = deadline(performance, "通報時限")
    assert "2026-03-02T10:00+08:00" in one_hour.label and one_hour.due == date(2026, 3, 2)
    containment = deadline(performance, "損害控制或復原作業時限")
    assert "三十六小時" in containment.label
    assert containment.basis.startswith("資通安全事件通報及應變辦法第6條第1項第2款")


def test_notification_within_the_hour_is_fine(catalogue):
    performance = evaluate(catalogue, information=cyber("2026-03-02T09:00:00+08:00", "2026-03-02T09:40:00+08:00"))[
        PathKind.PERFORMANCE
    ]
    assert not any(warning.startswith("逾時通報") for warning in performance.warnings)
    assert any("符合一小時之時限" in reason for reason in performance.reasons)


def test_missing_notification_is_warned_even_when_the_respondent_is_not_rated(catalogue):
    paths = evaluate(
        catalogue,
        respondent={"category": "contract_employee", "rank_class": None, "grade": None},
        information=cyber("2026-03-02T09:00:00+08:00", None, ["personal_data"]),
    )
    performance = paths[PathKind.PERFORMANCE]
    assert performance.applicable is False
    assert any(warning.startswith("無通報時間紀錄") for warning in performance.warnings)
    assert "information.cyber_notified_at" in performance.missing_facts
    assert deadline(performance, "損害控制或復原作業").due is None  # level unknown for personal data


def test_no_incident_no_check(catalogue):
    facts = facts_from_json(document())
    check = cyber_incident_check(facts, catalogue, EVALUATION)
    assert check.reasons == check.warnings == check.deadlines == ()


# ---------------------------------------------------------------------------------------------
# Engineering


def test_paths_are_deterministic(catalogue):
    facts = facts_from_json(document(harm=SERIOUS_PROVEN, information=cyber("2026-03-02T09:00:00+08:00", None)))
    assert disciplinary_paths(facts, catalogue, EVALUATION) == disciplinary_paths(facts, catalogue, EVALUATION)
