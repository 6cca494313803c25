"""The law as data: laws, provisions, dated versions and structured penalties.

Pure Python (no Flask, no SQLAlchemy), immutable and deterministic. A
*provision* is one article under one numbering (e.g. 公務員服務法第4條 before the
2022 full revision); when a full revision renumbers it, its last version links
to the provision that carries the same rule under the new number
(``replaced_by``), and that one links back (``replaces``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from statutes.catalogue.paragraphs import legal_paragraphs


class FineMode(StrEnum):
    """How a criminal fine combines with imprisonment."""

    NONE = "none"  # no fine
    ONLY = "only"  # 處…罰金 (a fine is the only penalty)
    ALTERNATIVE = "alternative"  # 處…有期徒刑、拘役或…罰金
    INSTEAD_OR_ADD = "instead_or_add"  # 科或併科…罰金
    MAY_ADD = "may_add"  # 得併科…罰金
    MUST_ADD = "must_add"  # 併科…罰金


class VariantKind(StrEnum):
    """How an editorial variant differs from the version's text."""

    LAYOUT = "layout"  # line breaks or spaces only (not recorded as variants)
    PUNCTUATION = "punctuation"  # half/full-width punctuation or 台/臺
    EDITORIAL = "editorial"  # wording corrected by the database without an amendment


@dataclass(frozen=True)
class Penalty:
    """The punishment one paragraph (or subparagraph) of a version provides.

    Amounts are in NT$ as they apply (``fine_max``), after the 刑法施行法第1條之1
    conversion; ``fine_max_as_written`` and ``fine_multiplier`` keep the text's own
    figure and the factor applied (1, 3 or 30).
    """

    paragraph: int
    subparagraph: int | None = None
    death: bool = False
    life_imprisonment: bool = False
    imprisonment_min_months: int | None = None
    imprisonment_max_months: int | None = None
    short_term_detention: bool = False  # 拘役
    fine_mode: FineMode = FineMode.NONE
    fine_min: int | None = None
    fine_max: int | None = None
    fine_max_as_written: int | None = None
    fine_multiplier: int = 1
    # 得…於所得利益之N倍範圍內酌量加重 (e.g. 營業秘密法第13條之1第3項: 3)
    fine_gain_multiple: int | None = None
    # 加重其刑至二分之一 and similar: "up_to_half"; applies to another provision's penalty
    aggravation: str | None = None
    aggravates: tuple[str, ...] = ()  # provision ids (with ¶) the aggravation applies to
    complaint_required: bool = False  # 告訴乃論
    attempt_punishable: bool = False  # 未遂犯罰之
    note: str = ""

    @property
    def maximum_imprisonment_months(self) -> int | None:
        """The heaviest term, for 追訴權時效 (刑法第80條); None if no imprisonment."""
        if self.death or self.life_imprisonment:
            return None
        return self.imprisonment_max_months


@dataclass(frozen=True)
class EditorialVariant:
    """A wording the database showed for the same legal version (not an amendment)."""

    text: str
    kind: VariantKind
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(frozen=True)
class ProvisionVersion:
    """One legal version of a provision: a text and the dates it was in force."""

    text: str
    effective_from: date
    effective_to: date | None  # None: still in force (as far as the catalogue knows)
    promulgated: date | None = None
    # The amendment that made this text (its promulgation date, for display).
    amendment: str = ""
    repealed: bool = False  # the text is （刪除）: the number exists but no rule
    verified: bool = True  # False: wording from a secondary source (e.g. the seed leaflet)
    source: str = ""
    penalties: tuple[Penalty, ...] = ()
    editorial_variants: tuple[EditorialVariant, ...] = ()

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def paragraphs(self) -> list[str]:
        """The paragraphs (項), each with its subparagraphs (款): ``paragraphs()[1]`` is 第2項.

        Numbered as the penalties and paragraph titles are (statutes.catalogue.paragraphs.legal_paragraphs).
        """
        return ["\n".join([p.text, *(line for _, line in p.subparagraphs)]) for p in legal_paragraphs(self.text)]


@dataclass(frozen=True)
class Provision:
    """An article of a law under one numbering, with all its versions (oldest first)."""

    id: str  # e.g. "C0000001:132", "S0020038:4@1939" for a pre-revision numbering
    law: str  # PCode
    article: str  # "132", "115-1"
    title: str = ""  # 洩漏國防以外秘密罪
    paragraph_titles: dict[int, str] = field(default_factory=dict)
    versions: tuple[ProvisionVersion, ...] = ()
    replaced_by: str | None = None  # provision id after a renumbering or repeal
    replaces: str | None = None

    @property
    def sort_key(self) -> tuple[int, int]:
        return article_sort_key(self.article)

    def version_on(self, day: date) -> ProvisionVersion | None:
        return next((version for version in self.versions if version.in_force_on(day)), None)

    @property
    def citation(self) -> str:
        return cite_article(self.article)


@dataclass(frozen=True)
class Law:
    pcode: str
    name: str
    url: str
    nature: str = "法律"  # 法律 or 命令
    history: str = ""  # 沿革
    current_to: date | None = None  # the catalogue was checked against the official data of this date
    provisions: tuple[Provision, ...] = ()


ARTICLE_PATTERN = re.compile(r"^\d+(-\d+)?$")


def normalize_article(article: str) -> str:
    """'第 318-1 條', '318之1', '318-1' → '318-1'."""
    text = article.strip().removeprefix("第").removesuffix("條").strip().replace(" ", "")
    text = text.replace("之", "-")
    if not ARTICLE_PATTERN.match(text):
        raise ValueError(f"not an article number: {article!r}")
    return text


def article_sort_key(article: str) -> tuple[int, int]:
    """Sort 115 < 115-1 < 116 (never as floats)."""
    number, _, sub = article.partition("-")
    return int(number), int(sub or 0)


def cite_article(article: str) -> str:
    """'115-1' → '第115條之1'; '132' → '第132條'."""
    number, _, sub = article.partition("-")
    return f"第{number}條之{sub}" if sub else f"第{number}條"
