"""The statute catalogue in the database: loading, importing official data, and the browser.

The law itself and every rule about it live in ``statutes/`` (pure Python);
this area stores it, keeps it current and shows it.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the statute browser and the ``statutes`` commands."""
    from provisions import cli, models, routes  # noqa: F401 - models: tables on the metadata

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.statutes_cli)
