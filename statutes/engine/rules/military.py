"""陸海空軍刑法: 洩漏交付軍事機密 (第20條), aggravated by 第21條."""

from __future__ import annotations

from statutes.engine.facts import InformationKind, RecipientKind
from statutes.engine.rules.base import Aggravation, Context, CriminalRule, Element
from statutes.engine.rules.elements import INTENTIONAL, LEAKED, NEGLIGENT, SOLDIER, SOLDIER_AT_ACT
from statutes.engine.rules.predicates import fixed, kind_any, known_through_duty, recipient_any

# ---------------------------------------------------------------------------------------------
# Aggravations

AGG_MILITARY_21 = Aggravation(
    "aggravation.military.21",
    (("F0120001:21", 1, "陸海空軍刑法第21條"),),
    known_through_duty,
    "洩漏或交付職務上所持有或知悉之軍事機密",
    "該軍事機密是否為職務上所持有或知悉？",
)


# ---------------------------------------------------------------------------------------------
# Flags


def _flags_20(ctx: Context) -> tuple[str, ...]:
    return ("戰時犯之者，依第20條第1項後段或第4項後段處斷（事實未記載是否戰時）",)


# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 陸海空軍刑法 (2001 full revision; the earlier Act is not in the catalogue)
    CriminalRule(
        id="criminal.military.20.1",
        provision_id="F0120001:20",
        title="洩漏交付軍事機密罪",
        elements=(
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            SOLDIER_AT_ACT,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=None,
        aggravations=(AGG_MILITARY_21,),
        flags=_flags_20,
    ),
    CriminalRule(
        id="criminal.military.20.2",
        provision_id="F0120001:20",
        title="洩漏交付軍事機密於敵人罪",
        elements=(
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            Element("洩漏或交付於敵人", recipient_any(RecipientKind.ENEMY), hard=True),
            SOLDIER_AT_ACT,
            INTENTIONAL,
        ),
        placement=fixed(2),
        enacted=None,
        aggravations=(AGG_MILITARY_21,),
    ),
    CriminalRule(
        id="criminal.military.20.4",
        provision_id="F0120001:20",
        title="過失洩漏交付軍事機密罪",
        elements=(
            SOLDIER,
            LEAKED,
            Element(
                "關於中華民國軍事上應秘密之文書、圖畫、消息、電磁紀錄或物品",
                kind_any(InformationKind.MILITARY_SECRET),
                hard=True,
            ),
            SOLDIER_AT_ACT,
            NEGLIGENT,
        ),
        placement=fixed(4),
        enacted=None,
        flags=_flags_20,
    ),
)
