"""營業秘密法: 侵害營業秘密 (第13條之1) and its use abroad (第13條之2)."""

from __future__ import annotations

from datetime import date

from statutes.engine.facts import Conduct, Intent
from statutes.engine.rules.base import ABROAD, Aggravation, Check, CriminalRule, Element
from statutes.engine.rules.elements import INTENTIONAL, TRADE_SECRET_INFO
from statutes.engine.rules.predicates import (
    all_of,
    conduct_any,
    ever_official,
    fixed,
    intent_is,
    known_through_duty,
    unlawful_gain_intent,
)

# ---------------------------------------------------------------------------------------------
# Aggravations

AGG_TRADE_SECRET_OFFICIAL = Aggravation(
    "aggravation.tsa.13-3.3",
    (("J0080028:13-3", 3, "營業秘密法第13條之3第3項"),),
    all_of(ever_official, known_through_duty, intent_is(Intent.INTENTIONAL)),
    "公務員或曾任公務員之人，因職務知悉或持有他人之營業秘密而故意犯之",
    "是否為公務員或曾任公務員之人因職務知悉或持有該營業秘密而故意犯之？",
)


# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 營業秘密法
    CriminalRule(
        id="criminal.tsa.13-1",
        provision_id="J0080028:13-1",
        title="侵害營業秘密罪",
        elements=(
            TRADE_SECRET_INFO,
            Element(
                "未經授權或逾越授權範圍而重製、使用或洩漏",
                conduct_any(Conduct.DISCLOSE, Conduct.DELIVER, Conduct.PROFIT_FROM_SECRET),
                hard=True,
            ),
            Element(
                "意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益",
                unlawful_gain_intent,
                question="是否意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益？",
            ),
            INTENTIONAL,
        ),
        placement=fixed(1, 2),
        enacted=date(2013, 2, 1),
        aggravations=(AGG_TRADE_SECRET_OFFICIAL,),
        complaint_basis="營業秘密法第13條之3第1項",
    ),
    CriminalRule(
        id="criminal.tsa.13-2",
        provision_id="J0080028:13-2",
        title="意圖在境外使用而侵害營業秘密罪",
        elements=(
            TRADE_SECRET_INFO,
            Element(
                "未經授權或逾越授權範圍而重製、使用或洩漏",
                conduct_any(Conduct.DISCLOSE, Conduct.DELIVER, Conduct.PROFIT_FROM_SECRET),
                hard=True,
            ),
            Element(
                "有境外使用之跡象",
                lambda ctx: Check(
                    ctx.facts.recipient.used_abroad is True
                    or ctx.facts.recipient.kind in ABROAD
                    or ctx.facts.recipient.vendor_foreign_or_mainland is True,
                    ("recipient.used_abroad", "recipient.kind", "recipient.vendor_foreign_or_mainland"),
                ),
                hard=True,
            ),
            Element(
                "意圖在外國、大陸地區、香港或澳門使用",
                lambda ctx: Check(ctx.facts.recipient.used_abroad, ("recipient.used_abroad",)),
                question="是否意圖在外國、大陸地區、香港或澳門使用？",
            ),
            Element(
                "意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益",
                unlawful_gain_intent,
                question="是否意圖為自己或第三人不法之利益，或損害營業秘密所有人之利益？",
            ),
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=date(2013, 2, 1),
        aggravations=(AGG_TRADE_SECRET_OFFICIAL,),
        complaint_basis="營業秘密法第13條之3第1項（僅及於第13條之1）",
    ),
)
