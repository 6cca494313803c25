"""What changed since a recommendation draft was saved: suggestions and facts."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import facts_from_json
from statutes.engine.result import EvaluationResult, Status, Suggestion, VersionRef
from statutes.engine.result_diff import (
    ChangeKind,
    FactChange,
    SuggestionChange,
    SuggestionSnapshot,
    compare_facts,
    compare_suggestions,
    snapshot,
)

TODAY = date(2026, 1, 1)
LAW = "中華民國刑法"


def snap(
    rule_id: str = "criminal.132.1",
    *,
    citation: str = "第132條第1項",
    status: str = "applied",
    provision_id: str | None = "C0000001:132",
    version_from: date | None = date(2019, 12, 27),
    law_name: str = LAW,
) -> SuggestionSnapshot:
    return SuggestionSnapshot(rule_id, law_name, citation, status, provision_id, version_from)


def document(intent: str = "intentional", **changes: Any) -> dict[str, Any]:
    """A valid facts document (as in test_engine_scenarios); ``changes`` replace whole sections."""
    base: dict[str, Any] = {
        "respondent": {"category": "civil_servant"},
        "act": {
            "start": "2021-03-01",
            "end": None,
            "conducts": ["disclose"],
            "intent": intent,
            "known_through_duty": True,
        },
        "information": {"kinds": ["general_official_secret"]},
        "recipient": {"kind": "media"},
        "evaluation_date": "2024-06-01",
    }
    base.update(changes)
    return base


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# --- snapshot ----------------------------------------------------------------------------------


def _version(effective_from: date) -> VersionRef:
    return VersionRef("C0000001:132", LAW, "第132條", effective_from, None, "（條文）")


def _suggestion(rule_id: str, status: Status, applied: VersionRef | None) -> Suggestion:
    return Suggestion(
        rule_id=rule_id,
        law_name=LAW,
        citation="第132條第1項",
        title="洩漏國防以外之秘密罪",
        status=status,
        reason="",
        act_version=applied,
        applied_version=applied,
    )


def test_snapshot_keeps_order_status_and_applied_version() -> None:
    result = EvaluationResult(
        engine_version="1.1.0",
        evaluated_on=TODAY,
        act_last_day=date(2021, 3, 1),
        suggestions=(
            _suggestion("b", Status.ALTERNATIVE, _version(date(2019, 12, 27))),
            _suggestion("a", Status.BARRED, None),
        ),
        paths=(),
    )
    assert snapshot(result) == (
        snap("b", status="alternative"),
        snap("a", status="barred", provision_id=None, version_from=None),
    )
    assert type(snapshot(result)[0].status) is str  # plain value, safe to store as JSON


# --- compare_suggestions -----------------------------------------------------------------------


def test_unchanged_suggestions_give_no_changes() -> None:
    saved = (snap("criminal.132.1"), snap("criminal.132.2", citation="第132條第2項", status="alternative"))
    assert compare_suggestions(saved, list(saved)) == ()
    assert compare_suggestions((), ()) == ()


def test_alternative_to_applied_is_a_status_change() -> None:
    before, after = snap(status="alternative"), snap(status="applied")
    (change,) = compare_suggestions([before], [after])
    assert change == SuggestionChange(ChangeKind.STATUS, "criminal.132.1", before, after)
    assert change.describe() == "中華民國刑法第132條第1項：狀態由「待查明」改為「適用」"


@pytest.mark.parametrize(
    ("old", "new", "wording"),
    [
        ("applied", "displaced", "狀態由「適用」改為「排除」"),
        ("applied", "barred", "狀態由「適用」改為「不能追究」"),
        ("displaced", "alternative", "狀態由「排除」改為「待查明」"),
    ],
)
def test_status_labels_are_zh_tw(old: str, new: str, wording: str) -> None:
    (change,) = compare_suggestions([snap(status=old)], [snap(status=new)])
    assert change.describe() == f"中華民國刑法第132條第1項：{wording}"


def test_changed_applied_version_is_a_version_change_with_roc_dates() -> None:
    before, after = snap(version_from=date(2019, 12, 27)), snap(version_from=date(2022, 5, 6))
    (change,) = compare_suggestions([before], [after])
    assert (change.kind, change.before, change.after) == (ChangeKind.VERSION, before, after)
    assert change.describe() == (
        "中華民國刑法第132條第1項：適用版本由 民國108年12月27日起施行之版本 改為 民國111年5月6日起施行之版本"
    )


def test_losing_the_applied_version_is_a_version_change() -> None:
    (change,) = compare_suggestions([snap()], [snap(provision_id=None, version_from=None)])
    assert change.kind is ChangeKind.VERSION
    assert change.describe().endswith("改為 無適用版本")


def test_one_rule_can_change_status_and_version() -> None:
    before = snap(status="alternative", version_from=date(2019, 12, 27))
    after = snap(status="applied", version_from=date(2022, 5, 6))
    assert [change.kind for change in compare_suggestions([before], [after])] == [
        ChangeKind.STATUS,
        ChangeKind.VERSION,
    ]


def test_changed_citation() -> None:
    (change,) = compare_suggestions([snap(citation="第132條第1項")], [snap(citation="第132條第2項")])
    assert change.kind is ChangeKind.CITATION
    assert change.describe() == "中華民國刑法：引用由 第132條第1項 改為 第132條第2項"


def test_added_and_removed_rules() -> None:
    kept = snap("criminal.132.1")
    gone = snap("criminal.132.2", citation="第132條第2項", status="alternative")
    new = snap("criminal.318", citation="第318條", provision_id="C0000001:318")
    changes = compare_suggestions([kept, gone], [new, kept])
    assert changes == (
        SuggestionChange(ChangeKind.ADDED, "criminal.318", None, new),
        SuggestionChange(ChangeKind.REMOVED, "criminal.132.2", gone, None),
    )
    assert [change.describe() for change in changes] == [
        "新增：中華民國刑法第318條",
        "不再建議：中華民國刑法第132條第2項",
    ]


def test_order_follows_after_then_removed_in_before_order() -> None:
    before = [snap("r1"), snap("r2"), snap("r3"), snap("r4")]
    after = [snap("n1"), snap("r3", status="barred"), snap("r1", status="alternative"), snap("n2")]
    changes = compare_suggestions(before, after)
    assert [(change.kind, change.rule_id) for change in changes] == [
        (ChangeKind.ADDED, "n1"),
        (ChangeKind.STATUS, "r3"),
        (ChangeKind.STATUS, "r1"),
        (ChangeKind.ADDED, "n2"),
        (ChangeKind.REMOVED, "r2"),
        (ChangeKind.REMOVED, "r4"),
    ]


def test_reordered_suggestions_are_not_changes() -> None:
    a, b = snap("a"), snap("b", status="alternative")
    assert compare_suggestions([a, b], [b, a]) == ()


snapshots = st.builds(
    SuggestionSnapshot,
    rule_id=st.sampled_from(["r1", "r2", "r3", "r4"]),
    law_name=st.just(LAW),
    citation=st.sampled_from(["第132條第1項", "第132條第2項"]),
    status=st.sampled_from([status.value for status in Status]),
    provision_id=st.sampled_from([None, "C0000001:132"]),
    version_from=st.sampled_from([None, date(2019, 12, 27), date(2022, 5, 6)]),
)
unique_snapshots = st.lists(snapshots, max_size=4, unique_by=lambda item: item.rule_id)


@given(unique_snapshots)
def test_identical_input_never_changes(items: list[SuggestionSnapshot]) -> None:
    assert compare_suggestions(items, tuple(items)) == ()


@given(unique_snapshots, unique_snapshots)
def test_every_rule_is_accounted_for(before: list[SuggestionSnapshot], after: list[SuggestionSnapshot]) -> None:
    changes = compare_suggestions(before, after)
    old, new = {item.rule_id for item in before}, {item.rule_id for item in after}
    assert {c.rule_id for c in changes if c.kind is ChangeKind.ADDED} == new - old
    assert {c.rule_id for c in changes if c.kind is ChangeKind.REMOVED} == old - new
    for change in changes:
        assert change.describe()
        if change.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED):
            assert change.before != change.after
    # Deterministic: the same input gives the same output.
    assert compare_suggestions(before, after) == changes


# --- compare_facts -----------------------------------------------------------------------------


def test_unchanged_facts_give_no_changes() -> None:
    assert compare_facts(document(), copy.deepcopy(document())) == ()


def test_changed_intent_is_labelled_from_the_schema() -> None:
    assert compare_facts(document("unknown"), document("intentional")) == (
        FactChange("act.intent", "主觀犯意", "unknown", "intentional"),
    )


def test_a_conduct_added() -> None:
    after = document()
    after["act"] = {**after["act"], "conducts": ["disclose", "deliver"]}
    assert compare_facts(document(), after) == (
        FactChange("act.conducts", "行為態樣", ["disclose"], ["deliver", "disclose"]),
    )


def test_reordering_conducts_or_kinds_is_not_a_change() -> None:
    before, after = document(), document()
    before["act"]["conducts"] = ["disclose", "deliver"]
    after["act"]["conducts"] = ["deliver", "disclose"]
    before["information"]["kinds"] = ["personal_data", "classified"]
    after["information"]["kinds"] = ["classified", "personal_data"]
    assert compare_facts(before, after) == ()


def test_year_records_are_compared_as_given() -> None:
    first = {"kind": "demerit", "on": "2024-02-01"}
    second = {"kind": "reprimand", "on": "2024-03-01"}
    (change,) = compare_facts(document(year_records=[first, second]), document(year_records=[second, first]))
    assert (change.path, change.label) == ("year_records", "本考績年度已有之獎懲紀錄")
    assert change.before == [first, second]
    assert change.after == [second, first]


def test_none_to_true_boolean_and_missing_key_counts_as_none() -> None:
    before, after = document(), document()
    before["act"]["benefit_received"] = None
    after["act"]["benefit_received"] = True
    after["harm"] = {"serious_government_damage": True}  # the whole section is new
    assert compare_facts(before, after) == (
        FactChange("act.benefit_received", "是否收受賄賂或其他不正利益", None, True),
        FactChange("harm.serious_government_damage", "是否致政府遭受重大損害", None, True),
    )
    # Missing and explicit null are the same fact: 尚未查明.
    explicit = document(harm={"third_party_harm": None})
    assert compare_facts(document(), explicit) == ()


def test_true_to_missing_is_reported() -> None:
    before = document()
    after = document()
    del after["act"]["known_through_duty"]
    assert compare_facts(before, after) == (
        FactChange("act.known_through_duty", "是否因職務或業務知悉或持有該資訊", True, None),
    )


def test_empty_array_is_the_same_as_a_missing_one() -> None:
    # The engine reads a missing act.conducts / information.kinds as "none recorded".
    before, after = document(), document()
    del before["act"]["conducts"]
    after["act"]["conducts"] = []
    assert compare_facts(before, after) == ()


def test_evaluation_and_referral_dates_are_ignored() -> None:
    after = document(evaluation_date="2025-12-31", referral_date="2026-01-15")
    assert compare_facts(document(), after) == ()


def test_output_in_schema_order_and_unknown_paths_last() -> None:
    before = document()
    after = document(
        respondent={"category": "contract_employee", "zz_note": "x"},
        recipient={"kind": "vendor"},
        complaint={"filed": True},
        year_records=[{"kind": "demerit", "on": "2024-02-01"}],
        aa_extra=1,
    )
    after["act"]["intent"] = "negligent"
    after["act"]["start"] = "2021-02-01"
    after["information"]["kinds"] = ["classified"]
    changes = compare_facts(before, after)
    # Schema order: respondent, act (start before intent), information, recipient, harm,
    # year_records, complaint; paths the schema does not know come last, alphabetically.
    assert [change.path for change in changes] == [
        "respondent.category",
        "act.start",
        "act.intent",
        "information.kinds",
        "recipient.kind",
        "year_records",
        "complaint.filed",
        "aa_extra",
        "respondent.zz_note",
    ]
    assert [change.label for change in changes] == [
        "身分類別",
        "行為開始日",
        "主觀犯意",
        "資訊種類",
        "收受者類別",
        "本考績年度已有之獎懲紀錄",
        "是否已提出告訴",
        "aa_extra",  # unknown: the path itself
        "respondent.zz_note",
    ]


def test_inputs_are_not_modified() -> None:
    before, after = document(), document("unknown")
    after["act"]["conducts"] = ["disclose", "deliver"]
    saved = copy.deepcopy((before, after))
    compare_facts(before, after)
    assert (before, after) == saved


booleans = st.sampled_from([None, True, False])


@given(booleans, booleans, st.permutations(["disclose", "deliver", "spy_or_collect"]))
def test_facts_difference_is_exactly_the_changed_leaf(old: bool | None, new: bool | None, order: list[str]) -> None:
    before, after = document(), document()
    before["harm"] = {"third_party_harm": old}
    after["harm"] = {"third_party_harm": new}
    before["act"]["conducts"] = ["deliver", "disclose", "spy_or_collect"]
    after["act"]["conducts"] = list(order)
    expected = () if old == new else (FactChange("harm.third_party_harm", "第三人權利是否受有損害", old, new),)
    assert compare_facts(before, after) == expected


# --- with the real engine ----------------------------------------------------------------------


def _evaluate(document_: dict[str, Any], catalogue: Catalogue) -> EvaluationResult:
    return evaluate(facts_from_json(document_), catalogue, today=TODAY)


def test_real_results_intent_found_after_the_draft_was_saved(catalogue: Catalogue) -> None:
    saved_facts, new_facts = document("unknown"), document("intentional")
    saved = snapshot(_evaluate(saved_facts, catalogue))
    fresh = snapshot(_evaluate(new_facts, catalogue))

    changes = compare_suggestions(saved, fresh)
    assert changes
    # 刑法第132條第1項 (故意) no longer waits for the intent; the negligent paragraph drops out.
    status_changes = [change for change in changes if change.kind is ChangeKind.STATUS]
    assert [change.rule_id for change in status_changes] == ["criminal.132.1"]
    assert status_changes[0].describe() == "中華民國刑法第132條第1項：狀態由「待查明」改為「適用」"
    assert [change.rule_id for change in changes if change.kind is ChangeKind.REMOVED] == ["criminal.132.2"]
    assert compare_suggestions(saved, saved) == ()

    fact_changes = compare_facts(saved_facts, new_facts)
    assert [change.path for change in fact_changes] == ["act.intent"]
    assert fact_changes[0].label == "主觀犯意"


def test_real_results_version_change_when_the_act_date_moves(catalogue: Catalogue) -> None:
    saved_document, new_document = document(), document()
    saved_document["act"]["start"] = "2018-06-01"  # before the 2019-12-27 amendment of 刑法第132條
    saved = snapshot(_evaluate(saved_document, catalogue))
    fresh = snapshot(_evaluate(new_document, catalogue))

    (change,) = compare_suggestions(saved, fresh)
    assert (change.kind, change.rule_id) == (ChangeKind.VERSION, "criminal.132.1")
    assert change.describe() == (
        "中華民國刑法第132條第1項：適用版本由 民國24年7月1日起施行之版本 改為 民國108年12月27日起施行之版本"
    )
    assert compare_facts(saved_document, new_document) == (
        FactChange("act.start", "行為開始日", "2018-06-01", "2021-03-01"),
    )


def test_snapshots_and_changes_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap().status = "barred"  # type: ignore[misc]
