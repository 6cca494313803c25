"""Crafted uploads that look harmless at their start, built in code for the whole-file checks.

Each is small (a ZIP bomb is small by definition) except where the padding itself is the point:
the padding is always longer than the 8 KB the sniffer used to read.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.incidents import evidence_samples as samples

PADDING = 100 * 1024


def padded(header: bytes, payload: bytes, padding: bytes = b"\x00") -> bytes:
    """``header``, then ``PADDING`` bytes, then ``payload``."""
    return header + padding * (PADDING // len(padding)) + payload


def html_after_png() -> bytes:
    return padded(samples.png(), b"<html><body><script>alert(document.cookie)</script></body></html>")


def svg_after_png() -> bytes:
    return padded(samples.png(), b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')


def html_after_text() -> bytes:
    return padded("案件紀錄\n".encode(), b"\n<script>alert(1)</script>\n", b"a")


def svg_after_text() -> bytes:
    return padded("案件紀錄\n".encode(), b"\n<svg onload=alert(1)>\n", b"b")


def pdf_with(catalog_entries: bytes, *objects: bytes) -> bytes:
    """The sample PDF with ``catalog_entries`` added to its catalog and ``objects`` before its trailer."""
    base = samples.pdf().replace(b"/Type/Catalog", b"/Type/Catalog" + catalog_entries)
    return base.replace(b"trailer", b"".join(objects) + b"trailer")


def pdf_javascript() -> bytes:
    """A script run when the document opens (/OpenAction with /S /JavaScript /JS)."""
    return pdf_with(b"/OpenAction<</S/JavaScript/JS(app.alert('x'))>>")


def pdf_javascript_escaped() -> bytes:
    """The same, with the names spelt with #xx escapes as PDF allows."""
    return pdf_with(b"/OpenAction<</S/J#61vaScript/J#53(app.alert('x'))>>")


def pdf_launch() -> bytes:
    return pdf_with(b"/OpenAction<</S/Launch/Win<</F(cmd.exe)/P(/c calc)>>>>")


def pdf_embedded_file() -> bytes:
    return pdf_with(
        b"/Names<</EmbeddedFiles<</Names[(a.txt)4 0 R]>>>>",
        b"4 0 obj<</Type/Filespec/F(a.txt)/EF<</F 5 0 R>>>>endobj\n",
        b"5 0 obj<</Type/EmbeddedFile/Length 5>>stream\nhello\nendstream\nendobj\n",
    )


def pdf_rich_media() -> bytes:
    return pdf_with(b"", b"4 0 obj<</Type/Annot/Subtype/RichMedia/RichMediaContent 5 0 R>>endobj\n")


def object_stream(
    number: int, body: bytes, filters: bytes = b"/Filter/FlateDecode", data: bytes | None = None
) -> bytes:
    """Object ``number``: a PDF 1.5 object stream holding ``body`` (compressed unless ``data`` is given)."""
    data = zlib.compress(body) if data is None else data
    return (
        b"%d 0 obj<</Type/ObjStm/N 1/First 4/Length %d%s>>stream\n" % (number, len(data), filters)
        + data
        + b"\nendstream\nendobj\n"
    )


def pdf_javascript_in_object_stream() -> bytes:
    """The JavaScript action sits only inside a Flate-compressed object stream."""
    return pdf_with(b"/OpenAction 7 0 R", object_stream(6, b"7 0 <</S/JavaScript/JS(app.alert(1))>>"))


def pdf_launch_in_object_stream() -> bytes:
    return pdf_with(b"/OpenAction 7 0 R", object_stream(6, b"7 0 <</S/Launch/F(cmd.exe)>>"))


def pdf_clean_object_stream() -> bytes:
    return pdf_with(b"", object_stream(6, b"7 0 <</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"))


def pdf_unreadable_object_stream() -> bytes:
    """An object stream behind two filters: not inflated, so the file is marked as not fully checked."""
    data = zlib.compress(b"7 0 <</S/JavaScript/JS(app.alert(1))>>").hex().encode() + b">"
    return pdf_with(b"", object_stream(6, b"", b"/Filter[/ASCIIHexDecode/FlateDecode]", data))


