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
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from statutes.importing.opendata_law import (
    ArticleSnapshot,
    LawSnapshot,
    OpenDataError,
    clean_text,
    parse_update_date,
    read_law,
)

__all__ = [
    "ZIP_MEMBERS",
    "ArticleSnapshot",
    "LawSnapshot",
    "OpenDataError",
    "OpenDataFile",
    "ProgressCallback",
    "clean_text",
    "read_open_data",
]

ProgressCallback = Callable[[int, int], None]

#: The JSON members of the official ZIP, in the order they are read.
ZIP_MEMBERS = ("ChLaw.json", "ChOrder.json")


@dataclass(frozen=True)
class OpenDataFile:
    """Everything read from one download."""

    update_date: date | None  # the data's UpdateDate; None for the per-law format, which has none
    laws: tuple[LawSnapshot, ...]

    def law(self, pcode: str) -> LawSnapshot | None:
        """The law with this PCode, if the file has it."""
        return next((law for law in self.laws if law.pcode == pcode), None)


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
            law = read_law(record, label, position)
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
            update_date = parse_update_date(raw_date)
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
