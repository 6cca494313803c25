"""Comparing wordings: layout, punctuation and wording differences, and the character diff."""

from __future__ import annotations

from statutes.catalogue.model import VariantKind
from statutes.catalogue.textdiff import char_diff, classify_change, normalize_for_comparison

# 中華民國刑法第132條 before and after the amendment of 2019-12-25 (hard-wrapped as the
# database showed it until 2021), and the same 2019 text without the hard wraps.
ARTICLE_132_1935 = (
    "公務員洩漏或交付關於中華民國國防以外應秘密之文書、圖畫、消息或物\n品者，處三年以下有期徒刑。\n"
    "因過失犯前項之罪者，處一年以下有期徒刑、拘役或三百元以下罰金。\n"
    "非公務員因職務或業務知悉或持有第一項之文書、圖畫、消息或物品，而\n洩漏或交付之者，處一年以下有期徒刑、拘役或三百元以下罰金。"
)
ARTICLE_132_2019 = ARTICLE_132_1935.replace("三百元", "九千元")
ARTICLE_132_2019_UNWRAPPED = (
    "公務員洩漏或交付關於中華民國國防以外應秘密之文書、圖畫、消息或物品者，處三年以下有期徒刑。\n"
    "因過失犯前項之罪者，處一年以下有期徒刑、拘役或九千元以下罰金。\n"
    "非公務員因職務或業務知悉或持有第一項之文書、圖畫、消息或物品，而洩漏或交付之者，處一年以下有期徒刑、拘役或九千元以下罰金。"
)


class TestNormalizeForComparison:
    def test_removes_all_whitespace_including_full_width_spaces_and_line_breaks(self) -> None:
        assert normalize_for_comparison("一、 甲\u3000乙\n  丙\r\n丁\t") == "一、甲乙丙丁"

    def test_maps_half_width_punctuation_to_full_width(self) -> None:
        assert normalize_for_comparison("a,b;c:d(e)f?g!") == "a，b；c：d（e）f？g！"

    def test_maps_tai_to_the_standard_form(self) -> None:
        assert normalize_for_comparison("新台幣") == "新臺幣"

    def test_leaves_other_characters_alone(self) -> None:
        text = "公務員洩漏或交付關於中華民國國防以外應秘密之文書、圖畫、消息或物品者，處三年以下有期徒刑。"
        assert normalize_for_comparison(text) == text


class TestClassifyChange:
    def test_identical_texts(self) -> None:
        assert classify_change(ARTICLE_132_2019, ARTICLE_132_2019) is None

    def test_line_breaks_only_are_layout(self) -> None:
        assert classify_change(ARTICLE_132_2019, ARTICLE_132_2019_UNWRAPPED) is VariantKind.LAYOUT

    def test_spaces_only_are_layout(self) -> None:
        assert classify_change("第一項 之規定", "第一項之規定\u3000") is VariantKind.LAYOUT

    def test_tai_to_tai_is_punctuation(self) -> None:
        # 公務員服務法第22條之1, before and after the database's 2018 re-punctuation.
        old = "離職公務員違反本法第十四條之一者，處二年以下有期徒刑，得併科新台\n幣一百萬元以下罰金。"
        new = "離職公務員違反本法第十四條之一者，處二年以下有期徒刑，得併科新臺\n幣一百萬元以下罰金。"
        assert classify_change(old, new) is VariantKind.PUNCTUATION

    def test_half_width_parentheses_with_spaces_are_punctuation(self) -> None:
        # 國家安全法施行細則第1條.
        old = "本細則依國家安全法 (以下簡稱本法) 第十條訂定之。"
        new = "本細則依國家安全法（以下簡稱本法）第十條訂定之。"
        assert classify_change(old, new) is VariantKind.PUNCTUATION

    def test_added_commas_are_a_wording_difference(self) -> None:
        # 公務員服務法第4條: the database re-punctuated it in 2018 without an amendment, but a
        # comma that was not there before is more than a change of width.
        old = "對於機密事件無論是否主管事務，均不得洩漏，退職後亦同。"
        new = "對於機密事件，無論是否主管事務，均不得洩漏；退職後亦同。"
        assert classify_change(old, new) is VariantKind.EDITORIAL

    def test_changed_amounts_are_a_wording_difference(self) -> None:
        assert classify_change(ARTICLE_132_1935, ARTICLE_132_2019) is VariantKind.EDITORIAL
        assert classify_change(ARTICLE_132_1935, ARTICLE_132_2019_UNWRAPPED) is VariantKind.EDITORIAL


class TestCharDiff:
    def test_only_the_changed_characters_differ(self) -> None:
        diff = char_diff(ARTICLE_132_1935, ARTICLE_132_2019)
        assert [entry for entry in diff if entry[0] != "equal"] == [
            ("replace", "三百", "九千"),
            ("replace", "三百", "九千"),
        ]

    def test_segments_rebuild_both_texts_with_their_line_breaks(self) -> None:
        diff = char_diff(ARTICLE_132_1935, ARTICLE_132_2019_UNWRAPPED)
        assert "".join(old for _, old, _ in diff) == ARTICLE_132_1935
        assert "".join(new for _, _, new in diff) == ARTICLE_132_2019_UNWRAPPED
        assert ("delete", "\n", "") in diff

    def test_insert_and_delete(self) -> None:
        assert char_diff("甲乙", "甲丙乙") == [("equal", "甲", "甲"), ("insert", "", "丙"), ("equal", "乙", "乙")]
        assert char_diff("甲丙乙", "甲乙") == [("equal", "甲", "甲"), ("delete", "丙", ""), ("equal", "乙", "乙")]

    def test_empty_texts(self) -> None:
        assert char_diff("", "") == []
        assert char_diff("", "甲") == [("insert", "", "甲")]

    def test_long_texts_are_not_junked(self) -> None:
        # autojunk would treat frequent characters such as "，" as junk in texts over 200 characters.
        old = "一、甲，乙。\n" * 60
        new = old.replace("乙", "丁", 1)
        diff = char_diff(old, new)
        assert [entry for entry in diff if entry[0] != "equal"] == [("replace", "乙", "丁")]
