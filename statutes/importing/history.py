"""The 沿革 (沿革內容) of a law: its entries, promulgation dates, 施行 rules and article lists.

One parser for the two readers of the 沿革:

- the Open-API importer (:mod:`statutes.importing.changes`) asks :func:`effective_from_history` when one
  amendment took effect for one article. It is lenient: what it cannot read gives None, and the
  caller falls back to 中央法規標準法第13條;
- the catalogue build (``scripts/build_catalogue.py``) reads the whole 沿革 into
  :class:`Amendment` records with :func:`parse_history`. It is strict: an amendment whose date
  is ambiguous gets ``effective=None`` and has to be settled in the curation.

Both read entries with :func:`history_entries`, dates with :func:`roc_date`, 施行 phrases with
:func:`effect_rules` and article lists with :func:`article_lists`. Where the readers
disagree, the difference is a parameter: 「公布施行」 counts as in force that day for the
catalogue and is no 施行 rule for the importer (``same_day``).

In force (中央法規標準法): from the day or after the period the law names (第14條), else from the
third day counting the day of promulgation (第13條, :func:`third_day`).

Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from statutes.catalogue.chinese_numbers import parse_chinese_number
from statutes.catalogue.model import article_sort_key
from statutes.catalogue.textdiff import strip_whitespace
from statutes.dates import add_months
from statutes.roc_calendar import ROC_EPOCH_OFFSET

#: The database's own marker for "施行日期另定" (生效日期 99991231).
NOT_YET_FIXED = date(9999, 12, 31)

#: 中央法規標準法第13條: in force from the third day counting the promulgation day.
DAYS_AFTER_PROMULGATION = 2

NUMERALS = "〇零一二三四五六七八九十百"

_NUMBER = rf"[{NUMERALS}\d]+"
_DATE_TEXT = rf"(?:中華民[國国])?(?:{_NUMBER}|同)年{_NUMBER}月{_NUMBER}日"
DATE = re.compile(rf"(?:中華民[國国])?(?P<y>{_NUMBER}|同)年(?P<m>{_NUMBER})月(?P<d>{_NUMBER})日")
# The date that opens a promulgation or an order: always with 中華民國.
DATED = re.compile(rf"中華民國(?P<y>{_NUMBER})年(?P<m>{_NUMBER})月(?P<d>{_NUMBER})日")


class HistoryError(ValueError):
    """The 沿革 cannot be read: a date that is no date, an entry with no promulgation."""


# --------------------------------------------------------------------------- dates


def roc_date(match: re.Match[str], same_year: int | None = None) -> date:
    """The Gregorian date of a 民國 date matched in the 沿革 (「同年」 needs ``same_year``).

    Raises :class:`HistoryError` when the numerals or the date cannot be read.
    """
    try:
        if match["y"] == "同":
            if same_year is None:
                raise HistoryError(f"「同年」 without a year: {match.group()}")
            year = same_year
        else:
            year = parse_chinese_number(match["y"]) + ROC_EPOCH_OFFSET
        return date(year, parse_chinese_number(match["m"]), parse_chinese_number(match["d"]))
    except HistoryError:
        raise
    except ValueError as error:  # not a numeral, or not a calendar date
        raise HistoryError(f"not a date: {match.group()}") from error


def third_day(promulgated: date) -> date:
    """中央法規標準法第13條: in force from the third day, counting the day of promulgation."""
    return promulgated + timedelta(days=DAYS_AFTER_PROMULGATION)


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One numbered entry of the 沿革 (``number`` None: text before the first number)."""

    number: int | None
    text: str  # as written, without its number: line breaks and spaces kept

    @property
    def compact(self) -> str:
        """The text without any whitespace (the database breaks lines anywhere, even in numbers)."""
        return strip_whitespace(self.text)


_ENTRY_START = re.compile(r"^(\d+)\s*[.．]\s*")


