"""Security headers applied to every response."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

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
    """The requesting address: the client's, behind TRUSTED_PROXIES reverse proxies (see :func:`trust_proxies`)."""
    return (request.remote_addr or "")[:45]


def trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` reverse proxies, take the client's address, scheme and host
    from the X-Forwarded-For/-Proto/-Host headers those proxies add (Werkzeug's ProxyFix,
    which trusts only the last that many values, the ones our proxies wrote). 0: no proxy,
    the headers are ignored (a client could send anything in them)."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if not isinstance(hops, int) or isinstance(hops, bool) or hops < 0:
        raise RuntimeError(f"TRUSTED_PROXIES 須為 0 以上的整數（前端反向代理伺服器的層數），目前為 {hops!r}。")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


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


def init_app(app: Flask) -> None:
    trust_proxies(app)
    app.after_request(_set_headers)
