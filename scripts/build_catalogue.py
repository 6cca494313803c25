"""Build the statute catalogue: ``statutes/data/<PCODE>.json``, one file per law.

Usage (from the repository root)::

    python scripts/build_catalogue.py [--shared ../shared/statutes] [--check]

Reads the official texts in ``--shared`` (全國法規資料庫 open data: every version seen in the
snapshots 2015-12 … 2024-10, see its README) and the reviewed facts in ``statutes/curation/``,
and writes the catalogue in the format of ``statutes/DATA_FORMAT.md``. The output is
deterministic: running it twice gives identical files. ``--check`` writes nothing and exits 1
if a data file would change.

Dating rules:

* The 沿革 (``history``) is parsed into amendments: promulgation date, the articles named (lists,
  ranges 第 315～318 條, 增訂, 刪除), full revisions (全文 N 條), and the effective date: an
  explicit 「自…施行」, a separate order recorded in the 沿革 (「…令發布定自…施行」), a
  period (「自公布後一年施行」) or — for 「自公布日施行」 and for amendments that record no
  date — the third day counting the day of promulgation (中央法規標準法第13條). Anything
  ambiguous (several dates, orders for some articles only) stops the build until it is settled
  in the curation file, with its basis.
* The source versions of an article are grouped into legal versions: layout-only changes are
  ignored; punctuation-width or 台/臺 changes, and wording changes that no amendment of the
  article explains (no amendment naming it between the two texts' 最新異動日期), are editorial
  variants of the same version, whose text is the latest source text. A wording change with
  such an amendment is a new legal version, in force from that amendment's effective date.
  The first text of an article is dated from the last amendment of it at or before its law date
  (for texts older than the data: applied back to that amendment).
* Texts of snapshots before 2021-09 are hard-wrapped at 64 columns; they are unwrapped (see
  :func:`unwrap`), so that every line of a stored text is a paragraph, subparagraph or item.

Curation (``statutes/curation/<PCODE>.json``), all keys optional except ``pcode`` and
``provisions``:

* ``effective_dates``: ``[{promulgated, articles (null: all others), effective, basis}]`` for
  amendments whose date the 沿革 does not settle, or sets outside it (e.g. 國家賠償法第17條).
* ``default_basis``: ``[{from, text}]`` added to the basis of undated amendments from a date on.
* ``entries_not_touching``: 沿革 entries that touch none of the catalogued articles (民法's 編).
* ``unwrap``: ``{line: "break" | "join"}`` for hard-wrapped lines the rules cannot settle.
* ``name``, ``url``, ``nature``, ``current_to``: for a law that is not in the shared data.
* ``provisions``: one entry per provision: ``id``, ``article``, ``title``, ``paragraph_titles``,
  ``replaced_by`` (``replaces`` is set from it); ``source`` (``{article, law_date_from,
  law_date_before}``: which source versions, omitted for a provision with none);
  ``era_from``/``era_before`` (the numbering's promulgation dates: amendments outside it do not
  touch the provision); ``curated_versions`` (texts not in the data: ``amendment``, ``text``,
  ``verified``, ``source``; ``effective_from``/``effective_basis`` for a law without 沿革);
  ``ends_with_amendment`` and ``end_note`` (a provision that ends without successor);
  ``version_notes`` (``{effective_from: note}``, appended to the version's source); and
  ``penalties`` (rules: ``versions``, ``paragraphs``, ``complaint_required``, ``aggravates``,
  ``note``; see :func:`compute_penalties`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the ``statutes`` package importable
    sys.path.insert(0, str(ROOT))

from statutes.catalogue import DATA_DIRECTORY, dump_law  # noqa: E402
from statutes.chinese_numbers import parse_chinese_number  # noqa: E402
from statutes.dates import add_months  # noqa: E402
from statutes.model import (  # noqa: E402
    EditorialVariant,
    Law,
    Penalty,
    Provision,
    ProvisionVersion,
    VariantKind,
    article_sort_key,
    cite_article,
    normalize_article,
)
from statutes.roc_calendar import ROC_EPOCH_OFFSET  # noqa: E402
from statutes.textdiff import classify_change, strip_whitespace  # noqa: E402

try:  # written by another engineer; the catalogue is rebuilt with penalties once it exists
    from statutes.penalties import PenaltyParseError, parse_penalties
except ImportError:  # pragma: no cover - depends on the state of the repository
    parse_penalties = None  # type: ignore[assignment]
    PenaltyParseError = ValueError  # type: ignore[assignment,misc]

CURATION_DIRECTORY = ROOT / "statutes" / "curation"
DEFAULT_SHARED = ROOT.parent / "shared" / "statutes"
DATA_SOURCE = "全國法規資料庫 open data (kong0107/mojLawSplitJSON)"
# Snapshots before this one hard-wrap every line at 64 columns.
FIRST_UNWRAPPED_SNAPSHOT = "20210903"
WRAP_COLUMNS = 63
# 刑法施行法第1條之1: fines of 刑法 texts older than these dates are in the old unit.
FINE_TIMES_THIRTY_BEFORE = date(1983, 6, 26)
FINE_TIMES_THREE_UNTIL = date(2005, 1, 7)
CRIMINAL_CODE = "C0000001"
STANDARDS_ACT_ENACTED = date(1970, 8, 31)  # 中央法規標準法
NO_DATE_BASIS = "沿革 records no 施行 date"


class CatalogueError(Exception):
    """The source data and the curation disagree, or something needs a curated decision."""


# ---------------------------------------------------------------------------------------------
# Dates


_CN = "〇零一二三四五六七八九十百"
_ROC_DATE = re.compile(rf"(?:中華民國)?(?P<y>[{_CN}]+|同)年(?P<m>[{_CN}]+)月(?P<d>[{_CN}]+)日")


def roc_date(match: re.Match[str], same_year: int | None = None) -> date:
    """A Gregorian date from a 民國 date written in Chinese numerals (「同年」 needs ``same_year``)."""
    if match["y"] == "同":
        if same_year is None:
            raise CatalogueError(f"「同年」 without a year: {match.group()}")
        year = same_year
    else:
        year = parse_chinese_number(match["y"]) + ROC_EPOCH_OFFSET
    return date(year, parse_chinese_number(match["m"]), parse_chinese_number(match["d"]))


def parse_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def law_date(value: str) -> date:
    """``20191225`` → date(2019, 12, 25)."""
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def snapshot_date(value: str | None) -> date | None:
    return law_date(value) if value else None


def third_day(promulgated: date) -> date:
    """中央法規標準法第13條: in force from the third day, counting the day of promulgation."""
    return promulgated + timedelta(days=2)


# ---------------------------------------------------------------------------------------------
# 沿革 (amendment history)


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
        if self.all_articles or article in self.articles:
            return True
        key = article_sort_key(article)
        return any(article_sort_key(low) <= key <= article_sort_key(high) for low, high in self.ranges)

    def adds(self, article: str) -> bool:
        """Whether this amendment added ``article`` (增訂), i.e. it did not exist before."""
        key = article_sort_key(article)
        for item in self.added:
            low, _, high = item.partition("～")
            if article_sort_key(low) <= key <= article_sort_key(high or low):
                return True
        return False

    def article_list(self) -> list[str]:
        listed = [*self.articles, *(f"{low}～{high}" for low, high in self.ranges)]
        return sorted(listed, key=lambda item: article_sort_key(item.split("～")[0]))


_ENTRY = re.compile(r"(?m)^\s*(\d+)\.\s*")
_SEGMENT_START = re.compile(rf"中華民國[{_CN}]+年[{_CN}]+月[{_CN}]+日")
_ARTICLE_LIST = re.compile(r"第?((?:\d+(?:-\d+)?)(?:[、～](?:\d+(?:-\d+)?))*)條")
_FULL_TEXT = re.compile(r"全文\d+條")
_PROMULGATION = re.compile(r"(公布|發布)")
_CHANGE = re.compile(r"(制定|修正|增訂|刪除|訂定)")
_ON_PROMULGATION = re.compile(r"自(?:公布|發布)(?:之)?日(?:起)?施行")
_SAME_DAY = re.compile(r"公布(?:同日)?施行")
_AFTER_PERIOD = re.compile(r"自(?:公布|發布)後(?P<period>[^（施]+?)(?:（(?P<date>[^）]+)）)?施行")
_EXPLICIT = re.compile(rf"自(?P<date>(?:中華民国|中華民國)?(?:[{_CN}]+|同)年[{_CN}]+月[{_CN}]+日)(?:起)?施行")
_BY_ORDER = re.compile(r"施行日期(?:，)?(?:由|以)")
_ORDER_DATE = re.compile(rf"(?:定自|定於|發布自|自)(?P<date>(?:中華民國)?[{_CN}]+年[{_CN}]+月[{_CN}]+日)(?:起)?施行")
_ORDER_VERB = re.compile(r"(?<!規)定(?:自|於)")
_QUALIFIED = re.compile(r"(但|除|其中|以外|部分)")


def _history_entries(history: str) -> list[tuple[int, str]]:
    parts = _ENTRY.split(history)
    return [(int(parts[index]), re.sub(r"\s+", "", parts[index + 1])) for index in range(1, len(parts), 2)]


def _segments(entry: str) -> list[str]:
    """An entry split at each 「中華民國…日」 that opens a promulgation or an order."""
    starts = [0]
    for match in _SEGMENT_START.finditer(entry):
        before = entry[max(0, match.start() - 2) : match.start()]
        if match.start() and not before.endswith(("於", "自", "至", "前")):
            starts.append(match.start())
    starts = sorted(set(starts))
    return [entry[start:end] for start, end in zip(starts, [*starts[1:], len(entry)], strict=True)]


def _articles(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    named: list[str] = []
    ranges: list[tuple[str, str]] = []
    text = _FULL_TEXT.sub("", text)
    for match in _ARTICLE_LIST.finditer(text):
        for item in match.group(1).split("、"):
            if "～" in item:
                low, high = item.split("～")
                ranges.append((low, high))
            elif item:
                named.append(item)
    return named, ranges


def _added(text: str) -> list[str]:
    named, ranges = _articles(text)
    return [*named, *(f"{low}～{high}" for low, high in ranges)]


def _period_months(period: str) -> int | None:
    match = re.fullmatch(rf"(?:(?P<y>[{_CN}]+)年)?(?:(?P<m>[{_CN}]+)個?月)?", period)
    if not match or not (match["y"] or match["m"]):
        return None
    years = parse_chinese_number(match["y"]) if match["y"] else 0
    months = parse_chinese_number(match["m"]) if match["m"] else 0
    return years * 12 + months


def _order_date(segment: str, year: int) -> date | None:
    match = _ORDER_DATE.search(segment)
    if not match:
        return None
    inner = _ROC_DATE.search(match["date"])
    return roc_date(inner, year) if inner else None


def _effective(primary: str, orders: list[str], promulgated: date) -> tuple[date | None, str]:
    """The effective date of one promulgation and its basis; (None, reason) if ambiguous."""
    clauses = [part for part in primary.split("；") if "施行" in part]
    clause = "；".join(clauses)
    if clause and _QUALIFIED.search(clause):
        return None, f"沿革 gives more than one 施行 rule: 「{clause}」"
    if len(orders) > 1:
        return None, "沿革 records several 施行 orders: " + " / ".join(orders)
    if orders and re.search(r"第\d", orders[0].split("令")[-1]):
        return None, f"the 施行 order names only some articles: 「{orders[0]}」"
    if _SAME_DAY.search(clause):
        return promulgated, f"沿革：「{clause}」"
    if _ON_PROMULGATION.search(clause):
        return third_day(promulgated), f"沿革：「{clause}」；中央法規標準法第13條：自公布日起算至第三日起發生效力"
    if match := _AFTER_PERIOD.search(clause):
        if match["date"] and (inner := _ROC_DATE.search(match["date"])):
            return roc_date(inner, promulgated.year), f"沿革：「{clause}」"
        months = _period_months(match["period"])
        if months is None:
            return None, f"unknown period: 「{clause}」"
        return add_months(promulgated, months), f"沿革：「{clause}」"
    if match := _EXPLICIT.search(clause):
        inner = _ROC_DATE.search(match["date"])
        if inner:
            return roc_date(inner, promulgated.year), f"沿革：「{clause}」"
    if orders:
        day = _order_date(orders[0], promulgated.year)
        if day is not None:
            return day, f"沿革：{orders[0]}"
        return None, f"unreadable 施行 order: 「{orders[0]}」"
    if clause:
        if _BY_ORDER.search(clause):
            return None, f"沿革：「{clause}」 and records no order fixing the date"
        return None, f"unknown 施行 clause: 「{clause}」"
    basis = f"{NO_DATE_BASIS}: taken as in force from the third day counting promulgation (中央法規標準法第13條)"
    if promulgated < STANDARDS_ACT_ENACTED:
        basis += "; that Act dates from 1970, so for this earlier date the day is a convention, not verified"
    return third_day(promulgated), basis


def parse_history(history: str) -> list[Amendment]:
    """The promulgations recorded in a 沿革, oldest first."""
    amendments: list[Amendment] = []
    for number, entry in _history_entries(history):
        segments = _segments(entry)
        primaries = [
            segment
            for index, segment in enumerate(segments)
            if _PROMULGATION.search(segment)
            and (index == 0 or _CHANGE.search(segment))
            and not _ORDER_VERB.search(segment)
        ]
        orders = [
            segment
            for segment in segments
            if segment not in primaries and "施行" in segment and _ORDER_DATE.search(segment) and "管轄" not in segment
        ]
        if not primaries:
            raise CatalogueError(f"沿革 entry {number} has no promulgation: {entry}")
        for primary in primaries:
            match = _ROC_DATE.search(primary)
            if not match:
                raise CatalogueError(f"沿革 entry {number} has no date: {primary}")
            promulgated = roc_date(match)
            head = primary.split("；")[0] if "；" in primary else primary
            listed = "；".join(part for part in primary.split("；") if "施行" not in part) or head
            named, ranges = _articles(listed)
            added = tuple(
                item
                for part in re.split(r"[；，]", listed)
                if "增訂" in part
                for item in _added(part.split("增訂", 1)[1])
            )
            full = bool(_FULL_TEXT.search(primary)) or ("制定" in primary and not named and not ranges)
            effective, basis = _effective(primary, orders if len(primaries) == 1 else [], promulgated)
            amendments.append(
                Amendment(
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
            )
    return amendments


# ---------------------------------------------------------------------------------------------
# Curation


@dataclass(frozen=True)
class EffectiveOverride:
    promulgated: date
    articles: tuple[str, ...] | None  # None: every article of that amendment not named elsewhere
    effective: date
    basis: str


@dataclass
class LawCuration:
    pcode: str
    raw: dict[str, Any]
    overrides: list[EffectiveOverride]

    @property
    def provisions(self) -> list[dict[str, Any]]:
        return self.raw.get("provisions", [])


def load_curation(directory: Path) -> dict[str, LawCuration]:
    """Every ``<PCODE>.json`` in the curation directory."""
    curations: dict[str, LawCuration] = {}
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        pcode = raw["pcode"]
        if path.stem != pcode:
            raise CatalogueError(f"{path.name} holds {pcode}")
        overrides = [
            EffectiveOverride(
                promulgated=date.fromisoformat(item["promulgated"]),
                articles=tuple(normalize_article(a) for a in item["articles"]) if item.get("articles") else None,
                effective=date.fromisoformat(item["effective"]),
                basis=item["basis"],
            )
            for item in raw.get("effective_dates", [])
        ]
        curations[pcode] = LawCuration(pcode=pcode, raw=raw, overrides=overrides)
    return curations


@dataclass
class LawContext:
    """One law: its source data, parsed 沿革 and curation."""

    pcode: str
    source: dict[str, Any] | None
    curation: LawCuration
    amendments: list[Amendment]

    def effective(self, amendment: Amendment, article: str) -> tuple[date, str]:
        """When ``amendment`` took effect for ``article``, with the basis."""
        candidates = [o for o in self.curation.overrides if o.promulgated == amendment.promulgated]
        for override in candidates:
            if override.articles is not None and article in override.articles:
                return override.effective, override.basis
        for override in candidates:
            if override.articles is None:
                return override.effective, override.basis
        if amendment.effective is None:
            raise CatalogueError(
                f"{self.pcode} {cite_article(article)}: the {amendment.promulgated} amendment needs a curated "
                f"effective date ({amendment.basis})"
            )
        basis = amendment.basis
        if basis.startswith(NO_DATE_BASIS):
            for extra in self.curation.raw.get("default_basis", []):
                if amendment.promulgated >= date.fromisoformat(extra["from"]):
                    basis = f"{basis}; {extra['text']}"
        return amendment.effective, basis

    def amendment_on(self, promulgated: date) -> Amendment:
        found = [a for a in self.amendments if a.promulgated == promulgated]
        if not found:
            raise CatalogueError(f"{self.pcode}: no amendment promulgated {promulgated} in the 沿革")
        return found[0]

    def touching(self, article: str, after: date | None, until: date, era: tuple[date, date | None]) -> list[Amendment]:
        """Amendments of ``article`` promulgated in (after, until], within the numbering era."""
        start, end = era
        return [
            amendment
            for amendment in self.amendments
            if amendment.touches(article)
            and (after is None or amendment.promulgated > after)
            and amendment.promulgated <= until
            and amendment.promulgated >= start
            and (end is None or amendment.promulgated < end)
        ]


# ---------------------------------------------------------------------------------------------
# Texts: layout


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_UNIT_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十]+\s*[）)])")


def unwrap(text: str, decisions: dict[str, str], unresolved: list[str], where: str) -> str:
    """Undo the 64-column hard wrap of snapshots before 2021-09.

    A line narrower than the wrap always ends its paragraph; a full line continues into the next
    unless it ends with 。 or ： and the next line opens a subparagraph (一、) or item (（一）).
    A full line ending with 。 or ： before an ordinary line is ambiguous and needs a curated
    decision (``decisions[line] = "break" | "join"``); undecided ones are reported.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if line.strip()]
    out: list[str] = []
    join_next = False
    for index, line in enumerate(lines):
        if join_next and out:
            out[-1] += line.strip()
        else:
            out.append(line.strip())
        if index + 1 == len(lines):
            break
        following = lines[index + 1]
        if _width(line) < WRAP_COLUMNS or _UNIT_START.match(following):
            join_next = False
        elif not line.endswith(("。", "：", "︰")) or following.startswith(" ") or following.strip().startswith("但"):
            join_next = True
        else:
            decision = decisions.get(line.strip())
            if decision is None:
                unresolved.append(f"{where}: {line.strip()!r} / next {following.strip()!r}")
            join_next = decision != "break"
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Source versions → legal versions


