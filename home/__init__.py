"""The top floor: the signed-in home page, the health check and the demo data (``flask seed-demo``).

It sits above every area (the home page shows roles, the demo data opens cases), so no area imports it.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the home page, the health check and ``flask seed-demo``."""
    from home import cli, views

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.seed_demo_command)
