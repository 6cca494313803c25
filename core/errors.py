"""Error pages in the user's language; JSON under /api/. None of them shows a traceback.

Only a database that cannot be reached gives the 503 page ("資料庫暫時無法連線"); a statement the
database refuses (an out-of-range number, a constraint) is an error of this request: the 500
page with a reference. Database errors are logged by their shape only (core.database.error_shape):
a parameter or the driver's message may hold a national ID.
"""

from __future__ import annotations

import logging
import traceback
import uuid

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import StatementError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from core.database import error_shape, is_connection_failure
from core.extensions import db, login_manager

log = logging.getLogger(__name__)

API_PREFIX = "/api/"

Answer = tuple[str | Response, int] | tuple[str | Response, int, dict[str, str]]


def is_api_request() -> bool:
    """Whether the request is for the JSON API, whose every answer (errors too) is JSON."""
    return request.path.startswith(API_PREFIX)


def _page(status: int, title: str, message: str, reference: str = "") -> tuple[str, int]:
    return render_template(
        "errors/error.html", status=status, title=title, message=message, reference=reference
    ), status


def _answer(status: int, title: str, message: str, reference: str = "") -> tuple[str | Response, int]:
    """The error page, or for the API ``{"errors": [message], "reference": …}``."""
    if is_api_request():
        body: dict[str, object] = {"errors": [message]}
        if reference:
            body["reference"] = reference
        return jsonify(body), status
    return _page(status, title, message, reference)


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone
        log.exception("rollback failed")


def _new_reference() -> str:
    return uuid.uuid4().hex[:8]


def _unexpected(reference: str) -> tuple[str | Response, int]:
    return _answer(
        500,
        _("系統發生錯誤"),
        _("系統發生未預期的錯誤，您這次的操作沒有儲存。請將參考編號告知系統管理者。"),
        reference,
    )


def _database_error(error: StatementError) -> tuple[str | Response, int]:
    reference = _new_reference()
    _rollback()
    # Render as anonymous: loading the signed-in user would need the database again
    # and turn this page into a bare 500 (Flask-Login keeps the loaded user in g._login_user).
    g._login_user = login_manager.anonymous_user()
    if not is_connection_failure(error):
        # The frames say where; the messages are left out (they may quote the values).
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("database error (ref %s): %s\n%s", reference, error_shape(error), frames)
        return _unexpected(reference)
    log.error("database unavailable (ref %s): %s", reference, error_shape(error))
    return _answer(
        503,
        _("資料庫暫時無法連線"),
        _("系統暫時無法連線資料庫，您這次的操作沒有儲存。請稍後再試；若持續發生，請將參考編號告知系統管理者。"),
        reference,
    )


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str | Response, int]:
        if is_api_request():
            return jsonify({"errors": [_("缺少有效的 CSRF 權杖（請於 X-CSRFToken 標頭送出頁面上的權杖）。")]}), 400
        return _page(
            400,
            _("表單安全驗證失敗"),
            _(
                "這份表單缺少有效的安全驗證碼（可能已逾時或從其他網站送出），因此沒有儲存任何資料。請回上一頁重新整理後再送出。"
            ),
        )

    @app.errorhandler(400)
    def bad_request(error: HTTPException) -> tuple[str | Response, int]:
        return _answer(400, _("無法處理的請求"), _("送出的資料格式不正確，沒有儲存任何資料。"))

    @app.errorhandler(403)
    def forbidden(error: HTTPException) -> tuple[str | Response, int]:
        return _answer(403, _("沒有權限"), _("您的角色不能使用這個頁面。如需此權限，請洽系統管理者。"))

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str | Response, int]:
        return _answer(404, _("找不到頁面"), _("找不到您要的頁面或資料，可能網址有誤，或您沒有查閱權限。"))

    @app.errorhandler(405)
    def method_not_allowed(error: HTTPException) -> Answer:
        body, status = _answer(405, _("不支援的操作"), _("這個網址不接受此種操作。"))
        allowed = error.valid_methods if isinstance(error, MethodNotAllowed) else None
        return (body, status, {"Allow": ", ".join(allowed)}) if allowed else (body, status)

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str | Response, int]:
        return _answer(
            413,
            _("檔案太大"),
            _("上傳的資料超過 %(mb)d MB 的上限，沒有儲存任何資料。", mb=app.config["MAX_UPLOAD_MB"]),
        )

    @app.errorhandler(HTTPException)
    def other_http_error(error: HTTPException) -> HTTPException | tuple[Response, int]:
        """Statuses without a page of their own: Werkzeug's page, or JSON for the API."""
        if is_api_request() and error.code:
            return jsonify({"errors": [f"{error.code} {error.name}"]}), error.code
        return error

    # StatementError is the parent of DBAPIError (and so of OperationalError): every error a
    # statement raised, wrapped by SQLAlchemy, is logged here without its values.
    app.register_error_handler(StatementError, _database_error)

    @app.errorhandler(500)
    def internal_error(error: Exception) -> tuple[str | Response, int]:
        reference = _new_reference()
        original = getattr(error, "original_exception", None) or error
        log.error("unhandled error (ref %s)", reference, exc_info=original)
        _rollback()
        return _unexpected(reference)
