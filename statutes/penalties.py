"""Structured penalties read from the official text of one article version.

Pure and deterministic (no Flask, no SQLAlchemy). :func:`parse_penalties` returns one
:class:`~statutes.model.Penalty` per punishment a paragraph (項) provides:

* 「處…」 clauses: death, life imprisonment, a fixed-term range, 拘役 and the criminal fine (罰金)
  with how it combines with imprisonment (:class:`~statutes.model.FineMode`);
* aggravations (「加重其刑至二分之一」), penalties by reference (「依前項規定處斷」, 「處前項之刑」,
  a paragraph that only says 「…者，亦同」 after a punishing paragraph) and fines imposed on a legal
  person (「對該法人…亦科該條之罰金」);

and applies to those the paragraphs that modify others: attempts (「前二項之未遂犯罰之」) and
gain-based fines (「得於所得利益之三倍範圍內酌量加重」). Paragraphs about complaints (告訴乃論),
confiscation, self-report and the like produce nothing, and so do administrative fines (罰鍰):
only criminal penalties are recorded.

Paragraphs are numbered as the law cites them: subparagraph lines (款, 「一、」) and items (目,
「（一）」) belong to the paragraph above them and do not count.

A paragraph that announces a punishment in a form this module does not know raises
:class:`PenaltyParseError`; no other exception escapes :func:`parse_penalties` for any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from statutes.chinese_numbers import NUMERAL_CLASS, parse_chinese_number, parse_duration_months, parse_fraction
from statutes.model import FineMode, Penalty

__all__ = [
    "MAX_FIXED_TERM_MONTHS",
    "OPEN_ENDED_TERM_NOTE",
    "UNBOUNDED_TERM_NOTE",
    "Paragraph",
    "PenaltyParseError",
    "legal_paragraphs",
    "parse_penalties",
    "split_paragraphs",
]

# 刑法第33條第3款: 有期徒刑 is two months to fifteen years.
MAX_FIXED_TERM_MONTHS = 180
OPEN_ENDED_TERM_NOTE = "有期徒刑最重十五年（刑法第33條第3款）"
UNBOUNDED_TERM_NOTE = "有期徒刑二月以上十五年以下（刑法第33條第3款）"


class PenaltyParseError(ValueError):
    """A paragraph states a punishment in a form the parser does not understand."""


# ---------------------------------------------------------------------------------------------
# Paragraphs


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


# ---------------------------------------------------------------------------------------------
# Clause grammar

_N = rf"[{NUMERAL_CLASS}]+"
_DURATION = rf"{_N}(?:年(?:{_N}個?月)?|個?月)"
# 處 that imposes a punishment (not 處分, 處理, 處所, 處罰其行為人, 判處, 裁處, 懲處, 調處…).
_TRIGGER = re.compile(
    rf"(?<![判裁懲調])處以?(?=死刑|無期徒刑|有期徒刑|拘役|罰金|罰鍰|科|新[臺台]幣|{_N}(?:年|個?月|元|萬|千|百))"
)
_ADMINISTRATIVE_FINE = re.compile(r"[^，。；：]*罰鍰")
_IMPRISONMENT = re.compile(rf"(?:(?P<min>{_DURATION})以上)?(?:(?P<max>{_DURATION})以下)?有期徒刑")
_AMOUNT = rf"(?:新[臺台]幣)?(?:(?P<fine_min>{_N})元以上)?(?:(?P<fine_max>{_N})元以下)?"
_FINE = re.compile(rf"(?P<how>科或併科|科)?{_AMOUNT}之?罰金")
_FINE_MEASURED = re.compile(r"(?P<how>科或併科|科)?(?P<measure>[^，。；：、或]+?以下)之?罰金")
_ADDED_FINE = re.compile(rf"，(?P<each>各)?(?P<may>得)?併科{_AMOUNT}之?罰金")
_ADDED_FINE_MEASURED = re.compile(r"，(?P<each>各)?(?P<may>得)?併科(?P<measure>[^，。；：、或]+?以下)之?罰金")
_PENALTY_WORDS = re.compile(r"死刑|無期徒刑|有期徒刑|拘役|罰金")
_CLAUSE_END = re.compile(r"[。；]")

_AGGRAVATION = re.compile(rf"(?P<may>得)?(?:依[^，。；]*?規定)?加重其刑(?P<up_to>至)?(?P<fraction>{_N}分之{_N})")
_REFERENCE_ADJUDGED = re.compile(r"(?:亦)?依(?P<ref>[^，。；]+?)處斷之?")
_REFERENCE_PENALTY = re.compile(r"處(?P<ref>(?:前|第)[^，。；]*?)之刑")
_REFERENCE_CONVICTED = re.compile(r"(?:以|依)(?P<ref>[^，。；]+?罪)論處")
_CORPORATE_FINE = re.compile(r"亦科(?:以)?(?P<ref>[^，。；]*?)之?罰金")
_SAME_AS_ABOVE = re.compile(r"亦同。?$")

_PARAGRAPH_REF = rf"(?:前(?:{_N})?項|第{_N}項(?:[、及或至]第{_N}項)*)"
_ATTEMPT = re.compile(rf"(?P<ref>{_PARAGRAPH_REF})(?P<items>第{_N}款(?:[、及或至]第{_N}款)*)?之未遂犯，?罰之")
_ATTEMPT_ANY = re.compile(r"未遂犯，?罰之")
_GAIN = re.compile(rf"(?:得於)?所得(?:之)?利益之(?:(?:(?P<low>{_N})倍至)?(?P<high>{_N})倍)?範圍內酌量加重")
_GAIN_ANY = re.compile(r"所得.*酌量加重")
_NUMBERED = re.compile(rf"第(?P<number>{_N})項")

_AGGRAVATION_NAMES = {2: "half", 3: "one_third", 4: "one_quarter"}


# ---------------------------------------------------------------------------------------------
# Findings inside one paragraph or subparagraph


@dataclass
class _Finding:
    """A punishment found in the text, with its position (to order and label clauses)."""

    start: int
    kind: str  # "sanction", "aggravation", "reference" or "corporate_fine"
    fields: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    condition: str = ""
    sentence: int = 0
    # 「…，各得併科…罰金」: the fine (fields, notes) applies to every clause of the sentence
    each_fine: tuple[dict[str, Any], list[str]] | None = None


def _fail(message: str, text: str) -> PenaltyParseError:
    return PenaltyParseError(f"{message}: {text}")


def _number(text: str, paragraph: str) -> int:
    try:
        return parse_chinese_number(text)
    except ValueError as error:
        raise _fail(f"unreadable number {text!r}", paragraph) from error


def _months(text: str | None, paragraph: str) -> int | None:
    if text is None:
        return None
    try:
        return parse_duration_months(text)
    except ValueError as error:
        raise _fail(f"unreadable term {text!r}", paragraph) from error


def _fine_fields(match: re.Match[str], multiplier: int, paragraph: str) -> tuple[dict[str, Any], list[str]]:
    """Amounts of a fine match (``fine_min``/``fine_max`` groups, or a ``measure`` group)."""
    groups = match.groupdict()
    if groups.get("measure"):
        return {}, [f"罰金：{groups['measure']}"]
    written_min = _number(groups["fine_min"], paragraph) if groups.get("fine_min") else None
    written_max = _number(groups["fine_max"], paragraph) if groups.get("fine_max") else None
    if written_min is None and written_max is None:
        return {}, []
    fields: dict[str, Any] = {"fine_multiplier": multiplier}
    if written_min is not None:
        fields["fine_min"] = written_min * multiplier
    if written_max is not None:
        fields["fine_max"] = written_max * multiplier
        fields["fine_max_as_written"] = written_max
    return fields, []


_CONTINUING_CHUNK = ("或", "及", "並", "而", "且")


def _condition(text: str, start: int) -> str:
    """The 「…者」 phrase just before a clause (to tell apart several clauses of one paragraph).

    The last comma-separated chunk, extended backwards while it opens with a conjunction
    (「…建築物，或留滯其內者」).
    """
    boundary = max(text.rfind("。", 0, start), text.rfind("；", 0, start)) + 1
    chunks = [chunk for chunk in text[boundary:start].split("，") if chunk]
    taken = chunks[-1:]
    while taken and taken[0].startswith(_CONTINUING_CHUNK) and len(taken) < len(chunks):
        taken.insert(0, chunks[-len(taken) - 1])
    return "，".join(taken)


def _sentence_index(text: str, start: int) -> int:
    return text.count("。", 0, start)


def _sanction(text: str, start: int, multiplier: int) -> _Finding | None:
    """Parse the 「處…」 clause whose 處 is at ``start``; None for an administrative fine."""
    position = start + 1
    if text.startswith("以", position):
        position += 1
    if _ADMINISTRATIVE_FINE.match(text, position) and not _FINE.match(text, position):
        return None
    finding = _Finding(
        start=start, kind="sanction", condition=_condition(text, start), sentence=_sentence_index(text, start)
    )
    fields = finding.fields
    fine_how: str | None = None
    terms = 0
    while True:
        if text.startswith("死刑", position):
            fields["death"] = True
            position += 2
        elif text.startswith("無期徒刑", position):
            fields["life_imprisonment"] = True
            position += 4
        elif text.startswith("拘役", position):
            fields["short_term_detention"] = True
            position += 2
        elif (match := _IMPRISONMENT.match(text, position)) and "imprisonment_max_months" not in fields:
            minimum = _months(match["min"], text)
            maximum = _months(match["max"], text)
            if maximum is None:
                maximum = MAX_FIXED_TERM_MONTHS
                finding.notes.append(OPEN_ENDED_TERM_NOTE if minimum is not None else UNBOUNDED_TERM_NOTE)
            if minimum is not None and minimum > maximum:
                raise _fail("imprisonment minimum above maximum", text)
            fields["imprisonment_min_months"] = minimum
            fields["imprisonment_max_months"] = maximum
            position = match.end()
        elif fine_how is None and (match := _FINE.match(text, position) or _FINE_MEASURED.match(text, position)):
            fine_how = match["how"] or ""
            amounts, notes = _fine_fields(match, multiplier, text)
            fields.update(amounts)
            finding.notes.extend(notes)
            position = match.end()
        else:
            raise _fail("unknown punishment", text)
        terms += 1
        if text.startswith(("、", "或"), position):
            position += 1
            continue
        break

    added = _ADDED_FINE.match(text, position) or _ADDED_FINE_MEASURED.match(text, position)
    if fine_how is not None:
        if added:
            raise _fail("two fines in one clause", text)
        if fine_how == "科或併科":
            fields["fine_mode"] = FineMode.INSTEAD_OR_ADD
        else:
            fields["fine_mode"] = FineMode.ALTERNATIVE if terms > 1 else FineMode.ONLY
    elif added:
        amounts, notes = _fine_fields(added, multiplier, text)
        fine = {"fine_mode": FineMode.MAY_ADD if added["may"] else FineMode.MUST_ADD, **amounts}
        fields.update(fine)
        finding.notes.extend(notes)
        if added["each"]:
            finding.each_fine = (fine, notes)
        position = added.end()

    end = _CLAUSE_END.search(text, position)
    rest = text[position : end.start() if end else len(text)]
    if _PENALTY_WORDS.search(rest):
        raise _fail("unknown punishment", text)
    return finding


def _aggravation_name(fraction_text: str, up_to: bool, paragraph: str) -> str:
    try:
        fraction = parse_fraction(fraction_text)
    except ValueError as error:
        raise _fail(f"unreadable fraction {fraction_text!r}", paragraph) from error
    if fraction.numerator == 1 and fraction.denominator in _AGGRAVATION_NAMES:
        name = _AGGRAVATION_NAMES[fraction.denominator]
    else:
        name = f"{fraction.numerator}/{fraction.denominator}"
    return f"up_to_{name}" if up_to else name


def _sentence_around(text: str, start: int) -> str:
    """The sentence containing ``start``, with a following proviso (但…) if any."""
    begin = text.rfind("。", 0, start) + 1
    end = text.find("。", start)
    end = len(text) if end < 0 else end + 1
    while text.startswith("但", end):
        following = text.find("。", end)
        end = len(text) if following < 0 else following + 1
    return text[begin:end]


def _is_reference(ref: str) -> bool:
    """「依前項規定處斷」 names a paragraph or article; 「依本條例處斷」 only the law (jurisdiction)."""
    return ("項" in ref or "條" in ref) and not ref.startswith("本")


def _findings(text: str, multiplier: int) -> list[_Finding]:
    """Every punishment in one paragraph or subparagraph text, in order."""
    findings: list[_Finding] = []
    covered: list[tuple[int, int]] = []
    for match in _TRIGGER.finditer(text):
        if text[: match.start()].endswith("確定"):  # 「經裁判確定處死刑」 reports a sentence
            continue
        finding = _sanction(text, match.start(), multiplier)
        if finding is not None:
            findings.append(finding)
    for match in _AGGRAVATION.finditer(text):
        name = _aggravation_name(match["fraction"], bool(match["up_to"]), text)
        notes = [_sentence_around(text, match.start()).removesuffix("。")]
        findings.append(_Finding(start=match.start(), kind="aggravation", fields={"aggravation": name}, notes=notes))
    for pattern in (_REFERENCE_ADJUDGED, _REFERENCE_PENALTY, _REFERENCE_CONVICTED):
        for match in pattern.finditer(text):
            if _is_reference(match["ref"]) and not any(a <= match.start() < b for a, b in covered):
                covered.append(match.span())
                findings.append(_Finding(start=match.start(), kind="reference", notes=[match.group()]))
    for match in _CORPORATE_FINE.finditer(text):
        amount = _FINE.fullmatch(match["ref"] + "罰金") if match["ref"] else None
        fields: dict[str, Any] = {"fine_mode": FineMode.ONLY}
        notes = []
        if amount and (amount["fine_min"] or amount["fine_max"]):
            amounts, notes = _fine_fields(amount, multiplier, text)
            fields.update(amounts)
        else:
            chunk_start = text.rfind("，", 0, match.start()) + 1
            notes = [text[chunk_start : match.end()]]
        findings.append(_Finding(start=match.start(), kind="corporate_fine", fields=fields, notes=notes))
    findings.sort(key=lambda finding: finding.start)

    for finding in findings:
        if finding.each_fine is not None:
            fine, notes = finding.each_fine
            for other in findings:
                if other.kind == "sanction" and other.sentence == finding.sentence and "fine_mode" not in other.fields:
                    other.fields.update(fine)
                    other.notes.extend(notes)
    return findings


def _segment_labels(count: int) -> list[str]:
    if count == 1:
        return [""]
    if count == 2:
        return ["前段", "後段"]
    if count == 3:
        return ["前段", "中段", "後段"]
    return [f"第{index}段" for index in range(1, count + 1)]


def _penalties_of(text: str, paragraph: int, subparagraph: int | None, multiplier: int) -> list[Penalty]:
    findings = _findings(text, multiplier)
    penalties = []
    for label, finding in zip(_segment_labels(len(findings)), findings, strict=True):
        notes = list(finding.notes)
        if label and finding.kind == "sanction" and finding.condition:
            notes.insert(0, f"{label}：{finding.condition}")
        elif label and notes:
            notes[0] = f"{label}：{notes[0]}"
        elif label:
            notes.insert(0, label)
        penalties.append(
            Penalty(paragraph=paragraph, subparagraph=subparagraph, note="；".join(notes), **finding.fields)
        )
    return penalties


# ---------------------------------------------------------------------------------------------
# Paragraphs that modify others


def _referenced_paragraphs(ref: str, current: int, paragraph: str) -> list[int]:
    """「前項」「前二項」「第一項、第三項及第四項」「第一項至第三項」 → paragraph numbers."""
    if ref.startswith("前"):
        count = _number(ref[1:-1], paragraph) if len(ref) > 2 else 1
        numbers = list(range(current - count, current))
    else:
        numbers = []
        matches = list(_NUMBERED.finditer(ref))
        for index, match in enumerate(matches):
            number = _number(match["number"], paragraph)
            joined_by_range = index > 0 and ref[matches[index - 1].end() : match.start()] == "至"
            if joined_by_range:
                numbers.extend(range(numbers[-1] + 1, number + 1))
            else:
                numbers.append(number)
    if not numbers or min(numbers) < 1 or max(numbers) >= current:
        raise _fail(f"reference {ref!r} is not to an earlier paragraph", paragraph)
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
        found = _penalties_of(paragraph.text, paragraph.number, None, fine_multiplier)
        for number, subparagraph in paragraph.subparagraphs:
            found.extend(_penalties_of(subparagraph, paragraph.number, number, fine_multiplier))
        attempt_matches = list(_ATTEMPT.finditer(paragraph.text))
        if len(attempt_matches) != len(_ATTEMPT_ANY.findall(paragraph.text)):
            raise _fail("attempt clause without a paragraph of this article", paragraph.text)
        attempts.extend((paragraph, match) for match in attempt_matches)
        gain_match = _GAIN.search(paragraph.text)
        if gain_match:
            gains.append((paragraph, gain_match))
        elif _GAIN_ANY.search(paragraph.text):
            raise _fail("unknown gain-based fine", paragraph.text)
        if (
            not found
            and not attempt_matches
            and _SAME_AS_ABOVE.search(paragraph.text)
            and _punishes(penalties, paragraph.number - 1)
        ):
            found = [Penalty(paragraph=paragraph.number, note=paragraph.text.removesuffix("。"))]
        penalties.extend(found)

    for paragraph, match in attempts:
        targets = _referenced_paragraphs(match["ref"], paragraph.number, paragraph.text)
        for target in targets:
            if not _punishes(penalties, target):
                raise _fail(f"attempt of paragraph {target}, which provides no penalty", paragraph.text)
        for index, penalty in enumerate(penalties):
            if penalty.paragraph in targets and penalty.aggravation is None:
                penalty = replace(penalty, attempt_punishable=True)
                if match["items"]:
                    penalty = _append_note(penalty, f"未遂犯罰之：限{match['items']}")
                penalties[index] = penalty

    for paragraph, match in gains:
        multiple = _number(match["high"], paragraph.text) if match["high"] else 1
        fined = [index for index, penalty in enumerate(penalties) if penalty.fine_mode is not FineMode.NONE]
        for index in fined:  # none: a general rule (刑法第58條) for fines of other articles
            note = f"第{paragraph.number}項：{match.group()}"
            penalties[index] = _append_note(replace(penalties[index], fine_gain_multiple=multiple), note)
    return tuple(penalties)


def _punishes(penalties: list[Penalty], paragraph: int) -> bool:
    """Whether the paragraph provides a punishment of its own (not only an aggravation)."""
    return any(penalty.paragraph == paragraph and penalty.aggravation is None for penalty in penalties)
