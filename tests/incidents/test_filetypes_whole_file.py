"""The whole file is checked, not its first 8 KB: hidden markup, PDF active content, polyglots, ZIP bombs."""

from __future__ import annotations

import io
import os
import struct
import tracemalloc

import pytest
import weasyprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents import filetypes
from incidents.filetypes import Inspection, inspect, zipcheck
from tests.incidents import evidence_samples as samples
from tests.incidents import hostile_samples as hostile


def refusal_of(data: bytes, name: str = "") -> str:
    """The refusal sentence (untranslated, placeholders filled) of a refused file."""
    found = inspect(data, name)
    assert not found.allowed, f"accepted as {found.kind.label}"
    assert found.refusal is not None, f"refused by type ({found.kind.label}), not by the whole-file checks"
    return found.refusal.label % {"kind": found.kind.label, **found.refusal.values}


# --- clean files are still accepted -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (samples.pdf(), "application/pdf"),
        (hostile.pdf_clean_object_stream(), "application/pdf"),
        (hostile.pdf_open_view_only(), "application/pdf"),
        (samples.png(), "image/png"),
        (samples.jpeg(), "image/jpeg"),
        (samples.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (samples.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (samples.odt(), "application/vnd.oasis.opendocument.text"),
        (hostile.docx_sized(3), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (samples.eml(), "message/rfc822"),  # its HTML body is what mail carries
        (samples.ole2("__substg1.0_10130102", "__properties_version1.0"), "application/vnd.ms-outlook"),
        (samples.text_utf8() * 5000, "text/plain; charset=utf-8"),
    ],
)
def test_clean_files_are_accepted_without_warnings(data, content_type):
    found = inspect(data)
    assert found.allowed and found.refusal is None
    assert found.kind.content_type == content_type
    assert found.active_content == ()


def test_a_pdf_with_object_streams_as_weasyprint_writes_it_is_read_inside_and_clean():
    data = weasyprint.HTML(string="<h1>調查報告</h1><p>" + "內容 " * 3000 + "</p>").write_pdf()
    assert b"/ObjStm" in data  # compressed object streams, so the inflating path ran
    assert inspect(data) == Inspection(filetypes.detect(data))


def test_random_bytes_inside_a_large_image_or_pdf_raise_no_false_alarm():
    noise = os.urandom(8 * 1024 * 1024)
    assert inspect(samples.jpeg()[:-2] + noise + b"\xff\xd9").allowed
    pdf = hostile.pdf_with(b"", b"4 0 obj<</Length %d>>stream\n" % len(noise) + noise + b"\nendstream\nendobj\n")
    assert inspect(pdf).active_content == ()


# --- markup after padding -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hostile.html_after_png(), "PNG 檔案中夾帶網頁內容（HTML）"),
        (hostile.padded(samples.jpeg(), b"<IFRAME src=//x>"), "JPEG 檔案中夾帶網頁內容（HTML）"),
        (
            hostile.padded(b"GIF89a\x01\x00\x01\x00\x00\x00\x00", b"<!DOCTYPE html><p>"),
            "GIF 檔案中夾帶網頁內容（HTML）",
        ),
        (hostile.svg_after_png(), "PNG 檔案中夾帶 SVG 圖形與指令碼"),
        (hostile.padded(samples.jpeg(), b"<?php system($_GET['c']); ?>"), "JPEG 檔案中夾帶 PHP 指令碼"),
        (hostile.padded(samples.pdf(), b"<script>alert(1)</script>"), "PDF 檔案中夾帶網頁內容（HTML）"),
    ],
)
def test_markup_after_padding_in_a_binary_file_is_refused(data, expected):
    assert refusal_of(data).startswith(expected)


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (hostile.html_after_text(), "HTML"),
        (hostile.svg_after_text(), "SVG"),
        (hostile.padded(b"notes\n", b"\n<?php echo 1; ?>\n", b"c"), "指令碼"),
        # Split across two of the sniffer's 64 KB reads.
        (b"a" * (64 * 1024 - 4) + b"<script>x</script>", "HTML"),
    ],
)
def test_markup_anywhere_in_a_text_file_makes_it_that_markup(data, label):
    found = inspect(data, "筆錄.txt")
    assert not found.allowed and found.kind.label == label


# --- PDFs with active content -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "active_content"),
    [
        (hostile.pdf_javascript(), ("javascript", "auto_action")),
        (hostile.pdf_javascript_escaped(), ("javascript", "auto_action")),
        (hostile.pdf_javascript_in_object_stream(), ("javascript", "auto_action")),
        (hostile.pdf_with(b"/Names<</JavaScript 9 0 R>>"), ("javascript",)),
        (hostile.pdf_embedded_file(), ("embedded_file",)),
        (hostile.pdf_rich_media(), ("rich_media",)),
        (hostile.pdf_with(b"/AcroForm<</Fields[]/XFA 9 0 R>>"), ("xfa",)),
        (hostile.pdf_unreadable_object_stream(), ("unchecked",)),
    ],
)
def test_a_pdf_with_active_content_is_accepted_with_what_it_carries(data, active_content):
    found = inspect(data)
    assert found.allowed and found.kind.content_type == "application/pdf"
    assert found.active_content == active_content


@pytest.mark.parametrize("data", [hostile.pdf_launch(), hostile.pdf_launch_in_object_stream()])
def test_a_pdf_that_launches_a_program_is_refused(data):
    assert refusal_of(data) == "PDF 含有啟動外部程式的動作（/Launch）"


