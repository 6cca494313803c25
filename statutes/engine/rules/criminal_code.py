"""刑法: 外患罪章 (第109條、第110條), 瀆職罪章 (第131條、第132條) and 妨害秘密罪章 (第315條至第318條之1)."""

from __future__ import annotations

from datetime import date

from statutes.engine.facts import Conduct, InformationKind, RecipientKind, RespondentCategory
from statutes.engine.rules.base import (
    BUSINESS_KINDS,
    DUTY_QUESTION,
    OFFICIAL_KINDS,
    Aggravation,
    Check,
    Context,
    CriminalRule,
    Element,
    in_force,
)
from statutes.engine.rules.dated import ByVersion, Since
from statutes.engine.rules.elements import (
    BUSINESS_INFO,
    DEFENCE_INFO,
    INTENTIONAL,
    LEAKED,
    NEGLIGENT,
    NON_DEFENCE_INFO,
    NON_DEFENCE_SECRET,
    NOT_OFFICIAL,
    OFFICIAL,
    UNJUSTIFIED,
)
from statutes.engine.rules.predicates import (
    all_of,
    conduct_any,
    ever_official,
    fixed,
    kind_any,
    known_through_duty,
    not_ever_official,
    official,
    official_at_act,
    unknown,
)

# ---------------------------------------------------------------------------------------------
# What each version requires (statutes/data/C0000001.json)

# 第131條: whether 明知違背法令…圖自己或其他私人不法利益，因而獲得利益 is an element.
CRIMINAL_131_KNOWING_GAIN: ByVersion[bool] = ByVersion(
    "刑法第131條：是否以明知違背法令並因而獲得利益為要件",
    ("C0000001:131",),
    (
        Since(date(1935, 7, 1), False, "1935-01-01 公布"),  # 直接或間接圖利者
        Since(date(2001, 11, 9), True, "2001-11-07 修正公布"),  # 明知違背法令…因而獲得利益者
        Since(date(2018, 5, 25), True, "2018-05-23 修正公布"),  # the same, with the fine converted
    ),
)


# ---------------------------------------------------------------------------------------------
# Elements


def _recipient_foreign_via_115_1(ctx: Context) -> Check:
    kind = ctx.facts.recipient.kind
    if kind is RecipientKind.FOREIGN_STATE:
        return Check(True, ("recipient.kind",), "外國或其派遣之人")
    if kind is RecipientKind.MAINLAND_OR_HOSTILE:
        if in_force(ctx, "C0000001:115-1"):
            return Check(
                True,
                ("recipient.kind", "act.end"),
                "依刑法第115條之1，本章之罪亦適用於對象為大陸地區、香港、澳門、境外敵對勢力或其派遣之人",
            )
        return Check(
            False,
            ("recipient.kind", "act.end"),
            "行為終了時刑法第115條之1尚未施行；第109條第2項僅及於外國或其派遣之人（刑法第1條）",
        )
    return Check(False, ("recipient.kind",))


# ---------------------------------------------------------------------------------------------
# Aggravations

AGG_CRIMINAL_134 = Aggravation(
    "aggravation.criminal.134",
    (("C0000001:134", 1, "刑法第134條"),),
    all_of(official, lambda ctx: Check(ctx.facts.act.abused_authority, ("act.abused_authority",))),
    "公務員假借職務上之權力、機會或方法，以故意犯瀆職罪章以外之罪",
    "是否為公務員假借職務上之權力、機會或方法犯之？",
)
AGG_CRIMINAL_318_2 = Aggravation(
    "aggravation.criminal.318-2",
    (("C0000001:318-2", 1, "刑法第318條之2"),),
    lambda ctx: Check(
        None if ctx.facts.information.cyber_security_incident else False, ("information.cyber_security_incident",)
    ),
    "利用電腦或其相關設備犯之",
    "是否利用電腦或其相關設備犯之？",
)


# ---------------------------------------------------------------------------------------------
# Flags


def _flags_132(ctx: Context) -> tuple[str, ...]:
    flags = []
    if official_at_act(ctx.facts).met is not False:
        flags.append("不依刑法第134條加重（第132條已因公務員身分特別規定其刑）")
    if InformationKind.PROCUREMENT in ctx.facts.information.kinds:
        flags.append("應秘密之法令依據：政府採購法第34條（底價、招標文件及廠商資料之保密）")
    if ctx.facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
        flags.append("現役軍人犯之，依陸海空軍刑法第76條第1項第2款適用；戰時得加重其刑至二分之一（同條第3項）")
    return tuple(flags)


def _flags_109(ctx: Context) -> tuple[str, ...]:
    flags = ["預備或陰謀犯第1項或第2項之罪者，處二年以下有期徒刑（第109條第4項）"]
    if ctx.facts.recipient.kind is RecipientKind.MAINLAND_OR_HOSTILE and in_force(ctx, "C0000001:115-1"):
        flags.append("依刑法第115條之1適用（對象為大陸地區、香港、澳門或境外敵對勢力）")
    if ctx.facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
        flags.append("現役軍人犯之，依陸海空軍刑法第76條第1項第1款「除本法另有規定外」始適用")
    return tuple(flags)


# ---------------------------------------------------------------------------------------------
# The rules

_1935 = date(1935, 7, 1)

