"""Change detection between official snapshots and the catalogue, and applying the changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from statutes.catalogue.model import FineMode, Law, Penalty, Provision, ProvisionVersion, VariantKind
from statutes.importing.applying import apply_changes
from statutes.importing.changes import (
    ArticleChange,
    ChangeError,
    ChangeKind,
    LawChanges,
    amendment_effective_date,
    compute_changes,
    current_provision,
    is_deleted,
)
from statutes.importing.history import NOT_YET_FIXED, effective_from_history
from statutes.importing.opendata import LawSnapshot, OpenDataFile, read_open_data

FIXTURES = Path(__file__).parent / "fixtures" / "opendata"


def read(name: str) -> OpenDataFile:
    return read_open_data(FIXTURES / name)


def snapshot_of(name: str, pcode: str = "C0000001") -> tuple[LawSnapshot, date | None]:
    data = read(name)
    law = data.law(pcode)
    assert law is not None
    return law, data.update_date


def import_file(law: Law | None, name: str, pcode: str = "C0000001") -> tuple[Law, LawChanges]:
    """Compare, apply, and check that the result is idempotent."""
    snapshot, update_date = snapshot_of(name, pcode)
    changes = compute_changes(snapshot, law, update_date=update_date)
    updated = apply_changes(law, changes, snapshot)
    again = compute_changes(snapshot, updated, update_date=update_date)
    assert again.changed == (), again.summary()
    assert apply_changes(updated, again, snapshot) == updated
    return updated, changes


def kinds(changes: LawChanges) -> dict[str, ChangeKind]:
    return {change.article: change.kind for change in changes.changes}


def only(changes: LawChanges, article: str) -> ArticleChange:
    (change,) = (change for change in changes.changes if change.article == article)
    return change


def provision(law: Law, article: str) -> Provision:
    found = current_provision(law, article) or next(p for p in law.provisions if p.article == article)
    return found


# 刑法第132條 as the catalogue's data format example has it: the 1935 text, with penalties.
PENALTIES_1935 = (
    Penalty(paragraph=1, imprisonment_max_months=36),
    Penalty(
        paragraph=2,
        imprisonment_max_months=12,
        short_term_detention=True,
        fine_mode=FineMode.ALTERNATIVE,
        fine_max=9000,
        fine_max_as_written=300,
        fine_multiplier=30,
    ),
)


def catalogue_criminal_code() -> Law:
    snapshot, _ = snapshot_of("ChLaw.json")
    old_132 = snapshot.article("132")
    assert old_132 is not None
    version = ProvisionVersion(
        text=old_132.text,
        effective_from=date(1935, 7, 1),
        effective_to=None,
        promulgated=date(1935, 1, 1),
        amendment="1935-01-01",
        source="全國法規資料庫 open data, snapshots 2015-12-11…2019-11-15",
        penalties=PENALTIES_1935,
    )
    return Law(
        pcode="C0000001",
        name="中華民國刑法",
        url=snapshot.url,
        history="",
        current_to=date(2019, 11, 15),
        provisions=(
            Provision(
                id="C0000001:132", law="C0000001", article="132", title="洩漏國防以外秘密罪", versions=(version,)
            ),
        ),
    )


class TestTimeline:
    """刑法 through four snapshots: new law, 第115條之1 added, 第132條 amended, re-layout."""

    def test_new_law(self) -> None:
        law, changes = import_file(None, "ChLaw.json")
        assert changes.law_added
        assert kinds(changes) == {"1": ChangeKind.ADDED, "132": ChangeKind.ADDED, "134": ChangeKind.ADDED}
        assert changes.summary() == "中華民國刑法（新法規）：新增 3 條"
        # Nothing tells when these texts began: only that they are in force since the
        # 2016-11-30 amendment took effect (third day, 中央法規標準法第13條).
        change = only(changes, "132")
        assert (change.promulgated, change.effective_from) == (None, date(2016, 12, 2))
        assert "不明" in change.note
        assert law.current_to == date(2017, 11, 17)
        assert law.history.endswith("修正公布第 5  條條文")
        assert [p.id for p in law.provisions] == ["C0000001:1", "C0000001:132", "C0000001:134"]
        version = law.provisions[1].versions[0]
        assert version.verified
        assert version.source == "全國法規資料庫 Open API 2017-11-17"
        assert version.amendment == ""

    def test_added_article(self) -> None:
        law, _ = import_file(None, "ChLaw.json")
        law, changes = import_file(law, "ChLaw-20190510.json")
        assert changes.summary() == "中華民國刑法：新增 1 條、未變更 3 條"
        change = only(changes, "115-1")
        assert change.kind is ChangeKind.ADDED
        assert (change.promulgated, change.effective_from) == (date(2019, 5, 10), date(2019, 5, 12))
        assert [p.article for p in law.provisions] == ["1", "115-1", "132", "134"]
        added = provision(law, "115-1")
        assert added.id == "C0000001:115-1"
        assert added.versions == (
            ProvisionVersion(
                text=change.new_text,
                effective_from=date(2019, 5, 12),
                effective_to=None,
                promulgated=date(2019, 5, 10),
                amendment="2019-05-10",
                verified=True,
                source="全國法規資料庫 Open API 2019-05-10",
            ),
        )

    def test_amendment_with_a_newer_modified_date(self) -> None:
        law, _ = import_file(None, "ChLaw.json")
        law, _ = import_file(law, "ChLaw-20190510.json")
        law, changes = import_file(law, "ChLaw-20191227.json")
        assert changes.summary() == "中華民國刑法：修正 1 條、未變更 3 條"
        change = only(changes, "132")
        assert change.kind is ChangeKind.AMENDED
        assert change.variant_kind is VariantKind.EDITORIAL
        assert (change.promulgated, change.effective_from) == (date(2019, 12, 25), date(2019, 12, 27))
        assert "三百元" in change.old_text and "九千元" in change.new_text
        old, new = provision(law, "132").versions
        assert (old.effective_from, old.effective_to) == (date(2016, 12, 2), date(2019, 12, 26))
        assert (new.effective_from, new.effective_to, new.promulgated) == (date(2019, 12, 27), None, date(2019, 12, 25))
        assert new.source == "全國法規資料庫 Open API 2019-12-27"

    def test_layout_only_change_does_not_count(self) -> None:
        law, _ = import_file(None, "ChLaw.json")
        law, _ = import_file(law, "ChLaw-20190510.json")
        law, _ = import_file(law, "ChLaw-20191227.json")
        before = law
        law, changes = import_file(law, "ChLaw-20210903.json")
        # A newer 最新異動日期 (2021-06-16, another article) and unwrapped lines: nothing changed.
        assert changes.summary() == "中華民國刑法：未變更 4 條"
        assert {change.variant_kind for change in changes.changes} == {VariantKind.LAYOUT}
        # The catalogue takes the new layout (no variant is recorded), without a new version.
        for article in ("1", "115-1", "132", "134"):
            old_versions, new_versions = provision(before, article).versions, provision(law, article).versions
            assert len(new_versions) == len(old_versions)
            assert new_versions[-1].editorial_variants == ()
            assert new_versions[-1].effective_from == old_versions[-1].effective_from
            assert "\n" not in new_versions[-1].text.split("。")[0]
        assert law.current_to == date(2021, 9, 3)


class TestCatalogueWithHistory:
    def test_amendment_closes_the_1935_version(self) -> None:
        catalogue = catalogue_criminal_code()
        snapshot, update_date = snapshot_of("ChLaw-20191227.json")
        changes = compute_changes(snapshot, catalogue, update_date=update_date, articles={"132"})
        assert changes.summary() == "中華民國刑法：修正 1 條"
        law = apply_changes(catalogue, changes, snapshot)
        old, new = law.provisions[0].versions
        assert old.effective_to == date(2019, 12, 26)
        assert old.penalties == PENALTIES_1935
        assert old.text == catalogue.provisions[0].versions[0].text
        amended = snapshot.article("132")
        assert amended is not None
        assert new.text == amended.text
        assert (new.promulgated, new.effective_from, new.amendment) == (
            date(2019, 12, 25),
            date(2019, 12, 27),
            "2019-12-25",
        )
        assert new.penalties == ()
        assert law.provisions[0].title == "洩漏國防以外秘密罪"
        assert law.provisions[0].version_on(date(2019, 12, 26)) == old
        assert law.provisions[0].version_on(date(2019, 12, 27)) == new
        assert compute_changes(snapshot, law, update_date=update_date, articles={"132"}).changed == ()

    def test_same_modified_date_wording_change_is_editorial(self) -> None:
        # The catalogue already knows the 2019-12-25 version; a snapshot with the same
        # 最新異動日期 but other wording is the database correcting its text.
        catalogue = catalogue_criminal_code()
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        law = apply_changes(catalogue, compute_changes(snapshot, catalogue, articles={"132"}), snapshot)
        article = snapshot.article("132")
        assert article is not None
        corrected = replace(article, text=article.text.replace("而\n洩漏或交付之者", "而\n洩漏或交付者"))
        snapshot = replace(snapshot, articles=(corrected,))
        changes = compute_changes(snapshot, law, update_date=date(2020, 1, 3))
        change = only(changes, "132")
        assert change.kind is ChangeKind.EDITORIAL
        assert change.variant_kind is VariantKind.EDITORIAL
        updated = apply_changes(law, changes, snapshot)
        version = updated.provisions[0].versions[-1]
        assert version.text == corrected.text
        assert [variant.kind for variant in version.editorial_variants] == [VariantKind.EDITORIAL]
        assert version.editorial_variants[0].text == article.text
        assert (version.effective_from, version.promulgated) == (date(2019, 12, 27), date(2019, 12, 25))
        assert compute_changes(snapshot, updated).changed == ()

    def test_selection_of_articles(self) -> None:
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        changes = compute_changes(snapshot, catalogue_criminal_code(), articles=["132", "115-1"])
        assert kinds(changes) == {"115-1": ChangeKind.ADDED, "132": ChangeKind.AMENDED}


class TestEditorialCorrections:
    def test_punctuation_and_wording_without_a_new_modified_date(self) -> None:
        law, _ = import_file(None, "ChLaw.json", "S0020038")
        before = law
        law, changes = import_file(law, "ChLaw-20180330.json", "S0020038")
        assert changes.summary() == "公務員服務法：編修 2 條"
        assert only(changes, "4").variant_kind is VariantKind.EDITORIAL
        assert only(changes, "22-1").variant_kind is VariantKind.PUNCTUATION
        for article, kind in (("4", VariantKind.EDITORIAL), ("22-1", VariantKind.PUNCTUATION)):
            (old,) = provision(before, article).versions
            (new,) = provision(law, article).versions
            assert new.text != old.text
            assert (new.effective_from, new.effective_to, new.promulgated) == (
                old.effective_from,
                old.effective_to,
                old.promulgated,
            )
            (variant,) = new.editorial_variants
            assert (variant.text, variant.kind, variant.last_seen) == (old.text, kind, date(2017, 11, 17))
        assert "新臺\n幣" in provision(law, "22-1").versions[0].text

    def test_punctuation_change_is_editorial_even_with_a_newer_date(self) -> None:
        law, _ = import_file(None, "ChLaw.json", "S0020038")
        snapshot, _ = snapshot_of("ChLaw-20180330.json", "S0020038")
        snapshot = replace(snapshot, modified=date(2022, 6, 22))
        changes = compute_changes(snapshot, law, articles={"22-1"})
        assert kinds(changes) == {"22-1": ChangeKind.EDITORIAL}

    def test_reverting_to_a_known_variant_does_not_duplicate_it(self) -> None:
        law, _ = import_file(None, "ChLaw.json", "S0020038")
        law, _ = import_file(law, "ChLaw-20180330.json", "S0020038")
        law, changes = import_file(law, "ChLaw.json", "S0020038")  # the old wording again
        assert changes.summary() == "公務員服務法：編修 2 條"
        version = provision(law, "4").versions[0]
        assert [variant.text for variant in version.editorial_variants] == [only(changes, "4").old_text]


class TestRepeals:
    def base(self) -> Law:
        law, _ = import_file(None, "ChLaw.json")
        law, _ = import_file(law, "ChLaw-20190510.json")
        return law

    def test_deleted_text(self) -> None:
        law = self.base()
        snapshot, update_date = snapshot_of("ChLaw-20191227.json")
        articles = tuple(replace(a, text="（刪除）") if a.article == "134" else a for a in snapshot.articles)
        snapshot = replace(snapshot, articles=articles)
        changes = compute_changes(snapshot, law, update_date=update_date)
        assert changes.summary() == "中華民國刑法：修正 1 條、刪除 1 條、未變更 2 條"
        change = only(changes, "134")
        assert change.kind is ChangeKind.REPEALED and not change.vanished
        assert (change.promulgated, change.effective_from) == (date(2019, 12, 25), date(2019, 12, 27))
        updated = apply_changes(law, changes, snapshot)
        old, new = provision(updated, "134").versions
        assert old.effective_to == date(2019, 12, 26)
        assert (new.text, new.repealed, new.effective_from, new.effective_to) == (
            "（刪除）",
            True,
            date(2019, 12, 27),
            None,
        )
        assert compute_changes(snapshot, updated, update_date=update_date).changed == ()

    def test_vanished_article(self) -> None:
        law = self.base()
        snapshot, update_date = snapshot_of("ChLaw-20191227.json")
        snapshot = replace(snapshot, articles=tuple(a for a in snapshot.articles if a.article != "1"))
        changes = compute_changes(snapshot, law, update_date=update_date)
        change = only(changes, "1")
        assert change.kind is ChangeKind.REPEALED and change.vanished
        assert change.new_text == ""
        assert change.effective_from == date(2019, 12, 27)
        updated = apply_changes(law, changes, snapshot)
        gone = next(p for p in updated.provisions if p.article == "1")
        assert len(gone.versions) == 1
        assert gone.versions[0].effective_to == date(2019, 12, 26)
        assert current_provision(updated, "1") is None
        assert compute_changes(snapshot, updated, update_date=update_date).changed == ()

    def test_vanished_without_a_new_modified_date_uses_the_snapshot_date(self) -> None:
        law = self.base()
        snapshot, _ = snapshot_of("ChLaw-20190510.json")
        # 第115條之1 was added by the 2019-05-10 amendment itself: no newer 最新異動日期 explains its loss.
        snapshot = replace(snapshot, articles=tuple(a for a in snapshot.articles if a.article != "115-1"))
        change = only(compute_changes(snapshot, law, update_date=date(2019, 5, 24)), "115-1")
        assert (change.kind, change.promulgated, change.effective_from) == (
            ChangeKind.REPEALED,
            None,
            date(2019, 5, 24),
        )
        assert "不明" in change.note

    def test_article_that_comes_back(self) -> None:
        law = self.base()
        snapshot, update_date = snapshot_of("ChLaw-20191227.json")
        without = replace(snapshot, articles=tuple(a for a in snapshot.articles if a.article != "1"))
        law = apply_changes(law, compute_changes(without, law, update_date=update_date), without)
        law, changes = import_file(law, "ChLaw-20210903.json")
        assert only(changes, "1").kind is ChangeKind.ADDED
        first, second = provision(law, "1").versions
        assert first.effective_to == date(2019, 12, 26)
        assert (second.effective_from, second.promulgated) == (date(2021, 6, 18), date(2021, 6, 16))

    def test_is_deleted(self) -> None:
        assert is_deleted("（刪除）")
        assert is_deleted(" (刪除) ")
        assert not is_deleted("本條刪除後之規定")


class TestSummary:
    def test_example_wording(self) -> None:
        changes = LawChanges(
            pcode="C0000001",
            name="中華民國刑法",
            modified=date(2019, 12, 25),
            changes=tuple(
                ArticleChange(str(number), kind, "", "")
                for number, kind in enumerate(
                    [ChangeKind.AMENDED] * 2
                    + [ChangeKind.ADDED]
                    + [ChangeKind.EDITORIAL]
                    + [ChangeKind.UNCHANGED] * 58,
                    start=1,
                )
            ),
        )
        assert changes.summary() == "中華民國刑法：修正 2 條、新增 1 條、編修 1 條、未變更 58 條"
        assert changes.has_changes
        assert len(changes.of_kind(ChangeKind.UNCHANGED)) == 58

    def test_no_articles_and_abandoned(self) -> None:
        changes = LawChanges("X0000001", "某條例", date(2000, 1, 1), (), abandoned=True)
        assert changes.summary() == "某條例（已廢止）：無條文"
        assert not changes.has_changes


class TestEffectiveDates:
    def test_effective_date_of_the_snapshot(self) -> None:
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        snapshot = replace(
            snapshot,
            modified=date(2015, 12, 30),
            effective=date(2016, 7, 1),
            effective_note=(
                "本法 104.12.30  修正之第 2、11、36、38、40、51、74、84  條條文；\n"
                "增訂第 37-1、37-2、38-1～38-3 條條文自中華民國一百零五年七月一日施行。"
            ),
            history="",
        )
        assert amendment_effective_date(snapshot, "38-2") == date(2016, 7, 1)
        assert amendment_effective_date(snapshot, "36") == date(2016, 7, 1)
        # Not named in 生效內容: the general rule applies.
        assert amendment_effective_date(snapshot, "132") == date(2016, 1, 1)

    def test_effective_date_about_an_old_article_is_ignored(self) -> None:
        # 民法: 生效日期 99991231 concerns 第166-1條 of 1999, not the 2021 amendment.
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        snapshot = replace(
            snapshot,
            modified=date(2021, 1, 20),
            effective=NOT_YET_FIXED,
            effective_note="八十八年四月二十一日增訂之第 166-1  條條文施行日期，由行政院會同\n司法院另定之。",
            history=CIVIL_CODE_2021,
        )
        assert amendment_effective_date(snapshot, "166-1") == NOT_YET_FIXED
        assert amendment_effective_date(snapshot, "205") == date(2021, 7, 20)
        assert amendment_effective_date(snapshot, "1030-1") == date(2021, 1, 22)

    def test_effective_date_before_the_amendment_is_ignored(self) -> None:
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        snapshot = replace(snapshot, effective=date(2016, 7, 1), effective_note="")
        assert amendment_effective_date(snapshot, "132") == date(2019, 12, 27)

    def test_custom_hook(self) -> None:
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        seen: list[tuple[date, str | None]] = []

        def hook(history: str, promulgated: date, *, article: str | None = None) -> date | None:
            seen.append((promulgated, article))
            return date(2020, 1, 1)

        changes = compute_changes(snapshot, catalogue_criminal_code(), articles={"132"}, effective_hook=hook)
        assert only(changes, "132").effective_from == date(2020, 1, 1)
        assert seen == [(date(2019, 12, 25), "132")]

    def test_conflicting_dates_are_refused(self) -> None:
        catalogue = catalogue_criminal_code()
        snapshot, _ = snapshot_of("ChLaw-20191227.json")
        changes = compute_changes(snapshot, catalogue, articles={"132"})
        (change,) = changes.changes
        early = replace(changes, changes=(replace(change, effective_from=date(1935, 7, 1)),))
        with pytest.raises(ChangeError, match="請人工確認"):
            apply_changes(catalogue, early, snapshot)

    def test_mismatched_law(self) -> None:
        snapshot, _ = snapshot_of("ChLaw.json", "S0020038")
        with pytest.raises(ValueError, match="S0020038"):
            compute_changes(snapshot, catalogue_criminal_code())


# 沿革 entries as the database writes them (excerpts of the real 沿革內容).
CRIMINAL_CODE = """\
1.中華民國二十四年一月一日國民政府制定公布全文 357  條；並自二十
  四年七月一日起施行