def pdf_open_view_only() -> bytes:
    """An /OpenAction that only sets the first view: not active content."""
    return pdf_with(b"/OpenAction[3 0 R/FitH null]")


def pdf_plus_zip() -> bytes:
    return samples.pdf() + samples.plain_zip()


def jpeg_plus_zip() -> bytes:
    return samples.jpeg() + samples.plain_zip()


def png_plus_pdf() -> bytes:
    """A PNG whose first kilobyte holds a PDF header (PDF readers look that far)."""
    return samples.png()[:33] + _png_chunk(b"tEXt", b"Comment\x00" + samples.pdf()) + samples.png()[33:]


def docx_plus_pdf() -> bytes:
    """A .docx whose first member is a PDF stored uncompressed, so ``%PDF-`` is within its first bytes."""
    return samples._zip(
        [("a.pdf", samples.pdf()), ("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w/>")],
        stored_first=True,
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# --- ZIP bombs, made with zipfile ---------------------------------------------------------------------------------


def _docx_with(*members: tuple[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_dense_bomb() -> bytes:
    """A member of 20 MB of zeros: about 20 KB compressed (ratio near 1 000)."""
    return _docx_with(("word/document.xml", b"\x00" * (20 * 1024 * 1024)))


def docx_many_members(count: int = 10_001) -> bytes:
    return _docx_with(("word/document.xml", b"<w/>"), *((f"word/part{index}.xml", b"") for index in range(count)))


def docx_sized(total_mb: int) -> bytes:
    """Members of 1 MiB of varied XML each, adding up to ``total_mb`` (ratio well under the limit)."""
    part = b"".join(b"<w:t>%08x</w:t>" % (index * 2654435761 % 2**32) for index in range(1024 * 1024 // 16))
    return _docx_with(*((f"word/part{index}.xml", part) for index in range(total_mb)))


def docx_lying_about_size() -> bytes:
    """A member whose directory entry and local header declare 100 bytes; it inflates to 1.1 MB."""
    data = bytearray(_docx_with(("word/document.xml", b"<w:t>x</w:t>" * 100_000)))
    for central, local in _members(data, "word/document.xml"):
        struct.pack_into("<L", data, central + 24, 100)
        struct.pack_into("<L", data, local + 22, 100)
    return bytes(data)


def docx_overlapping() -> bytes:
    """A second directory entry pointing at the first member's header and data (the overlapping bomb)."""
    data = _docx_with(("word/document.xml", b"<w:t>x</w:t>" * 1000))
    [(central, _)] = _members(data, "word/document.xml")
    name_length = struct.unpack_from("<H", data, central + 28)[0]
    copy = bytearray(data[central : central + 46]) + b"word/copy.xml"
    struct.pack_into("<3H", copy, 28, len(b"word/copy.xml"), 0, 0)
    end = data.rindex(b"PK\x05\x06")
    entries, size, offset = struct.unpack_from("<HLL", data, end + 10)
    record = bytearray(data[end:])
    struct.pack_into("<HHLL", record, 8, entries + 1, entries + 1, size + len(copy), offset)
    assert name_length == len("word/document.xml")
    return data[:end] + bytes(copy) + bytes(record)


def docx_encrypted_member() -> bytes:
    """Every member flagged as encrypted with the ZIP's own scheme: it cannot be read, so not checked."""
    data = bytearray(_docx_with(("word/document.xml", b"<w/>")))
    for central, local in _members(data):
        data[central + 8] |= 1
        data[local + 6] |= 1
    return bytes(data)


def _members(data: bytes | bytearray, name: str = "") -> list[tuple[int, int]]:
    """(central directory entry, local header) positions of every member, or of the one named ``name``."""
    end = data.rindex(b"PK\x05\x06")
    entries, _, position = struct.unpack_from("<HLL", data, end + 10)
    found = []
    for _ in range(entries):
        lengths = struct.unpack_from("<3H", data, position + 28)
        member = bytes(data[position + 46 : position + 46 + lengths[0]]).decode()
        if not name or member == name:
            found.append((position, struct.unpack_from("<L", data, position + 42)[0]))
        position += 46 + sum(lengths)
    return found
