"""The 沿革 read as amendment records, for the catalogue build (``scripts/build_catalogue.py``).

:func:`parse_history` turns a law's 沿革 into :class:`Amendment` records: promulgation date,
the articles named (lists, ranges 第 315～318 條, 增訂, 刪除), full revisions (全文 N 條) and
the effective date: an explicit 「自…施行」, a separate order recorded in the 沿革
(「…令發布定自…施行」), a period (「自公布後一年施行」), 「公布施行」 (that day) or — for
「自公布日施行」 and for amendments that record no date — the third day counting the day of
promulgation (中央法規標準法第13條). Anything ambiguous (several dates, orders for some
articles only) gives ``effective=None`` with the reason, to be settled in the curation.

Built on :mod:`statutes.importing.history` (entries, dates, 施行 phrases, article lists), which the
importer's :func:`~statutes.importing.history.effective_from_history` reads the same 沿革 with.
Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from statutes.catalogue.model import article_sort_key
from statutes.importing.history import (
    DATE,
    DATED,
    EffectRule,
    HistoryError,
    RuleKind,
    add_months,
    article_lists,
    effect_rules,
    history_entries,
    in_ranges,
    roc_date,
    third_day,
)

__all__ = ["NO_DATE_BASIS", "STANDARDS_ACT_ENACTED", "Amendment", "parse_history"]

STANDARDS_ACT_ENACTED = date(1970, 8, 31)  # 中央法規標準法
NO_DATE_BASIS = "沿革 records no 施行 date"


@dataclass(frozen=True)
class Amendment:
    """One promulgation recorded in a law's 沿革."""

    entry: int  # the 沿革 entry number
    promulgated: date
    articles: tuple[str, ...]  # named articles, normalised ("115-1"); ranges are in ``ranges``
    ranges: tuple[tuple[str, str], ...]
    added: tuple[str, ...]  # articles this amendment added (增訂); they did not exist before
    full_revision: bool  # 全文 N 條 (an enactment or a full revision): every article
    all_articles: bool  # touches every article (full revision, or no article list recorded)
    effective: date | None  # None: the 沿革 does not settle it (needs curation if it matters)
    basis: str
    text: str

    def touches(self, article: str) -> bool:
        """Whether this amendment enacted, amended, added or deleted ``article``."""
        return self.all_articles or article in self.articles or in_ranges(article, self.ranges)

    def adds(self, article: str) -> bool:
        """Whether this amendment added ``article`` (增訂), i.e. it did not exist before."""
        items = [item.partition("～") for item in self.added]
        return in_ranges(article, [(low, high or low) for low, _, high in items])

    def article_list(self) -> list[str]:
        listed = [*self.articles, *(f"{low}～{high}" for low, high in self.ranges)]
        return sorted(listed, key=lambda item: article_sort_key(item.split("～")[0]))


_FULL_TEXT = re.compile(r"全文\d+條")
_PROMULGATION = re.compile(r"(公布|發布)")
_CHANGE = re.compile(r"(制定|修正|增訂|刪除|訂定)")
_ORDER_VERB = re.compile(r"(?<!規)定(?:自|於)")
_QUALIFIED = re.compile(r"(但|除|其中|以外|部分)")
# Which phrase settles the date when a clause has several (none does when they disagree: _QUALIFIED).
# How this reader takes 施行 phrases the importer does not (see statutes.importing.history.effect_rules).
_CATALOGUE_READING = {"same_day": True, "loose_dates": True, "compound_periods": True}
_PRIORITY: tuple[RuleKind, ...] = ("same_day", "immediate", "after", "date")


def parse_history(history: str) -> list[Amendment]:
    """The promulgations recorded in a 沿革, oldest first (text before the first entry is ignored).

    Raises :class:`~statutes.importing.history.HistoryError` for an entry without a dated promulgation.
    """
    amendments: list[Amendment] = []
    for entry in history_entries(history):
        if entry.number is not None:
            amendments.extend(_entry_amendments(entry.number, entry.compact))
    return amendments


def _entry_amendments(number: int, entry: str) -> Iterator[Amendment]:
    segments = _segments(entry)
    primaries = [
        segment
        for index, segment in enumerate(segments)
        if _PROMULGATION.search(segment) and (index == 0 or _CHANGE.search(segment)) and not _ORDER_VERB.search(segment)
    ]
    orders = [
        segment
        for segment in segments
        if segment not in primaries and "施行" in segment and _order_rule(segment, 0) and "管轄" not in segment
    ]
    if not primaries:
        raise HistoryError(f"沿革 entry {number} has no promulgation: {entry}")
    for primary in primaries:
        yield _amendment(number, primary, orders if len(primaries) == 1 else [])


