"""The paragraphs (項) of an official article text, with their subparagraphs (款) and items (目).

Paragraphs are numbered as the law cites them: subparagraph lines (款, 「一、」) and items (目,
「（一）」) belong to the paragraph above them and do not count. Pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from statutes.catalogue.chinese_numbers import parse_chinese_number

__all__ = ["Paragraph", "legal_paragraphs", "split_paragraphs"]


# Lines the database breaks only because of width: snapshots before 2021-09 wrap at 64 columns.
_PARAGRAPH_ENDINGS = ("。", "：", "︰")
_SUBPARAGRAPH = re.compile(r"^(?P<number>[一二三四五六七八九十]+)、")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")


def split_paragraphs(text: str, hard_wrapped: bool = False) -> list[str]:
    """The lines of an official text, one per paragraph, subparagraph or item.

    With ``hard_wrapped=False`` the lines are taken as given (blank lines dropped). Older
    snapshots of the database (before 2021-09) hard-wrap every line at 64 columns; with
    ``hard_wrapped=True`` a line continues the previous one unless the previous line ends with
    「。」 or 「：」. A line indented with spaces (the continuation of a subparagraph) or opening
    with 「但」 (a proviso, which never starts a paragraph) always continues the previous line;
    leading and trailing spaces are removed.

    One ambiguity remains: when a paragraph has a full stop exactly at the wrap column and its
    next sentence does not open with 「但」, the two sentences come out as two lines.
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        continues = bool(lines) and (
            raw[:1].isspace() or line.startswith("但") or not lines[-1].endswith(_PARAGRAPH_ENDINGS)
        )
        if hard_wrapped and continues:
            lines[-1] += line
        else:
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (項) with its subparagraphs (款; items 目 are kept with their 款)."""

    number: int
    text: str
    subparagraphs: tuple[tuple[int, str], ...] = ()


def legal_paragraphs(text: str, *, hard_wrapped: bool = False) -> list[Paragraph]:
    """Group the lines of :func:`split_paragraphs` into numbered paragraphs (項).

    Cached: the engine asks for the same few hundred texts over and over.
    """
    return list(_legal_paragraphs(text, hard_wrapped))


@lru_cache(maxsize=4096)
def _legal_paragraphs(text: str, hard_wrapped: bool) -> tuple[Paragraph, ...]:
    """Uncached :func:`legal_paragraphs` (returns an immutable tuple for the cache).

    A line opening with 「一、」… is a subparagraph (款) of the paragraph above it, a line opening
    with 「（一）」… an item (目) of the subparagraph above it; neither counts as a paragraph.
    """
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for line in split_paragraphs(text, hard_wrapped):
        subparagraph = _subparagraph_number(line)
        if groups and subparagraph is not None:
            groups[-1][1].append((subparagraph, line))
        elif groups and groups[-1][1] and _ITEM.match(line):
            number, previous = groups[-1][1][-1]
            groups[-1][1][-1] = (number, previous + "\n" + line)
        else:
            groups.append((line, []))
    return tuple(
        Paragraph(number=index, text=line, subparagraphs=tuple(subs))
        for index, (line, subs) in enumerate(groups, start=1)
    )


def _subparagraph_number(line: str) -> int | None:
    """7 for a line opening with 「七、」; None for any other line."""
    match = _SUBPARAGRAPH.match(line)
    if not match:
        return None
    try:
        return parse_chinese_number(match["number"])
    except ValueError:  # 「十十、」 is no numbering
        return None
