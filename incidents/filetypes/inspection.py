"""``inspect()``: an upload's type by content, then the checks that read the whole file."""

from __future__ import annotations

import io
from typing import BinaryIO

from incidents.filetypes import pdfcheck, scan, zipcheck
from incidents.filetypes.kinds import IMAGES, OOXML, PDF, ZIP, FileType, is_odf
from incidents.filetypes.sniff import detect
from incidents.filetypes.verdict import XFA, Inspection, Refusal


def inspect(source: bytes | BinaryIO, filename: str = "") -> Inspection:
    """Judge ``source`` (bytes or a seekable binary stream, read from its start, left at its start).

    Reads the file in chunks, as often as the checks of its type need, and never holds it whole.
    """
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    stream.seek(0)
    if stream.read(4) == b"PK\x03\x04":
        too_many = zipcheck.too_many_members(stream)
        if too_many is not None:
            stream.seek(0)
            return Inspection(ZIP, too_many)
    kind = detect(stream, filename)
    if not kind.allowed:
        return Inspection(kind)
    if kind == PDF:
        found = _pdf(stream)
    else:
        found = Inspection(kind, scan.pdf_inside(stream) or _whole_file_refusal(stream, kind))
    stream.seek(0)
    return found


def _whole_file_refusal(stream: BinaryIO, kind: FileType) -> Refusal | None:
    if kind in IMAGES:
        return scan.hidden_markup(stream) or scan.zip_at_end(stream)
    if kind in OOXML or is_odf(kind):
        return zipcheck.container_refusal(stream)
    return None


def _pdf(stream: BinaryIO) -> Inspection:
    content = pdfcheck.inspect_pdf(stream)
    refusal = content.refusal
    # An XFA form carries XHTML and <script> elements of its own: marked as such, not refused as a page.
    if refusal is None and XFA not in content.active_content:
        refusal = scan.hidden_markup(stream)
    refusal = refusal or scan.zip_at_end(stream)
    return Inspection(PDF, refusal, content.active_content if refusal is None else ())
