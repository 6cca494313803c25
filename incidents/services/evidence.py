"""Evidence files: kept outside the web root under random names, checked by content,
and verified against their SHA-256 every time they are read.

A file is written to a temporary file beside its final place, checked, then
moved into place with ``os.replace``; its row and audit entry join the caller's
transaction. The file belongs to that transaction: if it ends without a commit
(rollback, failed commit, closed session) the file is deleted again, so a file
never exists without its row.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, joinedload

from accounts.models import User
from core.extensions import db
from core.services import ServiceError
from incidents import filetypes
from incidents.filenames import attachment_disposition, clean_filename, download_name
from incidents.models import Evidence, Incident
from incidents.services import NotFound
from incidents.services.access import can_view, require_edit
from incidents.services.case_audit import record_case_event

__all__ = [
    "EvidenceFile",
    "EvidenceIntegrityError",
    "list_evidence",
    "open_evidence",
    "store_evidence",
    "stored_path",
    "upload_root",
]

FILE_FIELD = "file"
_STORED_NAME = re.compile(r"[0-9a-f]{32}")
_CHUNK = 1024 * 1024
_UNCOMMITTED = "incidents.evidence.uncommitted_files"


class EvidenceIntegrityError(Exception):
    """The stored file is missing or no longer matches its recorded SHA-256."""

    def __init__(self, evidence: Evidence, problem: str) -> None:
        super().__init__(f"evidence {evidence.id}: {problem}")
        self.evidence = evidence
        self.problem = problem


@dataclass
class EvidenceFile:
    """An opened, verified evidence file: ``handle`` is at its start; the caller closes it."""

    evidence: Evidence
    handle: BinaryIO
    content_disposition: str


def upload_root() -> Path:
    """UPLOAD_DIR as an absolute path (relative to the instance folder), never inside static/."""
    root = Path(current_app.config["UPLOAD_DIR"])
    if not root.is_absolute():
        root = Path(current_app.instance_path) / root
    root = root.resolve()
    if current_app.static_folder:
        static = Path(current_app.static_folder).resolve()
        if root == static or static in root.parents:
            raise RuntimeError(f"UPLOAD_DIR ({root}) must not be inside the static folder ({static})")
    return root


def stored_path(stored_name: str) -> Path:
    """Where the file with this random name lives: UPLOAD_DIR/<first two characters>/<name>."""
    if not _STORED_NAME.fullmatch(stored_name):
        raise ValueError(f"not a stored evidence name: {stored_name!r}")
    return upload_root() / stored_name[:2] / stored_name


def _store_file(stream: BinaryIO, name: str) -> tuple[str, str, int, filetypes.Inspection]:
    """Write the upload under a random name, readable by the server only; its name, SHA-256, size and
    the verdict on its content (incidents.filetypes.inspect: the whole file is read).

    Refused (ServiceError on the ``file`` field, nothing left on disk) when empty, too large or not allowed.
    Removed again if the transaction does not commit.
    """
    limit_mb = int(current_app.config["MAX_UPLOAD_MB"])
    token = secrets.token_hex(16)
    final = stored_path(token)
    _make_private_dirs(final.parent)
    descriptor, temporary = tempfile.mkstemp(dir=final.parent, prefix=".upload-")  # mode 0600
    try:
        with os.fdopen(descriptor, "w+b") as output:
            sha256, size = _copy(stream, output, limit_mb * 1024 * 1024, name, limit_mb)
            if size == 0:
                raise ServiceError({FILE_FIELD: [_("「%(name)s」是空白檔案，沒有內容可保存。", name=name)]})
            found = filetypes.inspect(output, name)
            if not found.allowed:
                raise ServiceError({FILE_FIELD: [_refused_message(name, found)]})
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    db.session.info.setdefault(_UNCOMMITTED, []).append(final)
    return token, sha256, size, found


def store_evidence(
    actor: User,
    incident: Incident,
    stream: BinaryIO,
    filename: str,
    *,
    description: str = "",
    client_address: str = "",
) -> Evidence:
    """Check an uploaded file, store it and add its Evidence row and audit entry.

    :raise NotFound: ``actor`` may not see the case.
    :raise NotPermitted: ``actor`` may see but not change it (e.g. an auditor).
    :raise ServiceError: empty, too large, not an allowed type, or refused by the whole-file checks
        (hidden markup, a polyglot, a ZIP bomb, a PDF that launches programs; message on the ``file`` field).

    A PDF with active content (JavaScript and the like) is stored with ``active_content`` set, which the
    evidence list shows as a warning.
    """
    require_edit(actor, incident)
    name = clean_filename(filename)
    token, sha256, size, found = _store_file(stream, name)
    evidence = Evidence(
        incident_id=incident.id,
        original_name=name,
        stored_name=token,
        sha256=sha256,
        size=size,
        content_type=found.kind.content_type,
        description=description.strip()[:200],
        active_content=",".join(found.active_content),
        uploaded_by_id=actor.id,
    )
    db.session.add(evidence)
    db.session.flush()
    record_case_event(
        actor,
        incident,
        "evidence_uploaded",
        {
            "name": name,
            "size": size,
            "sha256": sha256,
            "type": found.kind.content_type,
            "active_content": list(found.active_content),
        },
        target=("evidence", evidence.id),
        client_address=client_address,
    )
    return evidence


def list_evidence(incident: Incident) -> list[Evidence]:
    """The case's evidence, oldest first, with the uploaders loaded."""
    query = (
        sa.select(Evidence)
        .where(Evidence.incident_id == incident.id)
        .options(joinedload(Evidence.uploaded_by))
        .order_by(Evidence.uploaded_at, Evidence.id)
    )
    return list(db.session.scalars(query))


