"""The content sniffer: allowed families are recognised by their bytes, disguises are not."""

from __future__ import annotations

import io

import pytest

from incidents import filetypes
from incidents.filenames import attachment_disposition, clean_filename, download_name
from incidents.filetypes import detect, extensions_for
from tests.incidents import evidence_samples as samples


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (samples.pdf(), "application/pdf"),
        (samples.png(), "image/png"),
        (samples.jpeg(), "image/jpeg"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"RIFF\x1a\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", "image/bmp"),
        (samples.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (samples.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (samples.odt(), "application/vnd.oasis.opendocument.text"),
        (
            samples.odt(b"application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        (samples.ole2("WordDocument", "1Table"), "application/msword"),
        (samples.ole2("Workbook"), "application/vnd.ms-excel"),
        (samples.ole2("PowerPoint Document", "Current User"), "application/vnd.ms-powerpoint"),
        (samples.ole2("__substg1.0_0037001F", "__properties_version1.0", "WordDocument"), "application/vnd.ms-outlook"),
        (samples.eml(), "message/rfc822"),
        (samples.text_utf8(), "text/plain; charset=utf-8"),
        ("\ufeff報告".encode(), "text/plain; charset=utf-8"),
        (samples.text_big5(), "text/plain; charset=big5"),
        (b"{\\rtf1\\ansi hello}", "application/rtf"),
    ],
)
def test_allowed_types_are_recognised_by_content(data, content_type):
    found = detect(data)
    assert found.allowed
    assert found.content_type == content_type


def test_the_name_never_makes_a_file_allowed_but_chooses_csv_for_text():
    assert detect(samples.text_utf8(), "名單.csv").content_type == "text/csv; charset=utf-8"
    assert not detect(samples.html(), "名單.csv").allowed
    assert not detect(samples.exe(), "report.pdf").allowed


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (samples.html(), "HTML"),
        (b"  \r\n<html><body>hi</body></html>", "HTML"),
        (b"<!-- comment -->\n<p>x</p>", "HTML"),
        (b"\xef\xbb\xbf<div>x</div>", "HTML"),
        ("報告內容\n<script>alert(1)</script>".encode(), "HTML"),
        (samples.svg(), "SVG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        (b'<?xml version="1.0"?><root/>', "XML"),
        (samples.exe(), "執行檔"),
        (b"\x7fELF\x02\x01\x01\x00", "執行檔"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x02", "執行檔"),
        (b"#!/bin/sh\nrm -rf /\n", "指令碼"),
        (b"<?php system($_GET['c']); ?>", "指令碼"),
        (samples.plain_zip(), "ZIP 壓縮檔"),
        (b"PK\x03\x04 not really a zip", "ZIP 壓縮檔"),
        (samples.odt(b"text/html"), "ZIP 壓縮檔"),
        (samples.odt(b"application/vnd.oasis.opendocument.text-web"), "不支援的 ODF 文件"),
        (b"Rar!\x1a\x07\x00", "壓縮檔"),
        (b"\x1f\x8b\x08\x00", "壓縮檔"),
        (samples.ole2("\x05SummaryInformation", "Property"), "無法辨識的 OLE2 複合文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 truncated", "無法辨識的 OLE2 複合文件"),
        (b"text with a NUL\x00byte", "無法辨識的二進位檔"),
        (b"escape \x1b[31m codes", "無法辨識的二進位檔"),
        (bytes(range(128, 256)), "無法辨識的二進位檔"),
        (b"", "空白檔案"),
    ],
)
def test_refused_types_are_named(data, label):
    found = detect(data, "report.pdf")
    assert not found.allowed
    assert found.content_type == ""
    assert found.label == label


def test_utf16_text_has_nul_bytes_and_is_refused():
    assert not detect("報告".encode("utf-16")).allowed


def test_detect_reads_a_stream_and_rewinds_it():
    stream = io.BytesIO(samples.docx())
    stream.seek(10)
    assert detect(stream).content_type.endswith("wordprocessingml.document")
    assert stream.tell() == 0


def test_text_is_checked_to_the_end_not_only_the_head():
    tail_binary = b"a" * (200 * 1024) + b"\x00\x01\x02"
    assert not detect(tail_binary).allowed
    invalid_late = b"a" * (100 * 1024) + b"\xff\xfe\xfd\xfc"
    assert not detect(invalid_late).allowed


def test_a_chinese_character_split_across_read_chunks_is_still_text():
    data = b"a" * (64 * 1024 - 1) + "機密".encode()
    assert detect(data).content_type == "text/plain; charset=utf-8"


def test_mail_headers_need_from_and_another_header():
    assert detect(b"From: a@example.com\nSubject: x\n\nbody").content_type == "message/rfc822"
    assert detect(b"From: a@example.com\n\nbody").content_type.startswith("text/plain")
    assert detect(b"Subject: x\nTo: b@example.com\n\nbody").content_type.startswith("text/plain")
    folded = b"From: a@example.com\nReceived: by x\n  with y; Mon, 1 Jan 2024\n\nbody"
    assert detect(folded).content_type == "message/rfc822"


def test_bmp_needs_a_real_header_so_text_starting_with_bm_is_text():
    assert detect(b"BMW report: nothing binary here").content_type.startswith("text/plain")


def test_every_allowed_type_has_extensions():
    for kind in filetypes.KNOWN_ALLOWED:
        assert kind.extensions and all(extension.startswith(".") for extension in kind.extensions)
        assert extensions_for(kind.content_type) == kind.extensions


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("報告.pdf", "報告.pdf"),
        ("C:\\Users\\chen\\桌面\\機密.docx", "機密.docx"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\nc.txt", "a b c.txt"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ('what?<is>:"this"|*.txt', "what__is___this___.txt"),
        ("  ..hidden. ", "hidden"),
        ("", "file"),
        ("...", "file"),
        ("ｆｕｌｌ－ｗｉｄｔｈ.txt", "ｆｕｌｌ－ｗｉｄｔｈ.txt"),
    ],
)
def test_clean_filename(name, cleaned):
    assert clean_filename(name) == cleaned


def test_clean_filename_keeps_the_extension_of_a_long_name():
    cleaned = clean_filename("長" * 300 + ".pdf")
    assert len(cleaned) == 255 and cleaned.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("報告.pdf", "application/pdf", "報告.pdf"),
        ("報告.PDF", "application/pdf", "報告.PDF"),
        ("掃描", "image/png", "掃描.png"),
        ("run.bat", "text/plain; charset=utf-8", "run.bat.txt"),
        ("名單.csv", "text/csv; charset=utf-8", "名單.csv"),
        ("x.odt", "application/vnd.oasis.opendocument.text", "x.odt"),
        ("x.doc", "application/vnd.oasis.opendocument.text", "x.doc.odt"),
        ("x.bin", "application/x-unknown", "x.bin"),
    ],
)
def test_download_name_gets_the_extension_of_its_type(name, content_type, expected):
    assert download_name(name, extensions_for(content_type)) == expected


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"),
        ("證據.pdf", "attachment; filename=\"evidence-7.pdf\"; filename*=UTF-8''%E8%AD%89%E6%93%9A.pdf"),
        (
            "機密 memo (v2).docx",
            "attachment; filename=\"memo (v2).docx\"; filename*=UTF-8''%E6%A9%9F%E5%AF%86%20memo%20%28v2%29.docx",
        ),
        ("café;x=1.txt", "attachment; filename=\"cafe_x_1.txt\"; filename*=UTF-8''caf%C3%A9%3Bx%3D1.txt"),
        ("無副檔名", "attachment; filename=\"evidence-7\"; filename*=UTF-8''%E7%84%A1%E5%89%AF%E6%AA%94%E5%90%8D"),
    ],
)
def test_attachment_disposition_has_utf8_name_and_ascii_fallback(name, header):
    assert attachment_disposition(name, "evidence-7") == header