def history_entries(history: str) -> list[Entry]:
    """The entries of a 沿革, in order; an entry starts with 「12.」 at the start of a line."""
    entries: list[tuple[int | None, list[str]]] = []
    for line in history.replace("\r\n", "\n").split("\n"):
        start = _ENTRY_START.match(line)
        if start:
            entries.append((int(start[1]), [line[start.end() :]]))
        elif entries:
            entries[-1][1].append(line)
        else:
            entries.append((None, [line]))
    return [
        Entry(number, "\n".join(lines)) for number, lines in entries if number is not None or "".join(lines).strip()
    ]


# --------------------------------------------------------------------------- 施行 phrases

RuleKind = Literal["date", "immediate", "same_day", "after", "pending"]


@dataclass
class EffectRule:
    """One 施行 phrase of the 沿革, read.

    ``date``: 「自…日施行」 (``day``; None if unreadable); ``immediate``: 「自公布日施行」 (第13條);
    ``same_day``: 「公布施行」; ``after``: 「自公布後六個月施行」 (``months``/``days``, and ``day``
    when the 沿革 adds the date in brackets; ``period`` False if the period is unreadable);
    ``pending``: 「施行日期，由行政院定之」.
    """

    kind: RuleKind
    start: int  # where the phrase begins in the clause
    day: date | None = None
    months: int = 0
    days: int = 0
    period: bool = True


_PHRASE = re.compile(
    r"(?P<pending>施行日期[，,]?(?:由|以).{0,30}?定之)"
    rf"|(?P<verb>自|定於)(?P<date>{_DATE_TEXT})起?施行"
    r"|自(?:公布|發布)後(?P<period>[^（施]+?)(?:（(?P<stated>[^）]+)）)?施行"
    r"|(?P<immediate>自(?:公布|發布)(?:之)?日(?:起)?施行)"
    r"|(?P<same_day>公布(?:同日)?施行)"
)
_STRICT_DATE = re.compile(rf"(?:中華民國)?{_NUMBER}年{_NUMBER}月{_NUMBER}日")
_PERIOD = re.compile(rf"(?:(?P<y>{_NUMBER})年)?(?:(?P<m>{_NUMBER})個?月)?(?:(?P<d>{_NUMBER})日)?")
_SIMPLE_PERIOD = re.compile(rf"{_NUMBER}(?:個月|年|日)")


def effect_rules(
    clause: str, *, same_year: int, same_day: bool, loose_dates: bool, compound_periods: bool
) -> list[EffectRule]:
    """Every 施行 phrase of a whitespace-free clause, in order.

    ``same_year`` is the year 「同年」 means (the promulgation's). The readers differ in what
    they take for a 施行 phrase (a phrase not taken is skipped, as if it were not there):

    - ``same_day``: 「公布施行」, in force that day (the catalogue; for the importer no rule,
      so 第13條 applies);
    - ``loose_dates``: 「定於…日施行」, 「同年…」 and 「中華民国」 besides 「自中華民國…日施行」
      (the catalogue);
    - ``compound_periods``: 「一年六個月」, 「六月」 and a date in brackets after the period
      (「自公布後一年六個月（九十八年十一月二十三日）施行」) besides 「六個月」「一年」「十日」
      (the catalogue).
    """
    return [
        _read_phrase(match, same_year)
        for match in _PHRASE.finditer(clause)
        if _taken(match, same_day=same_day, loose_dates=loose_dates, compound_periods=compound_periods)
    ]


def _taken(match: re.Match[str], *, same_day: bool, loose_dates: bool, compound_periods: bool) -> bool:
    """Whether a reader with these options takes the phrase (see :func:`effect_rules`)."""
    if match["same_day"]:
        return same_day
    if match["date"] and not loose_dates:
        return match["verb"] == "自" and bool(_STRICT_DATE.fullmatch(match["date"]))
    if match["period"] and not compound_periods:
        return not match["stated"] and bool(_SIMPLE_PERIOD.fullmatch(match["period"]))
    return True