RULES: tuple[CriminalRule, ...] = (
    # 刑法 外患罪章
    CriminalRule(
        id="criminal.109.1",
        provision_id="C0000001:109",
        title="洩漏交付國防秘密罪",
        elements=(LEAKED, DEFENCE_INFO, INTENTIONAL),
        placement=fixed(1),
        enacted=_1935,
        flags=_flags_109,
    ),
    CriminalRule(
        id="criminal.109.2",
        provision_id="C0000001:109",
        title="洩漏交付國防秘密於外國（及依第115條之1於大陸地區等）罪",
        elements=(
            LEAKED,
            DEFENCE_INFO,
            Element("洩漏或交付於外國或其派遣之人", _recipient_foreign_via_115_1, hard=True),
            INTENTIONAL,
        ),
        placement=fixed(2),
        enacted=_1935,
        flags=_flags_109,
    ),
    CriminalRule(
        id="criminal.110",
        provision_id="C0000001:110",
        title="公務員過失洩漏交付國防秘密罪",
        elements=(
            LEAKED,
            DEFENCE_INFO,
            OFFICIAL,
            Element("職務上知悉或持有", known_through_duty, question=DUTY_QUESTION),
            NEGLIGENT,
        ),
        placement=fixed(1),
        enacted=_1935,
    ),
    # 刑法 瀆職罪章
    CriminalRule(
        id="criminal.131",
        provision_id="C0000001:131",
        title="公務員圖利罪",
        elements=(
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "對於主管或監督之事務",
                unknown("所涉事務是否為行為人主管或監督之事務？"),
            ),
            Element(
                "明知違背法令，圖自己或其他私人不法利益，因而獲得利益（2001年修正後）",
                lambda ctx: (
                    Check(True, (), "1935年條文：直接或間接圖利")
                    if not CRIMINAL_131_KNOWING_GAIN(ctx)
                    else Check(None, ("act.benefit_received",))
                ),
                question="是否明知違背法令，圖自己或其他私人不法利益，並因而獲得利益？",
            ),
        ),
        placement=fixed(1),
        enacted=_1935,
    ),
    CriminalRule(
        id="criminal.132.1",
        provision_id="C0000001:132",
        title="公務員洩漏國防以外秘密罪",
        elements=(LEAKED, NON_DEFENCE_INFO, NON_DEFENCE_SECRET, OFFICIAL, INTENTIONAL),
        placement=fixed(1),
        enacted=_1935,
        flags=_flags_132,
    ),
    CriminalRule(
        id="criminal.132.2",
        provision_id="C0000001:132",
        title="公務員過失洩漏國防以外秘密罪",
        elements=(LEAKED, NON_DEFENCE_INFO, NON_DEFENCE_SECRET, OFFICIAL, NEGLIGENT),
        placement=fixed(2),
        enacted=_1935,
        flags=_flags_132,
    ),
    CriminalRule(
        id="criminal.132.3",
        provision_id="C0000001:132",
        title="非公務員洩漏國防以外秘密罪",
        elements=(
            LEAKED,
            NON_DEFENCE_INFO,
            NON_DEFENCE_SECRET,
            NOT_OFFICIAL,
            Element("因職務或業務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            INTENTIONAL,
        ),
        placement=fixed(3),
        enacted=_1935,
        flags=_flags_132,
    ),
    # 刑法 妨害秘密罪章
    CriminalRule(
        id="criminal.315",
        provision_id="C0000001:315",
        title="妨害書信秘密罪",
        elements=(
            Element("開拆或隱匿他人之封緘信函、文書或圖畫", conduct_any(Conduct.OPEN_OR_HIDE_SEALED), hard=True),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=_1935,
        aggravations=(AGG_CRIMINAL_134,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        id="criminal.317",
        provision_id="C0000001:317",
        title="洩漏業務上知悉工商秘密罪",
        elements=(
            LEAKED,
            BUSINESS_INFO,
            Element("行為人非公務員或曾任公務員之人（否則適用第318條）", not_ever_official),
            Element("因業務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            Element(
                "依法令或契約有守密義務",
                unknown("行為人是否依法令或契約負有保守該工商秘密之義務？"),
            ),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=_1935,
        aggravations=(AGG_CRIMINAL_318_2,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        id="criminal.318",
        provision_id="C0000001:318",
        title="洩漏職務上知悉工商秘密罪",
        elements=(
            LEAKED,
            BUSINESS_INFO,
            Element("行為人為公務員或曾任公務員之人", ever_official),
            Element("因職務知悉或持有", known_through_duty, question=DUTY_QUESTION),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=_1935,
        aggravations=(AGG_CRIMINAL_318_2,),
        complaint_basis="刑法第319條",
    ),
    CriminalRule(
        id="criminal.318-1",
        provision_id="C0000001:318-1",
        title="洩漏利用電腦知悉他人秘密罪",
        elements=(
            LEAKED,
            Element(
                "涉及資通安全事件",
                lambda ctx: Check(
                    ctx.facts.information.cyber_security_incident, ("information.cyber_security_incident",)
                ),
                hard=True,
            ),
            Element("他人之秘密", kind_any(*OFFICIAL_KINDS, *BUSINESS_KINDS, InformationKind.PERSONAL_DATA), hard=True),
            Element(
                "因利用電腦或其他相關設備知悉或持有",
                unknown("是否因利用電腦或其他相關設備知悉或持有該秘密？", "information.cyber_security_incident"),
            ),
            UNJUSTIFIED,
            INTENTIONAL,
        ),
        placement=fixed(1),
        enacted=date(1997, 10, 10),
        aggravations=(AGG_CRIMINAL_134,),
        complaint_basis="刑法第319條",
    ),
)
