"""Reading the official open data: ZIP, ChLaw.json, the older per-law JSON, and broken files."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from statutes.importing.opendata import ArticleSnapshot, OpenDataError, clean_text, read_open_data

FIXTURES = Path(__file__).parent / "fixtures" / "opendata"


def chlaw_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / "ChLaw.json").read_text(encoding="utf-8-sig"))
    return document


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


class TestChLawJson:
    def test_raw_file_has_a_bom_and_crlf(self) -> None:
        raw = (FIXTURES / "ChLaw.json").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in raw

    def test_reads_laws_and_update_date(self) -> None:
        data = read_open_data(FIXTURES / "ChLaw.json")
        assert data.update_date == date(2017, 11, 17)
        assert [(law.pcode, law.name) for law in data.laws] == [
            ("C0000001", "中華民國刑法"),
            ("S0020038", "公務員服務法"),
        ]

    def test_law_fields(self) -> None:
        law = read_open_data(FIXTURES / "ChLaw.json").laws[0]
        assert law.url == "https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=C0000001"
        assert law.modified == date(2016, 11, 30)
        assert law.effective is None
        assert law.effective_note == ""
        assert law.abandoned is False
        assert law.nature == "法律"
        assert law.category == "行政＞法務部＞檢察目"
        assert law.english_name == "Criminal Code of the Republic of China"
        assert "\r" not in law.history
        assert law.history.startswith("1.中華民國二十四年一月一日國民政府制定公布全文 357  條")
        assert law.history.endswith("號令修正公布第 5  條條文")

    def test_articles_are_normalised_and_chapters_are_not_articles(self) -> None:
        law = read_open_data(FIXTURES / "ChLaw.json").laws[0]
        assert [article.article for article in law.articles] == ["1", "132", "134"]
        assert law.articles[0].chapter == "第 一 章 法例"
        assert law.articles[1].chapter == "第 四 章 瀆職罪"
        assert law.articles[1] == ArticleSnapshot(
            article="132",
            text=(
                "公務員洩漏或交付關於中華民國國防以外應秘密之文書、圖畫、消息或物\n品者，處三年以下有期徒刑。\n"
                "因過失犯前項之罪者，處一年以下有期徒刑、拘役或三百元以下罰金。\n"
                "非公務員因職務或業務知悉或持有第一項之文書、圖畫、消息或物品，而\n"
                "洩漏或交付之者，處一年以下有期徒刑、拘役或三百元以下罰金。"
            ),
            chapter="第 四 章 瀆職罪",
        )

    def test_trailing_spaces_and_blank_lines_are_stripped(self) -> None:
        law = read_open_data(FIXTURES / "ChLaw.json").laws[0]
        assert law.articles[2].text.endswith("不在此限。")
        assert law.article("134") == law.articles[2]
        assert law.article("999") is None

    def test_article_numbers_with_a_sub_number(self) -> None:
        law = read_open_data(FIXTURES / "ChLaw.json").laws[1]
        assert [article.article for article in law.articles] == ["4", "22-1"]
        assert law.articles[1].chapter == ""

    def test_progress_is_reported_per_law(self) -> None:
        calls: list[tuple[int, int]] = []
        read_open_data(FIXTURES / "ChLaw.json", progress=lambda done, total: calls.append((done, total)))
        assert calls == [(1, 2), (2, 2)]

    def test_compact_update_date(self) -> None:
        assert read_open_data(FIXTURES / "ChLaw-20191227.json").update_date == date(2019, 12, 27)

    def test_abandoned_and_effective_date(self, tmp_path: Path) -> None:
        document = chlaw_document()
        document["Laws"][0].update(
            LawAbandonNote="廢", LawEffectiveDate="20160701", LawEffectiveNote="自一百零五年七月一日施行。\r\n"
        )
        law = read_open_data(write_json(tmp_path / "ChLaw.json", document)).laws[0]
        assert law.abandoned is True
        assert law.effective == date(2016, 7, 1)
        assert law.effective_note == "自一百零五年七月一日施行。"

    def test_lookup_by_pcode(self) -> None:
        data = read_open_data(FIXTURES / "ChLaw.json")
        law = data.law("S0020038")
        assert law is not None
        assert law.name == "公務員服務法"
        assert data.law("X0000000") is None


class TestZip:
    def test_reads_every_json_member(self) -> None:
        calls: list[tuple[int, int]] = []
        data = read_open_data(FIXTURES / "ChLaw.zip", progress=lambda done, total: calls.append((done, total)))
        assert [law.pcode for law in data.laws] == ["C0000001", "S0020038", "I0060005"]
        assert data.update_date == date(2017, 11, 17)
        assert calls == [(1, 3), (2, 3), (3, 3)]

    def test_same_content_as_the_json_file(self) -> None:
        from_zip = read_open_data(FIXTURES / "ChLaw.zip")
        assert from_zip.laws[:2] == read_open_data(FIXTURES / "ChLaw.json").laws
        assert from_zip.laws[2] == read_open_data(FIXTURES / "ChOrder.json").laws[0]

    def test_orders_keep_their_nature(self) -> None:
        order = read_open_data(FIXTURES / "ChLaw.zip").laws[2]
        assert order.nature == "命令"
        assert order.name == "國家機密保護法施行細則"

    def test_only_one_member_is_enough(self, tmp_path: Path) -> None:
        path = tmp_path / "order.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(FIXTURES / "ChOrder.json", "ChOrder.json")
        assert [law.pcode for law in read_open_data(path).laws] == ["I0060005"]

    def test_corrupt_member(self, tmp_path: Path) -> None:
        raw = bytearray((FIXTURES / "ChLaw.zip").read_bytes())
        start = raw.index(b"ChLaw.json") + len("ChLaw.json")
        for offset in range(start + 50, start + 60):
            raw[offset] ^= 0xFF
        path = tmp_path / "corrupt.zip"
        path.write_bytes(bytes(raw))
        with pytest.raises(OpenDataError, match=re.escape("corrupt.zip")):
            read_open_data(path)


class TestOlderPerLawFormat:
    def test_same_snapshot_as_the_open_api_file(self) -> None:
        old = read_open_data(FIXTURES / "C0000001.json")
        new = read_open_data(FIXTURES / "ChLaw.json").laws[0]
        assert old.update_date is None
        (law,) = old.laws
        assert law.url == "http://law.moj.gov.tw/LawClass/LawAll.aspx?PCode=C0000001"
        assert (law.pcode, law.name, law.modified, law.history, law.articles, law.nature) == (
            new.pcode,
            new.name,
            new.modified,
            new.history,
            new.articles,
            new.nature,
        )

    @pytest.mark.parametrize("wrap", [lambda law: [law], lambda law: {"法規": [law]}], ids=["list", "法規"])
    def test_wrappers(self, tmp_path: Path, wrap: Any) -> None:
        law = json.loads((FIXTURES / "C0000001.json").read_text(encoding="utf-8"))
        data = read_open_data(write_json(tmp_path / "laws.json", wrap(law)))
        assert [item.pcode for item in data.laws] == ["C0000001"]

    def test_missing_article_number(self, tmp_path: Path) -> None:
        law = json.loads((FIXTURES / "C0000001.json").read_text(encoding="utf-8"))
        del law["法規內容"][2]["條號"]
        with pytest.raises(
            OpenDataError, match=re.escape("C0000001.json 第 1 筆法規（中華民國刑法）的第 3 筆條文缺少 條號")
        ):
            read_open_data(write_json(tmp_path / "C0000001.json", law))


BROKEN = [
    ("invalid.json", "檔案不是有效的 JSON（可能下載不完整）：invalid.json"),
    ("truncated.json", "檔案不是有效的 JSON（可能下載不完整）：truncated.json"),
    ("truncated.zip", "檔案不是有效的 ZIP（可能下載不完整）：truncated.zip"),
    ("no-members.zip", "ZIP 檔 no-members.zip 內沒有 ChLaw.json 或 ChOrder.json"),
    ("missing-lawurl.json", "missing-lawurl.json 第 2 筆法規（公務員服務法）缺少 LawURL。"),
]


class TestBrokenFiles:
    @pytest.mark.parametrize(("name", "message"), BROKEN, ids=[name for name, _ in BROKEN])
    def test_fixture(self, name: str, message: str) -> None:
        calls: list[tuple[int, int]] = []
        with pytest.raises(OpenDataError) as raised:
            read_open_data(FIXTURES / name, progress=lambda done, total: calls.append((done, total)))
        assert message in str(raised.value)
        assert isinstance(raised.value, ValueError)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(OpenDataError, match=re.escape("無法讀取檔案 nothing.json")):
            read_open_data(tmp_path / "nothing.json")

    def test_empty_file(self, tmp_path: Path) -> None:
        (tmp_path / "ChLaw.json").write_bytes(b"\xef\xbb\xbf")
        with pytest.raises(OpenDataError, match="檔案是空的"):
            read_open_data(tmp_path / "ChLaw.json")

    def test_not_utf8(self, tmp_path: Path) -> None:
        (tmp_path / "ChLaw.json").write_bytes('{"法規名稱": "刑法"}'.encode("big5"))
        with pytest.raises(OpenDataError, match="不是 UTF-8"):
            read_open_data(tmp_path / "ChLaw.json")

    def test_unknown_shape(self, tmp_path: Path) -> None:
        with pytest.raises(OpenDataError, match="不是可辨識的法規資料格式"):
            read_open_data(write_json(tmp_path / "x.json", {"data": []}))

    def test_named_zip_that_is_not_a_zip(self, tmp_path: Path) -> None:
        (tmp_path / "ChLaw.zip").write_text("<html></html>", encoding="utf-8")
        with pytest.raises(OpenDataError, match="不是有效的 ZIP"):
            read_open_data(tmp_path / "ChLaw.zip")

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("LawName", None, "ChLaw.json 第 1 筆法規缺少 LawName"),
            ("LawURL", "https://law.moj.gov.tw/LawClass/LawAll.aspx", "LawURL 沒有可辨識的 pcode"),
            ("LawModifiedDate", "2016-11-30", "（中華民國刑法）的 LawModifiedDate 不是 YYYYMMDD 日期：「2016-11-30」"),
            ("LawModifiedDate", "20161131", "LawModifiedDate 不是 YYYYMMDD 日期"),
            ("LawModifiedDate", "", "LawModifiedDate 是空的"),
            ("LawEffectiveDate", "1050701", "LawEffectiveDate 不是 YYYYMMDD 日期"),
            ("LawArticles", None, "缺少 LawArticles"),
            ("LawArticles", "第 1 條", "LawArticles 不是清單"),
            ("LawHistories", 5, "LawHistories 不是文字"),
        ],
    )
    def test_bad_law_field(self, tmp_path: Path, field: str, value: object, message: str) -> None:
        document = chlaw_document()
        if value is None:
            del document["Laws"][0][field]
        else:
            document["Laws"][0][field] = value
        with pytest.raises(OpenDataError, match=re.escape(message)):
            read_open_data(write_json(tmp_path / "ChLaw.json", document))

    @pytest.mark.parametrize(
        ("index", "change", "message"),
        [
            (5, {"ArticleNo": None}, "（中華民國刑法）的第 6 筆條文缺少 ArticleNo"),
            (5, {"ArticleNo": "第 一三二 條"}, "（中華民國刑法）的第 6 筆條文的條號無法辨識：「第 一三二 條」"),
            (5, {"ArticleContent": None}, "（中華民國刑法）的第 132 條缺少 ArticleContent"),
            (5, {"ArticleType": "X"}, "ArticleType 不是 A 或 C"),
            (6, {"ArticleNo": "第 132 條"}, "（中華民國刑法）的第 132 條重複出現"),
        ],
    )
    def test_bad_article(self, tmp_path: Path, index: int, change: dict[str, object], message: str) -> None:
        document = chlaw_document()
        article = document["Laws"][0]["LawArticles"][index]
        for key, value in change.items():
            if value is None:
                del article[key]
            else:
                article[key] = value
        with pytest.raises(OpenDataError, match=re.escape(message)):
            read_open_data(write_json(tmp_path / "ChLaw.json", document))

    def test_bad_update_date(self, tmp_path: Path) -> None:
        document = chlaw_document()
        document["UpdateDate"] = "上週五"
        with pytest.raises(OpenDataError, match="UpdateDate 不是可辨識的日期"):
            read_open_data(write_json(tmp_path / "ChLaw.json", document))

    def test_duplicate_pcode(self, tmp_path: Path) -> None:
        document = chlaw_document()
        document["Laws"].append(document["Laws"][0])
        with pytest.raises(
            OpenDataError, match=re.escape("PCode C0000001 與 ChLaw.json 第 1 筆法規（中華民國刑法） 重複")
        ):
            read_open_data(write_json(tmp_path / "ChLaw.json", document))

    def test_all_or_nothing(self, tmp_path: Path) -> None:
        # The first law is fine, the last is not: nothing is returned.
        document = chlaw_document()
        document["Laws"][-1]["LawArticles"][0]["ArticleNo"] = "第 四 條"
        calls: list[tuple[int, int]] = []
        with pytest.raises(OpenDataError, match="公務員服務法"):
            read_open_data(write_json(tmp_path / "ChLaw.json", document), progress=lambda d, t: calls.append((d, t)))
        assert calls == [(1, 2)]


class TestCleanText:
    def test_line_breaks_and_trailing_spaces(self) -> None:
        assert clean_text("\r\n  \r\n甲  \r\n    乙\r丙\u3000\r\n\r\n") == "甲\n    乙\n丙"

    def test_keeps_inner_blank_lines(self) -> None:
        assert clean_text("甲\n\n乙") == "甲\n\n乙"
