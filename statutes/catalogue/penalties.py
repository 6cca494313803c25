"""Structured penalties read from the official text of one article version.

Pure and deterministic (no Flask, no SQLAlchemy). :func:`parse_penalties` returns one
:class:`~statutes.catalogue.model.Penalty` per punishment a paragraph (項) provides:

* 「處…」 clauses: death, life imprisonment, a fixed-term range, 拘役 and the criminal fine (罰金)
  with how it combines with imprisonment (:class:`~statutes.catalogue.model.FineMode`);
* aggravations (「加重其刑至二分之一」), penalties by reference (「依前項規定處斷」, 「處前項之刑」,
  a paragraph that only says 「…者，亦同」 after a punishing paragraph) and fines imposed on a legal
  person (「對該法人…亦科該條之罰金」);

and applies to those the paragraphs that modify others: attempts (「前二項之未遂犯罰之」) and
gain-based fines (「得於所得利益之三倍範圍內酌量加重」). Paragraphs about complaints (告訴乃論),
confiscation, self-report and the like produce nothing, and so do administrative fines (罰鍰):
only criminal penalties are recorded.

Paragraphs are numbered as the law cites them (:mod:`statutes.catalogue.paragraphs`); what one paragraph
states is read by :mod:`statutes.catalogue.penalty_clauses`.

A paragraph that announces a punishment in a form this module does not know raises
:class:`PenaltyParseError`; no other exception escapes :func:`parse_penalties` for any text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from statutes.catalogue.model import FineMode, Penalty
from statutes.catalogue.paragraphs import Paragraph, legal_paragraphs
from statutes.catalogue.penalty_clauses import (
    MAX_FIXED_TERM_MONTHS,
    NUMBER,
    OPEN_ENDED_TERM_NOTE,
    UNBOUNDED_TERM_NOTE,
    PenaltyParseError,
    fail,
    paragraph_penalties,
    read_number,
)

__all__ = [
    "MAX_FIXED_TERM_MONTHS",
    "OPEN_ENDED_TERM_NOTE",
    "UNBOUNDED_TERM_NOTE",
    "PenaltyParseError",
    "parse_penalties",
]

_SAME_AS_ABOVE = re.compile(r"亦同。?$")

_PARAGRAPH_REF = rf"(?:前(?:{NUMBER})?項|第{NUMBER}項(?:[、及或至]第{NUMBER}項)*)"
_ATTEMPT = re.compile(rf"(?P<ref>{_PARAGRAPH_REF})(?P<items>第{NUMBER}款(?:[、及或至]第{NUMBER}款)*)?之未遂犯，?罰之")
_ATTEMPT_ANY = re.compile(r"未遂犯，?罰之")
_GAIN = re.compile(rf"(?:得於)?所得(?:之)?利益之(?:(?:(?P<low>{NUMBER})倍至)?(?P<high>{NUMBER})倍)?範圍內酌量加重")
_GAIN_ANY = re.compile(r"所得.*酌量加重")
_NUMBERED = re.compile(rf"第(?P<number>{NUMBER})項")


# ---------------------------------------------------------------------------------------------
# Paragraphs that modify others


def _referenced_paragraphs(ref: str, current: int, paragraph: str) -> list[int]:
    """「前項」「前二項」「第一項、第三項及第四項」「第一項至第三項」 → paragraph numbers."""
    if ref.startswith("前"):
        count = read_number(ref[1:-1], paragraph) if len(ref) > 2 else 1
        numbers = list(range(current - count, current))
    else:
        numbers = []
        matches = list(_NUMBERED.finditer(ref))
        for index, match in enumerate(matches):
            number = read_number(match["number"], paragraph)
            joined_by_range = index > 0 and ref[matches[index - 1].end() : match.start()] == "至"
            if joined_by_range:
                numbers.extend(range(numbers[-1] + 1, number + 1))
            else:
                numbers.append(number)
    if not numbers or min(numbers) < 1 or max(numbers) >= current:
        raise fail(f"reference {ref!r} is not to an earlier paragraph", paragraph)
    return numbers


def _append_note(penalty: Penalty, note: str) -> Penalty:
    return replace(penalty, note=f"{penalty.note}；{note}" if penalty.note else note)


def parse_penalties(text: str, *, fine_multiplier: int = 1, hard_wrapped: bool = False) -> tuple[Penalty, ...]:
    """The penalties one article version provides, in paragraph order.

    ``text`` is the official text (paragraphs separated by "\\n"; pass ``hard_wrapped=True`` for
    texts of snapshots before 2021-09, see :func:`split_paragraphs`). Written fine amounts are
    multiplied by ``fine_multiplier`` into ``fine_min``/``fine_max``; ``fine_max_as_written``
    keeps the text's figure. Choosing the factor is the caller's business (刑法施行法第1條之1:
    30 for amounts of 刑法 articles not amended since before 1983-06-26, 3 for articles added or
    amended from then to 2005-01-07, until the amendments of 2019 wrote the converted figures in).

    A paragraph may yield several penalties: one per clause (「…處…。戰時犯之者，處…」), each
    labelled 前段/中段/後段 in ``note``. A paragraph that only declares attempts punishable yields
    none but sets ``attempt_punishable`` on the paragraphs it names; a gain-based fine clause
    sets ``fine_gain_multiple`` on every penalty of the article that has a fine.

    Raises :class:`PenaltyParseError` (a ``ValueError``) quoting the paragraph when a punishment
    is stated in an unknown form or refers to a paragraph that provides none.
    """
    if fine_multiplier < 1:
        raise ValueError(f"fine_multiplier must be a positive integer, not {fine_multiplier!r}")
    penalties: list[Penalty] = []
    attempts: list[tuple[Paragraph, re.Match[str]]] = []
    gains: list[tuple[Paragraph, re.Match[str]]] = []
    for paragraph in legal_paragraphs(text, hard_wrapped=hard_wrapped):
        found = paragraph_penalties(paragraph.text, paragraph.number, None, fine_multiplier)
        for number, subparagraph in paragraph.subparagraphs:
            found.extend(paragraph_penalties(subparagraph, paragraph.number, number, fine_multiplier))
        attempt_matches = _attempts(paragraph)
        attempts.extend((paragraph, match) for match in attempt_matches)
        gain_match = _gain(paragraph)
        if gain_match:
            gains.append((paragraph, gain_match))
        if (
            not found
            and not attempt_matches
            and _SAME_AS_ABOVE.search(paragraph.text)
            and _punishes(penalties, paragraph.number - 1)
        ):
            found = [Penalty(paragraph=paragraph.number, note=paragraph.text.removesuffix("。"))]
        penalties.extend(found)
    for paragraph, match in attempts:
        _apply_attempt(penalties, paragraph, match)
    for paragraph, match in gains:
        _apply_gain(penalties, paragraph, match)
    return tuple(penalties)


def _attempts(paragraph: Paragraph) -> list[re.Match[str]]:
    """The 「前二項之未遂犯罰之」 clauses of a paragraph; every 未遂犯罰之 must name paragraphs of this article."""
    matches = list(_ATTEMPT.finditer(paragraph.text))
    if len(matches) != len(_ATTEMPT_ANY.findall(paragraph.text)):
        raise fail("attempt clause without a paragraph of this article", paragraph.text)
    return matches


def _gain(paragraph: Paragraph) -> re.Match[str] | None:
    """The gain-based fine clause of a paragraph (「得於所得利益之範圍內酌量加重」), if any."""
    match = _GAIN.search(paragraph.text)
    if match is None and _GAIN_ANY.search(paragraph.text):
        raise fail("unknown gain-based fine", paragraph.text)
    return match


def _apply_attempt(penalties: list[Penalty], paragraph: Paragraph, match: re.Match[str]) -> None:
    """Mark the penalties of the paragraphs an attempt clause names as ``attempt_punishable``."""
    targets = _referenced_paragraphs(match["ref"], paragraph.number, paragraph.text)
    for target in targets:
        if not _punishes(penalties, target):
            raise fail(f"attempt of paragraph {target}, which provides no penalty", paragraph.text)
    for index, penalty in enumerate(penalties):
        if penalty.paragraph in targets and penalty.aggravation is None:
            penalty = replace(penalty, attempt_punishable=True)
            if match["items"]:
                penalty = _append_note(penalty, f"未遂犯罰之：限{match['items']}")
            penalties[index] = penalty


def _apply_gain(penalties: list[Penalty], paragraph: Paragraph, match: re.Match[str]) -> None:
    """Set ``fine_gain_multiple`` on every penalty of the article that has a fine."""
    multiple = read_number(match["high"], paragraph.text) if match["high"] else 1
    fined = [index for index, penalty in enumerate(penalties) if penalty.fine_mode is not FineMode.NONE]
    for index in fined:  # none: a general rule (刑法第58條) for fines of other articles
        note = f"第{paragraph.number}項：{match.group()}"
        penalties[index] = _append_note(replace(penalties[index], fine_gain_multiple=multiple), note)


def _punishes(penalties: list[Penalty], paragraph: int) -> bool:
    """Whether the paragraph provides a punishment of its own (not only an aggravation)."""
    return any(penalty.paragraph == paragraph and penalty.aggravation is None for penalty in penalties)
