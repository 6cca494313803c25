"""Evidence files: stored by content type outside the web root, verified and audited on download."""

from __future__ import annotations

import hashlib
import io
import re
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from audit.models import AuditEntry
from core.extensions import db
from incidents.models import Evidence
from incidents.services.evidence import stored_path, upload_root
from tests.helpers import db_count, fetch_csrf_token
from tests.incidents import evidence_samples as samples
from tests.incidents import hostile_samples as hostile
from tests.incidents.helpers import make_incident, signed_in


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path) -> Path:
    root = tmp_path / "uploads"
    app.config["UPLOAD_DIR"] = str(root)
    return root


def stored_files(root: Path) -> list[Path]:
    """Every file under UPLOAD_DIR (temporary ones included)."""
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def post_upload(client, incident_id: int, data: bytes, name: str, description: str = ""):
    token = fetch_csrf_token(client, f"/cases/{incident_id}")
    fields = {"csrf_token": token, "description": description, "file": FileStorage(io.BytesIO(data), name)}
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(fields)
    return client.post(
        f"/cases/{incident_id}/evidence", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def download(client, incident_id: int, evidence_id: int):
    # Buffered, so that the file the response streams from is closed at once.
    return client.get(f"/cases/{incident_id}/evidence/{evidence_id}", buffered=True)


def evidence_rows(app) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Evidence).order_by(Evidence.id))
        return [{column.name: getattr(row, column.name) for column in Evidence.__table__.columns} for row in rows]


def audit_entries(app, action: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"actor": row.actor_name, "object_id": row.object_id, "details": row.details} for row in rows]


def uploaded(app, client, cast, data: bytes = b"", name: str = "報告.pdf") -> dict:
    """Upload as the assigned officer; returns the new evidence row."""
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, data or samples.pdf(), name, "檢舉人提供")
    assert response.status_code == 302, response.get_data(as_text=True)
    return evidence_rows(app)[-1]


ALLOWED = [
    ("底價簽呈.pdf", samples.pdf, "application/pdf"),
    ("截圖.png", samples.png, "image/png"),
    ("通聯紀錄.docx", samples.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("會議紀錄.odt", samples.odt, "application/vnd.oasis.opendocument.text"),
    ("筆錄.txt", samples.text_utf8, "text/plain; charset=utf-8"),
    ("名單.csv", samples.text_utf8, "text/csv; charset=utf-8"),
    ("轉寄信件.eml", samples.eml, "message/rfc822"),
]


@pytest.mark.parametrize(("name", "build", "content_type"), ALLOWED)
def test_allowed_upload_is_stored_privately_with_its_hash_and_audited(
    app, client, cast, upload_dir, name, build, content_type
):
    data = build()
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, data, name, "檢舉人提供")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{cast.incident_id}#evidence")

    [row] = evidence_rows(app)
    assert row["original_name"] == name
    assert row["content_type"] == content_type
    assert row["size"] == len(data)
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["description"] == "檢舉人提供"
    assert row["uploaded_by_id"] == cast.id("officer")

    # Random name, two-character folder, owner-only permissions, nothing else left behind.
    token = row["stored_name"]
    assert len(token) == 32 and int(token, 16) >= 0
    path = upload_dir / token[:2] / token
    assert stored_files(upload_dir) == [path]
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700

    [entry] = audit_entries(app, "evidence_uploaded")
    assert entry["actor"] == "officer" and entry["object_id"] == str(row["id"])
    assert {key: entry["details"][key] for key in ("name", "size", "sha256", "type")} == {
        "name": name,
        "size": len(data),
        "sha256": row["sha256"],
        "type": content_type,
    }

    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    assert name in page and f"/cases/{cast.incident_id}/evidence/{row['id']}" in page


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("report.pdf", samples.html(), "HTML"),
        ("logo.png", samples.svg(), "SVG"),
        ("contract.docx", samples.exe(), "執行檔"),
        ("archive.docx", samples.plain_zip(), "ZIP 壓縮檔"),
    ],
)
def test_disguised_file_is_refused_and_nothing_is_kept(app, client, cast, upload_dir, name, data, label):
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, data, name, "看起來像文件")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"「{name}」：檔案內容與允許的類型不符（偵測為 {label}）" in page
    assert 'value="看起來像文件"' in page  # the description typed is kept
    assert evidence_rows(app) == []
    assert stored_files(upload_dir) == []
    assert audit_entries(app, "evidence_uploaded") == []


