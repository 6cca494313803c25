"""Applying the changes of a snapshot (:func:`statutes.importing.changes.compute_changes`) to the catalogue.

Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from statutes.catalogue.model import EditorialVariant, Law, Provision, ProvisionVersion, VariantKind
from statutes.importing.changes import ArticleChange, ChangeError, ChangeKind, LawChanges, current_position, is_deleted
from statutes.importing.opendata import LawSnapshot

__all__ = ["apply_changes"]


def apply_changes(law: Law | None, changes: LawChanges, snapshot: LawSnapshot) -> Law:
    """A new catalogue ``Law`` with ``changes`` (from :func:`compute_changes`) applied.

    - ``unchanged``: nothing, except that a layout-only difference takes the
      snapshot's layout (layout is never recorded as a variant);
    - ``editorial``: the snapshot's text replaces the current version's text
      and the old text becomes an :class:`EditorialVariant` (PUNCTUATION or
      EDITORIAL, ``last_seen`` = the catalogue's ``current_to``); dates,
      penalties and ``verified`` are untouched;
    - ``amended``: the current version ends the day before the new one takes
      effect; the new version (verified, source 「全國法規資料庫 Open API <date>」)
      has no penalties yet;
    - ``added``: a new provision ``PCODE:ARTICLE`` with one version (if a
      closed provision already has that id, the version is appended to it);
    - ``repealed``: for a （刪除） text, the current version is closed and a
      ``repealed`` version with the text （刪除） follows; for an article that
      vanished from the data, the current version is only closed
      (``effective_to`` = the day before ``effective_from``) and nothing follows.

    The law's name, URL, 沿革 and (for a new law) nature come from the
    snapshot; ``current_to`` becomes the data's update date when known.
    Raises :class:`ChangeError` when a date would make versions overlap.
    """
    if changes.pcode != snapshot.pcode or (law is not None and law.pcode != snapshot.pcode):
        raise ValueError("law, changes and snapshot must be of the same PCode")
    source = _source(changes)
    last_seen = law.current_to if law is not None else None
    provisions = list(law.provisions) if law is not None else []

    def position_of(article: str) -> int:
        current = current_position(provisions, snapshot.pcode, article)
        if current is None:
            raise ChangeError(f"{snapshot.name}{_cite(article)}：目錄中沒有現行條文可更新。")
        return current

    for change in changes.changes:
        if change.kind is ChangeKind.UNCHANGED:
            if change.old_text != change.new_text:
                index = position_of(change.article)
                last = provisions[index].versions[-1]
                provisions[index] = _with_last(provisions[index], replace(last, text=change.new_text))
        elif change.kind is ChangeKind.EDITORIAL:
            index = position_of(change.article)
            last = provisions[index].versions[-1]
            provisions[index] = _with_last(provisions[index], _corrected(last, change, last_seen))
        elif change.kind in (ChangeKind.AMENDED, ChangeKind.REPEALED):
            index = position_of(change.article)
            effective = _required_date(change, snapshot)
            provision = _closed(provisions[index], effective, snapshot.name)
            if change.new_text:
                provision = replace(provision, versions=(*provision.versions, _new_version(change, effective, source)))
            provisions[index] = provision
        elif change.kind is ChangeKind.ADDED:
            effective = _required_date(change, snapshot)
            version = _new_version(change, effective, source)
            provision_id = f"{snapshot.pcode}:{change.article}"
            existing = next((i for i, provision in enumerate(provisions) if provision.id == provision_id), None)
            if existing is None:
                provisions.append(
                    Provision(id=provision_id, law=snapshot.pcode, article=change.article, versions=(version,))
                )
            else:
                provisions[existing] = _revived(provisions[existing], version, snapshot.name)

    provisions.sort(key=lambda provision: provision.sort_key)  # stable: equal numbers keep their order
    return Law(
        pcode=snapshot.pcode,
        name=snapshot.name,
        url=snapshot.url,
        nature=snapshot.nature or (law.nature if law is not None else "法律"),
        history=snapshot.history,
        current_to=changes.update_date or (law.current_to if law is not None else None),
        provisions=tuple(provisions),
    )


def _source(changes: LawChanges) -> str:
    if changes.update_date is not None:
        return f"全國法規資料庫 Open API {changes.update_date.isoformat()}"
    return f"全國法規資料庫 Open API（最新異動日期 {changes.modified.isoformat()}）"


def _cite(article: str) -> str:
    number, _, sub = article.partition("-")
    return f"第{number}條之{sub}" if sub else f"第{number}條"


def _required_date(change: ArticleChange, snapshot: LawSnapshot) -> date:
    if change.effective_from is None:
        raise ChangeError(f"{snapshot.name}{_cite(change.article)}：缺少施行日期。")
    return change.effective_from


def _with_last(provision: Provision, version: ProvisionVersion) -> Provision:
    """The provision with its last version replaced by ``version``."""
    return replace(provision, versions=(*provision.versions[:-1], version))


def _corrected(version: ProvisionVersion, change: ArticleChange, last_seen: date | None) -> ProvisionVersion:
    kind = change.variant_kind if change.variant_kind is VariantKind.PUNCTUATION else VariantKind.EDITORIAL
    variants = [variant for variant in version.editorial_variants if variant.text != change.new_text]
    if all(variant.text != change.old_text for variant in variants):
        variants.append(EditorialVariant(text=change.old_text, kind=kind, last_seen=last_seen))
    return replace(version, text=change.new_text, editorial_variants=tuple(variants))


def _closed(provision: Provision, effective: date, law_name: str) -> Provision:
    last = provision.versions[-1]
    end = effective - timedelta(days=1)
    if end < last.effective_from:
        raise ChangeError(
            f"{law_name}{provision.citation}：新版本施行日 {effective.isoformat()} 不晚於現行版本施行日 "
            f"{last.effective_from.isoformat()}，請人工確認。"
        )
    return replace(provision, versions=(*provision.versions[:-1], replace(last, effective_to=end)))


def _revived(provision: Provision, version: ProvisionVersion, law_name: str) -> Provision:
    last = provision.versions[-1] if provision.versions else None
    if last is not None and (last.effective_to is None or last.effective_to >= version.effective_from):
        raise ChangeError(f"{law_name}{provision.citation}：新增條文與既有版本期間重疊，請人工確認。")
    return replace(provision, versions=(*provision.versions, version))


def _new_version(change: ArticleChange, effective: date, source: str) -> ProvisionVersion:
    return ProvisionVersion(
        text=change.new_text,
        effective_from=effective,
        effective_to=None,
        promulgated=change.promulgated,
        amendment=change.promulgated.isoformat() if change.promulgated else "",
        repealed=is_deleted(change.new_text),
        verified=True,
        source=source,
    )
