"""Helpers shared by every form."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm

from core.services import ServiceError


def show_service_errors(form: FlaskForm, error: ServiceError) -> None:
    """Put each message of ``error`` next to its field (or above the form)."""
    for name, messages in error.field_errors.items():
        field = form._fields.get(name) if name else None
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]


def safe_redirect_target(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
