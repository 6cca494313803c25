"""The facts vocabulary (statutes.vocabulary) as the web layer shows it: translated at display time.

Each label is a lazy gettext of the zh-TW msgid, so a page shows the user's language. A choice
list may add a blank first option (a fact not yet known); its label lives here, not in statutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l

from statutes import vocabulary

K = TypeVar("K")


def translated(labels: Mapping[K, str]) -> dict[K, Any]:
    """``labels`` with each zh-TW label translated when shown."""
    return {key: _l(label) for key, label in labels.items()}


CATEGORY = translated(vocabulary.CATEGORY)
RANK_CLASS = {"": _l("（不明）"), **translated(vocabulary.RANK_CLASS)}
CONDUCT = translated(vocabulary.CONDUCT)
INTENT = translated(vocabulary.INTENT)
KIND = translated(vocabulary.KIND)
LEVEL = {"": _l("（非核定機密或不明）"), **translated(vocabulary.LEVEL)}
RECIPIENT = translated(vocabulary.RECIPIENT)
RECORD = {"": _l("（無）"), **translated(vocabulary.RECORD)}
TRISTATE = translated({"": vocabulary.UNKNOWN, "yes": vocabulary.YES, "no": vocabulary.NO})
STATUS = translated(vocabulary.STATUS)
PATH = translated(vocabulary.PATH)
CASE_STATUS = translated(vocabulary.CASE_STATUS)
CASE_SOURCE = translated(vocabulary.CASE_SOURCE)
RECORD_CLASSIFICATION = translated(vocabulary.RECORD_CLASSIFICATION)
