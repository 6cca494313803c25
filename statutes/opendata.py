"""Reading the official 全國法規資料庫 Open API data into plain, immutable snapshots.

Three shapes are accepted (see :func:`read_open_data`):

- the downloaded ZIP, holding ``ChLaw.json`` and/or ``ChOrder.json``;
- one such JSON file: ``{"UpdateDate": ..., "Laws": [{"LawName", "LawURL", ...}]}``;
- the older per-law JSON with Chinese keys (``法規名稱``, ``法規網址``, ``法規內容`` …),
  as one object, a list of objects or ``{"法規": [...]}``.

Files are UTF-8, possibly with a BOM and CRLF line breaks. Reading is
all-or-nothing: every law and article is validated before anything is
returned, and any defect raises :class:`OpenDataError` with a zh-TW message
naming the file and, where possible, the law and the article.

Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from statutes.model import normalize_article

ProgressCallback = Callable[[int, int], None]

#: The JSON members of the official ZIP, in the order they are read.
ZIP_MEMBERS = ("ChLaw.json", "ChOrder.json")

_PCODE = re.compile(r"^[A-Z]\d{7}$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SEPARATED_DATE = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T].*)?$")


class OpenDataError(ValueError):
    """The file is not usable official open data; the message (zh-TW) says why and where."""


@dataclass(frozen=True)
class ArticleSnapshot:
    """One article as the database shows it."""

    article: str  # normalised: "5-1"
    text: str  # LF line breaks, no trailing spaces, no leading/trailing blank lines
    chapter: str = ""  # the last 編/章/節 heading before the article, as written ("第 四 章 瀆職罪")


@dataclass(frozen=True)
class LawSnapshot:
    """One law (or order) as the database shows it on the file's update date."""

    pcode: str
    name: str
    url: str
    modified: date  # 最新異動日期: last promulgation/amendment of the law as a whole
    effective: date | None  # 生效日期, when the database gives one (may be 9999-12-31: not yet fixed)
    effective_note: str  # 生效內容
    abandoned: bool  # 廢止
    history: str  # 沿革內容 (LF line breaks)
    articles: tuple[ArticleSnapshot, ...]
    nature: str = ""  # 法規性質 / LawLevel: 法律, 命令 …
    category: str = ""  # 法規類別
    english_name: str = ""

    def article(self, article: str) -> ArticleSnapshot | None:
        """The article numbered ``article`` ("5-1"), if the law has it."""
        return next((item for item in self.articles if item.article == article), None)


@dataclass(frozen=True)
class OpenDataFile:
    """Everything read from one download."""

    update_date: date | None  # the data's UpdateDate; None for the per-law format, which has none
    laws: tuple[LawSnapshot, ...]

    def law(self, pcode: str) -> LawSnapshot | None:
        """The law with this PCode, if the file has it."""
        return next((law for law in self.laws if law.pcode == pcode), None)


# --------------------------------------------------------------------------- text


def clean_text(text: str) -> str:
    """Normalise an official text for storage and comparison.

    CRLF and CR become LF, trailing whitespace is stripped from every line and
    blank lines at the start and end are dropped. Leading spaces of a line
    (the database's indentation of continuation lines) are kept.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# --------------------------------------------------------------------------- reading


def read_open_data(path: Path, *, progress: ProgressCallback | None = None) -> OpenDataFile:
    """Read a downloaded ZIP, a ``ChLaw.json``/``ChOrder.json`` or an older per-law JSON file.

    ``progress(done, total)`` is called after each law has been validated, with
    ``total`` the number of laws in all members. Nothing is returned unless
    the whole file is valid; otherwise :class:`OpenDataError` is raised.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise OpenDataError(f"無法讀取檔案 {path.name}：{error.strerror or error}。") from error

    if raw.startswith(b"PK") or path.suffix.lower() == ".zip":
        documents = list(_zip_documents(raw, path.name))
    else:
        documents = [(path.name, _parse_json(raw, path.name))]

    sources: list[tuple[str, date | None, list[tuple[int, Mapping[str, Any]]]]] = []
    for label, document in documents:
        update_date, records = _unwrap(document, label)
        sources.append((label, update_date, records))

    total = sum(len(records) for _, _, records in sources)
    laws: list[LawSnapshot] = []
    seen: dict[str, str] = {}
    done = 0
    for label, _, records in sources:
        for position, record in records:
            law = _read_law(record, label, position)
            where = f"{label} 第 {position} 筆法規（{law.name}）"
            if law.pcode in seen:
                raise OpenDataError(f"{where}的 PCode {law.pcode} 與 {seen[law.pcode]} 重複。")
            seen[law.pcode] = where
            laws.append(law)
            done += 1
            if progress is not None:
                progress(done, total)

    dates = [update_date for _, update_date, _ in sources if update_date is not None]
    return OpenDataFile(update_date=max(dates) if dates else None, laws=tuple(laws))


