"""What a snapshot of the official data changes in the catalogue, and applying it.

:func:`compute_changes` compares one :class:`~statutes.importing.opendata.LawSnapshot`
with the catalogue's :class:`~statutes.catalogue.model.Law` (or ``None``) article by
article; :func:`statutes.importing.applying.apply_changes` returns a new, updated ``Law``. Applying the
changes and comparing the same snapshot again gives only ``unchanged``
(importing is idempotent).

Classification of an article present in both (see ``statutes/DATA_FORMAT.md``):

- ``unchanged``: identical, or only line breaks/spaces differ;
- ``editorial``: only punctuation width or 台/臺 differ, or the wording differs
  but the snapshot's 最新異動日期 is not newer than the amendment that made the
  catalogue's current version (the database corrected its text);
- ``amended``: the wording differs and 最新異動日期 is newer;
- ``repealed``: the text became （刪除）, or the article vanished from the law.

Articles the catalogue lacks are ``added``. Dates of a new version:
promulgated = 最新異動日期; in force from the snapshot's 生效日期 when it
applies to the article, else from the 沿革
(:func:`~statutes.importing.history.effective_from_history`), else from the third day counting the
promulgation day (中央法規標準法第13條). :func:`~statutes.importing.applying.apply_changes` applies them.

Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from statutes.catalogue.model import Law, Provision, ProvisionVersion, VariantKind, article_sort_key
from statutes.catalogue.textdiff import classify_change, normalize_for_comparison, strip_whitespace
from statutes.importing.history import NOT_YET_FIXED, effective_from_history, in_ranges, named_articles, third_day
from statutes.importing.opendata import LawSnapshot

DELETED_TEXT = "（刪除）"


class ChangeKind(StrEnum):
    """What a snapshot does to one article of the catalogue."""

    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"
    AMENDED = "amended"
    ADDED = "added"
    REPEALED = "repealed"


_KIND_LABELS = (
    (ChangeKind.AMENDED, "修正"),
    (ChangeKind.ADDED, "新增"),
    (ChangeKind.REPEALED, "刪除"),
    (ChangeKind.EDITORIAL, "編修"),
    (ChangeKind.UNCHANGED, "未變更"),
)


class ChangeError(ValueError):
    """The changes cannot be applied consistently to the catalogue (zh-TW message)."""


@dataclass(frozen=True)
class ArticleChange:
    """One article's difference between the catalogue and a snapshot.

    ``old_text`` is the catalogue's current text ("" when added); ``new_text``
    the snapshot's ("" when the article vanished from the data).
    ``promulgated``/``effective_from`` are set for ``amended``, ``added`` and
    ``repealed`` (``promulgated`` is None when the change cannot be tied to
    the snapshot's 最新異動日期); ``variant_kind`` says how the texts differ
    (None: identical). ``note`` explains uncertain dates (zh-TW).
    """

    article: str
    kind: ChangeKind
    old_text: str
    new_text: str
    promulgated: date | None = None
    effective_from: date | None = None
    variant_kind: VariantKind | None = None
    note: str = ""

    @property
    def vanished(self) -> bool:
        """The article is no longer in the data at all (rather than shown as （刪除））."""
        return self.kind is ChangeKind.REPEALED and not self.new_text


@dataclass(frozen=True)
class LawChanges:
    """All article changes of one law, in article order."""

    pcode: str
    name: str
    modified: date
    changes: tuple[ArticleChange, ...]
    law_added: bool = False  # the catalogue had no such law
    update_date: date | None = None  # the data's UpdateDate, for the versions' source
    abandoned: bool = False  # the database marks the law 廢止

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    def of_kind(self, kind: ChangeKind) -> tuple[ArticleChange, ...]:
        return tuple(change for change in self.changes if change.kind is kind)

    @property
    def changed(self) -> tuple[ArticleChange, ...]:
        """Every change except ``unchanged``."""
        return tuple(change for change in self.changes if change.kind is not ChangeKind.UNCHANGED)

    @property
    def has_changes(self) -> bool:
        return self.law_added or bool(self.changed)

    def summary(self) -> str:
        """One zh-TW line, e.g. 「中華民國刑法：修正 2 條、新增 1 條、編修 1 條、未變更 58 條」."""
        remarks = [remark for flag, remark in ((self.law_added, "新法規"), (self.abandoned, "已廢止")) if flag]
        head = self.name + (f"（{'、'.join(remarks)}）" if remarks else "")
        parts = [f"{label} {self.count(kind)} 條" for kind, label in _KIND_LABELS if self.count(kind)]
        return f"{head}：{'、'.join(parts) if parts else '無條文'}"


class EffectiveDateHook(Protocol):
    """Tells from the 沿革 when an amendment promulgated on ``promulgated`` took effect.

    Returns None when the law takes effect by 中央法規標準法第13條 (or it cannot tell).
    """

    def __call__(self, history: str, promulgated: date, *, article: str | None = None) -> date | None: ...


# --------------------------------------------------------------------------- comparing


def compute_changes(
    snapshot: LawSnapshot,
    law: Law | None,
    *,
    update_date: date | None = None,
    articles: Collection[str] | None = None,
    effective_hook: EffectiveDateHook | None = None,
) -> LawChanges:
    """Compare a law's snapshot with the catalogue's ``law`` (None: not in the catalogue).

    ``articles`` limits the comparison to these article numbers ("132",
    "115-1"), for laws the catalogue keeps only a selection of; vanished
    articles are still detected against the whole snapshot. ``update_date``
    is the data's UpdateDate (recorded as the source of new versions and as
    the date of repeals that cannot be tied to an amendment).
    ``effective_hook`` replaces :func:`effective_from_history`.
    """
    if law is not None and law.pcode != snapshot.pcode:
        raise ValueError(f"law {law.pcode} compared with a snapshot of {snapshot.pcode}")
    hook = effective_hook or effective_from_history
    wanted = None if articles is None else set(articles)
    known_to = _catalogue_date(law)
    observed = update_date or snapshot.modified
    result: list[ArticleChange] = []

    for item in snapshot.articles:
        if wanted is not None and item.article not in wanted:
            continue
        provision = current_provision(law, item.article) if law is not None else None
        if provision is None:
            result.append(_added(snapshot, item.article, item.text, law, known_to, hook))
            continue
        version = provision.versions[-1]
        variant = classify_change(version.text, item.text)
        if variant is None or variant is VariantKind.LAYOUT:
            result.append(
                ArticleChange(item.article, ChangeKind.UNCHANGED, version.text, item.text, variant_kind=variant)
            )
        elif is_deleted(item.text) and not is_deleted(version.text):
            result.append(_repeal(snapshot, item.article, version, item.text, variant, observed, hook))
        elif variant is VariantKind.PUNCTUATION or snapshot.modified <= _version_date(version):
            note = "" if variant is VariantKind.PUNCTUATION else "最新異動日期未更新：視為資料庫編修，非修法。"
            result.append(
                ArticleChange(
                    item.article, ChangeKind.EDITORIAL, version.text, item.text, variant_kind=variant, note=note
                )
            )
        else:
            effective = amendment_effective_date(snapshot, item.article, hook)
            result.append(
                ArticleChange(
                    item.article, ChangeKind.AMENDED, version.text, item.text, snapshot.modified, effective, variant
                )
            )

    if law is not None and snapshot.articles:
        present = {item.article for item in snapshot.articles}
        reported: set[str] = set()
        for provision in law.provisions:
            if provision.article in present or provision.article in reported:
                continue
            if current_provision(law, provision.article) is not provision:
                continue
            reported.add(provision.article)
            version = provision.versions[-1]
            result.append(_repeal(snapshot, provision.article, version, "", VariantKind.EDITORIAL, observed, hook))

    result.sort(key=lambda change: article_sort_key(change.article))
    return LawChanges(
        pcode=snapshot.pcode,
        name=snapshot.name,
        modified=snapshot.modified,
        changes=tuple(result),
        law_added=law is None,
        update_date=update_date,
        abandoned=snapshot.abandoned,
    )


def current_provision(law: Law, article: str) -> Provision | None:
    """The provision currently numbered ``article``: its last version has no ``effective_to``.

    If several qualify, the one with the plain id ``PCODE:ARTICLE`` wins.
    """
    index = current_position(law.provisions, law.pcode, article)
    return None if index is None else law.provisions[index]


def current_position(provisions: list[Provision] | tuple[Provision, ...], pcode: str, article: str) -> int | None:
    """Position in ``provisions`` of the provision currently numbered ``article`` (see :func:`current_provision`)."""
    candidates = [
        index
        for index, provision in enumerate(provisions)
        if provision.article == article and provision.versions and provision.versions[-1].effective_to is None
    ]
    plain = f"{pcode}:{article}"
    preferred = [index for index in candidates if provisions[index].id == plain]
    return next(iter(preferred or candidates), None)


def is_deleted(text: str) -> bool:
    """The text is the database's （刪除） (any punctuation width or spacing)."""
    return normalize_for_comparison(text) in {DELETED_TEXT, "刪除"}


def amendment_effective_date(snapshot: LawSnapshot, article: str, hook: EffectiveDateHook | None = None) -> date:
    """When the amendment of ``snapshot.modified`` took effect for ``article``.

    1. The snapshot's 生效日期, if it is not before 最新異動日期 and the 生效內容 does
       not name other articles only (民法's 99991231 concerns 第166-1條 of 1999);
    2. else what the 沿革 says (``hook``, default :func:`effective_from_history`);
    3. else the third day counting the promulgation day (中央法規標準法第13條).
    """
    promulgated = snapshot.modified
    if snapshot.effective is not None and snapshot.effective >= promulgated:
        named = named_articles(strip_whitespace(snapshot.effective_note), amendment_lists=True)
        if not named or in_ranges(article, named):
            return snapshot.effective
    from_history = (hook or effective_from_history)(snapshot.history, promulgated, article=article)
    if from_history is not None:
        return from_history
    return third_day(promulgated)


def _version_date(version: ProvisionVersion) -> date:
    """The date of the amendment that made this version."""
    return version.promulgated or version.effective_from


def _catalogue_date(law: Law | None) -> date | None:
    """Up to when the catalogue knows the law: ``current_to``, else its latest version date."""
    if law is None:
        return None
    if law.current_to is not None:
        return law.current_to
    dates = [_version_date(version) for provision in law.provisions for version in provision.versions]
    return max(dates, default=None)


def _added(
    snapshot: LawSnapshot,
    article: str,
    text: str,
    law: Law | None,
    known_to: date | None,
    hook: EffectiveDateHook,
) -> ArticleChange:
    effective = amendment_effective_date(snapshot, article, hook)
    if law is not None and known_to is not None and snapshot.modified > known_to:
        return ArticleChange(article, ChangeKind.ADDED, "", text, snapshot.modified, effective)
    # The text may be much older than the latest amendment: all we can vouch for is that it is
    # in force from the latest amendment's effective date on.
    note = f"條文始行日期不明：以最新異動日期 {snapshot.modified.isoformat()} 之施行日起算。"
    return ArticleChange(article, ChangeKind.ADDED, "", text, None, effective, note=note)


def _repeal(
    snapshot: LawSnapshot,
    article: str,
    version: ProvisionVersion,
    new_text: str,
    variant: VariantKind,
    observed: date,
    hook: EffectiveDateHook,
) -> ArticleChange:
    if snapshot.modified > _version_date(version):
        promulgated: date | None = snapshot.modified
        effective = amendment_effective_date(snapshot, article, hook)
        note = "" if new_text else "條文已不在資料中。"
    else:
        promulgated = None
        effective = observed
        note = f"{'條文已不在資料中；' if not new_text else ''}最新異動日期未更新：刪除日期不明，以資料日期記錄。"
    return ArticleChange(article, ChangeKind.REPEALED, version.text, new_text, promulgated, effective, variant, note)


__all__ = [
    "DELETED_TEXT",
    "NOT_YET_FIXED",
    "ArticleChange",
    "ChangeError",
    "ChangeKind",
    "EffectiveDateHook",
    "LawChanges",
    "amendment_effective_date",
    "compute_changes",
    "current_position",
    "current_provision",
    "is_deleted",
]
