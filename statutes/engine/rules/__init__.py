"""The criminal rules as data: elements, paragraphs per version, aggravations and concurrency.

A registry in the CTFd ``CHALLENGE_CLASSES`` shape (``RULES``, ``RULES_BY_ID``): each
:class:`CriminalRule` names a provision, the paragraph that describes the conduct in each of its
versions (:data:`Placement`), and its elements — small named predicates over the facts that return
``met`` True, False or None (the facts do not tell) with the facts used. *Hard* elements decide
whether the rule is raised at all (the conduct and kind of information); the others, when unknown,
make the suggestion an *alternative* that names the open question. A rule whose element the facts
contradict is never suggested.

:data:`CONCURRENCY` says which provision governs when several cover the same conduct, with the
rule that says so; :data:`SUPPORT_RULES` are provisions without a penalty of their own that extend
or ground an offence (刑法第115條之1, 陸海空軍刑法第76條, 政府採購法第34條); :data:`CATALOGUE_GAPS` are
provisions the facts raise but the engine cannot evaluate (not in the catalogue, or no fact for an
element), reported as warnings rather than guessed.

Pure and deterministic: no I/O, no Flask, no SQLAlchemy.

The registry is split by area: :mod:`statutes.engine.rules.base` (the shapes and vocabulary),
:mod:`~statutes.engine.rules.predicates` and :mod:`~statutes.engine.rules.elements` (what the elements test),
one module per law (:mod:`~statutes.engine.rules.criminal_code`, :mod:`~statutes.engine.rules.classified`,
:mod:`~statutes.engine.rules.national_security`, :mod:`~statutes.engine.rules.personal_data`,
:mod:`~statutes.engine.rules.trade_secrets`, :mod:`~statutes.engine.rules.corruption`,
:mod:`~statutes.engine.rules.military`), and :mod:`~statutes.engine.rules.support`,
:mod:`~statutes.engine.rules.concurrency` and :mod:`~statutes.engine.rules.gaps`. :data:`RULES` joins the
per-law tuples in that order.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from statutes.engine.rules import (
    classified,
    corruption,
    criminal_code,
    military,
    national_security,
    personal_data,
    trade_secrets,
)
from statutes.engine.rules.base import (
    FORMER_LAW_NAMES,
    Aggravation,
    CatalogueGap,
    Check,
    Concurrency,
    ConcurrencyMode,
    Context,
    CriminalRule,
    Element,
    Slot,
    SupportRule,
)
from statutes.engine.rules.concurrency import CONCURRENCY
from statutes.engine.rules.gaps import CATALOGUE_GAPS
from statutes.engine.rules.predicates import official_at_act
from statutes.engine.rules.support import SUPPORT_RULES

__all__ = [
    "CATALOGUE_GAPS",
    "CONCURRENCY",
    "FORMER_LAW_NAMES",
    "RULES",
    "RULES_BY_ID",
    "SUPPORT_RULES",
    "Aggravation",
    "CatalogueGap",
    "Check",
    "Concurrency",
    "ConcurrencyMode",
    "Context",
    "CriminalRule",
    "Element",
    "Slot",
    "SupportRule",
    "official_at_act",
]

RULES: tuple[CriminalRule, ...] = (
    *criminal_code.RULES,  # 刑法 外患罪章, 瀆職罪章, 妨害秘密罪章
    *classified.RULES,  # 國家機密保護法
    *national_security.RULES,  # 國家安全法
    *personal_data.RULES,  # 個人資料保護法 (1995: 電腦處理個人資料保護法)
    *trade_secrets.RULES,  # 營業秘密法
    *corruption.RULES,  # 貪污治罪條例
    *military.RULES,  # 陸海空軍刑法
)

RULES_BY_ID: Mapping[str, CriminalRule] = MappingProxyType({rule.id: rule for rule in RULES})