@dataclass
class SourceText:
    text: str  # as the source has it
    first_law: str
    last_law: str
    first_snapshot: str | None
    last_snapshot: str | None
    predates: bool
    historical: bool = False
    url: str = ""

    @property
    def wrapped(self) -> bool:
        return self.historical or (self.first_snapshot or "") < FIRST_UNWRAPPED_SNAPSHOT


@dataclass
class Group:
    """One legal version being assembled from source texts."""

    sources: list[SourceText]
    amendment: Amendment | None
    variants: list[tuple[SourceText, VariantKind]] = field(default_factory=list)

    @property
    def latest(self) -> SourceText:
        return self.sources[-1]


def source_texts(article: dict[str, Any], law_from: str | None, law_before: str | None) -> list[SourceText]:
    """The article's versions (and 歷史法規 versions), oldest first, within a law-date window."""
    texts: list[SourceText] = []
    for item in article.get("historical_versions") or []:
        texts.append(
            SourceText(
                text=item["text"],
                first_law=item["law_date"],
                last_law=item["law_date"],
                first_snapshot=None,
                last_snapshot=None,
                predates=True,
                historical=True,
                url=item.get("url", ""),
            )
        )
    for item in article["versions"]:
        texts.append(
            SourceText(
                text=item["text"],
                first_law=item["first_seen_law_date"],
                last_law=item["last_seen_law_date"],
                first_snapshot=item["first_seen_snapshot"],
                last_snapshot=item["last_seen_snapshot"],
                predates=bool(item["predates_first_snapshot"]),
            )
        )
    texts.sort(key=lambda item: (item.first_law, item.first_snapshot or ""))
    return [
        item
        for item in texts
        if (law_from is None or item.first_law >= law_from) and (law_before is None or item.first_law < law_before)
    ]


