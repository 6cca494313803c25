"""The 考績 year ledger: one year's 平時考核 rewards and penalties, converted and offset.

Pure arithmetic over :class:`statutes.engine.facts.YearRecord` (no catalogue, no dates other than the
year filter), following:

- 公務人員考績法第12條第1項第1款: 「平時考核獎懲得互相抵銷，無獎懲抵銷而累積達二大過者，年終考績應列丁等。」
  and 第7條第1項第4款 「丁等︰免職。」;
- 考績法第13條: 「平時考核之功過，除依前條規定抵銷或免職者外，……曾記一大過人員，考績不得列乙等以上。」;
- 考績法施行細則第15條: 嘉獎、記功、記大功與申誡、記過、記大過得互相抵銷; 「嘉獎三次作為記功一次；記功三次作為
  記一大功；申誡三次作為記過一次；記過三次作為記一大過。」 — conversion only rolls *up* (three lower → one
  higher), never breaks a higher one into lower ones;
- 考績法施行細則第16條: 嘉獎/申誡 ±1 分, 記功/記過 ±3 分, 記大功/記大過 ±9 分 (the score effect, and the
  invariant the conversions preserve).

Only records of one 考績 year count (考績法第3條: 年終考績考核當年一月至十二月之成績): the caller passes the
calendar year of the decision, and records dated in another year are set aside (and listed).

Offsetting is between 獎 and 懲 *of equal weight* (嘉獎↔申誡, 記功↔記過, 記大功↔記大過), after conversion. The
rules do not say in which order offsets and conversions are made; different orders can leave different
remainders (e.g. 嘉獎3次 against 申誡1次 + 記過1次). :meth:`Ledger.settle` therefore tries every order the
rules allow and keeps the one most favourable to the 受考人: fewest 記大過 left, then fewest penalty
points left. That choice is this module's reading, not a quoted rule (see ``SETTLEMENT_NOTE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from statutes.engine.facts import RecordKind, YearRecord

__all__ = [
    "CONVERSION_RATE",
    "KIND_LABELS",
    "KIND_POINTS",
    "PENALTY_KINDS",
    "REWARD_KINDS",
    "SETTLEMENT_NOTE",
    "Ledger",
    "LedgerBalance",
    "LedgerEntry",
    "kind_label",
]

REWARD_KINDS: tuple[RecordKind, ...] = (RecordKind.COMMENDATION, RecordKind.MERIT, RecordKind.MAJOR_MERIT)
PENALTY_KINDS: tuple[RecordKind, ...] = (RecordKind.REPRIMAND, RecordKind.DEMERIT, RecordKind.MAJOR_DEMERIT)
LEVELS = 3  # 嘉獎/申誡 → 記功/記過 → 記大功/記大過
CONVERSION_RATE = 3  # 施行細則第15條第2項: three of one level count as one of the next

KIND_LABELS: Mapping[RecordKind, str] = MappingProxyType(
    {
        RecordKind.COMMENDATION: "嘉獎",
        RecordKind.MERIT: "記功",
        RecordKind.MAJOR_MERIT: "記大功",
        RecordKind.REPRIMAND: "申誡",
        RecordKind.DEMERIT: "記過",
        RecordKind.MAJOR_DEMERIT: "記大過",
    }
)
# 施行細則第16條第1項: 嘉獎或申誡一分；記功或記過三分；記一大功或一大過九分.
KIND_POINTS: Mapping[RecordKind, int] = MappingProxyType(
    {kind: CONVERSION_RATE**level for kinds in (REWARD_KINDS, PENALTY_KINDS) for level, kind in enumerate(kinds)}
)

SETTLEMENT_NOTE = (
    "抵銷與折算之先後順序，考績法及施行細則未明定；本系統於法定抵銷（同等級）與折算（由低折高）之各種順序中，"
    "採剩餘記大過最少、次為剩餘懲處分數最少，即對受考人最有利之結果，請人事單位依銓敘部規定確認。"
)

_BASIS_OFFSET = "考績法第12條第1項第1款、施行細則第15條第1項"
_BASIS_CONVERT = "施行細則第15條第2項"


def kind_label(kind: RecordKind) -> str:
    """The zh-TW name of a record kind: 嘉獎、記功、記大功、申誡、記過、記大過."""
    return KIND_LABELS[kind]


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger: a recorded (or proposed) reward or penalty, ``count`` times."""

    kind: RecordKind
    count: int
    on: date | None = None  # the record's date; None for a proposed sanction
    proposed: bool = False

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"count must be at least 1, not {self.count}")


