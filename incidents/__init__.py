"""Incidents (洩密案件): intake, respondents, evidence, search and access."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the case pages and the ``cases`` commands."""
    from incidents import cli, models, routes  # noqa: F401 - models: tables on the metadata

    routes.register(app)
    app.cli.add_command(cli.cases_cli)