def _zip_documents(raw: bytes, name: str) -> Iterator[tuple[str, Any]]:
    """The parsed JSON members of the official ZIP, labelled ``ChLaw.json``…"""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise OpenDataError(f"檔案不是有效的 ZIP（可能下載不完整）：{name}。") from error
    with archive:
        members = {Path(info.filename).name.lower(): info for info in archive.infolist() if not info.is_dir()}
        wanted = [(member, members[member.lower()]) for member in ZIP_MEMBERS if member.lower() in members]
        if not wanted:
            listing = "、".join(sorted(info.filename for info in archive.infolist())) or "（空）"
            raise OpenDataError(f"ZIP 檔 {name} 內沒有 ChLaw.json 或 ChOrder.json（內容：{listing}）。")
        contents: list[tuple[str, bytes]] = []
        for member, info in wanted:
            try:
                contents.append((member, archive.read(info)))
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
                raise OpenDataError(f"ZIP 檔 {name} 內的 {member} 已損壞（可能下載不完整）：{error}。") from error
    for member, content in contents:
        yield member, _parse_json(content, f"{member}（{name}）")


def _parse_json(raw: bytes, label: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OpenDataError(f"檔案不是 UTF-8 文字：{label}（第 {error.start} 位元組）。") from error
    if not text.strip():
        raise OpenDataError(f"檔案是空的（可能下載不完整）：{label}。")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise OpenDataError(
            f"檔案不是有效的 JSON（可能下載不完整）：{label}（第 {error.lineno} 行第 {error.colno} 欄：{error.msg}）。"
        ) from error
    except RecursionError as error:
        raise OpenDataError(f"檔案不是有效的 JSON（巢狀過深）：{label}。") from error


def _unwrap(document: Any, label: str) -> tuple[date | None, list[tuple[int, Mapping[str, Any]]]]:
    """The update date and the law records (numbered from 1) of one parsed document.

    Lenient about the wrapper: ``{"UpdateDate", "Laws": [...]}``, ``{"法規": [...]}``,
    a list of law objects or a single law object.
    """
    update_date: date | None = None
    if isinstance(document, dict) and ("Laws" in document or "法規" in document):
        key = "Laws" if "Laws" in document else "法規"
        records = document[key]
        raw_date = document.get("UpdateDate")
        if raw_date not in (None, ""):
            if not isinstance(raw_date, str):
                raise OpenDataError(f"{label} 的 UpdateDate 不是文字：{raw_date!r}。")
            update_date = _parse_update_date(raw_date)
            if update_date is None:
                raise OpenDataError(f"{label} 的 UpdateDate 不是可辨識的日期：「{raw_date}」。")
        if not isinstance(records, list):
            raise OpenDataError(f"{label} 的 {key} 不是清單。")
    elif isinstance(document, list):
        records = document
    elif isinstance(document, dict) and ("LawName" in document or "法規名稱" in document):
        records = [document]
    else:
        raise OpenDataError(f"{label} 不是可辨識的法規資料格式（找不到 Laws、法規或法規名稱）。")
    numbered: list[tuple[int, Mapping[str, Any]]] = []
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise OpenDataError(f"{label} 第 {position} 筆法規不是物件。")
        numbered.append((position, record))
    return update_date, numbered


# --------------------------------------------------------------------------- one law

# Field names of the two formats: (Open API, older per-law JSON).
_FIELDS = {
    "level": ("LawLevel", "法規性質"),
    "name": ("LawName", "法規名稱"),
    "url": ("LawURL", "法規網址"),
    "category": ("LawCategory", "法規類別"),
    "modified": ("LawModifiedDate", "最新異動日期"),
    "effective": ("LawEffectiveDate", "生效日期"),
    "effective_note": ("LawEffectiveNote", "生效內容"),
    "abandon": ("LawAbandonNote", "廢止註記"),
    "english_name": ("EngLawName", "英文法規名稱"),
    "history": ("LawHistories", "沿革內容"),
    "articles": ("LawArticles", "法規內容"),
}


def _read_law(record: Mapping[str, Any], label: str, position: int) -> LawSnapshot:
    chinese = "法規名稱" in record and "LawName" not in record
    index = 1 if chinese else 0

    def key(field: str) -> str:
        return _FIELDS[field][index]

    where = f"{label} 第 {position} 筆法規"
    name_value = record.get(key("name"))
    if isinstance(name_value, str) and name_value.strip():
        name = name_value.strip()
        where = f"{where}（{name}）"
    elif name_value is None:
        raise OpenDataError(f"{where}缺少 {key('name')}。")
    else:
        raise OpenDataError(f"{where}的 {key('name')} 不是有效的名稱：{name_value!r}。")

    def required_text(field: str) -> str:
        if key(field) not in record or record[key(field)] is None:
            raise OpenDataError(f"{where}缺少 {key(field)}。")
        value = record[key(field)]
        if not isinstance(value, str):
            raise OpenDataError(f"{where}的 {key(field)} 不是文字：{value!r}。")
        if not value.strip():
            raise OpenDataError(f"{where}的 {key(field)} 是空的。")
        return value.strip()

    def optional_text(field: str) -> str:
        value = record.get(key(field))
        if value is None:
            return ""
        if not isinstance(value, str):
            raise OpenDataError(f"{where}的 {key(field)} 不是文字：{value!r}。")
        return value

    url = required_text("url")
    pcode = _pcode_from_url(url)
    if pcode is None:
        raise OpenDataError(f"{where}的 {key('url')} 沒有可辨識的 pcode：{url}。")

    modified_text = required_text("modified")
    modified = _parse_compact_date(modified_text)
    if modified is None:
        raise OpenDataError(f"{where}的 {key('modified')} 不是 YYYYMMDD 日期：「{modified_text}」。")

    effective_text = optional_text("effective").strip()
    effective: date | None = None
    if effective_text:
        effective = _parse_compact_date(effective_text)
        if effective is None:
            raise OpenDataError(f"{where}的 {key('effective')} 不是 YYYYMMDD 日期：「{effective_text}」。")

    if key("articles") not in record:
        raise OpenDataError(f"{where}缺少 {key('articles')}。")
    items = record[key("articles")]
    if items is None:
        items = []
    if not isinstance(items, list):
        raise OpenDataError(f"{where}的 {key('articles')} 不是清單。")
    articles = _read_articles(items, where, chinese=chinese)

    return LawSnapshot(
        pcode=pcode,
        name=name,
        url=url,
        modified=modified,
        effective=effective,
        effective_note=clean_text(optional_text("effective_note")),
        abandoned=bool(optional_text("abandon").strip()),
        history=clean_text(optional_text("history")),
        articles=articles,
        nature=optional_text("level").strip(),
        category=optional_text("category").strip(),
        english_name=optional_text("english_name").strip(),
    )


def _read_articles(items: list[Any], where: str, *, chinese: bool) -> tuple[ArticleSnapshot, ...]:
    number_key, content_key = ("條號", "條文內容") if chinese else ("ArticleNo", "ArticleContent")
    chapter = ""
    articles: list[ArticleSnapshot] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        here = f"{where}的第 {position} 筆條文"
        if not isinstance(item, dict):
            raise OpenDataError(f"{here}不是物件。")
        if chinese:
            if "條號" not in item and "編章節" in item:
                heading = item["編章節"]
                if not isinstance(heading, str):
                    raise OpenDataError(f"{here}的 編章節 不是文字：{heading!r}。")
                chapter = heading.strip()
                continue
        else:
            kind = item.get("ArticleType")
            if kind == "C":
                heading = item.get("ArticleContent")
                if not isinstance(heading, str):
                    raise OpenDataError(f"{here}（章節標題）缺少 ArticleContent。")
                chapter = heading.strip()
                continue
            if kind != "A":
                raise OpenDataError(f"{here}的 ArticleType 不是 A 或 C：{kind!r}。")

        number = item.get(number_key)
        if number is None:
            raise OpenDataError(f"{here}缺少 {number_key}。")
        if not isinstance(number, str):
            raise OpenDataError(f"{here}的 {number_key} 不是文字：{number!r}。")
        try:
            article = normalize_article(number)
        except ValueError as error:
            raise OpenDataError(f"{here}的條號無法辨識：「{number}」。") from error
        here = f"{where}的{number.strip()}"
        content = item.get(content_key)
        if content is None:
            raise OpenDataError(f"{here}缺少 {content_key}。")
        if not isinstance(content, str):
            raise OpenDataError(f"{here}的 {content_key} 不是文字：{content!r}。")
        if article in seen:
            raise OpenDataError(f"{here}重複出現。")
        seen.add(article)
        articles.append(ArticleSnapshot(article=article, text=clean_text(content), chapter=chapter))
    return tuple(articles)


# --------------------------------------------------------------------------- fields


def _pcode_from_url(url: str) -> str | None:
    """The ``pcode`` query parameter of a 法規網址 (any case), e.g. ``C0000001``."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return None
    for name, value in parse_qsl(query):
        if name.lower() == "pcode":
            pcode = value.strip().upper()
            return pcode if _PCODE.match(pcode) else None
    return None


def _parse_compact_date(text: str) -> date | None:
    """``YYYYMMDD`` → date; None if malformed or not a calendar date."""
    match = _COMPACT_DATE.match(text.strip())
    if not match:
        return None
    return _make_date(*match.groups())


def _parse_update_date(text: str) -> date | None:
    """UpdateDate: ``YYYYMMDD`` or ``YYYY/M/D`` (optionally followed by a time such as ``上午 12:00:00``)."""
    text = text.strip()
    match = _COMPACT_DATE.match(text) or _SEPARATED_DATE.match(text)
    if not match:
        return None
    return _make_date(*match.groups())


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