22. 中華民國九十八年六月十日總統華總一義字第 09800141551  號令修
    正公布第 42、44、74～75-1 條條文；增訂第 42-1 條條文；其中第
    42  條條文自公布日施行；第 42-1、44、74～75-1 條條文自九十八
    年九月一日施行
32. 中華民國一百零四年十二月三十日總統華總一義字第 10400153651
    號令修正公布第 2、11、36、38、40、51、74、84  條條文；增訂第
    37-1、37-2、38-1～38-3、40-2  條條文及第一編第五章之一章名、
    第五章之二章名；刪除第 34、39、40-1、45、46 條條文；並自一百
    零五年七月一日施行
40. 中華民國一百零八年十二月二十五日總統華總一義字第 10800140641
    號令修正公布第 108、110、117、118、127、129、132、133、135～
    137 條條文
50. 中華民國一百十二年二月八日總統華總一義字第 11200007241  號令
    修正公布第 10、91-1 條條文；增訂第 319-1～319-6 條條文及第二
    編第二十八章之一章名；除第 91-1 條條文自一百十二年七月一日施
    行外，自公布日施行
51. 中華民國一百十二年五月三十一日總統華總一義字第 11200045431
    號令修正公布第 303、339-4 條條文；增訂第 302-1  條條文"""

CIVIL_CODE_2021 = """\
36. 中華民國一百十年一月二十日總統華總一義字第 11000004851  號令
    修正公布第 205  條條文；並自公布後六個月施行
    中華民國一百十年一月二十日總統華總一義字第 11000004151  號令
    修正公布第 1030-1  條條文；並自公布日施行"""

CIVIL_SERVICE_ACT = """\
5.中華民國八十九年七月十九日總統（89）華總一義字第 8900177720 號
  令修正公布第 11 條條文
