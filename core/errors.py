"""Error pages in the user's language. None of them shows a traceback."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from core.extensions import db, login_manager

log = logging.getLogger(__name__)


def _page(status: int, title: str, message: str, reference: str = "") -> tuple[str, int]:
    return render_template(
        "errors/error.html", status=status, title=title, message=message, reference=reference
    ), status


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone
        log.exception("rollback failed")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str | Response, int]:
        if request.path.startswith("/api/"):
            return jsonify({"errors": [_("缺少有效的 CSRF 權杖（請於 X-CSRFToken 標頭送出頁面上的權杖）。")]}), 400
        return _page(
            400,
            _("表單安全驗證失敗"),
            _(
                "這份表單缺少有效的安全驗證碼（可能已逾時或從其他網站送出），因此沒有儲存任何資料。請回上一頁重新整理後再送出。"
            ),
        )

    @app.errorhandler(403)
    def forbidden(error: HTTPException) -> tuple[str, int]:
        return _page(403, _("沒有權限"), _("您的角色不能使用這個頁面。如需此權限，請洽系統管理者。"))

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str, int]:
        return _page(404, _("找不到頁面"), _("找不到您要的頁面或資料，可能網址有誤，或您沒有查閱權限。"))

    @app.errorhandler(405)
    def method_not_allowed(error: HTTPException) -> tuple[str, int]:
        return _page(405, _("不支援的操作"), _("這個網址不接受此種操作。"))

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str, int]:
        return _page(
            413,
            _("檔案太大"),
            _("上傳的資料超過 %(mb)d MB 的上限，沒有儲存任何資料。", mb=app.config["MAX_UPLOAD_MB"]),
        )

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(error: Exception) -> tuple[str, int]:
        reference = uuid.uuid4().hex[:8]
        log.error("database unavailable (ref %s): %s", reference, error)
        _rollback()
        # Render as anonymous: loading the signed-in user would need the
        # database again and turn this page into a bare 500 (Flask-Login
        # keeps the loaded user in g._login_user).
        g._login_user = login_manager.anonymous_user()
        return _page(
            503,
            _("資料庫暫時無法連線"),
            _("系統暫時無法連線資料庫，您這次的操作沒有儲存。請稍後再試；若持續發生，請將參考編號告知系統管理者。"),
            reference,
        )

    @app.errorhandler(500)
    def internal_error(error: Exception) -> tuple[str, int]:
        reference = uuid.uuid4().hex[:8]
        original = getattr(error, "original_exception", None) or error
        log.error("unhandled error (ref %s)", reference, exc_info=original)
        _rollback()
        return _page(
            500,
            _("系統發生錯誤"),
            _("系統發生未預期的錯誤，您這次的操作沒有儲存。請將參考編號告知系統管理者。"),
            reference,
        )
