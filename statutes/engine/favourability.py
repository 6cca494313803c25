"""Which law is more favourable to the offender: 刑法第2條第1項 with the ordering of 刑法第35條.

刑法第35條 (not in the catalogue; quoted from the Code): 主刑之重輕，依第33條規定之次序定之
（死刑、無期徒刑、有期徒刑、拘役、罰金）。同種之刑，以最高度之較長或較多者為重。最高度相等者，以最低度之較長或較多者為重。
刑之重輕，以最重主刑為準；最重主刑相同者，參酌：一、有選科主刑者與無選科主刑者，以無選科主刑者為重；二、有併科主刑者
與無併科主刑者，以有併科主刑者為重；三、次重主刑同為選科刑或併科刑者，以次重主刑為準。

Each paragraph (項) is compared on its own: the caller passes the penalty of the paragraph that
describes the conduct in each version. An aggravation of the special part (e.g. 加重其刑至二分之一)
is passed as a factor that raises the maximum and minimum (刑法第67條). Ties go to the law at the
time of the act (刑法第2條第1項前段).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from statutes.catalogue.model import FineMode, Penalty, ProvisionVersion

__all__ = [
    "AGGRAVATION_FACTORS",
    "Candidate",
    "Choice",
    "choose",
    "compare_penalties",
    "most_favourable",
    "severity_key",
]

# Penalty.aggravation values → the factor applied to the maximum and minimum for comparison.
AGGRAVATION_FACTORS: dict[str, Fraction] = {
    "up_to_half": Fraction(3, 2),
    "half": Fraction(3, 2),
    "up_to_one_third": Fraction(4, 3),
    "one_third": Fraction(4, 3),
    "up_to_one_quarter": Fraction(5, 4),
    "one_quarter": Fraction(5, 4),
}

# Compared element by element; its shape varies (_LIGHTEST is one option, a real key seven fields).
SeverityKey = tuple[object, ...]

_DEATH, _LIFE, _IMPRISONMENT, _DETENTION, _FINE = 5, 4, 3, 2, 1
_NO_FURTHER_OPTION = (9, Fraction(0), Fraction(0))  # sorts above any real option: fewer options is heavier
_OPEN_ENDED_MONTHS = 180  # 「N年以上有期徒刑」: up to 15 years (刑法第33條第3款)
_LIGHTEST = ((0, Fraction(0), Fraction(0)),)  # no punishment at all


def _principal_options(penalty: Penalty, factor: Fraction) -> list[tuple[int, Fraction, Fraction]]:
    """The principal punishments one may choose between (選科), heaviest first, as (rank, max, min)."""
    options: list[tuple[int, Fraction, Fraction]] = []
    if penalty.death:
        options.append((_DEATH, Fraction(0), Fraction(0)))
    if penalty.life_imprisonment:
        options.append((_LIFE, Fraction(0), Fraction(0)))
    low, high = penalty.imprisonment_min_months, penalty.imprisonment_max_months
    if low is not None or high is not None:
        top = high if high is not None else _OPEN_ENDED_MONTHS
        options.append((_IMPRISONMENT, top * factor, (low or 0) * factor))
    if penalty.short_term_detention:
        options.append((_DETENTION, Fraction(0), Fraction(0)))
    if penalty.fine_mode in (FineMode.ONLY, FineMode.ALTERNATIVE, FineMode.INSTEAD_OR_ADD):
        options.append((_FINE, (penalty.fine_max or 0) * factor, (penalty.fine_min or 0) * factor))
    return options


def severity_key(penalty: Penalty | None, factor: Fraction = Fraction(1)) -> SeverityKey:
    """A sort key: a larger key is a heavier punishment (刑法第35條). None (不罰) is the lightest."""
    if penalty is None:
        return _LIGHTEST
    options = _principal_options(penalty, factor)
    if not options:
        return _LIGHTEST
    top, rest = options[0], options[1:]
    no_alternative = 0 if rest else 1  # 35③一: 無選科主刑者為重
    added = {FineMode.MUST_ADD: 2, FineMode.MAY_ADD: 1, FineMode.INSTEAD_OR_ADD: 1}.get(penalty.fine_mode, 0)
    secondary = (*rest, _NO_FURTHER_OPTION)
    return (
        top,
        no_alternative,
        added,  # 35③二: 有併科主刑者為重
        secondary,  # 35③三: 次重主刑
        (penalty.fine_max or 0) * factor,
        (penalty.fine_min or 0) * factor,
        penalty.fine_gain_multiple or 0,
    )


def compare_penalties(
    first: Penalty | None,
    second: Penalty | None,
    first_factor: Fraction = Fraction(1),
    second_factor: Fraction = Fraction(1),
) -> int:
    """-1 if ``first`` is lighter, 0 if equal, 1 if heavier (刑法第35條)."""
    a, b = severity_key(first, first_factor), severity_key(second, second_factor)
    return (a > b) - (a < b)


@dataclass(frozen=True)
class Candidate:
    """One law that may govern: the act version (first) or a later one up to the evaluation date.

    ``punishable`` False: that law does not punish the conduct (repealed, no such paragraph, or an
    element it added is not met). ``penalty`` None with ``punishable`` True: the range is unknown.
    """

    version: ProvisionVersion | None
    penalty: Penalty | None
    punishable: bool = True
    factor: Fraction = Fraction(1)
    label: str = ""  # e.g. 「2019-12-27施行之條文」


@dataclass(frozen=True)
class Choice:
    """The candidate that governs under 刑法第2條第1項, and why."""

    index: int  # into the candidates; 0 = the law at the time of the act
    basis: str
    not_punishable: bool = False  # 不罰: a later law no longer punishes the conduct
    incomplete: bool = False  # some ranges were unknown and could not be compared


def _label(candidate: Candidate) -> str:
    if candidate.label:
        return candidate.label
    if candidate.version is not None:
        return f"{candidate.version.effective_from.isoformat()}施行之條文"
    return "行為後之法律"


def choose(candidates: Sequence[Candidate]) -> Choice:
    """Apply 刑法第2條第1項 to ``candidates`` (the act version first, then later ones, oldest first).

    The law at the time of the act governs unless a later law is more favourable; of several later
    laws (intermediate ones included) the most favourable governs. A later law that no longer
    punishes the conduct is the most favourable of all (不罰). Equal ranges: the act's law.
    """
    if not candidates:
        raise ValueError("no candidate law")
    if len(candidates) == 1:
        return Choice(0, "行為時法（刑法第1條前段；行為後條文未經修正）")
    for index, candidate in enumerate(candidates[1:], start=1):
        if not candidate.punishable:
            return Choice(
                index,
                f"刑法第2條第1項但書：行為後之法律（{_label(candidate)}）不再處罰此行為，適用最有利於行為人之法律，不罰",
                not_punishable=True,
            )
    act = candidates[0]
    if act.penalty is None:
        return Choice(0, "刑法第2條第1項前段（行為時法）：行為時法之刑度資料不足，未能比較新舊法", incomplete=True)
    best_index, best_key = 0, severity_key(act.penalty, act.factor)
    incomplete = False
    for index, candidate in enumerate(candidates[1:], start=1):
        if candidate.penalty is None:
            incomplete = True
            continue
        key = severity_key(candidate.penalty, candidate.factor)
        if key < best_key or (best_index != 0 and key == best_key):  # among later laws equally light: the latest
            best_index, best_key = index, key
    note = "（部分版本刑度資料不足，未予比較）" if incomplete else ""
    if best_index == 0:
        return Choice(
            0,
            "刑法第2條第1項前段（行為時法）：行為後法律雖有變更，惟未較有利於行為人，適用行為時之法律" + note,
            incomplete=incomplete,
        )
    return Choice(
        best_index,
        f"刑法第2條第1項但書（較有利之新法）：行為後之法律（{_label(candidates[best_index])}）有利於行為人，"
        "適用最有利於行為人之法律" + note,
        incomplete=incomplete,
    )


def _paragraph_penalty(version: ProvisionVersion, paragraph: int, subparagraph: int | None) -> Penalty | None:
    return next(
        (p for p in version.penalties if p.paragraph == paragraph and p.subparagraph == subparagraph),
        None,
    )


def most_favourable(
    versions: Sequence[ProvisionVersion], paragraph: int, subparagraph: int | None = None
) -> tuple[ProvisionVersion, str]:
    """The version that governs, of ``versions`` (the act version first, later ones oldest first), and why.

    Compares the same paragraph (項) in every version. A later version whose text is repealed
    (（刪除）) no longer punishes: it is returned with a 不罰 basis.
    """
    candidates = [
        Candidate(
            version,
            _paragraph_penalty(version, paragraph, subparagraph),
            punishable=index == 0 or not version.repealed,
        )
        for index, version in enumerate(versions)
    ]
    choice = choose(candidates)
    chosen = candidates[choice.index].version
    assert chosen is not None  # every candidate here has a version
    return chosen, choice.basis
