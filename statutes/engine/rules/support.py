"""Provisions without a penalty of their own that extend or ground an offence.

刑法第115條之1, 陸海空軍刑法第76條 and 政府採購法第34條.
"""

from __future__ import annotations

from statutes.engine.facts import InformationKind, RecipientKind
from statutes.engine.rules.base import SupportRule
from statutes.engine.rules.predicates import active_military, all_of, in_active_service_at_act, kind_any, recipient_any

# ---------------------------------------------------------------------------------------------
# Provisions without a penalty that extend or ground an offence

SUPPORT_RULES: tuple[SupportRule, ...] = (
    SupportRule(
        "criminal.115-1",
        "C0000001:115-1",
        None,
        None,
        "外患罪章適用於大陸地區、香港、澳門及境外敵對勢力",
        ("criminal.109.2",),
        recipient_any(RecipientKind.MAINLAND_OR_HOSTILE),
        "刑法第115條之1：外患罪章之罪，亦適用於地域或對象為大陸地區、香港、澳門、境外敵對勢力或其派遣之人，依各該條規定處斷",
    ),
    SupportRule(
        "criminal.military.76.1",
        "F0120001:76",
        1,
        1,
        "現役軍人犯刑法外患罪章第109條至第112條之罪",
        ("criminal.109.1", "criminal.109.2", "criminal.110"),
        all_of(active_military, in_active_service_at_act),
        "陸海空軍刑法第76條第1項第1款：現役軍人犯刑法第109條至第112條之罪者，除本法另有規定外，依各該規定處罰",
    ),
    SupportRule(
        "criminal.military.76.2",
        "F0120001:76",
        1,
        2,
        "現役軍人犯刑法瀆職罪章之罪",
        ("criminal.131", "criminal.132.1", "criminal.132.2", "criminal.132.3"),
        all_of(active_military, in_active_service_at_act),
        "陸海空軍刑法第76條第1項第2款：現役軍人犯刑法瀆職罪章之罪者，除本法另有規定外，依各該規定處罰",
    ),
    SupportRule(
        "criminal.procurement.34",
        "A0030057:34",
        None,
        None,
        "招標文件、底價及投標資料之保密（應秘密之法令依據）",
        ("criminal.132.1", "criminal.132.2", "criminal.132.3"),
        kind_any(InformationKind.PROCUREMENT),
        "政府採購法第34條課機關保密義務（招標文件於公告前、底價於開標前及決標前、廠商投標文件）；本條未定刑罰，"
        "洩漏者依刑法第132條處罰（政府採購法第87條係妨害投標之罪，不及於洩漏底價，且未收錄於目錄）",
    ),
)
