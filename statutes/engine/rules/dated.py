"""Choices a rule makes per version of its provision, declared by the day each version took effect.

A rule whose paragraph or element differs between versions (國家機密保護法第32條: the negligent
offence is 第2項 until 2019-05-11 and 第3項 from 2019-05-12) declares the choice in a
:class:`ByVersion` table, in the spirit of OpenFisca's dated formulas: one :class:`Since` entry per
catalogued version of the provisions the table names, keyed by that version's first day
(``ProvisionVersion.effective_from`` in ``statutes/data/<PCODE>.json``) and naming the amendment
that made the text. The rule never reads the wording to decide.

A version the table does not declare raises :class:`UndeclaredVersionError`: a future amendment is
never judged by a default meant for another text. ``tests/statutes/test_rule_versions.py`` fails
when a catalogued version is missing from a table; at run time (a version imported after the
release) the engine reports the rule as not evaluated (``statutes.engine._parts.rule``).

Pure and deterministic: no I/O, no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from statutes.catalogue.model import Provision, ProvisionVersion

if TYPE_CHECKING:
    from statutes.engine.rules.base import Context

__all__ = ["ByVersion", "Since", "UndeclaredVersionError"]

T = TypeVar("T")


class UndeclaredVersionError(LookupError):
    """A rule met a version of its provision that its :class:`ByVersion` table does not declare."""

    def __init__(self, table: str, provision_id: str, effective_from: date) -> None:
        super().__init__(f"{table}: {provision_id} version in force from {effective_from.isoformat()} is not declared")
        self.table = table
        self.provision_id = provision_id
        self.effective_from = effective_from


@dataclass(frozen=True)
class Since(Generic[T]):
    """``value`` for the version that took effect on ``effective`` (its first day, not its promulgation)."""

    effective: date
    value: T
    amendment: str  # the amendment that made this text, e.g. "2019-05-10 修正公布"


@dataclass(frozen=True)
class ByVersion(Generic[T]):
    """One choice, declared for every catalogued version of ``provisions`` (a provision and its renumberings).

    Provisions amended together share a table (國家機密保護法第32條、第33條): their versions take
    effect on the same days. Entries are oldest first; their days are unique.
    """

    name: str  # what is chosen, for messages: "國家機密保護法第32、33條：過失犯之項次"
    provisions: tuple[str, ...]  # provision ids, e.g. ("I0060003:32", "I0060003:33")
    entries: tuple[Since[T], ...]

    def __post_init__(self) -> None:
        days = [entry.effective for entry in self.entries]
        if days != sorted(set(days)):
            raise ValueError(f"{self.name}: entries must be oldest first, one per day")

    def at(self, provision: Provision, version: ProvisionVersion) -> T:
        """The value declared for ``version`` of ``provision``; raises :class:`UndeclaredVersionError`."""
        if provision.id in self.provisions:
            for entry in self.entries:
                if entry.effective == version.effective_from:
                    return entry.value
        raise UndeclaredVersionError(self.name, provision.id, version.effective_from)

    def __call__(self, ctx: Context) -> T:
        """The value for the version ``ctx`` judges against."""
        return self.at(ctx.provision, ctx.version)