@dataclass(frozen=True)
class LedgerBalance:
    """The year after offsets and conversions: what is left, how it was reached, and the flags."""

    remaining: Mapping[RecordKind, int]  # every kind, zero included
    net_points: int  # 施行細則第16條: rewards positive, penalties negative
    steps: tuple[str, ...]  # the computation, in zh-TW

    @property
    def net_major_demerits(self) -> int:
        """記大過 left after every offset and conversion."""
        return self.remaining[RecordKind.MAJOR_DEMERIT]

    @property
    def reaches_two_major_demerits_unoffset(self) -> bool:
        """考績法第12條第1項第1款: 無獎懲抵銷而累積達二大過 → 年終考績應列丁等 (第7條: 丁等免職)."""
        return self.net_major_demerits >= 2

    @property
    def has_one_major_demerit(self) -> bool:
        """考績法第13條: 曾記一大過（抵銷後）→ 年終考績不得考列乙等以上."""
        return self.net_major_demerits >= 1

    @property
    def remaining_penalty_points(self) -> int:
        return sum(self.remaining[kind] * KIND_POINTS[kind] for kind in PENALTY_KINDS)

    @property
    def remaining_reward_points(self) -> int:
        return sum(self.remaining[kind] * KIND_POINTS[kind] for kind in REWARD_KINDS)

    @property
    def unused_reward_points(self) -> int:
        """Reward points left unoffset while penalties remain (施行細則第15條 offsets equal weights only)."""
        return self.remaining_reward_points if self.remaining_penalty_points else 0

    def describe_remaining(self) -> str:
        """E.g. 「記大過2次、嘉獎1次」, or 「無（獎懲全數抵銷）」."""
        return _describe_remaining(self.remaining)

    def warnings(self) -> tuple[str, ...]:
        """The 年終考績 consequences of the balance, with citations (zh-TW)."""
        found: list[str] = []
        if self.reaches_two_major_demerits_unoffset:
            found.append(
                f"本考績年度平時考核經抵銷及折算後累積記大過{self.net_major_demerits}次：依公務人員考績法第12條第1項第1款"
                "「無獎懲抵銷而累積達二大過者，年終考績應列丁等」，丁等者免職（同法第7條第1項第4款）；"
                "考列丁等前，考績委員會應給予當事人陳述及申辯之機會（同法第14條第3項、施行細則第19條第3項），"
                "免職自確定之日起執行，未確定前應先行停職（同法第18條）。"
            )
        elif self.has_one_major_demerit:
            found.append(
                "本考績年度平時考核經抵銷及折算後仍有記大過1次：依公務人員考績法第13條，曾記一大過人員，"
                "年終考績不得考列乙等以上（即最高丙等，留原俸級，同法第7條第1項第3款）；"
                "如再記一大過（或累積相當於一大過之懲處）而未能抵銷，即累積達二大過，年終考績應列丁等。"
            )
        if self.has_one_major_demerit and self.unused_reward_points:
            found.append(
                f"尚有獎勵{self.unused_reward_points}分因等級不同、未滿三次無從折算而未能抵銷記大過"
                f"（依施行細則第16條之分數淨計為{self.net_points:+d}分）；"
                "施行細則第15條僅規定同等級抵銷及由低折高，是否得以較低等級之獎勵抵銷記大過，請人事單位確認。"
            )
        return tuple(found)


