"""What an uploaded file really is, judged by its bytes, never by its name.

Pure Python (no Flask, no database). ``detect()`` reads a seekable binary
stream (or bytes) and returns a ``FileType``: allowed types carry the content
type to record; refused ones (HTML, SVG, scripts, executables, archives,
unknown binaries) carry only a label for the error message. Labels are
marked with ``N_`` so that callers can translate them.

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
from dataclasses import dataclass
from typing import BinaryIO

from core.i18n_markers import N_


@dataclass(frozen=True)
class FileType:
    """A detected type. ``content_type`` is empty for refused types."""

    label: str
    content_type: str = ""
    extensions: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return bool(self.content_type)


def _allowed(label: str, content_type: str, *extensions: str) -> FileType:
    return FileType(label, content_type, extensions)


PDF = _allowed("PDF", "application/pdf", ".pdf")
PNG = _allowed("PNG", "image/png", ".png")
JPEG = _allowed("JPEG", "image/jpeg", ".jpg", ".jpeg", ".jpe", ".jfif")
GIF = _allowed("GIF", "image/gif", ".gif")
TIFF = _allowed("TIFF", "image/tiff", ".tif", ".tiff")
WEBP = _allowed("WebP", "image/webp", ".webp")
BMP = _allowed("BMP", "image/bmp", ".bmp", ".dib")
DOCX = _allowed(
    "Word (OOXML)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    *(".docx", ".docm", ".dotx", ".dotm"),
)
XLSX = _allowed(
    "Excel (OOXML)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    *(".xlsx", ".xlsm", ".xltx", ".xltm"),
)
PPTX = _allowed(
    "PowerPoint (OOXML)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    *(".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm"),
)
DOC = _allowed("Word 97-2003", "application/msword", ".doc", ".dot")
XLS = _allowed("Excel 97-2003", "application/vnd.ms-excel", ".xls", ".xlt")
PPT = _allowed("PowerPoint 97-2003", "application/vnd.ms-powerpoint", ".ppt", ".pot", ".pps")
VSD = _allowed("Visio", "application/vnd.visio", ".vsd", ".vst")
MSG = _allowed(N_("Outlook 郵件"), "application/vnd.ms-outlook", ".msg")
EML = _allowed(N_("電子郵件"), "message/rfc822", ".eml")
RTF = _allowed("RTF", "application/rtf", ".rtf", ".doc")
TEXT_EXTENSIONS = (".txt", ".text", ".log", ".md", ".csv", ".tsv")
ODF_TYPES = {
    "text": (".odt",),
    "text-template": (".ott",),
    "text-master": (".odm",),
    "spreadsheet": (".ods",),
    "spreadsheet-template": (".ots",),
    "presentation": (".odp",),
    "presentation-template": (".otp",),
    "graphics": (".odg",),
    "graphics-template": (".otg",),
    "formula": (".odf",),
    "chart": (".odc",),
}

HTML = FileType("HTML")
SVG = FileType("SVG")
XML = FileType("XML")
SCRIPT = FileType(N_("指令碼"))
EXECUTABLE = FileType(N_("執行檔"))
ZIP = FileType(N_("ZIP 壓縮檔"))
ARCHIVE = FileType(N_("壓縮檔"))
OLE2_OTHER = FileType(N_("無法辨識的 OLE2 複合文件"))
ODF_OTHER = FileType(N_("不支援的 ODF 文件"))
EMPTY = FileType(N_("空白檔案"))
BINARY = FileType(N_("無法辨識的二進位檔"))

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
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            if members and members[0].filename == "mimetype" and members[0].file_size <= 100:
                return _odf_type(archive.read(members[0]))
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
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
    return _allowed(f"ODF ({subtype})", mimetype.strip().decode("ascii"), *extensions)


def _ole2_type(stream: BinaryIO) -> FileType:
    """Legacy Office (.doc/.xls/.ppt/.vsd) or Outlook (.msg), told apart by their stream names."""
    names = _ole2_names(stream)
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


_ENDOFCHAIN_OR_SPECIAL = 0xFFFFFFFA  # sector numbers at or above this are markers, not sectors


def _ole2_names(stream: BinaryIO) -> set[str]:
    """The names in a compound file's directory ([MS-CFB]); empty when the file is malformed."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    header = stream.read(512)
    if len(header) < 512:
        return set()
    sector_shift = struct.unpack_from("<H", header, 30)[0]
    if sector_shift not in (9, 12):
        return set()
    sector_size = 1 << sector_shift
    max_sectors = size // sector_size + 1
    fat_count, first_directory = struct.unpack_from("<II", header, 44)
    first_difat, difat_count = struct.unpack_from("<II", header, 68)
    if fat_count > max_sectors:
        return set()

    def read_sector(number: int) -> bytes:
        stream.seek((number + 1) * sector_size)
        return stream.read(sector_size)

    fat_sectors = [n for n in struct.unpack_from("<109I", header, 76) if n < _ENDOFCHAIN_OR_SPECIAL]
    difat, seen = first_difat, 0
    while difat < _ENDOFCHAIN_OR_SPECIAL and seen < difat_count and seen < max_sectors:
        entries = struct.unpack(f"<{sector_size // 4}I", read_sector(difat).ljust(sector_size, b"\xff"))
        fat_sectors.extend(n for n in entries[:-1] if n < _ENDOFCHAIN_OR_SPECIAL)
        difat, seen = entries[-1], seen + 1
    fat: list[int] = []
    for number in fat_sectors[:fat_count]:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", read_sector(number).ljust(sector_size, b"\xff")))

    names: set[str] = set()
    sector, visited = first_directory, 0
    while sector < _ENDOFCHAIN_OR_SPECIAL and sector < len(fat) and visited < max_sectors:
        data = read_sector(sector)
        for offset in range(0, len(data) - 127, 128):
            name_length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= name_length <= 64 and data[offset + 66] in (1, 2, 5):
                names.add(data[offset : offset + name_length - 2].decode("utf-16-le", "replace"))
        sector, visited = fat[sector], visited + 1
    return names


