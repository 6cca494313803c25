"""The catalogue index: chains of renumbered provisions and paragraph counts, built once per catalogue."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date

from statutes.catalogue.lookup import Catalogue
from statutes.catalogue.model import Provision, ProvisionVersion
from statutes.engine.rules import FORMER_LAW_NAMES, RULES, SUPPORT_RULES

# ---------------------------------------------------------------------------------------------
# Catalogue index (built once per catalogue object)


class Index:
    """Chains of renumbered provisions and paragraph counts, for one catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.chains: dict[str, tuple[Provision, ...]] = {}
        self.missing: list[str] = []
        self._paragraphs: dict[int, tuple[str, ...]] = {}
        for provision_id in [rule.provision_id for rule in RULES] + [rule.provision_id for rule in SUPPORT_RULES]:
            self.chain(provision_id)

    def chain(self, provision_id: str) -> tuple[Provision, ...]:
        """The provision and its successors (Provision.replaced_by), oldest first; () if not catalogued."""
        if provision_id in self.chains:
            return self.chains[provision_id]
        chain: list[Provision] = []
        next_id: str | None = provision_id
        while next_id is not None and next_id not in {p.id for p in chain}:
            try:
                provision = self.catalogue.provision(next_id)
            except KeyError:
                if next_id not in self.missing:
                    self.missing.append(next_id)
                break
            chain.append(provision)
            next_id = provision.replaced_by
        result = tuple(provision for provision in chain if provision.versions)
        self.chains[provision_id] = result
        return result

    def paragraphs(self, version: ProvisionVersion) -> tuple[str, ...]:
        """ProvisionVersion.paragraphs(), parsed once per version (the index holds the catalogue alive)."""
        key = id(version)
        if key not in self._paragraphs:
            self._paragraphs[key] = tuple(version.paragraphs())
        return self._paragraphs[key]

    def law_name(self, pcode: str, on: date | None = None) -> str:
        former = FORMER_LAW_NAMES.get(pcode)
        if former is not None and on is not None and on < former[0]:
            return former[1]
        law = self.catalogue.laws.get(pcode)
        return law.name if law is not None else pcode


_INDEXES: dict[int, tuple[Catalogue, Index]] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(catalogue: Catalogue) -> Index:
    """The index of ``catalogue``, built once (a few catalogue objects are kept: the web layer reloads them)."""
    with _INDEXES_LOCK:
        entry = _INDEXES.get(id(catalogue))
        if entry is not None and entry[0] is catalogue:
            return entry[1]
        if len(_INDEXES) >= 8:
            _INDEXES.pop(next(iter(_INDEXES)))
        index = Index(catalogue)
        _INDEXES[id(catalogue)] = (catalogue, index)  # holding the catalogue keeps its id from being reused
        return index


def version_on_day(chain: Iterable[Provision], day: date) -> tuple[Provision, ProvisionVersion] | None:
    for provision in chain:
        for version in provision.versions:
            if version.in_force_on(day):
                return provision, version
    return None


def versions_after(chain: Iterable[Provision], after: date, until: date) -> list[tuple[Provision, ProvisionVersion]]:
    found = [
        (provision, version)
        for provision in chain
        for version in provision.versions
        if after < version.effective_from <= until
    ]
    return sorted(found, key=lambda item: item[1].effective_from)
