"""The ``N_`` marker for messages defined in modules that must not import Flask-Babel.

``pybabel extract -k N_`` collects what it marks (scripts/update_translations.sh); the caller
translates the constant where a request is at hand. ``statutes/`` keeps its own marker, since
it imports nothing of the application.
"""

from __future__ import annotations

__all__ = ["N_"]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for the translation catalogue without translating it here."""
    return message
