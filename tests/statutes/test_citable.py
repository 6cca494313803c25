"""The provisions offered by the case list's 「引用條文」 filter."""

from __future__ import annotations

import pytest

from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.engine.citable import citable_provisions
from statutes.engine.rules import RULES
from statutes.engine.rules.support import SUPPORT_RULES


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_every_rule_provision_can_be_chosen(catalogue):
    covered = {pid for entry in citable_provisions(catalogue) for pid in entry.provision_ids}
    assert {rule.provision_id for rule in (*RULES, *SUPPORT_RULES)} <= covered


def test_one_choice_per_provision_with_distinct_labels(catalogue):
    entries = citable_provisions(catalogue)
    assert len({entry.key for entry in entries}) == len(entries)
    assert len({entry.label for entry in entries}) == len(entries)
    by_key = {entry.key: entry for entry in entries}
    assert by_key["C0000001:132"].label == "中華民國刑法第132條"
    assert by_key["C0000001:115-1"].label == "中華民國刑法第115條之1"


def test_a_renumbered_provision_is_one_choice_covering_every_numbering(catalogue):
    entries = {entry.key: entry for entry in citable_provisions(catalogue)}
    personal_data = entries["I0050021:42"]
    assert personal_data.provision_ids == ("I0050021:34@1995", "I0050021:42")
    assert personal_data.label == "個人資料保護法第42條（含原第34條）"
    assert "I0050021:34@1995" not in entries  # not offered twice


def test_order_is_by_law_then_article(catalogue):
    criminal_code = [entry.key for entry in citable_provisions(catalogue) if entry.key.startswith("C0000001:")]
    assert criminal_code.index("C0000001:132") < criminal_code.index("C0000001:315")
    assert criminal_code.index("C0000001:115-1") < criminal_code.index("C0000001:131")
