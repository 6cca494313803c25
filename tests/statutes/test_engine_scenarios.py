"""Scenario tests for the criminal engine, written from the statute texts in the catalogue.

Each scenario is a small facts document; each test asserts which rules must appear, with which
status and version, and which must not. ``SCENARIOS`` is also used to check that every rule,
support rule and concurrency rule of the registry is exercised by at least one scenario.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.engine.evaluation import evaluate, evaluate_json
from statutes.engine.facts import FactsError, facts_from_json
from statutes.engine.result import EvaluationResult, PathKind, Status, Suggestion
from statutes.engine.rules import CONCURRENCY, RULES, SUPPORT_RULES

TODAY = date(2026, 1, 1)

APPLIED, ALTERNATIVE, DISPLACED, BARRED = Status.APPLIED, Status.ALTERNATIVE, Status.DISPLACED, Status.BARRED


def doc(
    category: str = "civil_servant",
    start: str = "2021-03-01",
    *,
    end: str | None = None,
    conducts: tuple[str, ...] = ("disclose",),
    intent: str = "intentional",
    kinds: tuple[str, ...] = ("general_official_secret",),
    recipient: str = "media",
    evaluation: str = "2024-06-01",
    recipient_extra: dict[str, Any] | None = None,
    **extra: dict[str, Any],
) -> dict[str, Any]:
    """A facts document; ``extra`` sections (respondent, act, information, harm, complaint) are merged in."""
    document: dict[str, Any] = {
        "respondent": {"category": category},
        "act": {"start": start, "end": end, "conducts": list(conducts), "intent": intent, "known_through_duty": True},
        "information": {"kinds": list(kinds)},
        "recipient": {"kind": recipient},
        "evaluation_date": evaluation,
    }
    document["recipient"].update(recipient_extra or {})
    for key, value in extra.items():
        document.setdefault(key, {}).update(value)
    return document


SCENARIOS: dict[str, dict[str, Any]] = {
    "defence_to_media": doc(kinds=("defense_secret",)),
    "defence_negligent_official_2018": doc(start="2018-06-01", intent="negligent", kinds=("defense_secret",)),
    "defence_negligent_non_official": doc(
        "non_civil_servant",
        intent="negligent",
        kinds=("defense_secret",),
        respondent={"public_authority_delegated": False},
    ),
    "defence_to_foreign_2015": doc(start="2015-04-01", kinds=("defense_secret",), recipient="foreign_state"),
    "defence_to_mainland_2018": doc(start="2018-04-01", kinds=("defense_secret",), recipient="mainland_or_hostile"),
    "defence_to_mainland_2020": doc(start="2020-04-01", kinds=("defense_secret",), recipient="mainland_or_hostile"),
    "continuing_to_mainland_across_115_1": doc(
        start="2019-03-01",
        end="2019-06-30",
        conducts=("deliver",),
        kinds=("defense_secret",),
        recipient="mainland_or_hostile",
    ),
    "continuing_to_mainland_before_115_1": doc(
        start="2019-03-01",
        end="2019-04-30",
        conducts=("deliver",),
        kinds=("defense_secret",),
        recipient="mainland_or_hostile",
    ),
    "general_secret_2018": doc(start="2018-06-01"),
    "general_secret_negligent_2018": doc(start="2018-06-01", intent="negligent"),
    "continuing_general_secret_across_2019_amendment": doc(start="2019-11-01", end="2020-02-01", intent="negligent"),
    "intent_unknown": doc(start="2022-06-01", intent="unknown"),
    "classified_top_secret": doc(kinds=("classified",), information={"classification_level": "top_secret"}),
    "classified_to_foreign_2018": doc(
        start="2018-05-20",
        conducts=("deliver",),
        kinds=("classified",),
        recipient="foreign_state",
        information={"classification_level": "top_secret"},
    ),
    "classified_to_mainland_2021": doc(kinds=("classified",), recipient="mainland_or_hostile"),
    "classified_before_the_act_existed": doc(start="2001-05-01", kinds=("classified",), evaluation="2005-01-01"),
    "classified_negligent_to_mainland": doc(
        start="2020-08-01", intent="negligent", kinds=("classified",), recipient="mainland_or_hostile"
    ),
    "pending_classification_to_foreign": doc(
        start="2020-08-01", kinds=("pending_classification",), recipient="foreign_state"
    ),
    "pending_classification_negligent_2018": doc(
        start="2018-08-01", intent="negligent", kinds=("pending_classification",)
    ),
    "collect_classified_for_mainland": doc(
        "non_civil_servant",
        start="2020-08-01",
        conducts=("spy_or_collect",),
        kinds=("classified",),
        recipient="mainland_or_hostile",
        respondent={"public_authority_delegated": False},
    ),
    "classified_lost_negligently": doc(conducts=("lose_or_damage",), intent="negligent", kinds=("classified",)),
    "classified_destroyed": doc(conducts=("lose_or_damage",), kinds=("classified",)),
    "soldier_military_secret": doc("active_military", kinds=("military_secret",), recipient="public"),
    "soldier_military_and_classified": doc(
        "active_military", kinds=("military_secret", "classified"), recipient="public"
    ),
    "soldier_to_enemy": doc("active_military", kinds=("military_secret",), recipient="enemy"),
    "soldier_negligent_military_secret": doc("active_military", intent="negligent", kinds=("military_secret",)),
    "soldier_general_secret": doc("active_military"),
    "discharged_soldier_after_service": doc(
        "active_military", kinds=("military_secret",), respondent={"service_end": "2020-06-30"}
    ),
    "retiree_after_retirement": doc(
        "former_civil_servant", respondent={"service_end": "2020-01-31"}, kinds=("general_official_secret",)
    ),
    "retiree_commercial_secret": doc(
        "former_civil_servant",
        kinds=("commercial_secret",),
        recipient="vendor",
        respondent={"service_end": "2020-01-31"},
        complaint={"learned_offender_on": "2024-03-01", "filed": False},
        evaluation="2024-06-01",
    ),
    "act_spanning_retirement": doc(
        "former_civil_servant", start="2019-12-01", end="2020-03-01", respondent={"service_end": "2020-01-31"}
    ),
    "former_official_acting_in_office": doc(
        "former_civil_servant", start="2019-12-01", respondent={"service_end": "2020-01-31"}
    ),
    "non_civil_servant_through_business": doc("non_civil_servant", respondent={"public_authority_delegated": False}),
    "non_civil_servant_commercial_secret": doc(
        "non_civil_servant", kinds=("commercial_secret",), respondent={"public_authority_delegated": False}
    ),
    "delegated_non_civil_servant": doc("non_civil_servant", respondent={"public_authority_delegated": True}),
    "political_appointee": doc("political_appointee"),
    "contract_employee_commercial_secret": doc(
        "contract_employee", kinds=("general_official_secret", "commercial_secret"), recipient="vendor"
    ),
    "personal_data_2020": doc(
        start="2020-03-01", kinds=("personal_data",), harm={"third_party_harm": True}, act={"abused_authority": True}
    ),
    "personal_data_sold_2020": doc(
        start="2020-03-01",
        kinds=("personal_data",),
        harm={"third_party_harm": True},
        act={"abused_authority": True, "benefit_received": True},
    ),
    "personal_data_misused_2020": doc(
        start="2020-03-01",
        conducts=("misuse_personal_data",),
        kinds=("personal_data",),
        harm={"third_party_harm": True},
    ),
    "personal_data_2011": doc(
        start="2011-03-01",
        conducts=("misuse_personal_data",),
        kinds=("personal_data",),
        harm={"third_party_harm": True},
        act={"abused_authority": True},
        evaluation="2015-06-01",
    ),
    "personal_data_2013": doc(
        start="2013-03-01",
        kinds=("personal_data",),
        harm={"third_party_harm": True},
        complaint={"learned_offender_on": "2013-04-01", "filed": True, "filed_on": "2013-05-01"},
        evaluation="2020-06-01",
    ),
    "sealed_letter_by_official": doc(
        conducts=("open_or_hide_sealed",),
        kinds=("sealed_letter",),
        act={"abused_authority": True},
        complaint={"learned_offender_on": "2024-05-01"},
    ),
    "trade_secret_by_official": doc(
        start="2020-03-01",
        conducts=("deliver",),
        kinds=("trade_secret",),
        recipient="vendor",
        complaint={"learned_offender_on": "2024-03-01", "filed": True, "filed_on": "2024-04-01"},
    ),
    "trade_secret_for_use_abroad": doc(
        start="2020-03-01",
        conducts=("deliver",),
        kinds=("trade_secret",),
        recipient="vendor",
        act={"benefit_received": True},
        recipient_extra={"vendor_foreign_or_mainland": True, "used_abroad": True},
    ),
    "computer_incident": doc(start="2022-03-01", information={"cyber_security_incident": True}),
    "time_barred_negligent_2005": doc(start="2005-03-01", intent="negligent", evaluation="2026-01-01"),
    "time_barred_intentional_2000": doc(start="2000-03-01", evaluation="2015-01-01"),
    "time_barred_negligent_2007": doc(start="2007-05-01", intent="negligent", evaluation="2018-01-01"),
    "complaint_barred_318": doc(
        start="2024-10-01",
        kinds=("commercial_secret",),
        recipient="vendor",
        complaint={"learned_offender_on": "2025-01-01", "filed": False},
        evaluation="2026-01-01",
    ),
    "complaint_still_open_318": doc(
        start="2025-09-01",
        kinds=("commercial_secret",),
        recipient="vendor",
        complaint={"learned_offender_on": "2025-10-01", "filed": False},
        evaluation="2026-01-01",
    ),
    "complaint_filing_unknown_318": doc(
        start="2024-10-01",
        kinds=("commercial_secret",),
        recipient="vendor",
        complaint={"learned_offender_on": "2025-01-01"},
        evaluation="2026-01-01",
    ),
    "bribe_for_procurement_leak": doc(
        start="2022-05-20", kinds=("procurement",), recipient="vendor", act={"benefit_received": True}
    ),
    "profit_from_secret": doc(start="2022-05-20", conducts=("profit_from_secret",)),
    "profit_from_secret_2005": doc(start="2005-05-20", conducts=("profit_from_secret",), evaluation="2010-01-01"),
    "national_security_2023": doc(start="2023-05-20", recipient="mainland_or_hostile"),
    "national_security_2024": doc(start="2024-03-01", recipient="mainland_or_hostile", evaluation="2024-10-01"),
    "national_security_1996_text": doc(start="2017-03-01", conducts=("deliver",), recipient="foreign_state"),
    "negligent_to_mainland_2020": doc(start="2020-08-01", intent="negligent", recipient="mainland_or_hostile"),
    "collect_for_foreign_vendor_2024": doc(
        "non_civil_servant",
        start="2024-03-01",
        conducts=("spy_or_collect",),
        recipient="vendor",
        respondent={"public_authority_delegated": False},
        recipient_extra={"vendor_foreign_or_mainland": True},
        evaluation="2024-10-01",
    ),
    "evaluation_before_act": doc(start="2024-03-01", evaluation="2020-01-01"),
    "no_conduct_recorded": doc(conducts=()),
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def results(catalogue) -> dict[str, EvaluationResult]:
    return {name: evaluate(facts_from_json(document), catalogue, today=TODAY) for name, document in SCENARIOS.items()}


def rules_of(result: EvaluationResult) -> dict[str, Suggestion]:
    return {suggestion.rule_id: suggestion for suggestion in result.suggestions}


def check(result: EvaluationResult, expected: dict[str, Status], absent: tuple[str, ...] = ()) -> dict[str, Suggestion]:
    found = rules_of(result)
    for rule_id, status in expected.items():
        assert rule_id in found, f"{rule_id} missing; got {sorted(found)}"
        assert found[rule_id].status is status, f"{rule_id}: {found[rule_id].status} — {found[rule_id].reason}"
    for rule_id in absent:
        assert rule_id not in found, f"{rule_id} must not be suggested: {found[rule_id].reason}"
    return found


# --- national defence secrets (刑法第109、110條, 第115條之1) ---------------------------------------


def test_defence_secret_to_the_media_is_109_1_not_132(results):
    found = check(
        results["defence_to_media"],
        {"criminal.109.1": APPLIED},
        absent=("criminal.109.2", "criminal.110", "criminal.132.1", "criminal.115-1"),
    )
    assert found["criminal.109.1"].citation == "第109條第1項"
    assert found["criminal.109.1"].penalty.imprisonment_min_months == 12


def test_negligent_defence_leak_by_an_official_is_110_under_the_1935_text(results):
    found = check(
        results["defence_negligent_official_2018"],
        {"criminal.110": APPLIED},
        absent=("criminal.109.1", "criminal.132.2"),
    )
    suggestion = found["criminal.110"]
    assert suggestion.citation == "第110條"
    assert suggestion.applied_version.effective_from == date(1935, 7, 1)
    assert [v.effective_from for v in suggestion.later_versions] == [date(2019, 12, 27)]
    assert suggestion.penalty.fine_max == 30_000 and suggestion.penalty.fine_multiplier == 30
    assert "前段" in suggestion.applied_basis


def test_negligent_defence_leak_by_a_non_official_is_not_punishable(results):
    result = results["defence_negligent_non_official"]
    assert result.suggestions == ()
    assert result.paths[0].kind is PathKind.CRIMINAL and result.paths[0].applicable is False


def test_defence_secret_to_a_foreign_state_is_109_2_and_displaces_109_1(results):
    found = check(
        results["defence_to_foreign_2015"],
        {"criminal.109.2": APPLIED, "criminal.109.1": DISPLACED},
        absent=("criminal.115-1",),
    )
    assert found["criminal.109.1"].displaced_by.startswith("criminal.109.2")
    assert "concurrency.109.2-over-109.1" in found["criminal.109.1"].reason


def test_defence_secret_to_the_mainland_before_115_1_reaches_only_109_1(results):
    found = check(
        results["defence_to_mainland_2018"],
        {"criminal.109.1": APPLIED, "criminal.nsa.leak": DISPLACED},
        absent=("criminal.109.2", "criminal.115-1"),
    )
    # 1996 國家安全法第5條之1第3項: a heavier provision of another law governs.
    assert "第5條之1第3項" in found["criminal.nsa.leak"].reason
    assert found["criminal.nsa.leak"].applied_version.effective_from == date(1996, 3, 1)


def test_defence_secret_to_the_mainland_after_115_1(results):
    found = check(
        results["defence_to_mainland_2020"],
        {
            "criminal.109.2": APPLIED,
            "criminal.115-1": APPLIED,
            "criminal.nsa.leak": DISPLACED,
            "criminal.109.1": DISPLACED,
        },
    )
    assert any("第115條之1" in flag for flag in found["criminal.109.2"].flags)
    assert found["criminal.nsa.leak"].citation == "第5條之1第2項"  # the 2019 text
    assert "刑法第55條" in found["criminal.nsa.leak"].reason


def test_continuing_act_ending_after_115_1_took_effect(results):
    result = results["continuing_to_mainland_across_115_1"]
    assert result.act_last_day == date(2019, 6, 30)
    found = check(result, {"criminal.109.2": APPLIED, "criminal.115-1": APPLIED})
    assert found["criminal.115-1"].applied_version.effective_from == date(2019, 5, 12)
    deadline = next(d for d in found["criminal.109.2"].deadlines if d.label == "追訴權時效完成")
    assert deadline.due == date(2049, 6, 30)  # 三年以上十年以下 → 30 years, from the end of the act


def test_continuing_act_ending_before_115_1_took_effect(results):
    check(
        results["continuing_to_mainland_before_115_1"],
        {"criminal.109.1": APPLIED},
        absent=("criminal.109.2", "criminal.115-1"),
    )


# --- 刑法第132條 ----------------------------------------------------------------------------------


def test_132_act_before_the_2019_amendment_applies_the_1935_text(results):
    found = check(
        results["general_secret_2018"],
        {"criminal.132.1": APPLIED},
        absent=("criminal.132.2", "criminal.132.3", "criminal.109.1", "criminal.cnsipa.32"),
    )
    suggestion = found["criminal.132.1"]
    assert suggestion.act_version.effective_from == date(1935, 7, 1)
    assert suggestion.applied_version == suggestion.act_version
    assert [v.effective_from for v in suggestion.later_versions] == [date(2019, 12, 27)]
    assert "行為時法" in suggestion.applied_basis
    assert suggestion.penalty_text == "3年以下有期徒刑"
    assert any("第134條" in flag for flag in suggestion.flags)  # 134 does not aggravate 132


def test_132_2_fine_as_converted_makes_the_2019_text_no_more_favourable(results):
    found = check(results["general_secret_negligent_2018"], {"criminal.132.2": APPLIED}, absent=("criminal.132.1",))
    suggestion = found["criminal.132.2"]
    assert suggestion.penalty.fine_max == 9000 and suggestion.penalty.fine_max_as_written == 300
    assert "行為時法" in suggestion.applied_basis and "9,000" in suggestion.penalty_text


def test_continuing_act_spanning_an_amendment_takes_the_text_in_force_at_its_end(results):
    found = check(results["continuing_general_secret_across_2019_amendment"], {"criminal.132.2": APPLIED})
    assert found["criminal.132.2"].act_version.effective_from == date(2019, 12, 27)
    assert found["criminal.132.2"].later_versions == ()


def test_unknown_intent_gives_both_paragraphs_as_alternatives(results):
    result = results["intent_unknown"]
    found = check(result, {"criminal.132.1": ALTERNATIVE, "criminal.132.2": ALTERNATIVE})
    for rule_id in ("criminal.132.1", "criminal.132.2"):
        assert "故意或過失" in found[rule_id].open_question
        assert "act.intent" in found[rule_id].missing_facts
    assert any("故意或過失" in question for question in result.open_questions)
    assert result.paths[0].applicable is None


# --- 國家機密保護法 ------------------------------------------------------------------------------


def test_top_secret_classified_leak_is_cnsipa_32_aggravated_and_displaces_132(results):
    found = check(results["classified_top_secret"], {"criminal.cnsipa.32": APPLIED, "criminal.132.1": DISPLACED})
    leak = found["criminal.cnsipa.32"]
    assert leak.citation == "第32條第1項"
    assert any("第32條第6項" in flag and "絕對機密" in flag for flag in leak.flags)
    assert "加重其刑至二分之一" in leak.penalty_text
    limitation = next(d for d in leak.deadlines if d.label == "追訴權時效完成")
    assert limitation.due == date(2051, 3, 1)  # 7 years × 1.5 = 10.5 years → 30 years
    assert found["criminal.132.1"].displaced_by.startswith("criminal.cnsipa.32")
    assert "特別規定" in found["criminal.132.1"].reason


def test_classified_to_a_foreign_state_before_2019_uses_the_2003_text_without_aggravation(results):
    found = check(
        results["classified_to_foreign_2018"], {"criminal.cnsipa.32": APPLIED, "criminal.nsa.leak": DISPLACED}
    )
    leak = found["criminal.cnsipa.32"]
    assert leak.citation == "第32條第1項" and leak.act_version.effective_from == date(2003, 10, 1)
    assert [v.effective_from for v in leak.later_versions] == [date(2019, 5, 12)]
    assert not any("第32條第6項" in flag for flag in leak.flags)
    assert "前段" in leak.applied_basis


def test_classified_to_the_mainland_after_2019_is_32_2_and_governs_the_national_security_act(results):
    found = check(
        results["classified_to_mainland_2021"],
        {"criminal.cnsipa.32": APPLIED, "criminal.nsa.leak": DISPLACED, "criminal.132.1": DISPLACED},
    )
    assert found["criminal.cnsipa.32"].citation == "第32條第2項"
    assert "concurrency.cnsipa-37" in found["criminal.nsa.leak"].reason


def test_classified_information_before_the_2003_act_falls_back_to_132(results):
    check(
        results["classified_before_the_act_existed"],
        {"criminal.132.1": APPLIED},
        absent=("criminal.cnsipa.32", "criminal.cnsipa.32.negligent"),
    )


def test_negligent_classified_leak_to_the_mainland(results):
    found = check(
        results["classified_negligent_to_mainland"],
        {"criminal.cnsipa.32.negligent": APPLIED, "criminal.132.2": DISPLACED, "criminal.nsa.negligent": DISPLACED},
        absent=("criminal.cnsipa.32",),
    )
    assert found["criminal.cnsipa.32.negligent"].citation == "第32條第3項"
    assert "concurrency.cnsipa-37.negligent" in found["criminal.nsa.negligent"].reason


def test_pending_classification_to_a_foreign_state_yields_to_the_heavier_national_security_act(results):
    # 國機法第33條第2項 (一年以上七年以下) and 國安法第5條之1第2項 (一年以上七年以下，得併科一千萬元):
    # same imprisonment, but an added fine is heavier (刑法第35條第3項第2款) → 國機法第37條.
    found = check(
        results["pending_classification_to_foreign"],
        {"criminal.nsa.leak": APPLIED, "criminal.cnsipa.33": DISPLACED},
        absent=("criminal.cnsipa.32",),
    )
    assert found["criminal.cnsipa.33"].citation == "第33條第2項"
    assert "國家機密保護法第37條" in found["criminal.cnsipa.33"].reason
    assert found["criminal.cnsipa.33"].displaced_by.startswith("criminal.nsa.leak")


def test_negligent_leak_of_a_pending_matter_before_2019_keeps_the_old_paragraph(results):
    found = check(results["pending_classification_negligent_2018"], {"criminal.cnsipa.33.negligent": APPLIED})
    assert found["criminal.cnsipa.33.negligent"].citation == "第33條第2項"  # 2003 text: ¶2; since 2019: ¶3
    assert "前段" in found["criminal.cnsipa.33.negligent"].applied_basis


def test_collecting_classified_information_for_the_mainland(results):
    found = check(
        results["collect_classified_for_mainland"],
        {"criminal.cnsipa.34": APPLIED, "criminal.nsa.collect": DISPLACED},
        absent=("criminal.132.3",),
    )
    assert found["criminal.cnsipa.34"].citation == "第34條第3項"


def test_losing_classified_information_negligently_is_35_2(results):
    found = check(
        results["classified_lost_negligently"], {"criminal.cnsipa.35.2": APPLIED}, absent=("criminal.cnsipa.35.1",)
    )
    assert found["criminal.cnsipa.35.2"].citation == "第35條第2項"
    check(results["classified_destroyed"], {"criminal.cnsipa.35.1": APPLIED}, absent=("criminal.cnsipa.35.2",))


# --- 現役軍人 (陸海空軍刑法) ------------------------------------------------------------------------


def test_soldier_leaking_a_military_secret(results):
    found = check(
        results["soldier_military_secret"],
        {"criminal.military.20.1": APPLIED, "criminal.109.1": DISPLACED, "criminal.military.76.1": DISPLACED},
        absent=("criminal.132.1", "criminal.132.3"),
    )
    assert any("第21條" in flag for flag in found["criminal.military.20.1"].flags)
    assert "第76條" in found["criminal.109.1"].reason
    limitation = next(d for d in found["criminal.military.20.1"].deadlines if d.label == "追訴權時效完成")
    assert limitation.due == date(2051, 3, 1)  # 10 years × 1.5 (第21條) → 30 years
    steps = " ".join(results["soldier_military_secret"].paths[0].steps)
    assert "軍事審判法" in steps


def test_soldier_military_secret_that_is_also_classified_goes_to_the_heavier_military_code(results):
    found = check(
        results["soldier_military_and_classified"],
        {"criminal.military.20.1": APPLIED, "criminal.cnsipa.32": DISPLACED},
    )
    assert "國家機密保護法第37條" in found["criminal.cnsipa.32"].reason


def test_soldier_leaking_to_the_enemy(results):
    found = check(results["soldier_to_enemy"], {"criminal.military.20.2": APPLIED, "criminal.military.20.1": DISPLACED})
    assert found["criminal.military.20.2"].penalty.death


def test_soldier_negligent_military_secret_displaces_110(results):
    found = check(
        results["soldier_negligent_military_secret"],
        {"criminal.military.20.4": APPLIED, "criminal.110": DISPLACED},
        absent=("criminal.military.20.1",),
    )
    assert "concurrency.military-76.negligent" in found["criminal.110"].reason


def test_soldier_leaking_a_general_secret_is_132_through_article_76(results):
    found = check(
        results["soldier_general_secret"],
        {"criminal.132.1": APPLIED, "criminal.military.76.2": APPLIED},
        absent=("criminal.military.20.1",),
    )
    assert found["criminal.military.76.2"].citation == "第76條第1項第2款"


def test_a_soldier_acting_after_discharge_is_not_reached_by_the_military_code(results):
    found = check(
        results["discharged_soldier_after_service"],
        {"criminal.109.1": APPLIED},
        absent=("criminal.military.20.1", "criminal.military.76.1"),
    )
    assert "criminal.military.20.1" not in found


# --- who is a 公務員 ------------------------------------------------------------------------------


def test_retiree_acting_after_retirement_is_not_a_public_official(results):
    found = check(
        results["retiree_after_retirement"], {"criminal.132.3": APPLIED}, absent=("criminal.132.1", "criminal.132.2")
    )
    assert not any("第134條" in flag for flag in found["criminal.132.3"].flags)


def test_retiree_leaking_a_commercial_secret_is_318_as_a_former_official(results):
    found = check(
        results["retiree_commercial_secret"], {"criminal.318": APPLIED}, absent=("criminal.317", "criminal.132.1")
    )
    suggestion = found["criminal.318"]
    assert any(flag.startswith("告訴乃論（刑法第319條）") for flag in suggestion.flags)
    complaint = next(d for d in suggestion.deadlines if d.label == "告訴期間屆滿")
    assert complaint.due == date(2024, 9, 1) and complaint.passed is False


def test_act_spanning_retirement_leaves_the_official_question_open(results):
    found = check(results["act_spanning_retirement"], {"criminal.132.1": ALTERNATIVE, "criminal.132.3": ALTERNATIVE})
    assert "離職" in found["criminal.132.1"].open_question


def test_former_official_who_acted_while_in_office_is_an_official(results):
    check(results["former_official_acting_in_office"], {"criminal.132.1": APPLIED}, absent=("criminal.132.3",))


def test_non_civil_servant_who_learned_through_business_is_132_3(results):
    check(
        results["non_civil_servant_through_business"],
        {"criminal.132.3": APPLIED},
        absent=("criminal.132.1", "criminal.132.2"),
    )


def test_non_civil_servant_with_a_commercial_secret_is_317_pending_the_duty_of_secrecy(results):
    found = check(
        results["non_civil_servant_commercial_secret"], {"criminal.317": ALTERNATIVE}, absent=("criminal.318",)
    )
    assert "保守" in found["criminal.317"].open_question
    assert any("第316條" in warning for warning in results["non_civil_servant_commercial_secret"].warnings)


def test_delegated_non_civil_servant_is_an_official(results):
    found = check(results["delegated_non_civil_servant"], {"criminal.132.1": APPLIED}, absent=("criminal.132.3",))
    assert any("第10條第2項第2款" in element.note for element in found["criminal.132.1"].elements)


def test_political_appointee_is_an_official(results):
    found = check(results["political_appointee"], {"criminal.132.1": APPLIED}, absent=("criminal.132.3",))
    assert any("政務人員" in element.note for element in found["criminal.132.1"].elements)


def test_contract_employee_is_an_open_question_under_article_10(results):
    found = check(
        results["contract_employee_commercial_secret"],
        {
            "criminal.132.1": ALTERNATIVE,
            "criminal.132.3": ALTERNATIVE,
            "criminal.318": ALTERNATIVE,
            "criminal.317": ALTERNATIVE,
        },
    )
    assert "第10條第2項第1款" in found["criminal.132.1"].open_question
    assert "concurrency.318-over-317" in found["criminal.317"].reason  # complementary: noted, not displaced


# --- personal data (個人資料保護法; 1995 電腦處理個人資料保護法) -----------------------------------------


def test_personal_data_leak_by_an_official_2020(results):
    found = check(
        results["personal_data_2020"],
        {"criminal.pdpa.41": ALTERNATIVE, "criminal.132.1": ALTERNATIVE},
        absent=("criminal.pdpa1995.34", "criminal.pdpa.42"),
    )
    assert "不法之利益" in found["criminal.pdpa.41"].open_question
    assert any("第44條" in flag for flag in found["criminal.pdpa.41"].flags)
    assert found["criminal.pdpa.41"].act_version.effective_from == date(2016, 3, 15)


def test_personal_data_sold_governs_over_132_as_the_heavier_offence(results):
    found = check(results["personal_data_sold_2020"], {"criminal.pdpa.41": APPLIED, "criminal.132.1": DISPLACED})
    assert "concurrency.one-act.pdpa-132" in found["criminal.132.1"].reason
    assert not any("告訴乃論（" in flag for flag in found["criminal.pdpa.41"].flags)  # 第45條但書


def test_personal_data_misused_2020_raises_41_and_42(results):
    found = check(
        results["personal_data_misused_2020"], {"criminal.pdpa.41": ALTERNATIVE, "criminal.pdpa.42": ALTERNATIVE}
    )
    assert any("視待查事實" in flag for flag in found["criminal.pdpa.42"].flags)  # 第45條但書: 對公務機關


def test_personal_data_before_2012_uses_the_1995_act(results):
    result = results["personal_data_2011"]
    found = check(result, {"criminal.pdpa1995.34": ALTERNATIVE}, absent=("criminal.pdpa.41", "criminal.pdpa.42"))
    suggestion = found["criminal.pdpa1995.34"]
    assert suggestion.law_name == "電腦處理個人資料保護法" and suggestion.citation == "第34條"
    assert [v.provision_id for v in suggestion.later_versions] == ["I0050021:42"]
    assert suggestion.act_version.verified is False
    assert any("未經官方資料核對" in warning for warning in result.warnings)
    assert any("第35條" in flag for flag in suggestion.flags)


def test_personal_data_2013_names_the_2016_intent_requirement_as_an_open_question(results):
    found = check(results["personal_data_2013"], {"criminal.pdpa.41": ALTERNATIVE})
    suggestion = found["criminal.pdpa.41"]
    assert suggestion.act_version.effective_from == date(2012, 10, 1) and suggestion.citation == "第41條第1項"
    assert [v.effective_from for v in suggestion.later_versions] == [date(2016, 3, 15)]
    assert "2016-03-15" in suggestion.open_question and "不罰" in suggestion.open_question
    assert any(flag.startswith("已提出告訴") for flag in suggestion.flags)


# --- sealed letters, trade secrets, computers --------------------------------------------------------


def test_sealed_letter_opened_by_an_official_is_315_with_134(results):
    result = results["sealed_letter_by_official"]
    found = check(result, {"criminal.315": APPLIED}, absent=("criminal.132.1",))
    assert found["criminal.315"].citation == "第315條"
    assert any("刑法第134條" in flag for flag in found["criminal.315"].flags)
    assert any("告訴乃論" in flag for flag in found["criminal.315"].flags)
    assert any("第133條" in warning for warning in result.warnings)  # 郵電公務員: no such fact, not suggested


def test_trade_secret_leak_by_an_official_without_known_intent(results):
    found = check(
        results["trade_secret_by_official"],
        {"criminal.tsa.13-1": ALTERNATIVE, "criminal.318": APPLIED},
        absent=("criminal.tsa.13-2",),
    )
    assert any("第13條之3第3項" in flag for flag in found["criminal.tsa.13-1"].flags)
    assert found["criminal.tsa.13-1"].citation == "第13條之1第1項第2款"
    assert "營業秘密法第13條之1" in found["criminal.318"].reason  # noted: it governs if established


def test_trade_secret_for_use_abroad_is_13_2_and_displaces_13_1_and_318(results):
    found = check(
        results["trade_secret_for_use_abroad"],
        {
            "criminal.tsa.13-2": APPLIED,
            "criminal.tsa.13-1": DISPLACED,
            "criminal.318": DISPLACED,
            "criminal.acpa.4.1.5": ALTERNATIVE,
        },
    )
    assert not any(flag.startswith("告訴乃論") for flag in found["criminal.tsa.13-2"].flags)  # 13-2 is not


def test_computer_incident_raises_318_1_as_an_alternative_only(results):
    result = results["computer_incident"]
    found = check(result, {"criminal.318-1": ALTERNATIVE, "criminal.132.1": APPLIED})
    assert "電腦" in found["criminal.318-1"].open_question
    assert any("第358條" in warning for warning in result.warnings)


# --- time limits ------------------------------------------------------------------------------------


def test_negligent_132_in_2005_is_time_barred_under_the_old_period(results):
    found = check(results["time_barred_negligent_2005"], {"criminal.132.2": BARRED})
    deadline = next(d for d in found["criminal.132.2"].deadlines if d.label == "追訴權時效完成")
    assert deadline.due == date(2010, 3, 1) and deadline.passed is True
    assert "刑法施行法第8條之1" in deadline.basis
    assert "2010-03-01" in found["criminal.132.2"].reason
    assert results["time_barred_negligent_2005"].paths[0].applicable is False


def test_intentional_132_in_2000_is_barred_after_ten_years_under_the_old_law(results):
    found = check(results["time_barred_intentional_2000"], {"criminal.132.1": BARRED})
    deadline = next(d for d in found["criminal.132.1"].deadlines if d.label == "追訴權時效完成")
    assert deadline.due == date(2010, 3, 1)  # old law: 三年以上十年未滿 → 10 years (new law: 20)


def test_negligent_132_in_2007_is_barred_after_ten_years(results):
    found = check(results["time_barred_negligent_2007"], {"criminal.132.2": BARRED})
    deadline = next(d for d in found["criminal.132.2"].deadlines if d.label == "追訴權時效完成")
    assert deadline.due == date(2017, 5, 1)


def test_complaint_only_318_without_complaint_after_six_months_is_barred(results):
    found = check(results["complaint_barred_318"], {"criminal.318": BARRED})
    assert "2025-07-01" in found["criminal.318"].reason and "未提出告訴" in found["criminal.318"].reason


def test_complaint_only_318_within_the_period_is_applied_with_its_deadline(results):
    found = check(results["complaint_still_open_318"], {"criminal.318": APPLIED})
    assert any("2026-04-01" in flag for flag in found["criminal.318"].flags)


def test_complaint_filing_unknown_after_the_period_is_an_open_question(results):
    found = check(results["complaint_filing_unknown_318"], {"criminal.318": ALTERNATIVE})
    assert "提出告訴" in found["criminal.318"].open_question


# --- corruption ---------------------------------------------------------------------------------------


def test_benefit_for_a_procurement_leak(results):
    result = results["bribe_for_procurement_leak"]
    found = check(
        result,
        {"criminal.132.1": APPLIED, "criminal.procurement.34": APPLIED, "criminal.acpa.4.1.5": ALTERNATIVE},
        absent=("criminal.131",),
    )
    assert "對價" in found["criminal.acpa.4.1.5"].open_question
    assert found["criminal.acpa.4.1.5"].citation == "第4條第1項第5款"
    assert any("廉政署" in step for step in result.paths[0].steps)


def test_profit_from_a_secret_raises_131_and_the_anti_corruption_act_as_alternatives(results):
    found = check(
        results["profit_from_secret"],
        {"criminal.131": ALTERNATIVE, "criminal.acpa.6.1.4": ALTERNATIVE, "criminal.acpa.6.1.5": ALTERNATIVE},
        absent=("criminal.132.1",),
    )
    assert "concurrency.acpa-over-131" in found["criminal.131"].reason


def test_anti_corruption_act_before_the_catalogued_text_is_a_catalogue_gap(results):
    result = results["profit_from_secret_2005"]
    found = check(result, {"criminal.131": ALTERNATIVE, "criminal.acpa.6.1.4": ALTERNATIVE})
    gap = found["criminal.acpa.6.1.4"]
    assert gap.act_version is None and gap.applied_version is None
    assert any("行為時法律不在目錄中" in warning for warning in result.warnings)
    assert found["criminal.131"].act_version.effective_from == date(2001, 11, 9)


# --- 國家安全法 by date ------------------------------------------------------------------------------


def test_national_security_act_2023_applies_the_2019_text_and_names_article_7(results):
    found = check(results["national_security_2023"], {"criminal.nsa.leak": APPLIED, "criminal.132.1": DISPLACED})
    leak = found["criminal.nsa.leak"]
    assert leak.act_version.provision_id == "A0030028:5-1@1987" and leak.act_version.effective_from == date(2019, 7, 5)
    assert leak.citation == "第5條之1第2項"
    assert [(v.provision_id, v.citation) for v in leak.later_versions] == [("A0030028:7", "第7條")]
    assert "前段" in leak.applied_basis


def test_national_security_act_2024_is_article_7(results):
    found = check(results["national_security_2024"], {"criminal.nsa.leak": APPLIED})
    assert found["criminal.nsa.leak"].citation == "第7條第2項"


def test_national_security_act_1996_text_needs_the_intent_to_endanger(results):
    found = check(results["national_security_1996_text"], {"criminal.nsa.leak": ALTERNATIVE, "criminal.132.1": APPLIED})
    assert "危害國家安全" in found["criminal.nsa.leak"].open_question
    assert found["criminal.nsa.leak"].citation == "第5條之1第1項"


def test_negligent_leak_to_the_mainland_2020(results):
    found = check(
        results["negligent_to_mainland_2020"], {"criminal.nsa.negligent": APPLIED, "criminal.132.2": DISPLACED}
    )
    assert found["criminal.nsa.negligent"].citation == "第5條之1第5項"
    assert "concurrency.one-act.negligent-nsa" in found["criminal.132.2"].reason


def test_collecting_for_a_foreign_vendor_asks_about_control_by_a_foreign_power(results):
    found = check(results["collect_for_foreign_vendor_2024"], {"criminal.nsa.collect": ALTERNATIVE})
    assert "實質控制" in found["criminal.nsa.collect"].open_question


# --- robustness ---------------------------------------------------------------------------------------


def test_evaluation_date_before_the_act_is_reported_not_raised(results):
    result = results["evaluation_before_act"]
    assert any("早於行為終了日" in warning for warning in result.warnings)
    check(result, {"criminal.132.1": APPLIED})


def test_no_conduct_recorded_suggests_nothing(results):
    result = results["no_conduct_recorded"]
    assert result.suggestions == () and any("行為態樣" in warning for warning in result.warnings)
    assert result.paths[0].applicable is False


def test_a_partial_catalogue_is_reported_not_raised(catalogue):
    partial = Catalogue(laws={pcode: law for pcode, law in catalogue.laws.items() if pcode != "A0030028"})
    result = evaluate(facts_from_json(SCENARIOS["national_security_2023"]), partial, today=TODAY)
    check(result, {"criminal.132.1": APPLIED}, absent=("criminal.nsa.leak",))
    assert any("A0030028:5-1@1987" in warning for warning in result.warnings)


def test_suggestions_are_sorted_applied_first(results):
    for result in results.values():
        order = [("applied", "alternative", "displaced", "barred").index(s.status.value) for s in result.suggestions]
        assert order == sorted(order)


def test_the_criminal_path_comes_first_and_lists_deadlines(results):
    result = results["retiree_commercial_secret"]
    criminal = result.paths[0]
    assert criminal.kind is PathKind.CRIMINAL and criminal.applicable is True
    assert any(d.label.endswith("告訴期間屆滿") for d in criminal.deadlines)
    assert any("告訴" in step for step in criminal.steps)


def test_evaluate_json_round_trip_and_invalid_documents(catalogue):
    output = evaluate_json(SCENARIOS["general_secret_2018"], catalogue, today=TODAY)
    assert output["suggestions"][0]["rule_id"] == "criminal.132.1"
    assert output["suggestions"][0]["applied_version"]["effective_from"] == "1935-07-01"
    with pytest.raises(FactsError):
        evaluate_json({"respondent": {"category": "spy"}, "act": {"start": "2024-01-01"}}, catalogue, today=TODAY)


def test_every_rule_support_rule_and_concurrency_rule_is_exercised(results):
    seen_rules = {s.rule_id for result in results.values() for s in result.suggestions}
    assert {rule.id for rule in RULES} - seen_rules == set()
    assert {rule.id for rule in SUPPORT_RULES} - seen_rules == set()
    reasons = " ".join(s.reason for result in results.values() for s in result.suggestions)
    assert {relation.id for relation in CONCURRENCY if relation.id not in reasons} == set()
