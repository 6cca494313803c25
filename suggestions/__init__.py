"""Suggestions without a case: the facts form, the JSON API and ``flask suggest``.

The engine itself is ``statutes.engine.evaluation`` (pure); this area feeds it the stored
catalogue and shows its answer.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the facts form, the JSON API and ``flask suggest``."""
    from suggestions import cli, routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(routes.api)
    app.cli.add_command(cli.suggest_command)
