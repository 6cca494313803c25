"""Moving laws between the pure model (statutes.catalogue.model) and the database."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core.extensions import db
from provisions.models import StatuteImport, StatuteLaw, StatuteProvision, StatuteVersion
from statutes.catalogue.model import Law, Provision, article_sort_key
from statutes.catalogue.serialization import law_from_dict, version_to_dict

DATA_DIRECTORY = Path(__file__).resolve().parent.parent / "statutes" / "data"
_VERSION_FIELDS = (
    "text",
    "effective_to",
    "promulgated",
    "amendment",
    "repealed",
    "verified",
    "source",
    "penalties",
    "editorial_variants",
)


@dataclass
class SaveReport:
    """What one load or import changed, law by law and article by article."""

    laws_added: list[str] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.laws_added or self.changes)

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for change in self.changes:
            kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
        labels = {"version_added": "新增版本", "version_updated": "更新版本", "provision_added": "新增條文"}
        parts = [f"新增法規 {len(self.laws_added)} 部"] if self.laws_added else []
        parts += [f"{labels.get(kind, kind)} {count} 筆" for kind, count in sorted(kinds.items())]
        return "、".join(parts) if parts else "沒有變更"


def read_data_files(directory: Path = DATA_DIRECTORY) -> list[Law]:
    """Every ``<PCODE>.json`` catalogue file in ``directory``, as model laws."""
    files = sorted(directory.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"{directory} 沒有法規資料檔（*.json）。")
    laws = []
    for path in files:
        try:
            laws.append(law_from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path.name} 格式錯誤：{error}") from error
    return laws


def _version_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data[name] for name in _VERSION_FIELDS}
    for name in ("effective_to", "promulgated"):
        values[name] = date.fromisoformat(values[name]) if values[name] else None
    return values


def save_law(law: Law, report: SaveReport) -> None:
    """Insert or update one law with its provisions and versions (idempotent).

    Versions are matched by (provision, effective_from). Versions already in
    the database but not in ``law`` (e.g. added by an import) are kept.
    """
    row = db.session.get(StatuteLaw, law.pcode)
    if row is None:
        row = StatuteLaw(pcode=law.pcode)
        db.session.add(row)
        report.laws_added.append(law.pcode)
    row.name, row.url, row.nature, row.history, row.current_to = (
        law.name,
        law.url,
        law.nature,
        law.history,
        law.current_to,
    )
    existing = {
        provision.id: provision
        for provision in db.session.scalars(
            sa.select(StatuteProvision)
            .where(StatuteProvision.law_pcode == law.pcode)
            .options(selectinload(StatuteProvision.versions))
        )
    }
    for provision in law.provisions:
        _save_provision(row, provision, existing.get(provision.id), report)


def _save_provision(
    law_row: StatuteLaw, provision: Provision, row: StatuteProvision | None, report: SaveReport
) -> None:
    number, sub = article_sort_key(provision.article)
    if row is None:
        row = StatuteProvision(id=provision.id, law=law_row, article_number=number, article_sub=sub)
        db.session.add(row)
        if law_row.pcode not in report.laws_added:
            report.changes.append({"law": law_row.pcode, "article": provision.article, "kind": "provision_added"})
    row.article, row.article_number, row.article_sub = provision.article, number, sub
    row.title = provision.title
    row.paragraph_titles = {str(key): value for key, value in provision.paragraph_titles.items()}
    row.replaced_by, row.replaces = provision.replaced_by, provision.replaces
    by_start = {version.effective_from: version for version in row.versions}
    for version in provision.versions:
        values = _version_values(version_to_dict(version))
        current = by_start.get(version.effective_from)
        change = {"law": law_row.pcode, "article": provision.article, "effective_from": str(version.effective_from)}
        if current is None:
            row.versions.append(StatuteVersion(effective_from=version.effective_from, **values))
            report.changes.append({**change, "kind": "version_added"})
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            report.changes.append({**change, "kind": "version_updated"})


def save_laws(laws: Iterable[Law], *, kind: str, source: str) -> SaveReport:
    """Save several laws and record the run in statute_import (the caller commits)."""
    report = SaveReport()
    for law in laws:
        save_law(law, report)
    db.session.flush()
    if report.changed:
        db.session.add(StatuteImport(kind=kind, source=source[:255], summary=report.summary(), changes=report.changes))
    return report


def law_from_db(pcode: str) -> Law | None:
    """The stored law as a model object (for the engine, queries and imports)."""
    row = db.session.scalar(
        sa.select(StatuteLaw)
        .where(StatuteLaw.pcode == pcode)
        .options(selectinload(StatuteLaw.provisions).selectinload(StatuteProvision.versions))
    )
    if row is None:
        return None
    return law_from_dict(
        {
            "pcode": row.pcode,
            "name": row.name,
            "url": row.url,
            "nature": row.nature,
            "history": row.history,
            "current_to": row.current_to.isoformat() if row.current_to else None,
            "provisions": [_provision_dict(provision) for provision in row.provisions],
        }
    )


def _provision_dict(row: StatuteProvision) -> dict[str, Any]:
    return {
        "id": row.id,
        "article": row.article,
        "title": row.title,
        "paragraph_titles": row.paragraph_titles,
        "replaced_by": row.replaced_by,
        "replaces": row.replaces,
        "versions": [
            {
                "text": version.text,
                "effective_from": version.effective_from.isoformat(),
                "effective_to": version.effective_to.isoformat() if version.effective_to else None,
                "promulgated": version.promulgated.isoformat() if version.promulgated else None,
                "amendment": version.amendment,
                "repealed": version.repealed,
                "verified": version.verified,
                "source": version.source,
                "penalties": version.penalties,
                "editorial_variants": version.editorial_variants,
            }
            for version in row.versions
        ],
    }


def all_laws_from_db() -> list[Law]:
    pcodes = db.session.scalars(sa.select(StatuteLaw.pcode).order_by(StatuteLaw.pcode)).all()
    return [law for pcode in pcodes if (law := law_from_db(pcode)) is not None]
