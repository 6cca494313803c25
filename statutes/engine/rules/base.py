"""Shapes of the rule registry and the vocabulary the rules share.

:class:`CriminalRule` (one offence: elements, placement per version, aggravations), :class:`Element`
and the :class:`Check` its predicate returns against a :class:`Context`; :class:`Slot` (where a
version describes the conduct), :class:`Aggravation`, :class:`Concurrency`, :class:`SupportRule`
and :class:`CatalogueGap`; the sets of conducts, kinds, recipients and categories the rules name,
:data:`FORMER_LAW_NAMES` and :func:`in_force`.

Pure and deterministic: no I/O, no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from statutes.catalogue.lookup import Catalogue
from statutes.catalogue.model import Provision, ProvisionVersion
from statutes.engine.facts import Conduct, Facts, InformationKind, RecipientKind, RespondentCategory
from statutes.engine.rules.dated import ByVersion

# ---------------------------------------------------------------------------------------------
# Shapes


@dataclass(frozen=True)
class Check:
    """What the facts say about one element."""

    met: bool | None
    facts: tuple[str, ...] = ()  # fact paths used, e.g. ("act.intent",)
    note: str = ""
    question: str = ""  # when met is None: the question that decides it (else the element's)


@dataclass(frozen=True)
class Context:
    """The facts, and the version against which an element is judged (act version or a later one)."""

    facts: Facts
    on: date  # act.last_day for the act version; the version's first day for a later one
    provision: Provision
    version: ProvisionVersion
    catalogue: Catalogue


Predicate = Callable[[Context], Check]


@dataclass(frozen=True)
class Element:
    """One element of an offence (zh-TW name) and the predicate that checks it."""

    name: str
    test: Predicate
    hard: bool = False  # the facts must show it (True) for the rule to be raised at all
    question: str = ""  # asked when the facts do not tell


@dataclass(frozen=True)
class Slot:
    """Where a version describes the conduct: paragraph (項), subparagraph (款), and which of several
    penalties one paragraph carries (前段 = 0, 後段 = 1)."""

    paragraph: int
    subparagraph: int | None = None
    part: int = 0


# None: this version has no such offence. A placement that differs between versions reads a
# statutes.engine.rules.dated.ByVersion table, never the version's wording.
Placement = Callable[[Context], Slot | None]


@dataclass(frozen=True)
class Aggravation:
    """A provision that raises the range of a rule's offence (加重其刑至二分之一 and the like).

    ``sources``: (provision id, paragraph carrying the aggravation, citation); the first in force on
    the day judged is used, so a version without it (e.g. 國家機密保護法第32條 before 2019) gets none.
    """

    id: str
    sources: tuple[tuple[str, int, str], ...]
    test: Predicate
    description: str
    question: str


@dataclass(frozen=True, kw_only=True)
class CriminalRule:
    """One offence: a provision (with its later renumberings), its elements and its placement per version.

    Keyword arguments only: a registration reads as a list of named facts about the offence.
    """

    id: str
    provision_id: str  # the earliest numbering; later ones follow Provision.replaced_by
    title: str
    elements: tuple[Element, ...]
    placement: Placement
    enacted: date | None  # the offence's first day; None: it existed before the catalogue's first version
    aggravations: tuple[Aggravation, ...] = ()
    complaint: Predicate | None = None  # overrides the penalty's complaint_required
    complaint_basis: str = ""
    flags: Callable[[Context], tuple[str, ...]] | None = None
    # False: acts under a later numbering belong to another rule (e.g. 電腦處理個資法第34條 → 個資法第42條)
    covers_successors: bool = True
    # The paragraph that says 「其他法律有較重處罰之規定者，從其規定」, per version (None: that version
    # does not); None here: no version of the provision says so. Read by _parts.concurrency.
    subsidiarity: ByVersion[int | None] | None = None
    # Versions (by first day) whose chosen paragraph carries no penalty of its own, and why; the
    # catalogue test (tests/statutes/test_rule_versions.py) requires one for every such version.
    no_penalty: Mapping[date, str] = field(default_factory=lambda: MappingProxyType({}))


class ConcurrencyMode(StrEnum):
    SPECIAL = "special"  # the governing side always governs (special or aggravated provision)
    HEAVIER = "heavier"  # the heavier range governs (刑法第35條); ties: the governing side


@dataclass(frozen=True)
class Concurrency:
    """Several provisions cover the same conduct: which governs, and the rule that says so."""

    id: str
    governing: tuple[str, ...]
    displaced: tuple[str, ...]
    mode: ConcurrencyMode
    basis: str  # when a governing-side rule governs
    reverse_basis: str = ""  # HEAVIER: when the displaced-side rule is heavier and governs instead


@dataclass(frozen=True)
class SupportRule:
    """A provision without a penalty that extends or grounds the offences it is linked to."""

    id: str
    provision_id: str
    paragraph: int | None
    subparagraph: int | None
    title: str
    linked: tuple[str, ...]
    condition: Predicate
    reason: str


@dataclass(frozen=True)
class CatalogueGap:
    """A provision the facts raise but the engine does not evaluate; reported as a warning."""

    id: str
    applies: Callable[[Facts], bool]
    warning: str


# ---------------------------------------------------------------------------------------------
# Vocabulary

LEAK = frozenset({Conduct.DISCLOSE, Conduct.DELIVER})
DEFENCE_KINDS = frozenset({InformationKind.DEFENSE_SECRET, InformationKind.MILITARY_SECRET})
OFFICIAL_KINDS = frozenset(
    {
        InformationKind.GENERAL_OFFICIAL_SECRET,
        InformationKind.CLASSIFIED,
        InformationKind.PENDING_CLASSIFICATION,
        InformationKind.PROCUREMENT,
    }
)
PUBLIC_SECRET_KINDS = OFFICIAL_KINDS | DEFENCE_KINDS  # 公務上應秘密 (國家安全法)
BUSINESS_KINDS = frozenset({InformationKind.COMMERCIAL_SECRET, InformationKind.TRADE_SECRET})
ABROAD = frozenset({RecipientKind.FOREIGN_STATE, RecipientKind.MAINLAND_OR_HOSTILE})
OFFICIAL_CATEGORIES = frozenset(
    {RespondentCategory.CIVIL_SERVANT, RespondentCategory.POLITICAL_APPOINTEE, RespondentCategory.ACTIVE_MILITARY}
)

INTENT_QUESTION = "行為人係出於故意或過失？（主觀犯意尚未查明）"
DUTY_QUESTION = "是否因職務或業務知悉或持有該資訊？"

# Earlier names of a law, by the day the current name took effect.
FORMER_LAW_NAMES: Mapping[str, tuple[date, str]] = MappingProxyType(
    {"I0050021": (date(2012, 10, 1), "電腦處理個人資料保護法")}
)


def in_force(ctx: Context, provision_id: str) -> bool:
    """Whether the catalogue has a version of ``provision_id`` in force on ``ctx.on``."""
    try:
        return ctx.catalogue.provision(provision_id).version_on(ctx.on) is not None
    except KeyError:
        return False
