"""Response headers and session rules applied to every request."""

from __future__ import annotations

import time

from flask import Flask, Response, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from core.extensions import db

# Only our own origin, and no inline script or style at all.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def client_address() -> str:
    """The requesting address as seen by this server (set up ProxyFix behind a proxy)."""
    return (request.remote_addr or "")[:45]


def _set_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
    if request.endpoint != "static":
        # Pages show secret material: no browser or proxy may keep a copy.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _enforce_idle_timeout() -> BaseResponse | None:
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    from flask import current_app

    from accounts.services import sign_out

    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    now = time.time()
    seen_at = session.get("seen_at")
    if isinstance(seen_at, int | float) and now - seen_at > idle_limit:
        sign_out(current_user._get_current_object(), client_address=client_address(), expired=True)
        db.session.commit()
        logout_user()
        session.clear()
        flash(
            _("您已閒置超過 %(minutes)d 分鐘，為保護資料已自動登出，請重新登入。", minutes=idle_limit // 60),
            "warning",
        )
        return redirect(url_for("accounts.login", next=request.full_path if request.method == "GET" else None))
    session["seen_at"] = int(now)
    return None


def init_app(app: Flask) -> None:
    app.before_request(_enforce_idle_timeout)
    app.after_request(_set_headers)
