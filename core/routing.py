"""URL converters that let through only what the database can look up: a crafted path is a 404.

``<int:…>`` matches only ids within the INTEGER range (Werkzeug's matches any number of digits,
and 99999999999999999999 overflowed SQLite and PostgreSQL: a 500, or a false 503). The text
converters (``<name>``, ``<path:…>``) refuse control characters: PostgreSQL cannot compare a
NUL byte, and no law code or provision id holds one.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map, PathConverter, UnicodeConverter

from core.database import INTEGER_MAX

__all__ = ["DatabaseIdConverter", "TextConverter", "TextPathConverter", "init_app"]


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>``: a non-negative id no larger than the INTEGER columns hold."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", INTEGER_MAX)
        super().__init__(map, *args, **kwargs)


_NOT_IN_A_SEGMENT = r"[^/\x00-\x1f\x7f]"


class TextConverter(UnicodeConverter):
    """``<name>``: one path segment without control characters."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(map, *args, **kwargs)
        # Werkzeug builds "[^/]{min,max}" from the length arguments: keep those, narrow the class.
        self.regex = self.regex.replace("[^/]", _NOT_IN_A_SEGMENT, 1)


class TextPathConverter(PathConverter):
    """``<path:…>``: several segments without control characters."""

    regex = _NOT_IN_A_SEGMENT + r"[^\x00-\x1f\x7f]*?"


def init_app(app: Flask) -> None:
    """Install the converters; call before any blueprint is registered (rules bind their converter then)."""
    app.url_map.converters.update(
        {"int": DatabaseIdConverter, "default": TextConverter, "string": TextConverter, "path": TextPathConverter}
    )