@dataclass(frozen=True)
class Ledger:
    """One 考績 year's 平時考核 rewards and penalties (施行細則第15、16條).

    ``excluded`` keeps the records of other years that :meth:`from_records` set aside, so the
    computation can say what it left out. 專案考績 (一次記二大功／二大過) is never an entry: 考績法
    第12條第2項 「專案考績不得與平時考核功過相抵銷」.
    """

    year: int
    entries: tuple[LedgerEntry, ...] = ()
    excluded: tuple[YearRecord, ...] = field(default=())

    @classmethod
    def from_records(cls, records: Iterable[YearRecord], year: int) -> Ledger:
        """The ledger of ``year``: records dated in that calendar year; others go to ``excluded``."""
        kept: list[LedgerEntry] = []
        excluded: list[YearRecord] = []
        for record in records:
            if record.on.year == year:
                kept.append(LedgerEntry(kind=record.kind, count=record.count, on=record.on))
            else:
                excluded.append(record)
        return cls(year=year, entries=tuple(kept), excluded=tuple(excluded))

    def with_proposed(self, kind: RecordKind, count: int = 1) -> Ledger:
        """This ledger plus a proposed (not yet decided) 平時考核 reward or penalty."""
        entry = LedgerEntry(kind=kind, count=count, on=None, proposed=True)
        return Ledger(year=self.year, entries=(*self.entries, entry), excluded=self.excluded)

    def totals(self) -> dict[RecordKind, int]:
        """Gross counts per kind, before any offset or conversion."""
        counts = dict.fromkeys((*REWARD_KINDS, *PENALTY_KINDS), 0)
        for entry in self.entries:
            counts[entry.kind] += entry.count
        return counts

    @property
    def net_points(self) -> int:
        """施行細則第16條: the year's score change (rewards +, penalties −); unchanged by any conversion."""
        return sum(
            count * KIND_POINTS[kind] * (1 if kind in REWARD_KINDS else -1) for kind, count in self.totals().items()
        )

    def settle(self) -> LedgerBalance:
        """Offset and convert (施行細則第15條), choosing the order most favourable to the 受考人."""
        totals = self.totals()
        rewards = [totals[kind] for kind in REWARD_KINDS]
        penalties = [totals[kind] for kind in PENALTY_KINDS]
        best: tuple[tuple[int, int, int, int], list[int], list[int], list[str]] | None = None
        for first in range(min(rewards[0], penalties[0]) + 1):
            rewards_1, penalties_1, moves_1 = _settle_level(0, rewards, penalties, first)
            for second in range(min(rewards_1[1], penalties_1[1]) + 1):
                rewards_2, penalties_2, moves_2 = _settle_level(1, rewards_1, penalties_1, second)
                third = min(rewards_2[2], penalties_2[2])  # nothing rolls up from the top level
                rewards_3, penalties_3, moves_3 = _settle_level(2, rewards_2, penalties_2, third)
                penalty_points = sum(count * CONVERSION_RATE**level for level, count in enumerate(penalties_3))
                # Most favourable: fewest 記大過, then fewest penalty points; among equals, the
                # largest offsets at the lowest levels (a stable, explainable choice).
                key = (penalties_3[2], penalty_points, -first, -second)
                if best is None or key < best[0]:
                    best = (key, rewards_3, penalties_3, [*moves_1, *moves_2, *moves_3])
        assert best is not None  # both loops run at least once
        _, left_rewards, left_penalties, moves = best
        remaining = {kind: left_rewards[level] for level, kind in enumerate(REWARD_KINDS)}
        remaining.update({kind: left_penalties[level] for level, kind in enumerate(PENALTY_KINDS)})
        steps = [*self._opening_steps(totals), *(moves or ["無可抵銷或折算之獎懲。"])]
        steps.append(
            f"結果：剩餘{_describe_remaining(remaining)}；淨記大過{left_penalties[2]}次；"
            f"依施行細則第16條併入年終考績之分數為{self.net_points:+d}分。"
        )
        return LedgerBalance(remaining=MappingProxyType(remaining), net_points=self.net_points, steps=tuple(steps))

    # Convenience views of :meth:`settle`.
    @property
    def net_major_demerits(self) -> int:
        return self.settle().net_major_demerits

    @property
    def reaches_two_major_demerits_unoffset(self) -> bool:
        return self.settle().reaches_two_major_demerits_unoffset

    @property
    def has_one_major_demerit(self) -> bool:
        return self.settle().has_one_major_demerit

    def _opening_steps(self, totals: Mapping[RecordKind, int]) -> list[str]:
        steps = [
            f"考績年度：{self.year}年（年終考績考核當年一月至十二月之成績，考績法第3條；"
            f"僅計入核定日期在{self.year}年之平時考核獎懲及本案擬議之懲處）。"
        ]
        if self.excluded:
            listed = "、".join(
                f"{record.on.isoformat()} {KIND_LABELS[record.kind]}{record.count}次" for record in self.excluded
            )
            steps.append(f"非本考績年度之紀錄，不予計入：{listed}。")
        recorded = _describe_counts(
            {kind: sum(e.count for e in self.entries if e.kind is kind and not e.proposed) for kind in totals}
        )
        steps.append(f"本年度已核定：{recorded}。")
        proposed = [entry for entry in self.entries if entry.proposed]
        if proposed:
            steps.append(
                "本案擬議：" + "、".join(f"{KIND_LABELS[entry.kind]}{entry.count}次" for entry in proposed) + "。"
            )
        steps.append(
            f"合計：{_describe_counts(dict(totals))}。抵銷以同等級為之（{_BASIS_OFFSET}）：嘉獎對申誡、記功對記過、"
            f"記大功對記大過；折算由低而高（{_BASIS_CONVERT}）：嘉獎三次作為記功一次、記功三次作為記一大功、"
            "申誡三次作為記過一次、記過三次作為記一大過。"
        )
        return steps