def test_empty_file_is_refused(app, client, cast, upload_dir):
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, b"", "空的.pdf")
    assert response.status_code == 400
    assert "「空的.pdf」是空白檔案" in response.get_data(as_text=True)
    assert evidence_rows(app) == [] and stored_files(upload_dir) == []


def test_missing_file_and_too_long_description_keep_what_was_typed(app, client, cast, upload_dir):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")
    response = client.post(f"/cases/{cast.incident_id}/evidence", data={"csrf_token": token, "description": "說明"})
    assert response.status_code == 400
    assert "請選擇要上傳的檔案。" in response.get_data(as_text=True)

    response = post_upload(client, cast.incident_id, samples.pdf(), "簽呈.pdf", "長" * 201)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "說明請在 200 字以內。" in page
    assert "請再選一次檔案「簽呈.pdf」" in page  # the browser cannot keep the chosen file
    assert "長" * 201 in page
    assert evidence_rows(app) == [] and stored_files(upload_dir) == []


def test_too_large_request_answers_413_and_stores_nothing(app, client, cast, upload_dir):
    app.config.update(MAX_UPLOAD_MB=1, MAX_CONTENT_LENGTH=1024 * 1024)
    signed_in(client, "officer")
    big = samples.pdf() + b"0" * (1024 * 1024)
    response = post_upload(client, cast.incident_id, big, "掃描檔.pdf")
    assert response.status_code == 413
    assert "上傳的資料超過 1 MB 的上限，沒有儲存任何資料。" in response.get_data(as_text=True)
    assert evidence_rows(app) == [] and stored_files(upload_dir) == []


def test_the_service_enforces_max_upload_mb_even_if_the_request_limit_is_larger(app, client, cast, upload_dir):
    app.config.update(MAX_UPLOAD_MB=1, MAX_CONTENT_LENGTH=4 * 1024 * 1024)
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, samples.pdf() + b"0" * (1024 * 1024), "掃描檔.pdf", "甲")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "「掃描檔.pdf」超過 1 MB 的上限，沒有儲存。" in page and 'value="甲"' in page
    assert evidence_rows(app) == [] and stored_files(upload_dir) == []


def test_case_page_offers_the_upload_form_with_its_limit(app, client, cast):
    signed_in(client, "officer")
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert 'data-max-bytes="26214400"' in page and "每個檔案最大 25 MB" in page
    assert "js/evidence-upload.js" in page


def test_download_sends_the_verified_bytes_as_an_attachment_and_is_audited(app, client, cast):
    data = samples.pdf()
    row = uploaded(app, client, cast, data, "底價簽呈 (定稿).pdf")
    response = download(client, cast.incident_id, row["id"])
    assert response.status_code == 200
    assert response.data == data
    assert hashlib.sha256(response.data).hexdigest() == row["sha256"]
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Length"] == str(len(data))
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="evidence-{row["id"]}.pdf"; '
        "filename*=UTF-8''%E5%BA%95%E5%83%B9%E7%B0%BD%E5%91%88%20%28%E5%AE%9A%E7%A8%BF%29.pdf"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"

    [entry] = audit_entries(app, "evidence_downloaded")
    assert entry["actor"] == "officer" and entry["object_id"] == str(row["id"])
    assert entry["details"]["name"] == "底價簽呈 (定稿).pdf"


def test_download_name_gets_the_extension_of_the_detected_type(app, client, cast):
    row = uploaded(app, client, cast, samples.text_utf8(), "run.bat")
    disposition = download(client, cast.incident_id, row["id"]).headers["Content-Disposition"]
    assert disposition == "attachment; filename=\"run.bat.txt\"; filename*=UTF-8''run.bat.txt"


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_tampered_or_missing_file_is_refused_and_recorded(app, client, cast, upload_dir, damage):
    row = uploaded(app, client, cast)
    path = upload_dir / row["stored_name"][:2] / row["stored_name"]
    if damage == "changed":
        path.write_bytes(path.read_bytes().replace(b"Pages", b"Pagez"))
    else:
        path.unlink()
    response = download(client, cast.incident_id, row["id"])
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "證據檔案與登錄時的 SHA-256 雜湊值不符或已遺失" in page
    assert "Content-Disposition" not in response.headers
    assert audit_entries(app, "evidence_downloaded") == []
    [entry] = audit_entries(app, "evidence_integrity_failed")
    assert entry["object_id"] == str(row["id"])
    assert entry["details"]["expected_sha256"] == row["sha256"]


