"""個人資料保護法 (第41條、第42條) and, before 2012-10-01, 電腦處理個人資料保護法 (第34條)."""

from __future__ import annotations

from datetime import date

from statutes.engine.facts import Conduct
from statutes.engine.rules.base import Aggravation, Check, Context, CriminalRule, Element
from statutes.engine.rules.dated import ByVersion, Since
from statutes.engine.rules.elements import INTENTIONAL, PERSONAL_DATA_GAIN_INTENT, PERSONAL_DATA_INFO
from statutes.engine.rules.predicates import (
    all_of,
    assumed,
    conduct_any,
    fixed,
    official,
    official_at_act,
    third_party_harm,
    unknown,
    unlawful_gain_intent,
)

# ---------------------------------------------------------------------------------------------
# What each version requires (statutes/data/I0050021.json)

# 第41條: whether 意圖為自己或第三人不法之利益或損害他人之利益 is an element of 第1項.
PDPA_41_GAIN_INTENT: ByVersion[bool] = ByVersion(
    "個人資料保護法第41條第1項：是否以不法意圖為要件",
    ("I0050021:41",),
    (
        # ¶1 違反…足生損害於他人者 (意圖營利 only in ¶2)
        Since(date(2012, 10, 1), False, "2010-05-26 修正公布（2012-10-01 施行）"),
        # ¶1 意圖為自己或第三人不法之利益或損害他人之利益，而違反…
        Since(date(2016, 3, 15), True, "2015-12-30 修正公布（2016-03-15 施行）"),
    ),
)


# ---------------------------------------------------------------------------------------------
# Aggravations

AGG_PDPA_OFFICIAL = Aggravation(
    "aggravation.pdpa.44",
    (
        ("I0050021:35@1995", 1, "電腦處理個人資料保護法第35條"),
        ("I0050021:44", 1, "個人資料保護法第44條"),
    ),
    all_of(official, lambda ctx: Check(ctx.facts.act.abused_authority, ("act.abused_authority",))),
    "公務員假借職務上之權力、機會或方法犯之",
    "是否為公務員假借職務上之權力、機會或方法犯之？",
)


# ---------------------------------------------------------------------------------------------
# Complaint overrides


def _complaint_42(ctx: Context) -> Check:
    """個人資料保護法第45條但書: 對公務機關犯第42條之罪者，非告訴乃論."""
    if official_at_act(ctx.facts).met is False:
        return Check(True, ("respondent.category",))
    return Check(
        None,
        ("respondent.category", "act.known_through_duty"),
        question="受侵害之個人資料檔案是否屬公務機關（個人資料保護法第45條但書：對公務機關犯第42條之罪者，非告訴乃論）？",
    )


def _complaint_1995(ctx: Context) -> Check:
    return Check(None, (), question="1995年電腦處理個人資料保護法是否定有告訴乃論之規定（未經核對）？")


# ---------------------------------------------------------------------------------------------
# The rules

RULES: tuple[CriminalRule, ...] = (
    # 個人資料保護法 (1995: 電腦處理個人資料保護法)
    CriminalRule(
        id="criminal.pdpa.41",
        provision_id="I0050021:41",
        title="非法蒐集處理利用個人資料罪",
        elements=(
            PERSONAL_DATA_INFO,
            Element(
                "非法利用或洩漏個人資料",
                conduct_any(Conduct.MISUSE_PERSONAL_DATA, Conduct.DISCLOSE, Conduct.DELIVER),
                hard=True,
            ),
            Element(
                "違反第6條第1項、第15條、第16條、第19條、第20條第1項規定（特定目的外之蒐集、處理或利用）",
                assumed("洩漏或非法利用個人資料，屬特定目的外之利用（無法定例外之記載）", "act.conducts"),
            ),
            INTENTIONAL,
            Element(
                "意圖為自己或第三人不法之利益或損害他人之利益（2016年3月15日修正施行後）",
                lambda ctx: (
                    unlawful_gain_intent(ctx)
                    if PDPA_41_GAIN_INTENT(ctx)
                    else Check(True, (), "2012年條文第1項不以不法意圖為要件（意圖營利者，依第2項處五年以下有期徒刑）")
                ),
                question="是否意圖為自己或第三人不法之利益或損害他人之利益？",
            ),
            Element("足生損害於他人", third_party_harm, question="是否足生損害於他人（第三人權利受有損害）？"),
        ),
        placement=fixed(1),
        enacted=date(2012, 10, 1),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint_basis="個人資料保護法第45條",
    ),
    CriminalRule(
        id="criminal.pdpa.42",
        provision_id="I0050021:42",
        title="妨害個人資料檔案正確罪",
        elements=(
            PERSONAL_DATA_INFO,
            Element("非法變更、刪除或以其他非法方法", conduct_any(Conduct.MISUSE_PERSONAL_DATA), hard=True),
            Element(
                "致妨害個人資料檔案之正確",
                unknown("是否對個人資料檔案為非法變更、刪除或以其他非法方法，致妨害其正確？", "act.conducts"),
            ),
            PERSONAL_DATA_GAIN_INTENT,
            INTENTIONAL,
            Element("足生損害於他人", third_party_harm, question="是否足生損害於他人（第三人權利受有損害）？"),
        ),
        placement=fixed(1),
        enacted=date(2012, 10, 1),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint=_complaint_42,
        complaint_basis="個人資料保護法第45條",
    ),
    CriminalRule(
        id="criminal.pdpa1995.34",
        provision_id="I0050021:34@1995",
        title="妨害個人資料檔案正確罪（電腦處理個人資料保護法）",
        elements=(
            PERSONAL_DATA_INFO,
            Element(
                "非法輸出、干擾、變更、刪除或以其他非法方法",
                conduct_any(Conduct.MISUSE_PERSONAL_DATA, Conduct.DISCLOSE, Conduct.DELIVER),
                hard=True,
            ),
            Element(
                "妨害個人資料檔案之正確",
                unknown("是否對個人資料檔案為非法輸出、干擾、變更、刪除或以其他非法方法，妨害其正確？", "act.conducts"),
            ),
            PERSONAL_DATA_GAIN_INTENT,
            INTENTIONAL,
            Element("致損害於他人", third_party_harm, question="是否致損害於他人（第三人權利受有損害）？"),
        ),
        placement=fixed(1),
        enacted=date(1995, 8, 13),
        aggravations=(AGG_PDPA_OFFICIAL,),
        complaint=_complaint_1995,
        complaint_basis="電腦處理個人資料保護法（告訴乃論與否未經核對）",
        covers_successors=False,
    ),
)
