"""What a snapshot of the official data changes in the catalogue, and applying it.

:func:`compute_changes` compares one :class:`~statutes.opendata.LawSnapshot`
with the catalogue's :class:`~statutes.model.Law` (or ``None``) article by
article; :func:`apply_changes` returns a new, updated ``Law``. Applying the
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
applies to the article, else from the 沿革 (:func:`effective_from_history`),
else from the third day counting the promulgation day (中央法規標準法第13條).

Pure and deterministic; no Flask or SQLAlchemy.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal, Protocol

from statutes.chinese_numbers import parse_chinese_number
from statutes.model import (
    EditorialVariant,
    Law,
    Provision,
    ProvisionVersion,
    VariantKind,
    article_sort_key,
)
from statutes.opendata import LawSnapshot
from statutes.roc_calendar import ROC_EPOCH_OFFSET
from statutes.textdiff import classify_change, normalize_for_comparison, strip_whitespace

#: The database's own marker for "施行日期另定" (生效日期 99991231).
NOT_YET_FIXED = date(9999, 12, 31)

#: 中央法規標準法第13條: in force from the third day counting the promulgation day.
DAYS_AFTER_PROMULGATION = 2

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
    index = _current_among(law.provisions, law.pcode, article)
    return None if index is None else law.provisions[index]


def _current_among(provisions: list[Provision] | tuple[Provision, ...], pcode: str, article: str) -> int | None:
    """Index of the provision currently numbered ``article`` (see :func:`current_provision`)."""
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
        named = _article_ranges(strip_whitespace(snapshot.effective_note), amendment_lists=True)
        if not named or _in_ranges(article, named):
            return snapshot.effective
    from_history = (hook or effective_from_history)(snapshot.history, promulgated, article=article)
    if from_history is not None:
        return from_history
    return promulgated + timedelta(days=DAYS_AFTER_PROMULGATION)


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


# --------------------------------------------------------------------------- applying


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
        current = _current_among(provisions, snapshot.pcode, article)
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


# --------------------------------------------------------------------------- 沿革


RuleKind = Literal["date", "immediate", "after", "pending"]


@dataclass
class _Rule:
    kind: RuleKind
    day: date | None = None
    months: int = 0
    days: int = 0


_ArticleRange = tuple[tuple[int, int], tuple[int, int]]

_NUMERAL = "〇零一二三四五六七八九十百"
_ROC_DATE = rf"(?:中華民國)?(?P<year>[{_NUMERAL}\d]+)年(?P<month>[{_NUMERAL}\d]+)月(?P<day>[{_NUMERAL}\d]+)日"
_ENTRY_DATE = re.compile(rf"中華民國([{_NUMERAL}\d]+)年([{_NUMERAL}\d]+)月([{_NUMERAL}\d]+)日")
_ENTRY_START = re.compile(r"^\d+\s*[.．]")
_RULE = re.compile(
    r"(?P<pending>施行日期[，,]?由.{0,30}?定之)"
    rf"|自{_ROC_DATE}起?施行"
    rf"|自(?:公布|發布)後(?P<count>[{_NUMERAL}\d]+)(?P<unit>個月|年|日)施行"
    r"|(?P<immediate>自(?:公布|發布)(?:之)?日(?:起)?施行)"
)
_SUB_ORDER = re.compile(r"(?=中華民國)")
_CLAUSE_BREAK = re.compile(r"[；;。]|，但|外，|，(?=第\d)")
_ARTICLE_LIST = re.compile(r"第(\d+(?:-\d+)?(?:[、～~至及]\d+(?:-\d+)?)*)條")
_AMENDING_VERB = re.compile(r"修正|增訂|刪除|制定|訂定")
_LIST_ITEM = re.compile(r"^(\d+(?:-\d+)?)(?:[～~至](\d+(?:-\d+)?))?$")


def effective_from_history(history: str, promulgated: date, *, article: str | None = None) -> date | None:
    """When the amendment promulgated on ``promulgated`` took effect, per the 沿革內容.

    A simple parser of one entry: the (last) entry whose first date is
    ``promulgated``, or else the last entry. It understands
    「並自九十五年七月一日施行」, 「定自一百零九年七月十七日施行」 (a later order),
    「自公布後六個月施行」, 「施行日期，由行政院定之」 (→ 9999-12-31, the
    database's 未定 marker, unless a later order in the entry fixes it) and
    article-specific clauses such as 「其中第 42 條條文自公布日施行」 or
    「除第 91-1 條條文自…施行外，自公布日施行」 (used when ``article`` is given).
    Returns None for 「自公布日施行」 and when the entry says nothing, so that
    中央法規標準法第13條 applies; also None for a date before ``promulgated``.
    """
    entry = _history_entry(history, promulgated)
    if not entry:
        return None
    specific: list[tuple[list[_ArticleRange], _Rule]] = []  # clauses naming their articles
    scoped: list[tuple[list[_ArticleRange], _Rule]] = []  # a sub-order's rule, for the articles it amends
    general: _Rule | None = None

    for sub_order in _SUB_ORDER.split(strip_whitespace(entry)):
        clauses = [clause for clause in _CLAUSE_BREAK.split(sub_order) if clause]
        amended = [r for clause in clauses for r in _article_ranges(clause, amendment_lists=True, only_amending=True)]
        carried: list[_ArticleRange] = []
        for clause in clauses:
            match = _RULE.search(clause)
            rule = _rule(match) if match else None
            named = _article_ranges(clause[: match.start()] if match else clause, amendment_lists=False)
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

    chosen = general
    if article is not None:
        for ranges, rule in (*reversed(specific), *reversed(scoped)):
            if _in_ranges(article, ranges):
                chosen = rule
                break
    return _rule_date(chosen, promulgated)


def _history_entry(history: str, promulgated: date) -> str:
    """The numbered 沿革 entry promulgated on that day (the last such), else the last entry."""
    entries: list[list[str]] = []
    for line in history.replace("\r\n", "\n").split("\n"):
        if _ENTRY_START.match(line) or not entries:
            entries.append([])
        entries[-1].append(line)
    texts = ["\n".join(lines) for lines in entries if "".join(lines).strip()]
    for text in reversed(texts):
        match = _ENTRY_DATE.search(strip_whitespace(text))
        if match and _roc_date(*match.groups()) == promulgated:
            return text
    return texts[-1] if texts else ""


def _rule(match: re.Match[str]) -> _Rule | None:
    """The rule a 施行 phrase states; None if its numbers cannot be read."""
    if match.group("pending"):
        return _Rule("pending")
    if match.group("immediate"):
        return _Rule("immediate")
    if match.group("count"):
        try:
            count = parse_chinese_number(match.group("count"))
        except ValueError:
            return None
        unit = match.group("unit")
        if unit == "日":
            return _Rule("after", days=count)
        return _Rule("after", months=count * (12 if unit == "年" else 1))
    return _Rule("date", day=_roc_date(match.group("year"), match.group("month"), match.group("day")))


def _rule_date(rule: _Rule | None, promulgated: date) -> date | None:
    if rule is None or rule.kind == "immediate":
        return None
    if rule.kind == "pending":
        return NOT_YET_FIXED
    if rule.kind == "after":
        return _add_months(promulgated, rule.months) + timedelta(days=rule.days)
    if rule.day is None or rule.day < promulgated:
        return None
    return rule.day


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _roc_date(year: str, month: str, day: str) -> date | None:
    try:
        gregorian_year = parse_chinese_number(year) + ROC_EPOCH_OFFSET
        return date(gregorian_year, parse_chinese_number(month), parse_chinese_number(day))
    except ValueError:  # not a numeral, or not a calendar date
        return None


def _article_ranges(text: str, *, amendment_lists: bool, only_amending: bool = False) -> list[_ArticleRange]:
    """The article numbers a (whitespace-free) text names, as inclusive sort-key ranges.

    A list right after 修正/增訂/刪除… names what an amendment changed; with
    ``amendment_lists`` False such lists are skipped (they do not say when
    those articles take effect), with ``only_amending`` only they are kept.
    """
    ranges: list[_ArticleRange] = []
    for match in _ARTICLE_LIST.finditer(text):
        amending = bool(_AMENDING_VERB.search(text[: match.start()]))
        if (amending and not amendment_lists) or (only_amending and not amending):
            continue
        ranges.extend(_parse_list(match.group(1)))
    return ranges


def _parse_list(items: str) -> Iterable[_ArticleRange]:
    """'74～75-1、42-1' → ranges (74, 0)…(75, 1) and (42, 1)…(42, 1)."""
    for item in re.split(r"[、及]", items):
        match = _LIST_ITEM.match(item)
        if match:
            low, high = match.group(1), match.group(2) or match.group(1)
            yield article_sort_key(low), article_sort_key(high)


def _in_ranges(article: str, ranges: Iterable[_ArticleRange]) -> bool:
    key = article_sort_key(article)
    return any(low <= key <= high for low, high in ranges)


__all__ = [
    "DELETED_TEXT",
    "NOT_YET_FIXED",
    "ArticleChange",
    "ChangeError",
    "ChangeKind",
    "EffectiveDateHook",
    "LawChanges",
    "amendment_effective_date",
    "apply_changes",
    "compute_changes",
    "current_provision",
    "effective_from_history",
    "is_deleted",
]
