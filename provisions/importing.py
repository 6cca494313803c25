"""Importing the official open data (全國法規資料庫) into the stored catalogue.

Parsing and change detection are pure (statutes.importing.opendata, statutes.importing.changes);
this module reads the stored laws, applies the changes and saves them in one
transaction, so a failed import leaves the catalogue as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from core.extensions import db
from provisions.models import StatuteLaw
from provisions.store import SaveReport, law_from_db, save_law
from statutes.catalogue.model import Law, ProvisionVersion, cite_article
from statutes.catalogue.penalties import PenaltyParseError, parse_penalties
from statutes.importing.applying import apply_changes
from statutes.importing.changes import ChangeKind, LawChanges, compute_changes
from statutes.importing.opendata import read_open_data

# Flags that come from other articles (告訴乃論 from 刑法第319條 and the like):
# a new wording of a paragraph keeps them.
_CARRIED_FLAGS = ("complaint_required", "aggravates", "aggravation")


@dataclass(frozen=True)
class ImportResult:
    laws: tuple[LawChanges, ...]  # every law of the file that the catalogue holds (or was asked for)
    skipped_laws: int  # laws in the file that the catalogue does not hold
    report: SaveReport
    stale: tuple[str, ...] = ()  # laws whose data is older than the catalogue (zh-TW lines)


def import_open_data(
    path: Path,
    *,
    include_new_articles: bool = False,
    add_laws: frozenset[str] = frozenset(),
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Compare an official data file with the stored catalogue and store the differences.

    Only laws already in the catalogue (plus ``add_laws``) are compared, and of
    those only the articles the catalogue holds unless ``include_new_articles``.
    Raises statutes.importing.opendata.OpenDataError (nothing stored) for a malformed file.
    """
    data = read_open_data(path, progress=progress)
    report = SaveReport()
    compared: list[LawChanges] = []
    stale: list[str] = []
    skipped = 0
    for snapshot in data.laws:
        stored = law_from_db(snapshot.pcode)
        if stored is None and snapshot.pcode not in add_laws:
            skipped += 1
            continue
        latest = _latest_amendment(stored)
        if latest is not None and snapshot.modified < latest:
            # An older download must not "amend" the law back to an earlier text.
            stale.append(f"{snapshot.name}：資料的最新異動日期 {snapshot.modified} 早於目錄已收錄的 {latest}，略過。")
            continue
        articles = None
        if stored is not None and not include_new_articles:
            articles = {provision.article for provision in stored.provisions}
        changes = compute_changes(snapshot, stored, update_date=data.update_date, articles=articles)
        compared.append(changes)
        if changes.has_changes:
            updated = _with_penalties(apply_changes(stored, changes, snapshot), stored)
            save_law(updated, report)
        elif stored is not None and data.update_date and (stored.current_to or date.min) < data.update_date:
            # Nothing changed, but the catalogue is now known to be current to this date.
            law_row = db.session.get(StatuteLaw, snapshot.pcode)
            if law_row is not None:
                law_row.current_to = data.update_date
    return ImportResult(tuple(compared), skipped, report, tuple(stale))


def _latest_amendment(law: Law | None) -> date | None:
    dates = [
        version.promulgated
        for provision in (law.provisions if law else ())
        for version in provision.versions
        if version.promulgated is not None
    ]
    return max(dates, default=None)


def _with_penalties(law: Law, before: Law | None) -> Law:
    """Give new versions of criminal provisions their parsed penalties."""
    old_versions = {
        (provision.id, version.effective_from): version
        for provision in (before.provisions if before else ())
        for version in provision.versions
    }
    provisions = []
    for provision in law.provisions:
        versions = []
        for index, version in enumerate(provision.versions):
            if (provision.id, version.effective_from) not in old_versions and not version.penalties:
                previous = provision.versions[index - 1] if index else None
                version = _parsed(version, previous)
            versions.append(version)
        provisions.append(replace(provision, versions=tuple(versions)))
    return replace(law, provisions=tuple(provisions))


def _parsed(version: ProvisionVersion, previous: ProvisionVersion | None) -> ProvisionVersion:
    if version.repealed or "處" not in version.text:
        return version
    lines = [line.rstrip() for line in version.text.split("\n") if line.strip()]
    # Data before 2021-09 is hard-wrapped at about 35 characters: a line that
    # does not end a sentence continues the paragraph.
    hard_wrapped = any(not line.endswith(("。", "：", "；")) for line in lines[:-1])
    try:
        penalties = parse_penalties(version.text, hard_wrapped=hard_wrapped)
    except PenaltyParseError:
        # Stored without penalties; the catalogue test lists such versions for review.
        return version
    if previous is not None:
        flags = {penalty.paragraph: penalty for penalty in previous.penalties}
        penalties = tuple(
            replace(penalty, **{name: getattr(flags[penalty.paragraph], name) for name in _CARRIED_FLAGS})
            if penalty.paragraph in flags
            else penalty
            for penalty in penalties
        )
    return replace(version, penalties=penalties)


def describe_changes(changes: LawChanges) -> list[str]:
    """Report lines for one law: the summary, then one line per changed article."""
    lines = [changes.summary()]
    labels = {
        ChangeKind.AMENDED: "修正",
        ChangeKind.ADDED: "新增",
        ChangeKind.REPEALED: "刪除",
        ChangeKind.EDITORIAL: "編修（資料庫更正文字，非修法）",
    }
    for change in changes.changed:
        line = f"  {cite_article(change.article)}：{labels.get(change.kind, str(change.kind))}"
        if change.effective_from:
            line += f"，{change.effective_from.isoformat()} 起施行"
        if change.note:
            line += f"（{change.note}）"
        lines.append(line)
    return lines
