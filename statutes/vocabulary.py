"""Every label of the facts vocabulary, one copy: zh-TW words for each enumerated value.

Covers the enumerations of ``statutes/engine/facts.schema.json`` (keyed by the schema's values), the
engine's output (suggestion statuses, whether a path is open) and the case record's own values
(status, source, 密等), so the forms, the case page, the plain-text report, the CSV export and the
recommendation diff all say the same words. The labels are zh-TW msgids: pure code (the engine,
the CSV export, which is a record) uses them as they are; the web layer translates them at
display time (``gettext(label)``, see ``facts.labels``).
"""

from __future__ import annotations

from collections.abc import Mapping


# statutes imports nothing of the application, so it keeps its own gettext marker (pybabel extracts N_).
def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


# --- statutes/engine/facts.schema.json ----------------------------------------------------------------

CATEGORY: Mapping[str, str] = {
    "civil_servant": N_("常任公務人員（依法任用）"),
    "political_appointee": N_("政務人員"),
    "contract_employee": N_("約聘僱人員"),
    "former_civil_servant": N_("退休或離職公務員"),
    "non_civil_servant": N_("非公務員（如受託廠商員工）"),
    "active_military": N_("現役軍人"),
}
RANK_CLASS: Mapping[str, str] = {"senior": N_("簡任"), "junior": N_("薦任"), "elementary": N_("委任")}
CONDUCT: Mapping[str, str] = {
    "disclose": N_("洩漏"),
    "deliver": N_("交付"),
    "spy_or_collect": N_("刺探或收集"),
    "open_or_hide_sealed": N_("開拆或隱匿封緘信函"),
    "profit_from_secret": N_("利用秘密消息圖利"),
    "misuse_personal_data": N_("非法利用或輸出個人資料"),
    "lose_or_damage": N_("遺失或毀損"),
}
INTENT: Mapping[str, str] = {"unknown": N_("尚未查明"), "intentional": N_("故意"), "negligent": N_("過失")}
KIND: Mapping[str, str] = {
    "defense_secret": N_("國防秘密"),
    "classified": N_("核定之國家機密"),
    "pending_classification": N_("報請核定中之國家機密"),
    "general_official_secret": N_("一般公務機密"),
    "commercial_secret": N_("他人工商秘密"),
    "trade_secret": N_("營業秘密"),
    "personal_data": N_("個人資料"),
    "sealed_letter": N_("封緘信函"),
    "procurement": N_("採購底價或招標資料"),
    "military_secret": N_("軍事上應秘密之消息（現役軍人）"),
}
# 國家機密等級 (國家機密保護法第4條).
LEVEL: Mapping[str, str] = {"top_secret": N_("絕對機密"), "secret": N_("極機密"), "confidential": N_("機密")}
RECIPIENT: Mapping[str, str] = {
    "none_yet": N_("尚無或不明"),
    "public": N_("一般人"),
    "media": N_("媒體"),
    "vendor": N_("廠商"),
    "foreign_state": N_("外國或其派遣之人"),
    "mainland_or_hostile": N_("大陸地區、香港、澳門、境外敵對勢力或其派遣之人"),
    "enemy": N_("敵人（現役軍人）"),
}
RECORD: Mapping[str, str] = {
    "commendation": N_("嘉獎"),
    "merit": N_("記功"),
    "major_merit": N_("記大功"),
    "reprimand": N_("申誡"),
    "demerit": N_("記過"),
    "major_demerit": N_("記大過"),
}
# A yes/no fact; None is 「尚未查明」.
YES, NO, UNKNOWN = N_("是"), N_("否"), N_("尚未查明")

# --- the engine's output -----------------------------------------------------------------------

# statutes.engine.result.Status, by value.
STATUS: Mapping[str, str] = {
    "applied": N_("適用"),
    "alternative": N_("待查明"),
    "displaced": N_("排除"),
    "barred": N_("不能追究"),
}
# DisciplinaryPath.applicable: True, False, or None while it depends on facts not yet known.
PATH: Mapping[bool | None, str] = {True: N_("可行"), False: N_("不適用"), None: N_("待查明")}

# --- the case record (incidents.models enums, by value) ----------------------------------------

CASE_STATUS: Mapping[str, str] = {"draft": N_("草稿"), "filed": N_("已立案")}
CASE_SOURCE: Mapping[str, str] = {
    "whistleblower_report": N_("檢舉"),
    "self_discovered": N_("自行發現"),
    "referral": N_("他機關移送"),
    "media_report": N_("媒體報導"),
    "other": N_("其他"),
}
# 密等 of the case record: the three national-secret levels, 一般公務機密 (marked 密) and none.
RECORD_CLASSIFICATION: Mapping[str, str] = {
    **LEVEL,
    "general_official_secret": N_("一般公務機密（密）"),
    "none": N_("普通"),
}
