"""The provisions the engine can suggest, for choosing one (the case list's 「引用條文」 filter).

Pure: the rules name each provision by its earliest numbering; a provision renumbered later
(國家安全法 2022, …) is one choice covering every numbering, labelled by the newest.
"""

from __future__ import annotations

from dataclasses import dataclass

from statutes.catalogue.lookup import Catalogue
from statutes.catalogue.model import cite_article
from statutes.engine.rules import RULES
from statutes.engine.rules.support import SUPPORT_RULES


@dataclass(frozen=True)
class CitableProvision:
    key: str  # the provision id as numbered now
    label: str  # 中華民國刑法第132條；國家安全法第7條（含原第5條之1）
    provision_ids: tuple[str, ...]  # every numbering, earliest first


def _numberings(catalogue: Catalogue, provision_id: str) -> tuple[str, ...]:
    chain = [provision_id]
    seen = {provision_id}
    while (following := catalogue.provision(chain[-1]).replaced_by) and following not in seen:
        try:
            catalogue.provision(following)
        except KeyError:  # the successor is not catalogued
            break
        chain.append(following)
        seen.add(following)
    return tuple(chain)


def citable_provisions(catalogue: Catalogue) -> tuple[CitableProvision, ...]:
    """One entry per provision (as numbered now) any rule can cite, in law and article order.

    Rules citing earlier numberings of the same provision share its entry; ids the catalogue
    does not hold are skipped.
    """
    chains: dict[str, list[str]] = {}  # newest id → every numbering, earliest first
    cited = [rule.provision_id for rule in RULES] + [rule.provision_id for rule in SUPPORT_RULES]
    for provision_id in cited:
        try:
            chain = _numberings(catalogue, provision_id)
        except KeyError:
            continue
        known = chains.setdefault(chain[-1], [])
        known[:0] = [pid for pid in chain if pid not in known]
    entries = []
    for newest_id, ids in chains.items():
        newest = catalogue.provision(newest_id)
        law = catalogue.laws[newest.law]
        label = f"{law.name}{cite_article(newest.article)}"
        former = sorted({catalogue.provision(pid).article for pid in ids} - {newest.article})
        if former:
            label += "（含原" + "、".join(cite_article(article) for article in former) + "）"
        entries.append(((law.name, newest.sort_key), CitableProvision(newest_id, label, tuple(ids))))
    return tuple(entry for _key, entry in sorted(entries, key=lambda pair: pair[0]))