def _amendment(number: int, primary: str, orders: list[str]) -> Amendment:
    match = DATE.search(primary)
    if not match:
        raise HistoryError(f"沿革 entry {number} has no date: {primary}")
    promulgated = roc_date(match)
    head = primary.split("；")[0] if "；" in primary else primary
    listed = "；".join(part for part in primary.split("；") if "施行" not in part) or head
    named, ranges = _articles(listed)
    added = tuple(
        item for part in re.split(r"[；，]", listed) if "增訂" in part for item in _added(part.split("增訂", 1)[1])
    )
    full = bool(_FULL_TEXT.search(primary)) or ("制定" in primary and not named and not ranges)
    effective, basis = _effective(primary, orders, promulgated)
    return Amendment(
        entry=number,
        promulgated=promulgated,
        articles=tuple(named),
        ranges=tuple(ranges),
        added=added,
        full_revision=full,
        all_articles=full or not (named or ranges),
        effective=effective,
        basis=basis,
        text=primary,
    )


def _segments(entry: str) -> list[str]:
    """An entry split at each 「中華民國…日」 that opens a promulgation or an order."""
    starts = [0]
    for match in DATED.finditer(entry):
        before = entry[max(0, match.start() - 2) : match.start()]
        if match.start() and not before.endswith(("於", "自", "至", "前")):
            starts.append(match.start())
    starts = sorted(set(starts))
    return [entry[start:end] for start, end in zip(starts, [*starts[1:], len(entry)], strict=True)]


def _articles(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The single articles and the ranges a text names (全文 N 條 is no list)."""
    named: list[str] = []
    ranges: list[tuple[str, str]] = []
    for _, listed in article_lists(_FULL_TEXT.sub("", text), bare=True):
        for low, high in listed:
            if low == high:
                named.append(low)
            else:
                ranges.append((low, high))
    return named, ranges


def _added(text: str) -> list[str]:
    named, ranges = _articles(text)
    return [*named, *(f"{low}～{high}" for low, high in ranges)]


def _order_rule(segment: str, year: int) -> EffectRule | None:
    """The dated 「定自…施行」 of a 施行 order, if it has one."""
    return next(
        (rule for rule in effect_rules(segment, same_year=year, **_CATALOGUE_READING) if rule.kind == "date"), None
    )


def _effective(primary: str, orders: list[str], promulgated: date) -> tuple[date | None, str]:
    """The effective date of one promulgation and its basis; (None, reason) if ambiguous."""
    clause = "；".join(part for part in primary.split("；") if "施行" in part)
    if clause and _QUALIFIED.search(clause):
        return None, f"沿革 gives more than one 施行 rule: 「{clause}」"
    if len(orders) > 1:
        return None, "沿革 records several 施行 orders: " + " / ".join(orders)
    if orders and re.search(r"第\d", orders[0].split("令")[-1]):
        return None, f"the 施行 order names only some articles: 「{orders[0]}」"
    rules = effect_rules(clause, same_year=promulgated.year, **_CATALOGUE_READING)
    stated = _stated(clause, rules, promulgated)
    if stated is not None:
        return stated
    if orders:
        order = _order_rule(orders[0], promulgated.year)
        if order is not None and order.day is not None:
            return order.day, f"沿革：{orders[0]}"
        return None, f"unreadable 施行 order: 「{orders[0]}」"
    if clause:
        if any(rule.kind == "pending" for rule in rules):
            return None, f"沿革：「{clause}」 and records no order fixing the date"
        return None, f"unknown 施行 clause: 「{clause}」"
    basis = f"{NO_DATE_BASIS}: taken as in force from the third day counting promulgation (中央法規標準法第13條)"
    if promulgated < STANDARDS_ACT_ENACTED:
        basis += "; that Act dates from 1970, so for this earlier date the day is a convention, not verified"
    return third_day(promulgated), basis


def _stated(clause: str, rules: list[EffectRule], promulgated: date) -> tuple[date | None, str] | None:
    """What the promulgation's own 施行 clause says; None if it names no date, period or day."""
    found = {kind: next((rule for rule in rules if rule.kind == kind), None) for kind in _PRIORITY}
    quoted = f"沿革：「{clause}」"
    if found["same_day"]:
        return promulgated, quoted
    if found["immediate"]:
        return third_day(promulgated), f"{quoted}；中央法規標準法第13條：自公布日起算至第三日起發生效力"
    after = found["after"]
    if after is not None:
        if after.day is not None:
            return after.day, quoted
        if not after.period:
            return None, f"unknown period: 「{clause}」"
        return add_months(promulgated, after.months) + timedelta(days=after.days), quoted
    explicit = found["date"]
    if explicit is not None and explicit.day is not None:
        return explicit.day, quoted
    return None