6.中華民國一百十一年六月二十二日總統華總一義字第 11100050751  號
  令修正公布全文 27 條；並自公布日施行，但第 12 條施行日期，由考
  試院定之
  中華民國一百十一年八月一日考試院考臺組貳一字第 11100055001  號
  令發布定自一百十二年一月一日施行"""

CROSS_STRAIT_ACT = """\
21. 中華民國一百十一年六月八日總統華總一義字第 11100048111  號令
    修正公布第 9、40-1、91、93-1、93-2  條條文；施行日期，由行政
    院定之
    中華民國一百十一年十一月十七日行政院院臺法字第 1110035755 號
    令發布第 40-1、93-1、93-2 條，定自一百十一年十一月十八日施行
    中華民國一百十二年四月二十七日行政院院臺法字第 1121021548 號
    令發布第 9、91 條，定自一百十二年四月二十八日施行"""

PERSONAL_DATA_ACT = """\
4.中華民國一百十二年五月三十一日總統華總一經字第 11200045441  號
  令修正公布第 48、56 條條文；並增訂第 1-1  條條文；第 48 條條文
  自公布日施行，第 1-1 條條文施行日期，由行政院定之"""

DISCIPLINARY_COURT_ACT = """\
12. 中華民國一百零八年七月十七日總統華總一義字第 10800070531  號
    令修正公布第 1、4、16、17、24 條條文；並自公布後一年施行