def group_versions(
    context: LawContext, article: str, texts: list[SourceText], era: tuple[date, date | None]
) -> list[Group]:
    """Group source texts into legal versions (see the module docstring)."""
    groups: list[Group] = []
    for text in texts:
        if not groups:
            touching = context.touching(article, None, law_date(text.first_law), era)
            if not touching:
                raise CatalogueError(f"{context.pcode} {cite_article(article)}: no amendment before {text.first_law}")
            groups.append(Group(sources=[text], amendment=touching[-1]))
            continue
        group = groups[-1]
        kind = classify_change(group.latest.text, text.text)
        if kind is None or kind is VariantKind.LAYOUT:
            group.sources.append(text)
            continue
        if kind is VariantKind.PUNCTUATION:
            group.variants.append((group.latest, kind))
            group.sources.append(text)
            continue
        touching = context.touching(article, law_date(group.latest.last_law), law_date(text.first_law), era)
        if touching:
            groups.append(Group(sources=[text], amendment=touching[-1]))
        else:
            group.variants.append((group.latest, VariantKind.EDITORIAL))
            group.sources.append(text)
    return groups


def _describe_sources(texts: Iterable[SourceText]) -> str:
    texts = list(texts)
    parts = []
    snapshots = [t for t in texts if not t.historical]
    if snapshots:
        first = min(t.first_snapshot or "" for t in snapshots)
        last = max(t.last_snapshot or "" for t in snapshots)
        parts.append(f"{DATA_SOURCE}, snapshots {law_date(first)}…{law_date(last)}")
    historical = [t for t in texts if t.historical]
    if historical:
        dates = ", ".join(str(law_date(t.first_law)) for t in historical)
        parts.append(f"全國法規資料庫 歷史法規 (LawOldVer) of {dates}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------
# Penalties


def fine_multiplier(pcode: str, promulgated: date | None) -> int:
    """刑法施行法第1條之1 for 刑法 texts: ×30 before 1983-06-26, ×3 until 2005-01-07, else ×1."""
    if pcode != CRIMINAL_CODE or promulgated is None:
        return 1
    if promulgated < FINE_TIMES_THIRTY_BEFORE:
        return 30
    if promulgated <= FINE_TIMES_THREE_UNTIL:
        return 3
    return 1


def _selected(selector: Any, value: Any) -> bool:
    return selector in (None, "all") or value in selector


def compute_penalties(
    pcode: str, text: str, promulgated: date | None, effective_from: date, rules: list[dict[str, Any]]
) -> tuple[Penalty, ...]:
    """The penalties of one version: :func:`parse_penalties` plus the curated flags (``rules``).

    Each rule selects versions (``"versions"``: effective_from dates, or all) and paragraphs
    (``"paragraphs"``), and sets ``complaint_required``, ``aggravates`` and/or appends ``note``.
    """
    if parse_penalties is None:
        return ()
    penalties = list(parse_penalties(text, fine_multiplier=fine_multiplier(pcode, promulgated)))
    for rule in rules:
        if not _selected(rule.get("versions"), effective_from.isoformat()):
            continue
        matched = False
        for index, penalty in enumerate(penalties):
            if not _selected(rule.get("paragraphs"), penalty.paragraph):
                continue
            matched = True
            changes: dict[str, Any] = {}
            if "complaint_required" in rule:
                changes["complaint_required"] = bool(rule["complaint_required"])
            if "aggravates" in rule:
                changes["aggravates"] = tuple(rule["aggravates"])
            if rule.get("note"):
                changes["note"] = f"{penalty.note}；{rule['note']}" if penalty.note else rule["note"]
            penalties[index] = replace(penalty, **changes)
        if not matched and rule.get("required", True):
            raise CatalogueError(f"{pcode}: penalty rule {rule} matches no penalty of the {effective_from} version")
    return tuple(penalties)


# ---------------------------------------------------------------------------------------------
# Provisions


def _curated_text(raw: dict[str, Any]) -> str:
    text = raw["text"]
    return "\n".join(text) if isinstance(text, list) else text


def build_provision(context: LawContext, spec: dict[str, Any], unresolved: list[str]) -> Provision:
    """One provision from its curation entry and the source data."""
    pcode = context.pcode
    article = normalize_article(spec["article"])
    provision_id = spec["id"]
    expected_id = f"{pcode}:{article}"
    if provision_id != expected_id and not provision_id.startswith(expected_id + "@"):
        raise CatalogueError(f"{provision_id}: id does not match article {article}")
    era_start = parse_iso(spec.get("era_from")) or date.min
    era_end = parse_iso(spec.get("era_before"))
    era = (era_start, era_end)
    decisions: dict[str, str] = context.curation.raw.get("unwrap", {})

    built: list[tuple[date, ProvisionVersion]] = []
    # Texts older than the data (seed leaflet) or not in it (official site), curated.
    for raw in spec.get("curated_versions", []):
        promulgated = date.fromisoformat(raw["amendment"])
        amendment = context.amendment_on(promulgated) if context.source is not None else None
        if amendment is not None:
            effective_from, basis = context.effective(amendment, article)
        else:
            effective_from, basis = date.fromisoformat(raw["effective_from"]), raw["effective_basis"]
        text = _curated_text(raw)
        version = ProvisionVersion(
            text=text,
            effective_from=effective_from,
            effective_to=None,
            promulgated=promulgated,
            amendment=promulgated.isoformat(),
            repealed=text.strip() == "（刪除）",
            verified=bool(raw.get("verified", False)),
            source=f"{raw['source']} In force from: {basis.rstrip('.')}.",
        )
        built.append((effective_from, version))

    source_spec = spec.get("source")
    if source_spec is not None:
        if context.source is None:
            raise CatalogueError(f"{provision_id}: no source data for {pcode}")
        label = source_spec.get("article", article)
        matches = [a for a in context.source["articles"] if normalize_article(a["article"]) == label]
        if len(matches) != 1:
            raise CatalogueError(f"{provision_id}: article {label} not in the source data")
        texts = source_texts(matches[0], source_spec.get("law_date_from"), source_spec.get("law_date_before"))
        if not texts:
            raise CatalogueError(f"{provision_id}: no source versions in the selected window")
        for position, group in enumerate(group_versions(context, article, texts, era)):
            amendment = group.amendment
            assert amendment is not None
            effective_from, basis = context.effective(amendment, article)
            where = f"{provision_id} ({effective_from})"
            latest = group.latest
            text = unwrap(latest.text, decisions, unresolved, where) if latest.wrapped else latest.text
            variants = []
            for variant_text, kind in group.variants:
                body = (
                    unwrap(variant_text.text, decisions, unresolved, where + " variant")
                    if variant_text.wrapped
                    else variant_text.text
                )
                variants.append(
                    EditorialVariant(
                        text=body,
                        kind=kind,
                        first_seen=snapshot_date(variant_text.first_snapshot),
                        last_seen=snapshot_date(variant_text.last_snapshot),
                    )
                )
            source = _describe_sources(group.sources)
            if group.sources[0].predates:
                source += (
                    f". The text predates the first snapshot; it is dated from the last amendment of this article "
                    f"before the data ({amendment.promulgated}, 沿革 entry {amendment.entry})"
                )
            if position == 0 and not spec.get("curated_versions") and not amendment.adds(article):
                earlier = context.touching(article, None, amendment.promulgated - timedelta(days=1), era)
                adding = [index for index, item in enumerate(earlier) if item.adds(article)]
                earlier = earlier[adding[-1] :] if adding else earlier
                if earlier:
                    dates = ", ".join(str(item.promulgated) for item in earlier)
                    source += (
                        f". The 沿革 records earlier promulgations covering this article number ({dates}); no earlier "
                        "text is in the data or the seed leaflet, so the catalogue starts with this version"
                    )
            note = spec.get("version_notes", {}).get(effective_from.isoformat())
            if note:
                source += f". {note.rstrip('.')}"
            version = ProvisionVersion(
                text=text,
                effective_from=effective_from,
                effective_to=None,
                promulgated=amendment.promulgated,
                amendment=amendment.promulgated.isoformat(),
                repealed=strip_whitespace(text) == "（刪除）",
                verified=True,
                source=f"{source}. In force from: {basis.rstrip('.')}.",
                editorial_variants=tuple(variants),
            )
            built.append((effective_from, version))

    if not built:
        raise CatalogueError(f"{provision_id}: no versions")
    built.sort(key=lambda item: item[0])
    for (first, _), (second, _) in itertools.pairwise(built):
        if first >= second:
            raise CatalogueError(f"{provision_id}: two versions from {first} / {second}")

    end = None
    if spec.get("ends_with_amendment"):
        ending = context.amendment_on(date.fromisoformat(spec["ends_with_amendment"]))
        end = context.effective(ending, article)[0] - timedelta(days=1)
    versions: list[ProvisionVersion] = []
    rules = spec.get("penalties", [])
    for index, (effective_from, version) in enumerate(built):
        effective_to = built[index + 1][0] - timedelta(days=1) if index + 1 < len(built) else end
        penalties = compute_penalties(pcode, version.text, version.promulgated, effective_from, rules)
        source = version.source
        if index + 1 == len(built) and spec.get("end_note"):
            source = f"{source} {spec['end_note']}"
        versions.append(replace(version, effective_to=effective_to, penalties=penalties, source=source))
    return Provision(
        id=provision_id,
        law=pcode,
        article=article,
        title=spec["title"],
        paragraph_titles={int(key): value for key, value in spec.get("paragraph_titles", {}).items()},
        versions=tuple(versions),
        replaced_by=spec.get("replaced_by"),
        replaces=None,
    )


def link_provisions(provisions: dict[str, Provision]) -> dict[str, Provision]:
    """Set ``replaces`` from every ``replaced_by`` and end each replaced provision where its successor starts."""
    linked = dict(provisions)
    for provision in provisions.values():
        if provision.replaced_by is None:
            continue
        successor = linked.get(provision.replaced_by)
        if successor is None:
            raise CatalogueError(f"{provision.id} is replaced by unknown {provision.replaced_by}")
        if successor.replaces not in (None, provision.id):
            raise CatalogueError(f"{successor.id} replaces both {successor.replaces} and {provision.id}")
        linked[successor.id] = replace(successor, replaces=provision.id)
        start = successor.versions[0].effective_from
        last = linked[provision.id].versions[-1]
        expected_end = start - timedelta(days=1)
        if last.effective_to is None:
            versions = (*linked[provision.id].versions[:-1], replace(last, effective_to=expected_end))
            linked[provision.id] = replace(linked[provision.id], versions=versions)
        elif last.effective_to != expected_end:
            raise CatalogueError(f"{provision.id} ends {last.effective_to} but {successor.id} starts {start}")
    return linked


# ---------------------------------------------------------------------------------------------
# Laws


def amendment_records(context: LawContext, provisions: Iterable[Provision]) -> list[dict[str, Any]]:
    """The amendments that dated a catalogued version, with their effective dates and bases."""
    records: dict[tuple[str, str, str], dict[str, Any]] = {}
    for provision in provisions:
        for version in provision.versions:
            if version.promulgated is None or context.source is None:
                continue
            amendment = context.amendment_on(version.promulgated)
            effective, basis = context.effective(amendment, provision.article)
            key = (amendment.promulgated.isoformat(), effective.isoformat(), basis)
            if key not in records:
                records[key] = {
                    "promulgated": amendment.promulgated.isoformat(),
                    "effective": effective.isoformat(),
                    "articles": [] if amendment.full_revision else amendment.article_list(),
                    "full_revision": amendment.full_revision,
                    "basis": basis,
                }
    return [records[key] for key in sorted(records)]


def build_law(
    pcode: str, source: dict[str, Any] | None, curation: LawCuration, current_to: date | None, unresolved: list[str]
) -> tuple[Law, list[dict[str, Any]]]:
    """A law of the catalogue and its amendment records."""
    raw = curation.raw
    history = source["history"] if source is not None else raw.get("history", "")
    amendments = parse_history(history) if source is not None else []
    # 沿革 entries that enact only part of a code (民法's 編) do not touch the catalogued articles.
    excluded = {int(entry) for entry in raw.get("entries_not_touching", {})}
    amendments = [
        replace(amendment, articles=(), ranges=(), added=(), full_revision=False, all_articles=False)
        if amendment.entry in excluded
        else amendment
        for amendment in amendments
    ]
    context = LawContext(pcode=pcode, source=source, curation=curation, amendments=amendments)
    provisions = {spec["id"]: build_provision(context, spec, unresolved) for spec in curation.provisions}
    if len(provisions) != len(curation.provisions):
        raise CatalogueError(f"{pcode}: duplicate provision ids")
    provisions = link_provisions(provisions)
    ordered = sorted(provisions.values(), key=lambda p: (p.sort_key, p.id))
    law = Law(
        pcode=pcode,
        name=source["name"] if source is not None else raw["name"],
        url=source["url"] if source is not None else raw["url"],
        nature=source.get("nature", "法律") if source is not None else raw.get("nature", "法律"),
        history=history,
        current_to=current_to if source is not None else parse_iso(raw.get("current_to")),
        provisions=tuple(ordered),
    )
    return law, amendment_records(context, ordered)


def cross_links(laws: dict[str, Law]) -> None:
    """Every replaced_by/replaces and aggravates target must exist."""
    ids = {provision.id for law in laws.values() for provision in law.provisions}
    for law in laws.values():
        for provision in law.provisions:
            for target in (provision.replaced_by, provision.replaces):
                if target is not None and target not in ids:
                    raise CatalogueError(f"{provision.id} links to unknown {target}")
            for version in provision.versions:
                for penalty in version.penalties:
                    for target in penalty.aggravates:
                        if target.split("¶")[0] not in ids:
                            raise CatalogueError(f"{provision.id}: aggravates unknown {target}")


def render(law: Law, amendments: list[dict[str, Any]]) -> str:
    return json.dumps(dump_law(law, amendments=amendments), ensure_ascii=False, indent=2) + "\n"


def build(shared: Path, curation_directory: Path = CURATION_DIRECTORY) -> dict[str, str]:
    """Every data file of the catalogue: ``{file name: content}``."""
    index = json.loads((shared / "index.json").read_text(encoding="utf-8"))
    current_to = law_date(index["head_snapshot"])
    curations = load_curation(curation_directory)
    unresolved: list[str] = []
    laws: dict[str, Law] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    for pcode, curation in sorted(curations.items()):
        path = shared / f"{pcode}.json"
        source = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        laws[pcode], records[pcode] = build_law(pcode, source, curation, current_to, unresolved)
    if unresolved:
        raise CatalogueError("ambiguous line breaks need a curated decision:\n" + "\n".join(unresolved))
    cross_links(laws)
    return {f"{pcode}.json": render(law, records[pcode]) for pcode, law in laws.items()}


def _changed(files: dict[str, str], directory: Path) -> Iterator[str]:
    for name, content in files.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            yield name
    for path in directory.glob("*.json"):
        if path.name not in files:
            yield path.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared statute data")
    parser.add_argument("--output", type=Path, default=DATA_DIRECTORY, help="where to write the data files")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    try:
        files = build(args.shared)
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    changed = sorted(set(_changed(files, args.output)))
    if args.check:
        for name in changed:
            print(f"would change: {name}")
        return 1 if changed else 0
    args.output.mkdir(parents=True, exist_ok=True)
    for path in args.output.glob("*.json"):
        if path.name not in files:
            path.unlink()
    for name, content in files.items():
        (args.output / name).write_text(content, encoding="utf-8")
    if parse_penalties is None:
        print("warning: statutes/penalties.py is missing; penalties left empty", file=sys.stderr)
    print(f"wrote {len(files)} files to {args.output} ({len(changed)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
