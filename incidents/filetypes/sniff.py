"""The type of a file by its content: its signature, its ZIP or OLE2 directory, or its text.

``detect()`` reads a seekable binary stream (or bytes) and returns a ``FileType``.
Text is read to its end: it must decode as UTF-8 or Big5 (cp950) without
control characters throughout, and markup anywhere in it (``<script>``,
``<html>``, ``<svg`` … after any amount of plain text) makes it HTML, SVG or a
script, as at its start.

The name only matters after the content has been judged: ``text/plain``
becomes ``text/csv`` for a .csv, and ``incidents.filenames.download_name()`` appends the usual
extension when the uploaded name's extension does not belong to the detected
type, so that e.g. a text file named ``run.bat`` is saved as ``run.bat.txt``
and cannot be launched by a double click.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
from typing import BinaryIO

from core.i18n_markers import N_
from incidents.filetypes import zipcheck
from incidents.filetypes.kinds import (
    ARCHIVE,
    BINARY,
    BMP,
    DOC,
    DOCX,
    EML,
    EMPTY,
    EXECUTABLE,
    GIF,
    HTML,
    JPEG,
    MSG,
    ODF_OTHER,
    ODF_TYPES,
    OLE2_OTHER,
    PDF,
    PNG,
    PPT,
    PPTX,
    RTF,
    SCRIPT,
    SVG,
    TEXT_EXTENSIONS,
    TIFF,
    VSD,
    WEBP,
    XLS,
    XLSX,
    XML,
    ZIP,
    FileType,
    allowed_type,
)
from incidents.filetypes.ole2 import ole2_names

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Leading bytes of formats refused outright.
_REFUSED_SIGNATURES: tuple[tuple[bytes, FileType], ...] = (
    (b"MZ", EXECUTABLE),  # Windows PE / DOS
    (b"\x7fELF", EXECUTABLE),
    (b"\xfe\xed\xfa\xce", EXECUTABLE),  # Mach-O
    (b"\xfe\xed\xfa\xcf", EXECUTABLE),
    (b"\xce\xfa\xed\xfe", EXECUTABLE),
    (b"\xcf\xfa\xed\xfe", EXECUTABLE),
    (b"\xca\xfe\xba\xbe", EXECUTABLE),  # Mach-O universal, Java class
    (b"\x00asm", EXECUTABLE),  # WebAssembly
    (b"L\x00\x00\x00\x01\x14\x02\x00", EXECUTABLE),  # Windows shortcut (.lnk)
    (b"#!", SCRIPT),
    (b"Rar!\x1a\x07", ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", ARCHIVE),
    (b"\x1f\x8b", ARCHIVE),  # gzip
    (b"BZh", ARCHIVE),
    (b"\xfd7zXZ\x00", ARCHIVE),
    (b"PK\x05\x06", ZIP),  # empty ZIP
    (b"FWS", EXECUTABLE),  # Flash
    (b"CWS", EXECUTABLE),
    (b"ZWS", EXECUTABLE),
)
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
_CHUNK = 64 * 1024
_SNIFF_TEXT = 8 * 1024


def detect(source: bytes | BinaryIO, filename: str = "") -> FileType:
    """The type of ``source`` (bytes or a seekable binary stream, read from its start).

    ``filename`` never makes a file allowed; it only chooses text/csv over
    text/plain for text content.
    """
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    stream.seek(0)
    head = stream.read(_SNIFF_TEXT)
    if not head:
        return EMPTY
    found = _by_signature(head, stream)
    if found is None:
        found = _by_text(head, stream, filename)
    stream.seek(0)
    return found


def _by_signature(head: bytes, stream: BinaryIO) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:2] == b"BM" and len(head) >= 18 and struct.unpack_from("<I", head, 14)[0] in _BMP_HEADER_SIZES:
        return BMP
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(stream)
    if head.startswith(_OLE2_MAGIC):
        return _ole2_type(stream)
    for signature, refused in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            return refused
    return None


def _zip_type(stream: BinaryIO) -> FileType:
    """OOXML (``[Content_Types].xml`` plus word/, xl/ or ppt/), ODF (``mimetype`` first) or a refused ZIP."""
    if zipcheck.too_many_members(stream) is not None:
        return ZIP  # not even listed: inspect() says why
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            if members and members[0].filename == "mimetype" and members[0].file_size <= 100:
                return _odf_type(archive.read(members[0]))
            names = {member.filename for member in members}
    except zipcheck.READ_ERRORS:
        return ZIP
    if "[Content_Types].xml" in names:
        for folder, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(folder) for name in names):
                return kind
    return ZIP


def _odf_type(mimetype: bytes) -> FileType:
    match = re.fullmatch(rb"application/vnd\.oasis\.opendocument\.([a-z-]+)", mimetype.strip())
    if match is None:
        return ZIP
    subtype = match.group(1).decode("ascii")
    extensions = ODF_TYPES.get(subtype)
    if extensions is None:
        return ODF_OTHER
    return allowed_type(f"ODF ({subtype})", mimetype.strip().decode("ascii"), *extensions)


def _ole2_type(stream: BinaryIO) -> FileType:
    """Legacy Office (.doc/.xls/.ppt/.vsd) or Outlook (.msg), told apart by their stream names."""
    names = ole2_names(stream)
    if any(name.startswith(("__substg1.0_", "__properties_version1.0", "__nameid_version1.0")) for name in names):
        return MSG
    for stream_name, kind in (
        ("WordDocument", DOC),
        ("Workbook", XLS),
        ("Book", XLS),
        ("PowerPoint Document", PPT),
        ("VisioDocument", VSD),
    ):
        if stream_name in names:
            return kind
    return OLE2_OTHER


# Control characters that do not occur in text files (tab, LF, FF, CR and SUB are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_MARKUP_START = re.compile(
    r"<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|link|object|embed)[\s/>]"
    r"|<!--",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(!doctype\s+html|html|body|script|iframe|frameset|object|embed)[\s/>]", re.IGNORECASE)
_MARKUP_ANYWHERE = re.compile(
    r"<\?php|<svg|<(?:!doctype\s+html|html|body|script|iframe|frameset|object|embed)[\s/>]", re.IGNORECASE
)
_MARKUP_OVERLAP = 64
_HEADER_LINE = re.compile(r"([!-9;-~]+):[ \t]?.*")
_MAIL_HEADERS = {"date", "subject", "to", "cc", "message-id", "received", "mime-version", "return-path", "sender"}


def _by_text(head: bytes, stream: BinaryIO, filename: str) -> FileType:
    scanned = _scan_text(stream)
    if scanned is None:
        return BINARY
    encoding, markup_later = scanned
    sample = head.decode(encoding, "ignore").lstrip("\ufeff \t\r\n")
    lowered = sample.lower()
    if lowered.startswith("{\\rtf"):
        return RTF
    # Mail first: a message's HTML part is not an HTML file.
    if _looks_like_mail(sample):
        return EML
    if lowered.startswith(("<?php", "<%")) or "<?php" in lowered:
        return SCRIPT
    if "<svg" in lowered:
        return SVG
    if _MARKUP_START.match(sample) or _HTML_ANYWHERE.search(sample):
        return HTML
    if lowered.startswith("<?xml"):
        return XML
    if markup_later is not None:
        return markup_later
    charset = "utf-8" if encoding.startswith("utf-8") else "big5"
    if filename.lower().endswith(".csv"):
        return allowed_type("CSV", f"text/csv; charset={charset}", *TEXT_EXTENSIONS)
    return allowed_type(N_("純文字"), f"text/plain; charset={charset}", *TEXT_EXTENSIONS)


_MARKUP_KINDS = (SCRIPT, SVG, HTML)  # the first found of these names the file


def _scan_text(stream: BinaryIO) -> tuple[str, FileType | None] | None:
    """``(encoding, markup)`` when the whole stream is text in ``utf-8-sig`` or ``cp950``, else None.

    ``markup`` is SCRIPT, SVG or HTML when markup of that kind occurs anywhere in the text
    (a match may straddle two read chunks), else None.
    """
    for encoding in ("utf-8-sig", "cp950"):
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        found: set[FileType] = set()
        tail = ""
        try:
            while chunk := stream.read(_CHUNK):
                text = decoder.decode(chunk)
                if _CONTROL.search(text):
                    return None
                window = tail + text
                found.update(_markup_kind(match) for match in _MARKUP_ANYWHERE.finditer(window))
                tail = window[-_MARKUP_OVERLAP:]
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding, next((kind for kind in _MARKUP_KINDS if kind in found), None)
    return None


def _markup_kind(match: re.Match[str]) -> FileType:
    token = match.group(0).lower()
    if token.startswith("<?php"):
        return SCRIPT
    return SVG if token.startswith("<svg") else HTML


def _looks_like_mail(sample: str) -> bool:
    """RFC 5322 headers: only header or continuation lines up to the first blank line, with From and one more."""
    seen: set[str] = set()
    for line in sample.splitlines():
        if not line.strip():
            break
        if line[0] in " \t" and seen:
            continue
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            return False
        seen.add(match.group(1).lower())
    return "from" in seen and bool(seen & _MAIL_HEADERS)
