"""zh-TW wording of structured penalties."""

from __future__ import annotations

from statutes.catalogue.describe import describe_penalty
from statutes.catalogue.model import FineMode, Penalty


def test_alternatives_are_joined_with_or():
    penalty = Penalty(
        paragraph=2,
        imprisonment_max_months=12,
        short_term_detention=True,
        fine_mode=FineMode.ALTERNATIVE,
        fine_max=9000,
        fine_max_as_written=300,
        fine_multiplier=30,
    )
    assert describe_penalty(penalty) == (
        "1年以下有期徒刑、拘役或新臺幣9,000元以下罰金（條文原寫300元，依刑法施行法第1條之1提高為30倍）"
    )


def test_fine_that_may_be_added_with_a_range_and_gain_and_flags():
    penalty = Penalty(
        paragraph=1,
        imprisonment_max_months=60,
        short_term_detention=True,
        fine_mode=FineMode.MAY_ADD,
        fine_min=1_000_000,
        fine_max=10_000_000,
        fine_gain_multiple=3,
        attempt_punishable=True,
        complaint_required=True,
    )
    assert describe_penalty(penalty) == (
        "5年以下有期徒刑或拘役，得併科新臺幣1,000,000元以上10,000,000元以下罰金"
        "；所得利益超過罰金最多額時，得於所得利益之3倍範圍內酌量加重；未遂犯罰之；告訴乃論"
    )


def test_range_of_imprisonment_and_life_and_death():
    assert describe_penalty(Penalty(paragraph=1, imprisonment_min_months=12, imprisonment_max_months=84)) == (
        "1年以上7年以下有期徒刑"
    )
    assert describe_penalty(Penalty(paragraph=1, death=True, life_imprisonment=True)) == "死刑或無期徒刑"
    assert describe_penalty(Penalty(paragraph=1, imprisonment_min_months=18)) == "1年6月以上有期徒刑"


def test_fine_only_and_aggravation():
    assert describe_penalty(Penalty(paragraph=1, fine_mode=FineMode.ONLY, fine_max=30_000)) == "新臺幣30,000元以下罰金"
    assert describe_penalty(Penalty(paragraph=3, aggravation="up_to_half")) == "加重其刑至二分之一"
