"""Elements used by several rules, and the flag several rules share."""

from __future__ import annotations

from statutes.engine.facts import Conduct, InformationKind, Intent, RecipientKind, RespondentCategory
from statutes.engine.rules.base import (
    ABROAD,
    BUSINESS_KINDS,
    DEFENCE_KINDS,
    DUTY_QUESTION,
    INTENT_QUESTION,
    OFFICIAL_KINDS,
    Check,
    Context,
    Element,
)
from statutes.engine.rules.predicates import (
    active_military,
    assumed,
    conduct_any,
    in_active_service_at_act,
    intent_is,
    kind_any,
    known_through_duty,
    not_official,
    official,
    official_secret_not_defence,
    unlawful_gain_intent,
)

# ---------------------------------------------------------------------------------------------
# Elements used by several rules

LEAKED = Element("洩漏或交付", conduct_any(Conduct.DISCLOSE, Conduct.DELIVER), hard=True)
DEFENCE_INFO = Element("關於中華民國國防應秘密之文書、圖畫、消息或物品", kind_any(*DEFENCE_KINDS), hard=True)
NON_DEFENCE_INFO = Element(
    "國防以外應秘密之文書、圖畫、消息或物品",
    kind_any(*OFFICIAL_KINDS, InformationKind.PERSONAL_DATA),
    hard=True,
)
NON_DEFENCE_SECRET = Element("該資訊屬國防以外應秘密者", official_secret_not_defence)
CLASSIFIED_INFO = Element("經依國家機密保護法核定之國家機密", kind_any(InformationKind.CLASSIFIED), hard=True)
PENDING_INFO = Element(
    "依國家機密保護法第6條報請核定國家機密之事項", kind_any(InformationKind.PENDING_CLASSIFICATION), hard=True
)
BUSINESS_INFO = Element("他人之工商秘密", kind_any(*BUSINESS_KINDS), hard=True)
TRADE_SECRET_INFO = Element("營業秘密", kind_any(InformationKind.TRADE_SECRET), hard=True)
PERSONAL_DATA_INFO = Element("個人資料", kind_any(InformationKind.PERSONAL_DATA), hard=True)
INTENTIONAL = Element("故意", intent_is(Intent.INTENTIONAL), question=INTENT_QUESTION)
NEGLIGENT = Element("過失", intent_is(Intent.NEGLIGENT), question=INTENT_QUESTION)
OFFICIAL = Element("行為人為公務員（刑法第10條第2項）", official)
NOT_OFFICIAL = Element("行為人非公務員", not_official)
DUTY = Element("因職務或業務知悉或持有", known_through_duty, question=DUTY_QUESTION)
SOLDIER = Element("行為人為現役軍人（陸海空軍刑法第1條）", active_military, hard=True)
SOLDIER_AT_ACT = Element("行為時在役", in_active_service_at_act)
ABROAD_LINK = Element(
    "收受者或委託者與外國、大陸地區、香港、澳門或境外敵對勢力有關",
    lambda ctx: Check(
        ctx.facts.recipient.kind in ABROAD
        or (
            ctx.facts.recipient.kind is RecipientKind.VENDOR and ctx.facts.recipient.vendor_foreign_or_mainland is True
        ),
        ("recipient.kind", "recipient.vendor_foreign_or_mainland"),
    ),
    hard=True,
)
UNJUSTIFIED = Element("無故（無正當理由）", assumed("事實未記載法令依據或權利人同意", "act.conducts"))
PERSONAL_DATA_GAIN_INTENT = Element(
    "意圖為自己或第三人不法之利益或損害他人之利益",
    unlawful_gain_intent,
    question="是否意圖為自己或第三人不法之利益或損害他人之利益？",
)


# ---------------------------------------------------------------------------------------------
# Flags


def pension_flag(ctx: Context) -> tuple[str, ...]:
    if ctx.facts.respondent.category is RespondentCategory.NON_CIVIL_SERVANT:
        return ()
    return (
        "軍公教人員經判處有期徒刑以上之刑確定者，喪失請領退休給與之權利（國家安全法第5條之2，2023年12月1日起第13條；"
        "是否及於該條施行前之行為，應另行判斷）",
    )
