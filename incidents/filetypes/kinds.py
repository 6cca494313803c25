"""The file types the sniffer names: allowed ones with the content type to record, refused ones by label only.

Labels are marked with ``N_`` so that callers can translate them.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def allowed_type(label: str, content_type: str, *extensions: str) -> FileType:
    return FileType(label, content_type, extensions)


PDF = allowed_type("PDF", "application/pdf", ".pdf")
PNG = allowed_type("PNG", "image/png", ".png")
JPEG = allowed_type("JPEG", "image/jpeg", ".jpg", ".jpeg", ".jpe", ".jfif")
GIF = allowed_type("GIF", "image/gif", ".gif")
TIFF = allowed_type("TIFF", "image/tiff", ".tif", ".tiff")
WEBP = allowed_type("WebP", "image/webp", ".webp")
BMP = allowed_type("BMP", "image/bmp", ".bmp", ".dib")
DOCX = allowed_type(
    "Word (OOXML)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    *(".docx", ".docm", ".dotx", ".dotm"),
)
XLSX = allowed_type(
    "Excel (OOXML)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    *(".xlsx", ".xlsm", ".xltx", ".xltm"),
)
PPTX = allowed_type(
    "PowerPoint (OOXML)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    *(".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm"),
)
DOC = allowed_type("Word 97-2003", "application/msword", ".doc", ".dot")
XLS = allowed_type("Excel 97-2003", "application/vnd.ms-excel", ".xls", ".xlt")
PPT = allowed_type("PowerPoint 97-2003", "application/vnd.ms-powerpoint", ".ppt", ".pot", ".pps")
VSD = allowed_type("Visio", "application/vnd.visio", ".vsd", ".vst")
MSG = allowed_type(N_("Outlook 郵件"), "application/vnd.ms-outlook", ".msg")
EML = allowed_type(N_("電子郵件"), "message/rfc822", ".eml")
RTF = allowed_type("RTF", "application/rtf", ".rtf", ".doc")
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

KNOWN_ALLOWED = (PDF, PNG, JPEG, GIF, TIFF, WEBP, BMP, DOCX, XLSX, PPTX, DOC, XLS, PPT, VSD, MSG, EML, RTF)
IMAGES = (PNG, JPEG, GIF, TIFF, WEBP, BMP)
OOXML = (DOCX, XLSX, PPTX)


def is_odf(kind: FileType) -> bool:
    return kind.content_type.startswith("application/vnd.oasis.opendocument.")


def is_text(kind: FileType) -> bool:
    return kind.content_type.startswith("text/")


def extensions_for(content_type: str) -> tuple[str, ...]:
    """The usual extensions of a recorded content type (first = the one to append)."""
    base = content_type.split(";", 1)[0].strip().lower()
    if base.startswith("text/"):
        return (".csv", *TEXT_EXTENSIONS) if base == "text/csv" else TEXT_EXTENSIONS
    if base.startswith("application/vnd.oasis.opendocument."):
        return ODF_TYPES.get(base.rsplit(".", 1)[-1], ())
    for kind in KNOWN_ALLOWED:
        if kind.content_type == base:
            return kind.extensions
    return ()
