"""The punishments one paragraph (項) or subparagraph (款) text states, for :mod:`statutes.catalogue.penalties`.

「處…」 clauses (death, life imprisonment, a fixed-term range, 拘役, the criminal fine and how
it combines with imprisonment), aggravations (「加重其刑至二分之一」), penalties by reference
(「依前項規定處斷」, 「處前項之刑」) and fines of a legal person (「對該法人…亦科該條之罰金」).
Administrative fines (罰鍰) are no criminal penalty and give nothing. Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from statutes.catalogue.chinese_numbers import (
    NUMERAL_CLASS,
    parse_chinese_number,
    parse_duration_months,
    parse_fraction,
)
from statutes.catalogue.model import FineMode, Penalty

__all__ = [
    "MAX_FIXED_TERM_MONTHS",
    "NUMBER",
    "OPEN_ENDED_TERM_NOTE",
    "UNBOUNDED_TERM_NOTE",
    "PenaltyParseError",
    "fail",
    "paragraph_penalties",
    "read_number",
]

# 刑法第33條第3款: 有期徒刑 is two months to fifteen years.
MAX_FIXED_TERM_MONTHS = 180
OPEN_ENDED_TERM_NOTE = "有期徒刑最重十五年（刑法第33條第3款）"
UNBOUNDED_TERM_NOTE = "有期徒刑二月以上十五年以下（刑法第33條第3款）"


class PenaltyParseError(ValueError):
    """A paragraph states a punishment in a form the parser does not understand."""


# ---------------------------------------------------------------------------------------------
# Clause grammar

NUMBER = rf"[{NUMERAL_CLASS}]+"  # a number as the texts write it
_DURATION = rf"{NUMBER}(?:年(?:{NUMBER}個?月)?|個?月)"
# 處 that imposes a punishment (not 處分, 處理, 處所, 處罰其行為人, 判處, 裁處, 懲處, 調處…).
_TRIGGER = re.compile(
    rf"(?<![判裁懲調])處以?(?=死刑|無期徒刑|有期徒刑|拘役|罰金|罰鍰|科|新[臺台]幣|{NUMBER}(?:年|個?月|元|萬|千|百))"
)
_ADMINISTRATIVE_FINE = re.compile(r"[^，。；：]*罰鍰")
_IMPRISONMENT = re.compile(rf"(?:(?P<min>{_DURATION})以上)?(?:(?P<max>{_DURATION})以下)?有期徒刑")
_AMOUNT = rf"(?:新[臺台]幣)?(?:(?P<fine_min>{NUMBER})元以上)?(?:(?P<fine_max>{NUMBER})元以下)?"
_FINE = re.compile(rf"(?P<how>科或併科|科)?{_AMOUNT}之?罰金")
_FINE_MEASURED = re.compile(r"(?P<how>科或併科|科)?(?P<measure>[^，。；：、或]+?以下)之?罰金")
_ADDED_FINE = re.compile(rf"，(?P<each>各)?(?P<may>得)?併科{_AMOUNT}之?罰金")
_ADDED_FINE_MEASURED = re.compile(r"，(?P<each>各)?(?P<may>得)?併科(?P<measure>[^，。；：、或]+?以下)之?罰金")
_PENALTY_WORDS = re.compile(r"死刑|無期徒刑|有期徒刑|拘役|罰金")
_CLAUSE_END = re.compile(r"[。；]")

_AGGRAVATION = re.compile(
    rf"(?P<may>得)?(?:依[^，。；]*?規定)?加重其刑(?P<up_to>至)?(?P<fraction>{NUMBER}分之{NUMBER})"
)
_REFERENCE_ADJUDGED = re.compile(r"(?:亦)?依(?P<ref>[^，。；]+?)處斷之?")
_REFERENCE_PENALTY = re.compile(r"處(?P<ref>(?:前|第)[^，。；]*?)之刑")
_REFERENCE_CONVICTED = re.compile(r"(?:以|依)(?P<ref>[^，。；]+?罪)論處")
_CORPORATE_FINE = re.compile(r"亦科(?:以)?(?P<ref>[^，。；]*?)之?罰金")
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


def fail(message: str, text: str) -> PenaltyParseError:
    return PenaltyParseError(f"{message}: {text}")


def read_number(text: str, paragraph: str) -> int:
    try:
        return parse_chinese_number(text)
    except ValueError as error:
        raise fail(f"unreadable number {text!r}", paragraph) from error


def _months(text: str | None, paragraph: str) -> int | None:
    if text is None:
        return None
    try:
        return parse_duration_months(text)
    except ValueError as error:
        raise fail(f"unreadable term {text!r}", paragraph) from error


def _fine_fields(match: re.Match[str], multiplier: int, paragraph: str) -> tuple[dict[str, Any], list[str]]:
    """Amounts of a fine match (``fine_min``/``fine_max`` groups, or a ``measure`` group)."""
    groups = match.groupdict()
    if groups.get("measure"):
        return {}, [f"罰金：{groups['measure']}"]
    written_min = read_number(groups["fine_min"], paragraph) if groups.get("fine_min") else None
    written_max = read_number(groups["fine_max"], paragraph) if groups.get("fine_max") else None
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
    fine_how: str | None = None
    terms = 0
    while True:  # 「死刑、無期徒刑或十年以上有期徒刑」: terms joined by 、 and 或
        position, fine_how = _term(text, position, finding, fine_how, multiplier)
        terms += 1
        if not text.startswith(("、", "或"), position):
            break
        position += 1
    position = _fine_mode(text, position, finding, fine_how, terms, multiplier)
    end = _CLAUSE_END.search(text, position)
    rest = text[position : end.start() if end else len(text)]
    if _PENALTY_WORDS.search(rest):
        raise fail("unknown punishment", text)
    return finding


_SIMPLE_TERMS = (("死刑", "death"), ("無期徒刑", "life_imprisonment"), ("拘役", "short_term_detention"))


def _term(text: str, position: int, finding: _Finding, fine_how: str | None, multiplier: int) -> tuple[int, str | None]:
    """Read the punishment at ``position`` into ``finding``: where it ends, and how a fine is imposed (科…)."""
    fields = finding.fields
    for word, name in _SIMPLE_TERMS:
        if text.startswith(word, position):
            fields[name] = True
            return position + len(word), fine_how
    if (match := _IMPRISONMENT.match(text, position)) and "imprisonment_max_months" not in fields:
        minimum = _months(match["min"], text)
        maximum = _months(match["max"], text)
        if maximum is None:
            maximum = MAX_FIXED_TERM_MONTHS
            finding.notes.append(OPEN_ENDED_TERM_NOTE if minimum is not None else UNBOUNDED_TERM_NOTE)
        if minimum is not None and minimum > maximum:
            raise fail("imprisonment minimum above maximum", text)
        fields["imprisonment_min_months"] = minimum
        fields["imprisonment_max_months"] = maximum
        return match.end(), fine_how
    if fine_how is None and (match := _FINE.match(text, position) or _FINE_MEASURED.match(text, position)):
        amounts, notes = _fine_fields(match, multiplier, text)
        fields.update(amounts)
        finding.notes.extend(notes)
        return match.end(), match["how"] or ""
    raise fail("unknown punishment", text)


def _fine_mode(text: str, position: int, finding: _Finding, fine_how: str | None, terms: int, multiplier: int) -> int:
    """Set how the fine combines with the other terms (and read a 「，併科…罰金」); where the clause goes on."""
    fields = finding.fields
    added = _ADDED_FINE.match(text, position) or _ADDED_FINE_MEASURED.match(text, position)
    if fine_how is not None:
        if added:
            raise fail("two fines in one clause", text)
        if fine_how == "科或併科":
            fields["fine_mode"] = FineMode.INSTEAD_OR_ADD
        else:
            fields["fine_mode"] = FineMode.ALTERNATIVE if terms > 1 else FineMode.ONLY
        return position
    if not added:
        return position
    amounts, notes = _fine_fields(added, multiplier, text)
    fine = {"fine_mode": FineMode.MAY_ADD if added["may"] else FineMode.MUST_ADD, **amounts}
    fields.update(fine)
    finding.notes.extend(notes)
    if added["each"]:
        finding.each_fine = (fine, notes)
    return added.end()


def _aggravation_name(fraction_text: str, up_to: bool, paragraph: str) -> str:
    try:
        fraction = parse_fraction(fraction_text)
    except ValueError as error:
        raise fail(f"unreadable fraction {fraction_text!r}", paragraph) from error
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
    findings = [
        *_sanctions(text, multiplier),
        *_aggravations(text),
        *_references(text),
        *_corporate_fines(text, multiplier),
    ]
    findings.sort(key=lambda finding: finding.start)
    for finding in findings:
        if finding.each_fine is not None:
            fine, notes = finding.each_fine
            for other in findings:
                if other.kind == "sanction" and other.sentence == finding.sentence and "fine_mode" not in other.fields:
                    other.fields.update(fine)
                    other.notes.extend(notes)
    return findings


def _sanctions(text: str, multiplier: int) -> Iterator[_Finding]:
    for match in _TRIGGER.finditer(text):
        if text[: match.start()].endswith("確定"):  # 「經裁判確定處死刑」 reports a sentence
            continue
        finding = _sanction(text, match.start(), multiplier)
        if finding is not None:
            yield finding


def _aggravations(text: str) -> Iterator[_Finding]:
    for match in _AGGRAVATION.finditer(text):
        name = _aggravation_name(match["fraction"], bool(match["up_to"]), text)
        notes = [_sentence_around(text, match.start()).removesuffix("。")]
        yield _Finding(start=match.start(), kind="aggravation", fields={"aggravation": name}, notes=notes)


def _references(text: str) -> Iterator[_Finding]:
    covered: list[tuple[int, int]] = []
    for pattern in (_REFERENCE_ADJUDGED, _REFERENCE_PENALTY, _REFERENCE_CONVICTED):
        for match in pattern.finditer(text):
            if _is_reference(match["ref"]) and not any(a <= match.start() < b for a, b in covered):
                covered.append(match.span())
                yield _Finding(start=match.start(), kind="reference", notes=[match.group()])


def _corporate_fines(text: str, multiplier: int) -> Iterator[_Finding]:
    for match in _CORPORATE_FINE.finditer(text):
        amount = _FINE.fullmatch(match["ref"] + "罰金") if match["ref"] else None
        fields: dict[str, Any] = {"fine_mode": FineMode.ONLY}
        notes: list[str] = []
        if amount and (amount["fine_min"] or amount["fine_max"]):
            amounts, notes = _fine_fields(amount, multiplier, text)
            fields.update(amounts)
        else:
            chunk_start = text.rfind("，", 0, match.start()) + 1
            notes = [text[chunk_start : match.end()]]
        yield _Finding(start=match.start(), kind="corporate_fine", fields=fields, notes=notes)


def _segment_labels(count: int) -> list[str]:
    if count == 1:
        return [""]
    if count == 2:
        return ["前段", "後段"]
    if count == 3:
        return ["前段", "中段", "後段"]
    return [f"第{index}段" for index in range(1, count + 1)]


def paragraph_penalties(text: str, paragraph: int, subparagraph: int | None, multiplier: int) -> list[Penalty]:
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
