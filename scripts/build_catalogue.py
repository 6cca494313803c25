"""Build the statute catalogue: ``statutes/data/<PCODE>.json``, one file per law.

Usage (from the repository root)::

    python scripts/build_catalogue.py [--shared ../shared/statutes] [--check]

Reads the official texts in ``--shared`` (全國法規資料庫 open data: every version seen in the
snapshots 2015-12 … 2024-10, see its README) and the reviewed facts in ``statutes/curation/``,
and writes the catalogue in the format of ``statutes/DATA_FORMAT.md``. The output is
deterministic: running it twice gives identical files. ``--check`` writes nothing and exits 1
if a data file would change.

Dating rules:

* The 沿革 (``history``) is parsed into amendments (:mod:`statutes.importing.amendments`): promulgation
  date, the articles named (lists, ranges 第 315～318 條, 增訂, 刪除), full revisions (全文 N
  條), and the effective date: an explicit 「自…施行」, a separate order recorded in the 沿革 (「…令發布定自…施行」), a
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

from statutes.catalogue.lookup import DATA_DIRECTORY, dump_law  # noqa: E402
from statutes.catalogue.model import (  # noqa: E402
    EditorialVariant,
    Law,
    Penalty,
    Provision,
    ProvisionVersion,
    VariantKind,
    cite_article,
    normalize_article,
)
from statutes.catalogue.textdiff import classify_change, strip_whitespace  # noqa: E402
from statutes.importing.amendments import NO_DATE_BASIS, Amendment, parse_history  # noqa: E402
from statutes.importing.history import HistoryError  # noqa: E402

try:  # written by another engineer; the catalogue is rebuilt with penalties once it exists
    from statutes.catalogue.penalties import PenaltyParseError, parse_penalties
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


class CatalogueError(Exception):
    """The source data and the curation disagree, or something needs a curated decision."""


# ---------------------------------------------------------------------------------------------
# Dates (the 沿革 is read by statutes.importing.amendments / statutes.importing.history)


def parse_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def law_date(value: str) -> date:
    """``20191225`` → date(2019, 12, 25)."""
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def snapshot_date(value: str | None) -> date | None:
    return law_date(value) if value else None


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
        provisions: list[dict[str, Any]] = self.raw.get("provisions", [])
        return provisions


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
    article = normalize_article(spec["article"])
    provision_id = spec["id"]
    expected_id = f"{context.pcode}:{article}"
    if provision_id != expected_id and not provision_id.startswith(expected_id + "@"):
        raise CatalogueError(f"{provision_id}: id does not match article {article}")
    # Texts older than the data (seed leaflet) or not in it (official site), curated.
    built = [_curated_version(context, article, raw) for raw in spec.get("curated_versions", [])]
    if spec.get("source") is not None:
        built.extend(_source_versions(context, spec, article, unresolved))
    if not built:
        raise CatalogueError(f"{provision_id}: no versions")
    built.sort(key=lambda item: item[0])
    for (first, _), (second, _) in itertools.pairwise(built):
        if first >= second:
            raise CatalogueError(f"{provision_id}: two versions from {first} / {second}")
    return Provision(
        id=provision_id,
        law=context.pcode,
        article=article,
        title=spec["title"],
        paragraph_titles={int(key): value for key, value in spec.get("paragraph_titles", {}).items()},
        versions=_dated(context, spec, article, built),
        replaced_by=spec.get("replaced_by"),
        replaces=None,
    )


def _curated_version(context: LawContext, article: str, raw: dict[str, Any]) -> tuple[date, ProvisionVersion]:
    """A curated text, in force from its amendment's date (or the curated date, for a law without 沿革)."""
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
    return effective_from, version


