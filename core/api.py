"""Reading a JSON API request's body with a bound on its nesting.

Python's JSON parser recurses once per level: a body of 100,000 ``[`` raised RecursionError (a 500),
and a few hundred levels pass the parser only to recurse again in the schema validator. No document
this application reads is nested deeper than a handful of levels.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext

from core.i18n_markers import N_

__all__ = ["MAX_JSON_DEPTH", "JsonTooDeepError", "json_body", "json_depth"]

MAX_JSON_DEPTH = 20
TOO_DEEP = N_("JSON 文件的巢狀層數超過 %(max)d 層，系統不予處理。")


class JsonTooDeepError(ValueError):
    """The body nests arrays or objects deeper than MAX_JSON_DEPTH; ``str()`` is the zh-TW message."""


def json_depth(value: Any) -> int:
    """How deeply ``value`` nests arrays and objects (a scalar is 0, ``[]`` is 1), without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in children)
    return deepest


def json_body(max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The request's JSON document; None when the body is not JSON (or not valid JSON).

    Raises JsonTooDeepError when it nests deeper than ``max_depth``.
    """
    too_deep = JsonTooDeepError(gettext(TOO_DEEP, max=max_depth))
    try:
        document = request.get_json(silent=True)
    except RecursionError:
        raise too_deep from None
    if json_depth(document) > max_depth:
        raise too_deep
    return document
