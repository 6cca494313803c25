"""Alembic environment: the database URL and metadata come from the Flask app
(config.py), so ``flask --app app db upgrade`` migrates whatever DATABASE_URL names."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from core.models import UTCDateTime
from incidents.search.index import include_name, include_object

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def render_item(type_, obj, autogen_context):
    """Write our UTC timestamp type as the plain column type it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def process_revision_directives(context, revision, directives):
    # Never write an empty revision when the models did not change.
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    context.configure(
        url=target_db.engine.url.render_as_string(hide_password=False),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("render_item", render_item)
    # The keyword-search index (SQLite FTS5 table, PostgreSQL trigram indexes) is made by
    # a hand-written revision and is not in the models; without these hooks autogenerate
    # would propose dropping it. tests/migrations/test_schema_matches_models.py uses the same hooks.
    conf_args.setdefault("include_name", include_name)
    conf_args.setdefault("include_object", include_object)
    with target_db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