def _read_phrase(match: re.Match[str], same_year: int) -> EffectRule:
    start = match.start()
    if match["pending"]:
        return EffectRule("pending", start)
    if match["immediate"]:
        return EffectRule("immediate", start)
    if match["same_day"]:
        return EffectRule("same_day", start)
    if match["date"]:
        return EffectRule("date", start, day=_date_in(match["date"], same_year))
    rule = EffectRule("after", start, day=_date_in(match["stated"] or "", same_year))
    period = _PERIOD.fullmatch(match["period"])
    if not period or not any(period.groups()):
        rule.period = False
        return rule
    try:
        years, months, days = (parse_chinese_number(part) if part else 0 for part in period.groups())
    except ValueError:
        rule.period = False
        return rule
    rule.months, rule.days = years * 12 + months, days
    return rule


def _date_in(text: str, same_year: int) -> date | None:
    """The first date in ``text``; None if there is none or it is unreadable."""
    match = DATE.search(text)
    try:
        return roc_date(match, same_year) if match else None
    except HistoryError:
        return None


# --------------------------------------------------------------------------- article lists

ArticleRange = tuple[str, str]  # ("74", "75-1"); a single article is ("42", "42")

_ARTICLE_LIST = re.compile(r"第(\d+(?:-\d+)?(?:[、～~至及]\d+(?:-\d+)?)*)條")
_BARE_LIST = re.compile(r"第?(\d+(?:-\d+)?(?:[、～~至及]\d+(?:-\d+)?)*)條")
_LIST_ITEM = re.compile(r"^(\d+(?:-\d+)?)(?:[～~至](\d+(?:-\d+)?))?$")


def article_lists(text: str, *, bare: bool = False) -> list[tuple[int, list[ArticleRange]]]:
    """The article lists a whitespace-free text names (「第 42、74～75-1 條」), with their offsets.

    ``bare``: also lists without 第 (「增訂73-1條條文」; the catalogue, which drops 「全文 N 條」
    first). The importer does not read them: for it 「全文 357 條」 would be a list.
    """
    lists: list[tuple[int, list[ArticleRange]]] = []
    for match in (_BARE_LIST if bare else _ARTICLE_LIST).finditer(text):
        ranges: list[ArticleRange] = []
        for item in re.split(r"[、及]", match.group(1)):
            parts = _LIST_ITEM.match(item)
            if parts:
                ranges.append((parts.group(1), parts.group(2) or parts.group(1)))
        lists.append((match.start(), ranges))
    return lists


def in_ranges(article: str, ranges: Iterable[ArticleRange]) -> bool:
    """Whether ``article`` ("75", "42-1") falls in one of the ranges."""
    key = article_sort_key(article)
    return any(article_sort_key(low) <= key <= article_sort_key(high) for low, high in ranges)


def named_articles(text: str, *, amendment_lists: bool, only_amending: bool = False) -> list[ArticleRange]:
    """The articles a whitespace-free text names, as ranges.

    A list after 修正/增訂/刪除… names what an amendment changed: with ``amendment_lists`` False
    such lists are skipped (they do not say when those articles take effect), with
    ``only_amending`` only they are kept.
    """
    ranges: list[ArticleRange] = []
    for start, listed in article_lists(text):
        amending = bool(_AMENDING_VERB.search(text[:start]))
        if (amending and not amendment_lists) or (only_amending and not amending):
            continue
        ranges.extend(listed)
    return ranges


_AMENDING_VERB = re.compile(r"修正|增訂|刪除|制定|訂定")


# --------------------------------------------------------------------------- one amendment, one article

_SUB_ORDER = re.compile(r"(?=中華民國)")
_CLAUSE_BREAK = re.compile(r"[；;。]|，但|外，|，(?=第\d)")

_Scoped = list[tuple[list[ArticleRange], EffectRule]]


