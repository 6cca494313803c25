"""Accounts: agencies (機關), units, users, roles, sign-in and account administration."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register sign-in, account administration and the ``users`` / ``agencies`` commands."""
    # Imported here so that importing accounts.models (as every area does) stays cheap.
    from accounts import admin_routes, cli, models, routes  # noqa: F401 - models: tables on the metadata

    routes.register(app)
    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.users_cli)
    app.cli.add_command(cli.agencies_cli)
