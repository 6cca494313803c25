"""Audit trail: who did what, when and from where. Append-only."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the audit log pages."""
    from audit import models, routes  # noqa: F401 - models: tables on the metadata

    app.register_blueprint(routes.bp)