def _settle_level(
    level: int, rewards: list[int], penalties: list[int], offset: int
) -> tuple[list[int], list[int], list[str]]:
    """Offset ``offset`` pairs at ``level``, then roll whole threes up to the next level (both sides)."""
    rewards, penalties = list(rewards), list(penalties)
    reward_kind, penalty_kind = REWARD_KINDS[level], PENALTY_KINDS[level]
    moves: list[str] = []
    if offset:
        rewards[level] -= offset
        penalties[level] -= offset
        moves.append(
            f"抵銷：以{KIND_LABELS[reward_kind]}{offset}次抵銷{KIND_LABELS[penalty_kind]}{offset}次（{_BASIS_OFFSET}）。"
        )
    if level + 1 < LEVELS:
        for side, kinds in ((rewards, REWARD_KINDS), (penalties, PENALTY_KINDS)):
            carried = side[level] // CONVERSION_RATE
            if carried:
                side[level] -= carried * CONVERSION_RATE
                side[level + 1] += carried
                moves.append(
                    f"折算：{KIND_LABELS[kinds[level]]}{carried * CONVERSION_RATE}次作為"
                    f"{KIND_LABELS[kinds[level + 1]]}{carried}次（{_BASIS_CONVERT}）"
                    + (f"，餘{KIND_LABELS[kinds[level]]}{side[level]}次。" if side[level] else "。")
                )
    return rewards, penalties, moves


def _describe_remaining(remaining: Mapping[RecordKind, int]) -> str:
    parts = [
        f"{KIND_LABELS[kind]}{remaining[kind]}次"
        for kind in (*reversed(PENALTY_KINDS), *reversed(REWARD_KINDS))
        if remaining[kind]
    ]
    return "、".join(parts) if parts else "無（獎懲全數抵銷）"


def _describe_counts(counts: Mapping[RecordKind, int]) -> str:
    parts = [f"{KIND_LABELS[kind]}{counts[kind]}次" for kind in (*REWARD_KINDS, *PENALTY_KINDS) if counts.get(kind)]
    return "、".join(parts) if parts else "無"
