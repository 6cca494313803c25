"""Comparing two wordings of an article: what kind of difference, and where.

The official database re-lays out and re-punctuates texts without amending them
(see ``statutes/DATA_FORMAT.md``): snapshots before 2021-09 hard-wrap lines at
about 35 characters, and from 2018-04 old texts show full-width punctuation and
臺 instead of 台. This module tells those differences apart from changes of
wording; whether a wording change is an amendment or an editorial correction is
for the caller to decide from the dates.

Pure and deterministic; no third-party imports.
"""

from __future__ import annotations

import difflib
import re

from statutes.catalogue.model import VariantKind

_WHITESPACE = re.compile(r"\s+")  # Unicode-aware: includes line breaks and the full-width space U+3000

# Half-width punctuation the database later wrote full-width, and 台 → 臺.
_COMPARISON_MAP = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "?": "？",
        "!": "！",
        "台": "臺",
    }
)


def strip_whitespace(text: str) -> str:
    """The text without any whitespace (spaces, full-width spaces, tabs, line breaks)."""
    return _WHITESPACE.sub("", text)


def normalize_for_comparison(text: str) -> str:
    """The text reduced to what survives re-layout and re-punctuation.

    Removes all whitespace (including line breaks and full-width spaces), maps
    half-width ``, ; : ( ) ? !`` to their full-width forms and 台 to 臺.
    """
    return strip_whitespace(text).translate(_COMPARISON_MAP)


def classify_change(old: str, new: str) -> VariantKind | None:
    """How ``new`` differs from ``old``.

    - ``None``: identical.
    - ``VariantKind.LAYOUT``: only whitespace or line breaks differ.
    - ``VariantKind.PUNCTUATION``: equal after :func:`normalize_for_comparison`.
    - ``VariantKind.EDITORIAL``: the wording differs. Whether that is an
      amendment or an editorial correction by the database depends on the
      dates, which the caller knows.
    """
    if old == new:
        return None
    if strip_whitespace(old) == strip_whitespace(new):
        return VariantKind.LAYOUT
    if normalize_for_comparison(old) == normalize_for_comparison(new):
        return VariantKind.PUNCTUATION
    return VariantKind.EDITORIAL


def char_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """Character-level differences, for a side-by-side view.

    Returns ``(op, old_segment, new_segment)`` tuples covering both texts in
    order, with ``op`` one of ``equal``, ``insert`` (``old_segment`` empty),
    ``delete`` (``new_segment`` empty) or ``replace``. Line breaks are ordinary
    characters, so a view can keep them. Concatenating the old segments gives
    ``old``; concatenating the new segments gives ``new``.

    >>> char_diff("處三百元", "處九千元")
    [('equal', '處', '處'), ('replace', '三百', '九千'), ('equal', '元', '元')]
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(op, old[i1:i2], new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
