"""Application factory. ``flask --app app …`` uses the module-level ``app``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from config import Config, config_from_environment


def create_app(
    config: type[Config] | Config | Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Flask:
    """Build the application.

    ``config`` is a configuration class or instance from config.py, or a
    mapping of settings applied on top of the class named by BAOMI_ENV;
    ``overrides`` are applied last (the tests set the database URL this way).
    """
    app = Flask(__name__, instance_path=str(Config.INSTANCE_DIR))
    if config is None or isinstance(config, Mapping):
        app.config.from_object(config_from_environment()())
        app.config.update(config or {})
    else:
        app.config.from_object(config() if isinstance(config, type) else config)
    app.config.update(overrides or {})

    # Imported here, not at module level, so importing app.py stays cheap and
    # nothing imports the app object (flaskr's pattern).
    from core import database, errors, i18n, private_files, routing, security, templating
    from core.extensions import csrf, db, login_manager, migrate

    private_files.init_app(app)  # umask 077; refuses to start when the database or key is open to others
    routing.init_app(app)  # before any blueprint: its rules bind their converters when registered
    db.init_app(app)
    database.configure_sqlite(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    i18n.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)

    import accounts
    import audit
    import home
    import incidents
    import provisions
    import suggestions

    # The areas, ground floor first; each registers its blueprints and commands and
    # imports its models, so the metadata (Alembic, the tests) is complete once they are listed.
    # statutes/, facts/ and reports/ register nothing.
    for area in (accounts, audit, incidents, provisions, suggestions, home):
        area.init_app(app)
    return app


_default_app: Flask | None = None


def __getattr__(name: str) -> Flask:
    """Module-level ``app``, built on first access so that importing
    ``create_app`` (as the tests do) has no side effects."""
    global _default_app
    if name != "app":
        raise AttributeError(name)
    if _default_app is None:
        _default_app = create_app()
    return _default_app
