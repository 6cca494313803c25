"""Forms for a case's evidence uploads and notes: shape only; the services check the rest."""

from __future__ import annotations

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from core.forms import BaseForm, RocDateField
from incidents.filetypes import ACTIVE_CONTENT_LABELS, UNCHECKED
from incidents.services.notes import MAX_NOTE_LENGTH


class EvidenceUploadForm(BaseForm):
    # The file field's hint names the size limit, so the page sets it (see upload_hint).
    file = FileField(
        _l("檔案"),
        validators=[FileRequired(_l("請選擇要上傳的檔案。"))],
    )
    description = StringField(_l("說明"), validators=[Length(max=200, message=_l("說明請在 200 字以內。"))])


class NoteForm(BaseForm):
    note_date = RocDateField(
        _l("日期"),
        validators=[InputRequired(_l("請輸入日期。"))],
        description=_l("例：115/11/23、民國115年11月23日或 2026-11-23"),
    )
    # The length is checked by the service, after line breaks are normalised
    # (browsers send CRLF, which would count twice here).
    body = TextAreaField(
        _l("內容"),
        validators=[DataRequired(_l("請輸入紀錄內容。"))],
        description=_l("最多 %(max)d 字。", max=MAX_NOTE_LENGTH),
    )


def upload_hint(max_upload_mb: int) -> str:
    """The file field's hint: what may be uploaded and how large it may be."""
    return _(
        "可上傳 PDF、圖片、Office 或 ODF 文件、純文字及電子郵件檔，每個檔案最大 %(mb)d MB；類型依檔案內容判斷。",
        mb=max_upload_mb,
    )


def active_content_warning(active_content: str) -> str:
    """The evidence list's warning for a file stored with active content (``Evidence.active_content``), or ""."""
    codes = [code for code in active_content.split(",") if code]
    labels = [_(ACTIVE_CONTENT_LABELS[code]) for code in codes if code in ACTIVE_CONTENT_LABELS]
    kinds = format_list(labels, locale=get_locale()) if labels else ""
    if labels and UNCHECKED in codes:
        return _("含主動內容（%(kinds)s），另有部分內容無法檢查，請勿以瀏覽器直接開啟。", kinds=kinds)
    if labels:
        return _("含主動內容（%(kinds)s），請勿以瀏覽器直接開啟。", kinds=kinds)
    if UNCHECKED in codes:
        return _("部分內容已加密或無法解壓縮，未能確認是否含主動內容（JavaScript 等），請勿以瀏覽器直接開啟。")
    return ""
