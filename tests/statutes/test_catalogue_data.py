"""The statute catalogue (``statutes/data``): integrity, fidelity to the official data, and dates.

No Flask and no database: the catalogue is plain data read by :mod:`statutes.catalogue.lookup`.
The fidelity tests compare it with ``../shared/statutes`` and are skipped where that is absent.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from statutes.catalogue.lookup import Catalogue, load_catalogue
from statutes.catalogue.model import ARTICLE_PATTERN, FineMode, Provision, VariantKind, normalize_article
from statutes.catalogue.textdiff import normalize_for_comparison, strip_whitespace

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "statutes"
CURATION = REPO / "statutes" / "curation"
DATA = REPO / "statutes" / "data"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/statutes is not available")

CURRENT_TO = date(2024, 10, 11)

# Every provision the task asks for (seed citations, then what an ethics officer needs).
REQUIRED = {
    # cited by the seed leaflet, including repealed and renumbered ones
    "C0000001:109", "C0000001:110", "C0000001:131", "C0000001:132", "C0000001:315", "C0000001:318",
    "C0000001:319", "S0020038:13@1939", "A0030028:2-1@1987", "A0030028:5-1@1987", "I0050021:34@1995",
    "I0050021:35@1995", "A0030155:2", "A0030155:9", "S0040001:12", "S0040002:14@1987", "S0040002:14",
    "B0000001:186",
    # 刑法
    "C0000001:1", "C0000001:2", "C0000001:10", "C0000001:80", "C0000001:83", "C0000001:115-1",
    "C0000001:133", "C0000001:134", "C0000001:315-1", "C0000001:315-2", "C0000001:315-3", "C0000001:316",
    "C0000001:317", "C0000001:318-1", "C0000001:318-2", "C0000001:358", "C0000001:359", "C0000001:360",
    "C0000001:361", "C0000001:362", "C0000001:363",
    # 刑法施行法, 刑事訴訟法, 陸海空軍刑法
    "C0000002:1-1", "C0000002:8-1", "C0010001:237", "F0120001:20", "F0120001:21", "F0120001:76",
    # 國家安全法, 國家機密保護法
    "A0030028:2", "A0030028:7", "A0030028:13", "A0030028:5-2@1987",
    "I0060003:32", "I0060003:33", "I0060003:34", "I0060003:35", "I0060003:36", "I0060003:37", "I0060003:38",
    # 個人資料保護法, 營業秘密法, 貪污治罪條例, 政府採購法
    "I0050021:41", "I0050021:42", "I0050021:44", "I0050021:45",
    "J0080028:13-1", "J0080028:13-2", "J0080028:13-3", "J0080028:13-4",
    "C0000007:4", "C0000007:5", "C0000007:6", "C0000007:8", "A0030057:34",
    # 公務員服務法, both numberings
    "S0020038:4@1939", "S0020038:5@1939", "S0020038:22@1939",
    "S0020038:5", "S0020038:6", "S0020038:7", "S0020038:14", "S0020038:23",
    # 公務員懲戒法
    *(f"A0030155:{n}" for n in (1, 3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 100)),
    "A0030155:77@2015",
    "A0030155:25@1985",
    # 公務人員考績法 and its 施行細則
    *(f"S0040001:{n}" for n in (6, 7, 13, 14, 18)),
    *(f"S0040002:{n}" for n in (13, 15, 16, 19)),
    # 公務人員保障法 (復審 and 申訴/再申訴 deadlines)
    *(f"S0120001:{n}" for n in (25, 27, 30, 44, 46, 72, 77, 78, 81, 84)),
    # 民法, 國家賠償法, 資通安全管理法 and its notification rules
    "B0000001:184", "B0000001:197", "I0020004:2", "I0020004:8",
    "A0030297:14", "A0030297:18", "A0030297:19",
    "A0030305:2", "A0030305:4", "A0030305:6", "A0030305:11", "A0030305:13",
}  # fmt: skip

# A 處…刑/罰金 clause: the version punishes and must have at least one penalty.
CRIMINAL_CLAUSE = re.compile(r"(?<![判裁懲調])處[^。；，]{0,30}?(死刑|無期徒刑|有期徒刑|拘役|罰金)")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def all_provisions(catalogue: Catalogue) -> list[Provision]:
    return [provision for law in catalogue.laws.values() for provision in law.provisions]


@cache
def curation(pcode: str) -> dict[str, Any]:
    return json.loads((CURATION / f"{pcode}.json").read_text(encoding="utf-8"))


def spec_of(provision: Provision) -> dict[str, Any]:
    return next(item for item in curation(provision.law)["provisions"] if item["id"] == provision.id)


@cache
def shared_law(pcode: str) -> dict[str, Any] | None:
    path = SHARED / f"{pcode}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


# ---------------------------------------------------------------------------------------------
# (a) integrity


def test_every_required_provision_exists(catalogue: Catalogue) -> None:
    ids = {provision.id for provision in all_provisions(catalogue)}
    assert sorted(REQUIRED - ids) == []


def test_ids_are_unique_and_match_law_and_article(catalogue: Catalogue) -> None:
    ids = [provision.id for provision in all_provisions(catalogue)]
    assert len(ids) == len(set(ids))
    for law in catalogue.laws.values():
        articles = [(p.sort_key, p.id) for p in law.provisions]
        assert articles == sorted(articles), f"{law.pcode}: provisions not in article order"
        for provision in law.provisions:
            assert ARTICLE_PATTERN.match(provision.article)
            assert re.fullmatch(rf"{law.pcode}:{re.escape(provision.article)}(@\d{{4}})?", provision.id)
            assert provision.law == law.pcode
            assert provision.title, provision.id


def test_versions_are_ordered_without_gaps_or_overlaps(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        versions = provision.versions
        assert versions, provision.id
        for version in versions:
            assert version.effective_to is None or version.effective_to >= version.effective_from, provision.id
            assert version.text.strip(), provision.id
            assert version.source, provision.id
            assert version.promulgated is None or version.promulgated <= version.effective_from, provision.id
        for earlier, later in itertools.pairwise(versions):
            assert earlier.effective_to is not None, provision.id
            assert later.effective_from == earlier.effective_to + timedelta(days=1), provision.id


def test_last_version_open_iff_in_force_at_current_to(catalogue: Catalogue) -> None:
    for law in catalogue.laws.values():
        if law.pcode in {"C0010001"}:  # not in the shared data: no current_to
            assert law.current_to is None
            continue
        assert law.current_to == CURRENT_TO, law.pcode
        for provision in law.provisions:
            last = provision.versions[-1]
            in_force = last.effective_from <= law.current_to and (
                last.effective_to is None or last.effective_to >= law.current_to
            )
            assert (last.effective_to is None) == in_force, provision.id
            if "@" in provision.id:  # an older numbering is never in force at current_to
                assert last.effective_to is not None and last.effective_to < law.current_to, provision.id


def test_renumbering_links_resolve_both_ways(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        if provision.replaced_by is not None:
            successor = catalogue.provision(provision.replaced_by)
            assert successor.replaces == provision.id
            assert successor.law == provision.law
            end = provision.versions[-1].effective_to
            assert end is not None and successor.versions[0].effective_from == end + timedelta(days=1), provision.id
        if provision.replaces is not None:
            assert catalogue.provision(provision.replaces).replaced_by == provision.id


def test_links_named_in_the_task(catalogue: Catalogue) -> None:
    expected = {
        "S0020038:4@1939": "S0020038:5",
        "S0020038:5@1939": "S0020038:6",
        "S0020038:6@1939": "S0020038:7",
        "S0020038:13@1939": "S0020038:14",
        "S0020038:22@1939": "S0020038:23",
        "A0030028:2-1@1987": "A0030028:2",
        "A0030028:5-1@1987": "A0030028:7",
        "A0030028:5-2@1987": "A0030028:13",
        "A0030155:77@2015": "A0030155:100",
        "A0030155:25@1985": "A0030155:20",
        "I0050021:34@1995": "I0050021:42",
        "I0050021:35@1995": "I0050021:44",
    }
    assert {p.id: p.replaced_by for p in all_provisions(catalogue) if p.replaced_by} == expected


def test_one_provision_per_number_and_day(catalogue: Catalogue) -> None:
    """A lookup of (law, article, date) can never hit two provisions (e.g. old and new 第5條)."""
    for law in catalogue.laws.values():
        by_article: dict[str, list[Provision]] = {}
        for provision in law.provisions:
            by_article.setdefault(provision.article, []).append(provision)
        for article, provisions in by_article.items():
            spans = sorted((v.effective_from, v.effective_to or date.max, p.id) for p in provisions for v in p.versions)
            for (_, end, first), (start, _, second) in itertools.pairwise(spans):
                assert start > end, f"{law.pcode} {article}: {first} and {second} overlap"


def test_editorial_variants_are_not_layout_and_differ(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        for version in provision.versions:
            for variant in version.editorial_variants:
                assert variant.kind in (VariantKind.PUNCTUATION, VariantKind.EDITORIAL), provision.id
                assert strip_whitespace(variant.text) != strip_whitespace(version.text), provision.id
                if variant.kind is VariantKind.PUNCTUATION:
                    assert normalize_for_comparison(variant.text) == normalize_for_comparison(version.text)


def test_unverified_versions_name_their_source(catalogue: Catalogue) -> None:
    unverified = {p.id for p in all_provisions(catalogue) for v in p.versions if not v.verified}
    assert unverified == {
        "C0000001:131",
        "C0000001:315",
        "S0020038:13@1939",
        "A0030155:2",
        "A0030155:9",
        "A0030155:25@1985",
        "I0050021:34@1995",
        "I0050021:35@1995",
        "S0040002:14@1987",
        "C0010001:237",
    }
    for provision in all_provisions(catalogue):
        for version in provision.versions:
            if not version.verified:
                assert any(
                    origin in version.source
                    for origin in ("seed leaflet 公務人員的保密責任 (unverified)", "law.moj.gov.tw", "釋字第583號")
                ), provision.id


def test_every_punishing_version_has_penalties(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        for version in provision.versions:
            if CRIMINAL_CLAUSE.search(version.text) and "罰鍰" not in version.text:
                assert version.penalties, f"{provision.id} {version.effective_from}"


def test_penalties_equal_what_the_parser_and_curation_produce(catalogue: Catalogue) -> None:
    from scripts.build_catalogue import compute_penalties

    for provision in all_provisions(catalogue):
        rules = spec_of(provision).get("penalties", [])
        for version in provision.versions:
            expected = compute_penalties(
                provision.law, version.text, version.promulgated, version.effective_from, rules
            )
            assert version.penalties == expected, f"{provision.id} {version.effective_from}"


def test_aggravation_targets_exist(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        for version in provision.versions:
            for penalty in version.penalties:
                for target in penalty.aggravates:
                    target_id, _, paragraph = target.partition("¶")
                    aggravated = catalogue.provision(target_id)
                    if paragraph:
                        assert any(
                            pen.paragraph == int(paragraph) for v in aggravated.versions for pen in v.penalties
                        ), target


def test_fines_of_old_criminal_code_texts_are_converted(catalogue: Catalogue) -> None:
    """刑法施行法第1條之1: ×30 for texts before 1983-06-26, ×3 for texts of 1983-06-26 … 2005-01-07."""
    for provision in catalogue.provisions_of("C0000001"):
        for version in provision.versions:
            for penalty in version.penalties:
                if penalty.fine_max_as_written is None or version.promulgated is None:
                    continue
                if version.promulgated < date(1983, 6, 26):
                    factor = 30
                elif version.promulgated <= date(2005, 1, 7):
                    factor = 3
                else:
                    factor = 1
                assert penalty.fine_multiplier == factor, provision.id
                assert penalty.fine_max == penalty.fine_max_as_written * factor, provision.id


# ---------------------------------------------------------------------------------------------
# (b) fidelity to ../shared/statutes


def _source_versions(provision: Provision) -> list[dict[str, Any]]:
    """The shared data's versions (and 歷史法規 versions) that belong to this provision."""
    spec = spec_of(provision)
    window = spec.get("source")
    law = shared_law(provision.law)
    if window is None or law is None:
        return []
    label = window.get("article", provision.article)
    article = next(a for a in law["articles"] if normalize_article(a["article"]) == label)
    items = [
        {"text": h["text"], "law": h["law_date"], "last": h["law_date"], "historical": True}
        for h in article.get("historical_versions") or []
    ] + [
        {
            "text": v["text"],
            "law": v["first_seen_law_date"],
            "last": v["last_seen_snapshot"],
            "historical": False,
        }
        for v in article["versions"]
    ]
    low, high = window.get("law_date_from"), window.get("law_date_before")
    return [i for i in items if (low is None or i["law"] >= low) and (high is None or i["law"] < high)]


