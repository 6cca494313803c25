"""Concurrency: which provision governs the same conduct, and the rule that says so."""

from __future__ import annotations

from statutes.catalogue.model import cite_article
from statutes.engine._parts.draft import Draft, unique_nonempty
from statutes.engine.favourability import compare_penalties
from statutes.engine.result import Status
from statutes.engine.rules import CONCURRENCY, RULES_BY_ID, ConcurrencyMode

SUBSIDIARITY_CLAUSE = "其他法律有較重處罰之規定者，從其規定"  # quoted; where it stands is declared per rule


# ---------------------------------------------------------------------------------------------
# Concurrency


def _displace(loser: Draft, winner: Draft, basis: str, relation_id: str) -> None:
    winner_name = f"{winner.law_name}{winner.citation}"
    if winner.status is Status.APPLIED or winner.question_keys <= loser.question_keys:
        loser.status = Status.DISPLACED
        loser.winner = winner
        loser.displaced_by = f"{winner.rule_id}（{winner_name}）"
        loser.reason = f"同一行為由{winner_name}處斷：{basis}（{relation_id}）"
        if loser.questions:
            loser.reason += "。本條另待查明：" + "；".join(unique_nonempty(loser.questions))
    else:
        loser.notes.append(f"如{winner_name}成立，由其處斷（{basis}；{relation_id}）")


def _subsidiarity(loser: Draft) -> str:
    """The loser's own 「其他法律有較重處罰之規定者，從其規定」 paragraph, as its rule declares it (applied text)."""
    table = RULES_BY_ID[loser.rule_id].subsidiarity
    if loser.applied is None or table is None:
        return ""
    provision, version = loser.applied
    number = table.at(provision, version)  # checked for every version the rule met (_parts.rule)
    if number is None:
        return ""
    when = version.effective_from.year
    return f"{loser.law_name}{cite_article(provision.article)}第{number}項（{when}年條文）：{SUBSIDIARITY_CLAUSE}"


def resolve_concurrency(drafts: dict[str, Draft]) -> None:
    active = (Status.APPLIED, Status.ALTERNATIVE)
    for relation in CONCURRENCY:
        for governing_id in relation.governing:
            for displaced_id in relation.displaced:
                governing, displaced = drafts.get(governing_id), drafts.get(displaced_id)
                if governing is None or displaced is None:
                    continue
                if governing.status not in active or displaced.status not in active or governing.gap or displaced.gap:
                    continue
                if relation.mode is ConcurrencyMode.SPECIAL:
                    _displace(displaced, governing, relation.basis, relation.id)
                    continue
                if governing.penalty is None or displaced.penalty is None:
                    displaced.notes.append(f"與{governing.law_name}{governing.citation}之輕重因刑度資料不足未能比較")
                    continue
                order = compare_penalties(governing.penalty, displaced.penalty, governing.factor, displaced.factor)
                if order >= 0:
                    basis = _subsidiarity(displaced) or relation.basis
                    _displace(displaced, governing, basis, relation.id)
                else:
                    basis = _subsidiarity(governing) or relation.reverse_basis or relation.basis
                    _displace(governing, displaced, basis, relation.id)
    for draft in drafts.values():  # point to the provision that finally governs
        seen = {draft.rule_id}
        winner = draft.winner
        while winner is not None and winner.winner is not None and winner.rule_id not in seen:
            seen.add(winner.rule_id)
            winner = winner.winner
        if winner is not None and winner is not draft.winner:
            draft.displaced_by = f"{winner.rule_id}（{winner.law_name}{winner.citation}）"
            draft.reason += f"；該條復由{winner.law_name}{winner.citation}處斷"