@pytest.mark.parametrize(
    ("username", "download_status", "upload_status"),
    [
        ("officer", 200, 302),  # assigned
        ("supervisor", 200, 403),
        ("auditor", 200, 403),  # reads the case, may not change it
        ("officer2", 404, 404),  # same agency, not assigned
        ("admin", 404, 404),
        ("zz-officer", 404, 404),
        ("zz-auditor", 404, 404),
    ],
)
def test_who_may_download_and_upload(app, cast, username, download_status, upload_status):
    row = uploaded(app, app.test_client(), cast)
    client = signed_in(app.test_client(), username)
    assert download(client, cast.incident_id, row["id"]).status_code == download_status
    response = post_upload(client, cast.incident_id, samples.pdf(), "另一份.pdf") if download_status == 200 else None
    if response is None:  # cannot even open the case page for a token; use any page's
        token = fetch_csrf_token(client, "/")
        response = client.post(
            f"/cases/{cast.incident_id}/evidence",
            data={"csrf_token": token, "file": (io.BytesIO(samples.pdf()), "另一份.pdf")},
            content_type="multipart/form-data",
        )
    assert response.status_code == upload_status
    expected_rows = 2 if upload_status == 302 else 1
    assert len(evidence_rows(app)) == expected_rows
    assert len(audit_entries(app, "evidence_downloaded")) == (1 if download_status == 200 else 0)


def test_evidence_of_another_case_is_404_under_a_visible_case(app, client, cast):
    other_case = make_incident(app, cast.id("officer"), title="另一案")
    row = uploaded(app, client, cast)
    assert download(client, other_case, row["id"]).status_code == 404
    assert download(client, cast.incident_id, row["id"] + 1).status_code == 404
    assert audit_entries(app, "evidence_downloaded") == []


def test_anonymous_users_are_sent_to_sign_in(app, client, cast):
    row = uploaded(app, app.test_client(), cast)
    response = download(client, cast.incident_id, row["id"])
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_files_are_never_under_static_nor_reachable_by_a_path(app, client, cast, upload_dir):
    row = uploaded(app, client, cast)
    static = Path(app.static_folder).resolve()
    for path in stored_files(upload_dir):
        assert static not in path.resolve().parents
    token = row["stored_name"]
    for guess in (f"/static/{token[:2]}/{token}", f"/static/{token}", f"/uploads/{token[:2]}/{token}"):
        assert client.get(guess).status_code == 404


def test_upload_dir_inside_static_is_refused(app):
    app.config["UPLOAD_DIR"] = str(Path(app.static_folder) / "uploads")
    with app.app_context(), pytest.raises(RuntimeError, match="static"):
        upload_root()
    with app.app_context(), pytest.raises(ValueError):
        stored_path("../../etc/passwd")


def test_file_is_removed_when_the_database_commit_fails(app, client, cast, upload_dir):
    signed_in(client, "officer")
    token = fetch_csrf_token(client, f"/cases/{cast.incident_id}")

    def refuse_commit(connection):
        # As a server refusing COMMIT does: the transaction is gone, and an error is raised.
        connection.connection.rollback()
        raise RuntimeError("commit failed")

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "commit", refuse_commit)
    try:
        with pytest.raises(RuntimeError, match="commit failed"):
            client.post(
                f"/cases/{cast.incident_id}/evidence",
                data={"csrf_token": token, "file": (io.BytesIO(samples.pdf()), "簽呈.pdf")},
                content_type="multipart/form-data",
            )
    finally:
        sa.event.remove(engine, "commit", refuse_commit)
    assert stored_files(upload_dir) == []
    assert db_count(app, Evidence) == 0
    assert audit_entries(app, "evidence_uploaded") == []