def effective_from_history(history: str, promulgated: date, *, article: str | None = None) -> date | None:
    """When the amendment promulgated on ``promulgated`` took effect, per the 沿革內容 (the importer's reading).

    A simple parser of one entry: the (last) entry whose first date is
    ``promulgated``, or else the last entry. It understands
    「並自九十五年七月一日施行」, 「定自一百零九年七月十七日施行」 (a later order),
    「自公布後六個月施行」, 「施行日期，由行政院定之」 (→ 9999-12-31, the
    database's 未定 marker, unless a later order in the entry fixes it) and
    article-specific clauses such as 「其中第 42 條條文自公布日施行」 or
    「除第 91-1 條條文自…施行外，自公布日施行」 (used when ``article`` is given).
    Returns None for 「自公布日施行」 (also for 「公布施行」) and when the entry says nothing,
    so that 中央法規標準法第13條 applies; also None for a date before ``promulgated``.
    """
    entry = _entry_promulgated(history, promulgated)
    if entry is None:
        return None
    specific: _Scoped = []  # clauses naming their articles
    scoped: _Scoped = []  # a sub-order's rule, for the articles it amends
    general: EffectRule | None = None
    for sub_order in _SUB_ORDER.split(entry.compact):
        general = _read_sub_order(sub_order, promulgated.year, specific, scoped, general)
    chosen = general
    if article is not None:
        for ranges, rule in (*reversed(specific), *reversed(scoped)):
            if in_ranges(article, ranges):
                chosen = rule
                break
    return _rule_date(chosen, promulgated)


def _read_sub_order(
    sub_order: str, year: int, specific: _Scoped, scoped: _Scoped, general: EffectRule | None
) -> EffectRule | None:
    """Add the rules of one promulgation or order to ``specific``/``scoped``; the general rule after it.

    Articles named in a clause without a rule carry over to the next clause that has one.
    """
    clauses = [clause for clause in _CLAUSE_BREAK.split(sub_order) if clause]
    amended = [r for clause in clauses for r in named_articles(clause, amendment_lists=True, only_amending=True)]
    carried: list[ArticleRange] = []
    for clause in clauses:
        phrases = effect_rules(clause, same_year=year, same_day=False, loose_dates=False, compound_periods=False)
        phrase = phrases[0] if phrases else None
        rule = None if phrase is None or not phrase.period else phrase
        named = named_articles(clause[: phrase.start] if phrase else clause, amendment_lists=False)
        if rule is None:
            carried.extend(named)
            continue
        named, carried = carried + named, []
        pending = [r for _, r in (*specific, *scoped) if r.kind == "pending"]
        if general is not None and general.kind == "pending":
            pending.append(general)
        if named:
            specific.append((named, rule))
        elif rule.kind == "date" and pending:
            for waiting in pending:  # a later order fixes what the law left open
                waiting.kind, waiting.day = "date", rule.day
        else:
            general = rule
            if amended:
                scoped.append((amended, rule))
    return general


def _entry_promulgated(history: str, promulgated: date) -> Entry | None:
    """The entry promulgated on that day (the last such), else the last entry."""
    entries = history_entries(history)
    for entry in reversed(entries):
        match = DATED.search(entry.compact)
        if match and _promulgation_date(match) == promulgated:
            return entry
    return entries[-1] if entries else None


def _promulgation_date(match: re.Match[str]) -> date | None:
    try:
        return roc_date(match)
    except HistoryError:
        return None


def _rule_date(rule: EffectRule | None, promulgated: date) -> date | None:
    if rule is None or rule.kind in ("immediate", "same_day"):
        return None
    if rule.kind == "pending":
        return NOT_YET_FIXED
    if rule.kind == "after" and rule.day is None:
        return add_months(promulgated, rule.months) + timedelta(days=rule.days)
    if rule.day is None or rule.day < promulgated:
        return None
    return rule.day


__all__ = [
    "DATE",
    "DATED",
    "DAYS_AFTER_PROMULGATION",
    "NOT_YET_FIXED",
    "NUMERALS",
    "ArticleRange",
    "EffectRule",
    "Entry",
    "HistoryError",
    "RuleKind",
    "add_months",
    "article_lists",
    "effect_rules",
    "effective_from_history",
    "history_entries",
    "in_ranges",
    "named_articles",
    "roc_date",
    "third_day",
]
