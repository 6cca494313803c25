"""One law record of the 全國法規資料庫 data (either format) read into a :class:`LawSnapshot`.

Used by :func:`statutes.importing.opendata.read_open_data`; every defect raises :class:`OpenDataError`
with a zh-TW message naming the file, the law and, where possible, the article.
Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from statutes.catalogue.model import normalize_article

__all__ = ["ArticleSnapshot", "LawSnapshot", "OpenDataError", "clean_text", "parse_update_date", "read_law"]

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


# --------------------------------------------------------------------------- one law

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


class _Record:
    """One law record: its format, where it is (for messages) and its fields, checked."""

    def __init__(self, record: Mapping[str, Any], label: str, position: int) -> None:
        self.record = record
        self.chinese = "法規名稱" in record and "LawName" not in record
        self.where = f"{label} 第 {position} 筆法規"

    def key(self, field: str) -> str:
        return _FIELDS[field][1 if self.chinese else 0]

    def name(self) -> str:
        """The law's name; from then on messages name the law too."""
        value = self.record.get(self.key("name"))
        if isinstance(value, str) and value.strip():
            self.where = f"{self.where}（{value.strip()}）"
            return value.strip()
        if value is None:
            raise OpenDataError(f"{self.where}缺少 {self.key('name')}。")
        raise OpenDataError(f"{self.where}的 {self.key('name')} 不是有效的名稱：{value!r}。")

    def required_text(self, field: str) -> str:
        key = self.key(field)
        if key not in self.record or self.record[key] is None:
            raise OpenDataError(f"{self.where}缺少 {key}。")
        value = self.record[key]
        if not isinstance(value, str):
            raise OpenDataError(f"{self.where}的 {key} 不是文字：{value!r}。")
        if not value.strip():
            raise OpenDataError(f"{self.where}的 {key} 是空的。")
        return value.strip()

    def optional_text(self, field: str) -> str:
        value = self.record.get(self.key(field))
        if value is None:
            return ""
        if not isinstance(value, str):
            raise OpenDataError(f"{self.where}的 {self.key(field)} 不是文字：{value!r}。")
        return value

    def compact_date(self, text: str, field: str) -> date:
        parsed = _parse_compact_date(text)
        if parsed is None:
            raise OpenDataError(f"{self.where}的 {self.key(field)} 不是 YYYYMMDD 日期：「{text}」。")
        return parsed

    def article_items(self) -> list[Any]:
        key = self.key("articles")
        if key not in self.record:
            raise OpenDataError(f"{self.where}缺少 {key}。")
        items = self.record[key]
        if items is None:
            return []
        if not isinstance(items, list):
            raise OpenDataError(f"{self.where}的 {key} 不是清單。")
        return items


def read_law(record: Mapping[str, Any], label: str, position: int) -> LawSnapshot:
    """The law record at ``position`` (from 1) of the file ``label``."""
    law = _Record(record, label, position)
    name = law.name()
    url = law.required_text("url")
    pcode = _pcode_from_url(url)
    if pcode is None:
        raise OpenDataError(f"{law.where}的 {law.key('url')} 沒有可辨識的 pcode：{url}。")
    modified = law.compact_date(law.required_text("modified"), "modified")
    effective_text = law.optional_text("effective").strip()
    effective = law.compact_date(effective_text, "effective") if effective_text else None
    articles = _read_articles(law.article_items(), law.where, chinese=law.chinese)
    return LawSnapshot(
        pcode=pcode,
        name=name,
        url=url,
        modified=modified,
        effective=effective,
        effective_note=clean_text(law.optional_text("effective_note")),
        abandoned=bool(law.optional_text("abandon").strip()),
        history=clean_text(law.optional_text("history")),
        articles=articles,
        nature=law.optional_text("level").strip(),
        category=law.optional_text("category").strip(),
        english_name=law.optional_text("english_name").strip(),
    )


def _read_articles(items: list[Any], where: str, *, chinese: bool) -> tuple[ArticleSnapshot, ...]:
    chapter = ""
    articles: list[ArticleSnapshot] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        here = f"{where}的第 {position} 筆條文"
        if not isinstance(item, dict):
            raise OpenDataError(f"{here}不是物件。")
        heading = _heading(item, here, chinese=chinese)
        if heading is not None:
            chapter = heading
            continue
        article = _article(item, here, where, chapter, chinese=chinese)
        if article.article in seen:
            raise OpenDataError(f"{where}的{item[_number_key(chinese)].strip()}重複出現。")
        seen.add(article.article)
        articles.append(article)
    return tuple(articles)


def _number_key(chinese: bool) -> str:
    return "條號" if chinese else "ArticleNo"


def _heading(item: Mapping[str, Any], here: str, *, chinese: bool) -> str | None:
    """The 編/章/節 heading an item is (stripped); None if it is an article."""
    if chinese:
        if "條號" in item or "編章節" not in item:
            return None
        heading = item["編章節"]
        if not isinstance(heading, str):
            raise OpenDataError(f"{here}的 編章節 不是文字：{heading!r}。")
        return heading.strip()
    kind = item.get("ArticleType")
    if kind == "A":
        return None
    if kind != "C":
        raise OpenDataError(f"{here}的 ArticleType 不是 A 或 C：{kind!r}。")
    heading = item.get("ArticleContent")
    if not isinstance(heading, str):
        raise OpenDataError(f"{here}（章節標題）缺少 ArticleContent。")
    return heading.strip()


def _article(item: Mapping[str, Any], here: str, where: str, chapter: str, *, chinese: bool) -> ArticleSnapshot:
    number_key, content_key = (_number_key(chinese), "條文內容" if chinese else "ArticleContent")
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
    return ArticleSnapshot(article=article, text=clean_text(content), chapter=chapter)


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


def parse_update_date(text: str) -> date | None:
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