13. 中華民國一百零九年六月十日總統華總一義字第 10900064291  號令
    修正公布名稱及全文 29 條；施行日期，由司法院定之
    （原名稱：公務員懲戒委員會組織法；新名稱：懲戒法院組織法）
    中華民國一百零九年六月十五日司法院院台廳司一字第 1090016921
    號令發布定自一百零九年七月十七日施行"""


@pytest.mark.parametrize(
    ("history", "promulgated", "article", "expected"),
    [
        (CRIMINAL_CODE, date(1935, 1, 1), None, date(1935, 7, 1)),
        (CRIMINAL_CODE, date(2015, 12, 30), "38-2", date(2016, 7, 1)),
        (CRIMINAL_CODE, date(2019, 12, 25), "132", None),  # no 施行 clause: 中央法規標準法第13條
        (CRIMINAL_CODE, date(2009, 6, 10), "42", None),
        (CRIMINAL_CODE, date(2009, 6, 10), "75-1", date(2009, 9, 1)),
        (CRIMINAL_CODE, date(2023, 2, 8), "91-1", date(2023, 7, 1)),
        (CRIMINAL_CODE, date(2023, 2, 8), "10", None),
        (CRIMINAL_CODE, date(2023, 5, 31), "303", None),
        (CRIMINAL_CODE, date(2024, 7, 31), None, None),  # no such entry: the last one is used
        (CIVIL_CODE_2021, date(2021, 1, 20), "205", date(2021, 7, 20)),
        (CIVIL_CODE_2021, date(2021, 1, 20), "1030-1", None),
        (CIVIL_SERVICE_ACT, date(2022, 6, 22), "12", date(2023, 1, 1)),
        (CIVIL_SERVICE_ACT, date(2022, 6, 22), "4", None),
        (CIVIL_SERVICE_ACT, date(2000, 7, 19), "11", None),
        (CROSS_STRAIT_ACT, date(2022, 6, 8), "9", date(2023, 4, 28)),
        (CROSS_STRAIT_ACT, date(2022, 6, 8), "93-1", date(2022, 11, 18)),
        (PERSONAL_DATA_ACT, date(2023, 5, 31), "1-1", NOT_YET_FIXED),
        (PERSONAL_DATA_ACT, date(2023, 5, 31), "48", None),
        (DISCIPLINARY_COURT_ACT, date(2019, 7, 17), "4", date(2020, 7, 17)),
        (DISCIPLINARY_COURT_ACT, date(2020, 6, 10), "1", date(2020, 7, 17)),
        (DISCIPLINARY_COURT_ACT, date(2020, 6, 10), None, date(2020, 7, 17)),
        ("", date(2020, 1, 1), None, None),
        ("1.中華民國九十年一月一日制定公布全文 10 條；並自八十九年一月一日施行", date(2001, 1, 1), None, None),
    ],
)
def test_effective_from_history(history: str, promulgated: date, article: str | None, expected: date | None) -> None:
    assert effective_from_history(history, promulgated, article=article) == expected