def _source_versions(
    context: LawContext, spec: dict[str, Any], article: str, unresolved: list[str]
) -> Iterator[tuple[date, ProvisionVersion]]:
    """The legal versions made of the source texts the curation selects (``spec["source"]``)."""
    provision_id, source_spec = spec["id"], spec["source"]
    if context.source is None:
        raise CatalogueError(f"{provision_id}: no source data for {context.pcode}")
    label = source_spec.get("article", article)
    matches = [a for a in context.source["articles"] if normalize_article(a["article"]) == label]
    if len(matches) != 1:
        raise CatalogueError(f"{provision_id}: article {label} not in the source data")
    texts = source_texts(matches[0], source_spec.get("law_date_from"), source_spec.get("law_date_before"))
    if not texts:
        raise CatalogueError(f"{provision_id}: no source versions in the selected window")
    era = (parse_iso(spec.get("era_from")) or date.min, parse_iso(spec.get("era_before")))
    decisions: dict[str, str] = context.curation.raw.get("unwrap", {})
    for position, group in enumerate(group_versions(context, article, texts, era)):
        amendment = group.amendment
        assert amendment is not None
        effective_from, basis = context.effective(amendment, article)
        where = f"{provision_id} ({effective_from})"

        def unwrapped(item: SourceText, where: str = where) -> str:
            return unwrap(item.text, decisions, unresolved, where) if item.wrapped else item.text

        text = unwrapped(group.latest)
        variants = [
            EditorialVariant(
                text=unwrapped(item, where + " variant"),
                kind=kind,
                first_seen=snapshot_date(item.first_snapshot),
                last_seen=snapshot_date(item.last_snapshot),
            )
            for item, kind in group.variants
        ]
        source = _group_source(context, spec, article, group, amendment, era, first=position == 0)
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
        yield effective_from, version


def _group_source(
    context: LawContext,
    spec: dict[str, Any],
    article: str,
    group: Group,
    amendment: Amendment,
    era: tuple[date, date | None],
    *,
    first: bool,
) -> str:
    """Where a legal version's text comes from, and what the data cannot vouch for."""
    source = _describe_sources(group.sources)
    if group.sources[0].predates:
        source += (
            f". The text predates the first snapshot; it is dated from the last amendment of this article "
            f"before the data ({amendment.promulgated}, 沿革 entry {amendment.entry})"
        )
    if first and not spec.get("curated_versions") and not amendment.adds(article):
        earlier = context.touching(article, None, amendment.promulgated - timedelta(days=1), era)
        adding = [index for index, item in enumerate(earlier) if item.adds(article)]
        earlier = earlier[adding[-1] :] if adding else earlier
        if earlier:
            dates = ", ".join(str(item.promulgated) for item in earlier)
            source += (
                f". The 沿革 records earlier promulgations covering this article number ({dates}); no earlier "
                "text is in the data or the seed leaflet, so the catalogue starts with this version"
            )
    effective_from, _ = context.effective(amendment, article)
    note = spec.get("version_notes", {}).get(effective_from.isoformat())
    if note:
        source += f". {note.rstrip('.')}"
    return source


def _dated(
    context: LawContext, spec: dict[str, Any], article: str, built: list[tuple[date, ProvisionVersion]]
) -> tuple[ProvisionVersion, ...]:
    """The versions with their end dates, penalties and the curated end note."""
    end = None
    if spec.get("ends_with_amendment"):
        ending = context.amendment_on(date.fromisoformat(spec["ends_with_amendment"]))
        end = context.effective(ending, article)[0] - timedelta(days=1)
    versions: list[ProvisionVersion] = []
    rules = spec.get("penalties", [])
    for index, (effective_from, version) in enumerate(built):
        effective_to = built[index + 1][0] - timedelta(days=1) if index + 1 < len(built) else end
        penalties = compute_penalties(context.pcode, version.text, version.promulgated, effective_from, rules)
        source = version.source
        if index + 1 == len(built) and spec.get("end_note"):
            source = f"{source} {spec['end_note']}"
        versions.append(replace(version, effective_to=effective_to, penalties=penalties, source=source))
    return tuple(versions)


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
    except (CatalogueError, HistoryError) as error:
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
        print("warning: statutes/catalogue/penalties.py is missing; penalties left empty", file=sys.stderr)
    print(f"wrote {len(files)} files to {args.output} ({len(changed)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