def open_evidence(actor: User, incident: Incident, evidence_id: int, *, client_address: str = "") -> EvidenceFile:
    """Open one evidence file of the case for ``actor`` after checking its SHA-256,
    and add an ``evidence_downloaded`` audit entry.

    :raise NotFound: ``actor`` may not see the case, or the evidence is not part of it.
    :raise EvidenceIntegrityError: the file is missing or changed; an
        ``evidence_integrity_failed`` audit entry has been added (commit it).
    """
    if not can_view(actor, incident):
        raise NotFound()
    evidence = db.session.scalar(
        sa.select(Evidence).where(Evidence.id == evidence_id, Evidence.incident_id == incident.id)
    )
    if evidence is None:
        raise NotFound()
    try:
        handle = stored_path(evidence.stored_name).open("rb")
    except (OSError, ValueError):
        _integrity_failed(actor, incident, evidence, "missing", client_address)
    try:
        digest = hashlib.sha256()
        size = 0
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        if size != evidence.size or not hmac.compare_digest(digest.hexdigest(), evidence.sha256):
            _integrity_failed(actor, incident, evidence, "sha256 mismatch", client_address, actual=digest.hexdigest())
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    record_case_event(
        actor,
        incident,
        "evidence_downloaded",
        {"name": evidence.original_name},
        target=("evidence", evidence.id),
        client_address=client_address,
    )
    name = download_name(evidence.original_name, filetypes.extensions_for(evidence.content_type))
    return EvidenceFile(evidence, handle, attachment_disposition(name, f"evidence-{evidence.id}"))


def _integrity_failed(
    actor: User, incident: Incident, evidence: Evidence, problem: str, client_address: str, actual: str = ""
) -> NoReturn:
    record_case_event(
        actor,
        incident,
        "evidence_integrity_failed",
        {
            "name": evidence.original_name,
            "problem": problem,
            "expected_sha256": evidence.sha256,
            "actual_sha256": actual,
        },
        target=("evidence", evidence.id),
        client_address=client_address,
    )
    raise EvidenceIntegrityError(evidence, problem)


def _refused_message(name: str, found: filetypes.Inspection) -> str:
    if found.refusal is not None:
        problem = _(found.refusal.label, kind=_(found.kind.label), **found.refusal.values)
        return _("「%(name)s」：%(problem)s，沒有儲存。", name=name, problem=problem)
    return _(
        "「%(name)s」：檔案內容與允許的類型不符（偵測為 %(kind)s）。"
        "可上傳 PDF、圖片、Office 或 ODF 文件、純文字及電子郵件檔。",
        name=name,
        kind=_(found.kind.label),
    )


def _copy(stream: BinaryIO, output: BinaryIO, limit: int, name: str, limit_mb: int) -> tuple[str, int]:
    """Copy ``stream`` into ``output``, returning (SHA-256, size); refuse past ``limit`` bytes."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ServiceError(
                {FILE_FIELD: [_("「%(name)s」超過 %(mb)d MB 的上限，沒有儲存。", name=name, mb=limit_mb)]}
            )
        digest.update(chunk)
        output.write(chunk)
    return digest.hexdigest(), size


def _make_private_dirs(directory: Path) -> None:
    """Create the upload root and the two-character folder, readable by this account only."""
    for folder in (directory.parent, directory):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


# --- files belong to the transaction that recorded them ------------------------------------------------------------


@event.listens_for(Session, "after_commit")
def _keep_committed_files(session: Session) -> None:
    session.info.pop(_UNCOMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted_files(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    for path in session.info.pop(_UNCOMMITTED, []):
        Path(path).unlink(missing_ok=True)