@needs_shared
def test_every_source_text_is_a_version_or_a_recorded_variant(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        held = [
            {strip_whitespace(version.text)} | {strip_whitespace(v.text) for v in version.editorial_variants}
            for version in provision.versions
        ]
        for item in _source_versions(provision):
            text = strip_whitespace(item["text"])
            owners = [index for index, texts in enumerate(held) if text in texts]
            assert len(owners) == 1, f"{provision.id}: source text of {item['law']} held by {owners}"


@needs_shared
def test_verified_texts_equal_the_latest_source_text_of_their_version(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        sources = _source_versions(provision)
        if not sources:
            continue
        for version in provision.versions:
            if not version.verified:
                continue
            mine = {strip_whitespace(version.text)} | {strip_whitespace(v.text) for v in version.editorial_variants}
            belonging = [s for s in sources if strip_whitespace(s["text"]) in mine]
            assert belonging, f"{provision.id} {version.effective_from}: text not in the shared data"
            latest = max(belonging, key=lambda s: (s["law"], not s["historical"], s["last"] or ""))
            assert normalize_for_comparison(version.text) == normalize_for_comparison(latest["text"])
            assert strip_whitespace(version.text) == strip_whitespace(latest["text"]), provision.id


@needs_shared
def test_provisions_current_at_head_exist_at_head(catalogue: Catalogue) -> None:
    for provision in all_provisions(catalogue):
        law = shared_law(provision.law)
        if law is None or spec_of(provision).get("source") is None or "@" in provision.id:
            continue
        article = next(a for a in law["articles"] if normalize_article(a["article"]) == provision.article)
        assert article["in_force_at_head"] == (provision.versions[-1].effective_to is None), provision.id


def test_editorial_correction_is_not_an_amendment(catalogue: Catalogue) -> None:
    """公務員服務法第4條: the 2018-03-30 snapshot's wording is a correction, not a new version."""
    old_secrecy = catalogue.provision("S0020038:4@1939")
    assert len(old_secrecy.versions) == 1
    version = old_secrecy.versions[0]
    assert "對於機密事件，無論是否主管事務，均不得洩漏；退職後亦同" in version.text
    (variant,) = version.editorial_variants
    assert variant.kind is VariantKind.EDITORIAL
    assert "對於機密事件無論是否主管事務，均不得洩漏，退職後亦同" in strip_whitespace(variant.text)
    assert variant.first_seen == date(2015, 12, 11)
    service_act = catalogue.provisions_of("S0020038")
    assert not any(v.effective_from.year == 2018 for p in service_act for v in p.versions)


@needs_shared
def test_data_files_are_what_the_generator_writes() -> None:
    from scripts.build_catalogue import build

    files = build(SHARED)
    assert sorted(files) == sorted(path.name for path in DATA.glob("*.json"))
    for name, content in files.items():
        assert (DATA / name).read_text(encoding="utf-8") == content, name


# ---------------------------------------------------------------------------------------------
# (c) dates


def test_132_fine_before_and_after_the_2019_amendment(catalogue: Catalogue) -> None:
    provision, version = catalogue.in_force("中華民國刑法", "第132條", date(2018, 6, 1))
    assert provision.id == "C0000001:132"
    assert "三百元以下罰金" in version.paragraphs()[1]
    provision, later = catalogue.in_force("刑法", "132", date(2026, 1, 1))
    assert "九千元以下罰金" in later.paragraphs()[1]
    assert later.effective_from == date(2019, 12, 27)  # promulgated 2019-12-25, third day
    (old_fine,) = [p for p in version.penalties if p.paragraph == 2]
    assert (old_fine.fine_max_as_written, old_fine.fine_multiplier, old_fine.fine_max) == (300, 30, 9000)
    assert old_fine.fine_mode is FineMode.ALTERNATIVE
    (new_fine,) = [p for p in later.penalties if p.paragraph == 2]
    assert (new_fine.fine_max_as_written, new_fine.fine_multiplier, new_fine.fine_max) == (9000, 1, 9000)


def test_national_security_act_renumbering(catalogue: Catalogue) -> None:
    may_2023 = date(2023, 5, 20)
    provision, version = catalogue.in_force("國家安全法", "5-1", may_2023)
    assert provision.id == "A0030028:5-1@1987"
    assert version.effective_from == date(2019, 7, 5) and "第二條之一第二款" in version.text
    assert catalogue.in_force("國家安全法", "第5條之1", may_2023)[0].id == "A0030028:5-1@1987"
    assert catalogue.in_force("國家安全法", "7", may_2023) is None
    assert catalogue.in_force("國家安全法", "2-1", may_2023)[0].id == "A0030028:2-1@1987"
    new_year = date(2024, 1, 1)
    provision, version = catalogue.in_force("A0030028", "7", new_year)
    assert provision.id == "A0030028:7" and version.effective_from == date(2023, 12, 1)
    assert catalogue.in_force("A0030028", "5-1", new_year) is None
    assert catalogue.in_force("A0030028", "5-1", date(2023, 11, 30))[0].id == "A0030028:5-1@1987"
    assert catalogue.in_force("A0030028", "7", date(2023, 12, 1))[0].id == "A0030028:7"
    provision, version = catalogue.in_force("國家安全法", "2-1", date(2000, 1, 1))
    assert version.effective_from == date(1996, 3, 1) and "圖畫" in version.text  # not the seed's 圖書


def test_service_act_13_before_and_after_the_2022_revision(catalogue: Catalogue) -> None:
    provision, version = catalogue.in_force("公務員服務法", "13", date(2021, 7, 1))
    assert provision.id == "S0020038:13@1939"
    assert "公務上之秘密消息" in version.text
    later = catalogue.in_force("公務員服務法", "13", date(2023, 1, 1))
    assert later is None or "秘密消息" not in later[1].text
    assert catalogue.provision("S0020038:13@1939").versions[-1].effective_to == date(2022, 6, 23)


def test_service_act_old_numbers_do_not_return_new_articles(catalogue: Catalogue) -> None:
    assert catalogue.in_force("公務員服務法", "4", date(2021, 7, 1))[0].id == "S0020038:4@1939"
    assert catalogue.in_force("公務員服務法", "4", date(2023, 1, 1)) is None
    provision, version = catalogue.in_force("公務員服務法", "5", date(2021, 7, 1))
    assert provision.id == "S0020038:5@1939" and "保守" not in version.text
    provision, version = catalogue.in_force("公務員服務法", "5", date(2023, 1, 1))
    assert provision.id == "S0020038:5" and "絕對保守政府機關（構）機密" in version.text
    assert catalogue.in_force("公務員服務法", "22", date(2023, 1, 1)) is None


def test_discipline_act_sanctions_by_date(catalogue: Catalogue) -> None:
    law = "公務員懲戒法"
    before = catalogue.in_force(law, "9", date(2016, 1, 1))[1]
    assert not before.verified and "撤職" in before.text and "免除職務" not in before.text
    grounds = catalogue.in_force(law, "2", date(2016, 1, 1))[1]
    assert not grounds.verified and "廢弛職務" in grounds.text
    assert catalogue.in_force(law, "20", date(2016, 1, 1)) is None  # the 2015 numbering is not yet in force
    old_limit, old_limit_text = catalogue.in_force(law, "25", date(2016, 1, 1))
    assert old_limit.id == "A0030155:25@1985" and old_limit.replaced_by == "A0030155:20"
    assert "已逾十年者" in old_limit_text.text and not old_limit_text.verified
    assert catalogue.in_force(law, "25", date(2016, 5, 2)) is None
    in_2017 = catalogue.in_force(law, "9", date(2017, 1, 1))[1]
    in_2021 = catalogue.in_force(law, "9", date(2021, 1, 1))[1]
    assert in_2017 is in_2021 and in_2017.verified and in_2017.effective_from == date(2016, 5, 2)
    assert all(word in in_2017.text for word in ("免除職務", "剝奪、減少退休", "罰款", "降級"))
    assert "得為記過一次或二次" not in catalogue.in_force(law, "18", date(2017, 1, 1))[1].text
    assert "得為記過一次或二次" in catalogue.in_force(law, "18", date(2021, 1, 1))[1].text
    assert "公務員懲戒委員會" in catalogue.in_force(law, "20", date(2017, 1, 1))[1].text
    assert "懲戒法院" in catalogue.in_force(law, "20", date(2021, 1, 1))[1].text
    assert catalogue.in_force(law, "20", date(2020, 7, 17))[1].effective_from == date(2020, 7, 17)
    assert catalogue.in_force(law, "77", date(2019, 1, 1))[0].id == "A0030155:77@2015"
    assert catalogue.in_force(law, "77", date(2021, 1, 1)) is None


def test_criminal_code_115_1_takes_effect_on_the_third_day(catalogue: Catalogue) -> None:
    assert catalogue.in_force("刑法", "115-1", date(2019, 5, 1)) is None
    assert catalogue.in_force("刑法", "115條之1", date(2019, 5, 11)) is None
    provision, version = catalogue.in_force("刑法", "第115條之1", date(2019, 5, 12))
    assert provision.id == "C0000001:115-1" and version.promulgated == date(2019, 5, 10)


def test_personal_data_acts_around_2012_10_01(catalogue: Catalogue) -> None:
    provision, version = catalogue.in_force("個人資料保護法", "41", date(2012, 10, 1))
    assert provision.id == "I0050021:41" and version.effective_from == date(2012, 10, 1)
    assert catalogue.in_force("個人資料保護法", "41", date(2012, 9, 30)) is None
    provision, version = catalogue.in_force("電腦處理個人資料保護法", "34", date(2012, 9, 30))
    assert provision.id == "I0050021:34@1995" and not version.verified
    assert catalogue.in_force("電腦處理個人資料保護法", "34", date(2012, 10, 1)) is None
    assert catalogue.law_by_name("電腦處理個人資料保護法") is catalogue.laws["I0050021"]


def test_lookups(catalogue: Catalogue) -> None:
    assert catalogue.law_by_name("刑法") is catalogue.laws["C0000001"]
    assert catalogue.law_by_name("no such law") is None
    assert catalogue.in_force("no such law", "1", date(2020, 1, 1)) is None
    assert [p.id for p in catalogue.provisions_of("A0030028")][:2] == ["A0030028:2", "A0030028:2-1@1987"]
    assert catalogue.provisions_of("X0000000") == ()
    with pytest.raises(KeyError):
        catalogue.provision("C0000001:999")
    versions = catalogue.versions_between("C0000001:132", date(2019, 1, 1), date(2020, 1, 1))
    assert [v.effective_from for v in versions] == [date(1935, 7, 1), date(2019, 12, 27)]
    assert catalogue.versions_between("C0000001:132", date(2020, 1, 1), date(2020, 1, 1))[0].effective_to is None
    with pytest.raises(ValueError):
        catalogue.versions_between("C0000001:132", date(2020, 1, 2), date(2020, 1, 1))


def test_effective_dates_from_the_history(catalogue: Catalogue) -> None:
    """Dates set by 沿革 orders or curated, not by 最新異動日期 or snapshot dates."""
    first = {p.id: p.versions[0].effective_from for p in all_provisions(catalogue)}
    assert first["A0030155:20"] == date(2016, 5, 2)  # 司法院 order for the 2015 revision
    assert first["A0030155:100"] == date(2020, 7, 17)
    assert first["S0020038:5"] == date(2022, 6, 24)  # 自公布日施行, promulgated 2022-06-22
    assert first["I0060003:32"] == date(2003, 10, 1)
    assert catalogue.provision("I0060003:32").versions[1].effective_from == date(2019, 5, 12)
    assert catalogue.provision("I0050021:41").versions[1].effective_from == date(2016, 3, 15)
    assert first["I0020004:2"] == date(1981, 7, 1)  # 國家賠償法第17條
    assert first["A0030297:14"] == date(2019, 1, 1)
    assert first["C0000001:109"] == date(1935, 7, 1)


def test_paragraphs_group_subparagraphs_under_their_paragraph(catalogue: Catalogue) -> None:
    _, version = catalogue.in_force("公務人員考績法", "12", date(2024, 1, 1))
    paragraphs = version.paragraphs()
    assert len(paragraphs) == 3
    assert (
        paragraphs[0].startswith("各機關辦理公務人員平時考核及專案考績")
        and "（二）一次記二大過者，免職。" in paragraphs[0]
    )
    assert paragraphs[2].startswith("非有左列情形之一者，不得為一次記二大過處分")
    assert "二、執行國家政策不力，或怠忽職責，或洩漏職務上之機密，致政府遭受重大損害，有確實證據者。" in paragraphs[2]
