"""Whole-file scans of the raw bytes: markup hidden after a harmless header, and a second format
inside the file (a polyglot). Streaming: a file is read in chunks, never whole.

Scanned for markup: images and PDFs, whose bytes are never markup. A PNG or JPEG header followed by
``<script>`` or ``<html>``, or an ``<svg`` with a namespace or an event handler, is refused: a
browser or a tool that sniffs content would run it as a page. The patterns are long enough that the
compressed bytes of a 25 MB photo hold one by chance with a probability far below one in a million.
Not scanned for markup: text (its whole text is checked when its type is judged), e-mail and RTF
(an HTML body is what they legitimately carry), and Office/ODF/OLE2 containers (their parts are
compressed or binary, and an Outlook message stores its HTML body as is).

Polyglots refused:
- ``%PDF-`` in the first 1 024 bytes of any file that is not a PDF: PDF readers look that far for
  the header, so the file opens as a PDF too;
- a ZIP (its end record, directory and first member, as ZIP readers find them) at the end of an
  image or a PDF, such as a JPEG with a ZIP appended or a PDF+ZIP. OLE2 files are not checked: an
  Outlook message may end with an attached .docx, which is a ZIP inside the message's own streams.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from core.i18n_markers import N_
from incidents.filetypes import zipcheck
from incidents.filetypes.verdict import Refusal

CHUNK = 256 * 1024
OVERLAP = 4096
PDF_HEADER_WINDOW = 1024

# One pattern (one pass over the bytes); ``<svg`` alone is four bytes, so an SVG tag must also hold
# the namespace or an event handler.
_HIDDEN_MARKUP = re.compile(
    rb"<(?:"
    rb"(?P<html>(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|applet|form"
    rb"|meta\s+http-equiv)[\s/>])"
    rb"|(?P<svg>svg[\s/>][^<>]{0,512}?(?:xmlns|\bon[a-z]{3,20}\s*=))"
    rb"|(?P<php>\?php\s)"
    rb")",
    re.IGNORECASE,
)

HIDDEN_HTML = N_("%(kind)s 檔案中夾帶網頁內容（HTML），可能被瀏覽器當成網頁執行")
HIDDEN_SVG = N_("%(kind)s 檔案中夾帶 SVG 圖形與指令碼，可能被瀏覽器當成網頁執行")
HIDDEN_PHP = N_("%(kind)s 檔案中夾帶 PHP 指令碼")
ALSO_PDF = N_("檔案同時是 %(kind)s 與 PDF（多重格式檔），可被當成另一種檔案開啟")
ALSO_ZIP = N_("檔案同時是 %(kind)s 與 ZIP 壓縮檔（多重格式檔），可被當成另一種檔案開啟")


def windows(stream: BinaryIO, *, start: int = 0) -> Iterator[tuple[int, bytes]]:
    """``(offset, buffer)`` pairs covering ``stream`` from ``start``: each buffer repeats the last
    OVERLAP bytes of the one before, so any match up to OVERLAP bytes long lies whole in one buffer."""
    stream.seek(start)
    tail = b""
    offset = start
    while chunk := stream.read(CHUNK):
        buffer = tail + chunk
        yield offset - len(tail), buffer
        tail = buffer[-OVERLAP:]
        offset += len(chunk)


def hidden_markup(stream: BinaryIO) -> Refusal | None:
    """HTML, SVG with script, or PHP anywhere in a binary file."""
    labels = {"html": HIDDEN_HTML, "svg": HIDDEN_SVG, "php": HIDDEN_PHP}
    for _, buffer in windows(stream):
        match = _HIDDEN_MARKUP.search(buffer)
        if match is not None and match.lastgroup is not None:
            return Refusal(labels[match.lastgroup])
    return None


def pdf_inside(stream: BinaryIO) -> Refusal | None:
    """A PDF header where PDF readers look for one, in a file that is not a PDF."""
    stream.seek(0)
    if b"%PDF-" in stream.read(PDF_HEADER_WINDOW + 5):
        return Refusal(ALSO_PDF)
    return None


def zip_at_end(stream: BinaryIO) -> Refusal | None:
    """A ZIP that ZIP readers would find at the end of the file."""
    if zipcheck.zip_directory(stream) is not None:
        return Refusal(ALSO_ZIP)
    return None