# Control characters that do not occur in text files (tab, LF, FF, CR and SUB are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_MARKUP_START = re.compile(
    r"<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|link|object|embed)[\s/>]"
    r"|<!--",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(!doctype\s+html|html|body|script|iframe|frameset|object|embed)[\s/>]", re.IGNORECASE)
_HEADER_LINE = re.compile(r"([!-9;-~]+):[ \t]?.*")
_MAIL_HEADERS = {"date", "subject", "to", "cc", "message-id", "received", "mime-version", "return-path", "sender"}


def _by_text(head: bytes, stream: BinaryIO, filename: str) -> FileType:
    encoding = _text_encoding(stream)
    if encoding is None:
        return BINARY
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
    charset = "utf-8" if encoding.startswith("utf-8") else "big5"
    if filename.lower().endswith(".csv"):
        return _allowed("CSV", f"text/csv; charset={charset}", *TEXT_EXTENSIONS)
    return _allowed(N_("純文字"), f"text/plain; charset={charset}", *TEXT_EXTENSIONS)


def _text_encoding(stream: BinaryIO) -> str | None:
    """``utf-8-sig`` or ``cp950`` when the whole stream is text in it, else None."""
    for encoding in ("utf-8-sig", "cp950"):
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            while chunk := stream.read(_CHUNK):
                if _CONTROL.search(decoder.decode(chunk)):
                    return None
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


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


def extensions_for(content_type: str) -> tuple[str, ...]:
    """The usual extensions of a recorded content type (first = the one to append)."""
    base = content_type.split(";", 1)[0].strip().lower()
    if base.startswith("text/"):
        return (".csv", *TEXT_EXTENSIONS) if base == "text/csv" else TEXT_EXTENSIONS
    if base.startswith("application/vnd.oasis.opendocument."):
        return ODF_TYPES.get(base.rsplit(".", 1)[-1], ())
    for kind in _KNOWN_ALLOWED:
        if kind.content_type == base:
            return kind.extensions
    return ()


_KNOWN_ALLOWED = (PDF, PNG, JPEG, GIF, TIFF, WEBP, BMP, DOCX, XLSX, PPTX, DOC, XLS, PPT, VSD, MSG, EML, RTF)