def test_a_pdf_whose_object_streams_exceed_the_inflating_budget_is_marked_unchecked(monkeypatch):
    monkeypatch.setattr(filetypes.pdfcheck, "MAX_INFLATED_MB", 1)
    body = b"7 0 <</Type/Font>>" + b" " * (2 * 1024 * 1024) + b"<</S/JavaScript/JS(x)>>"
    data = hostile.pdf_with(b"", hostile.object_stream(6, body))
    assert inspect(data).active_content == ("unchecked",)


# --- polyglots ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hostile.pdf_plus_zip(), "檔案同時是 PDF 與 ZIP 壓縮檔"),
        (hostile.jpeg_plus_zip(), "檔案同時是 JPEG 與 ZIP 壓縮檔"),
        (samples.png() + samples.docx(), "檔案同時是 PNG 與 ZIP 壓縮檔"),
        (hostile.png_plus_pdf(), "檔案同時是 PNG 與 PDF"),
        (hostile.docx_plus_pdf(), "檔案同時是 Word (OOXML) 與 PDF"),
        (b"plain words\n" + samples.pdf(), "檔案同時是 純文字 與 PDF"),
    ],
)
def test_a_file_that_is_also_another_format_is_refused(data, expected):
    assert refusal_of(data).startswith(expected)


def test_a_zip_signature_without_a_directory_behind_it_is_not_a_polyglot():
    assert inspect(samples.png() + b"PK\x05\x06" + b"\x00" * 18).allowed
    assert inspect(samples.jpeg() + b"PK\x03\x04 and some text").allowed


# --- ZIP bombs ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hostile.docx_dense_bomb(), "文件中的項目壓縮比超過 200 倍，可能是壓縮炸彈"),
        (hostile.docx_many_members(), "文件含超過 10000 個壓縮項目，可能是壓縮炸彈"),
        (hostile.docx_overlapping(), "文件中的壓縮項目彼此重疊，可能是壓縮炸彈"),
        (hostile.docx_lying_about_size(), "文件的壓縮內容已損毀、加密或與宣告的大小不符，無法檢查"),
        (hostile.docx_encrypted_member(), "文件的壓縮內容已損毀、加密或與宣告的大小不符，無法檢查"),
    ],
)
def test_an_office_container_that_inflates_past_the_limits_is_refused(data, expected):
    assert refusal_of(data, "報告.docx") == expected


def test_members_are_counted_in_the_directory_not_taken_from_its_end_record():
    """An end record claiming 5 members does not let zipfile load a directory of 10 002."""
    data = bytearray(hostile.docx_many_members())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 5, 5)
    assert refusal_of(bytes(data)) == "文件含超過 10000 個壓縮項目，可能是壓縮炸彈"


def test_the_total_inflated_size_is_limited(monkeypatch):
    data = hostile.docx_sized(3)
    assert inspect(data).allowed
    monkeypatch.setattr(zipcheck, "MAX_INFLATED_MB", 2)
    assert refusal_of(data) == "文件解壓縮後超過 2 MB，可能是壓縮炸彈"


def test_a_bomb_is_refused_without_inflating_it(monkeypatch):
    bomb = hostile.docx_dense_bomb()
    opened = []
    original = zipcheck.zipfile.ZipFile.open

    def recording_open(archive, member, *args, **kwargs):
        opened.append(member)
        return original(archive, member, *args, **kwargs)

    monkeypatch.setattr(zipcheck.zipfile.ZipFile, "open", recording_open)
    refusal_of(bomb)
    assert opened == []  # the declared sizes were enough


def test_odf_containers_are_checked_too():
    bomb = samples._zip(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b" " * (5 * 1024 * 1024))],
        stored_first=True,
    )
    assert refusal_of(bomb, "會議紀錄.odt") == "文件中的項目壓縮比超過 200 倍，可能是壓縮炸彈"


# --- streaming, bounded memory ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda noise: samples.png() + noise,
        lambda noise: hostile.pdf_with(b"", b"4 0 obj<<>>stream\n" + noise + b"\nendstream\nendobj\n"),
        lambda noise: hostile._docx_with(("word/media/image1.png", noise)),
    ],
    ids=["png", "pdf", "docx"],
)
def test_a_large_file_is_read_in_chunks_not_whole(tmp_path, build):
    path = tmp_path / "upload"
    path.write_bytes(build(os.urandom(16 * 1024 * 1024)))
    with path.open("rb") as stream:
        tracemalloc.start()
        try:
            found = inspect(stream)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert stream.tell() == 0
    assert found.allowed
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB for a 16 MB file"


# --- no input makes the checker fail ------------------------------------------------------------------------------

PREFIXES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", samples.docx()[:200]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=4096), suffix=st.sampled_from([b"", *PREFIXES]))
def test_any_bytes_are_accepted_or_refused_never_an_error(prefix, body, suffix):
    stream = io.BytesIO(prefix + body + suffix)
    found = inspect(stream, "x.bin")
    assert isinstance(found, Inspection)
    assert found.allowed == (found.kind.allowed and found.refusal is None)
    assert stream.tell() == 0


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(min_value=1, max_value=2000), flip=st.integers(min_value=0, max_value=255))
def test_damaged_office_files_and_pdfs_never_raise(cut, flip):
    for data in (samples.docx(), hostile.pdf_javascript_in_object_stream(), hostile.docx_overlapping()):
        damaged = bytearray(data)
        damaged[cut % len(damaged)] ^= flip
        assert isinstance(inspect(bytes(damaged)), Inspection)
        assert isinstance(inspect(data[: cut % len(data)]), Inspection)
