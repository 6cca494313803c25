"""貪污治罪條例: 違背職務收受賄賂 (第4條第1項第5款) and 圖利 (第6條第1項第4款、第5款)."""

from __future__ import annotations

from statutes.engine.facts import Conduct
from statutes.engine.rules.base import LEAK, Check, CriminalRule, Element
from statutes.engine.rules.elements import INTENTIONAL, OFFICIAL
from statutes.engine.rules.predicates import conduct_any, fixed, unknown

# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 貪污治罪條例
    CriminalRule(
        id="criminal.acpa.4.1.5",
        provision_id="C0000007:4",
        title="違背職務收受賄賂罪",
        elements=(
            Element(
                "收受賄賂或其他不正利益",
                lambda ctx: Check(ctx.facts.act.benefit_received, ("act.benefit_received",)),
                hard=True,
            ),
            Element("違背職務之行為（洩漏應秘密之資訊）", conduct_any(*LEAK, Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "賄賂與違背職務之行為具對價關係",
                unknown("所收受之利益與洩密行為之間是否具對價關係（賄賂）？", "act.benefit_received"),
            ),
        ),
        placement=fixed(1, 5),
        enacted=None,
    ),
    CriminalRule(
        id="criminal.acpa.6.1.4",
        provision_id="C0000007:6",
        title="主管監督事務圖利罪",
        elements=(
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element("對於主管或監督之事務", unknown("所涉事務是否為行為人主管或監督之事務？")),
            Element(
                "明知違背法律、法律授權之法規命令、職權命令、自治條例、自治規則、委辦規則或其他對外發生法律效果之規定",
                unknown("是否明知違背法律、法規命令或其他對外發生法律效果之規定（不含機關內部規定）？"),
            ),
            Element(
                "圖自己或其他私人不法利益，因而獲得利益",
                unknown("是否圖自己或其他私人不法利益並因而獲得利益？", "act.benefit_received"),
            ),
        ),
        placement=fixed(1, 4),
        enacted=None,
    ),
    CriminalRule(
        id="criminal.acpa.6.1.5",
        provision_id="C0000007:6",
        title="非主管監督事務圖利罪",
        elements=(
            Element("利用秘密消息圖利", conduct_any(Conduct.PROFIT_FROM_SECRET), hard=True),
            OFFICIAL,
            INTENTIONAL,
            Element(
                "對於非主管或監督之事務，利用職權機會或身分",
                unknown("所涉事務是否非行為人主管或監督，而係利用職權機會或身分圖利？", "act.abused_authority"),
            ),
            Element(
                "明知違背法律、法規命令或其他對外發生法律效果之規定",
                unknown("是否明知違背法律、法規命令或其他對外發生法律效果之規定（不含機關內部規定）？"),
            ),
            Element(
                "圖自己或其他私人不法利益，因而獲得利益",
                unknown("是否圖自己或其他私人不法利益並因而獲得利益？", "act.benefit_received"),
            ),
        ),
        placement=fixed(1, 5),
        enacted=None,
    ),
)