# --- the whole file is checked (issue 12) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        (
            "截圖.png",
            hostile.html_after_png,
            "「截圖.png」：PNG 檔案中夾帶網頁內容（HTML），可能被瀏覽器當成網頁執行，沒有儲存。",
        ),
        (
            "簽名.png",
            hostile.svg_after_png,
            "「簽名.png」：PNG 檔案中夾帶 SVG 圖形與指令碼，可能被瀏覽器當成網頁執行，沒有儲存。",
        ),
        ("筆錄.txt", hostile.html_after_text, "「筆錄.txt」：檔案內容與允許的類型不符（偵測為 HTML）。"),
        ("公文.pdf", hostile.pdf_launch, "「公文.pdf」：PDF 含有啟動外部程式的動作（/Launch），沒有儲存。"),
        (
            "公文.pdf",
            hostile.pdf_plus_zip,
            "「公文.pdf」：檔案同時是 PDF 與 ZIP 壓縮檔（多重格式檔），可被當成另一種檔案開啟，沒有儲存。",
        ),
        ("照片.jpg", hostile.jpeg_plus_zip, "「照片.jpg」：檔案同時是 JPEG 與 ZIP 壓縮檔（多重格式檔）"),
        (
            "報告.docx",
            hostile.docx_dense_bomb,
            "「報告.docx」：文件中的項目壓縮比超過 200 倍，可能是壓縮炸彈，沒有儲存。",
        ),
        (
            "報告.docx",
            hostile.docx_many_members,
            "「報告.docx」：文件含超過 10000 個壓縮項目，可能是壓縮炸彈，沒有儲存。",
        ),
    ],
    ids=["html-after-png", "svg-after-png", "html-after-text", "pdf-launch", "pdf-zip", "jpeg-zip", "bomb", "members"],
)
def test_a_file_refused_by_the_whole_file_checks_keeps_the_form_and_stores_nothing(
    app, client, cast, upload_dir, name, build, message
):
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, build(), name, "檢舉人提供")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<[^>]+id="file-error"[^>]*>(.*?)</', page, re.S)
    assert error is not None and message in error.group(1)  # at the file field
    assert 'value="檢舉人提供"' in page  # the description typed is kept
    assert evidence_rows(app) == []
    assert stored_files(upload_dir) == []
    assert audit_entries(app, "evidence_uploaded") == []


def test_a_pdf_with_javascript_is_kept_and_marked_on_the_evidence_list(app, client, cast, upload_dir):
    signed_in(client, "officer")
    response = post_upload(client, cast.incident_id, hostile.pdf_javascript(), "檢舉函.pdf", "附表單")
    assert response.status_code == 302

    [row] = evidence_rows(app)
    assert row["content_type"] == "application/pdf"
    assert row["active_content"] == "javascript,auto_action"
    [entry] = audit_entries(app, "evidence_uploaded")
    assert entry["details"]["active_content"] == ["javascript", "auto_action"]

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    warning = "含主動內容（JavaScript和開啟時自動執行的動作），請勿以瀏覽器直接開啟。"
    assert f"「檢舉函.pdf」：{warning}" in page  # the flashed notice after the upload
    row_html = re.search(r"<tr>\s*<td><a [^>]*>檢舉函\.pdf</a>.*?</tr>", page, re.S).group(0)
    assert f'<p class="badge-warn" id="evidence-{row["id"]}-warning">{warning}</p>' in row_html
    assert f'aria-describedby="evidence-{row["id"]}-warning"' in row_html

    # Seen the same way by the supervisor, and no warning for a clean file.
    post_upload(client, cast.incident_id, samples.pdf(), "簽呈.pdf")
    supervisor_page = (
        signed_in(app.test_client(), "supervisor").get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    )
    assert supervisor_page.count("請勿以瀏覽器直接開啟") == 1


def test_a_pdf_that_could_not_be_checked_whole_says_so(app, client, cast, upload_dir):
    signed_in(client, "officer")
    assert post_upload(client, cast.incident_id, hostile.pdf_unreadable_object_stream(), "加密.pdf").status_code == 302
    assert evidence_rows(app)[0]["active_content"] == "unchecked"
    page = client.get(f"/cases/{cast.incident_id}").get_data(as_text=True)
    assert "部分內容已加密或無法解壓縮，未能確認是否含主動內容（JavaScript 等），請勿以瀏覽器直接開啟。" in page


def test_download_headers_forbid_framing_sniffing_and_display_in_the_page(app, client, cast):
    row = uploaded(app, client, cast, hostile.pdf_javascript(), "檢舉函.pdf")
    response = download(client, cast.incident_id, row["id"])
    assert response.status_code == 200
    policy = [part.strip() for part in response.headers["Content-Security-Policy"].split(";")]
    assert "frame-ancestors 'none'" in policy
    assert "sandbox" in policy
    assert "default-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Server" not in response.headers  # the app names no server (waitress would answer with a Via header)
