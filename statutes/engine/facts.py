"""The engine's whole input vocabulary: the facts of one respondent's conduct.

Published as a JSON Schema (``statutes/engine/facts.schema.json``, zh-TW descriptions);
:func:`facts_from_json` validates a document against it and builds these frozen
dataclasses. Unknown facts are ``None`` (「尚未查明」), never guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from statutes.roc_calendar import FIRST_ROC_DAY, LAST_ROC_DAY

SCHEMA_PATH = Path(__file__).resolve().parent / "facts.schema.json"


class RespondentCategory(StrEnum):
    CIVIL_SERVANT = "civil_servant"  # 常任公務人員（依法任用）
    POLITICAL_APPOINTEE = "political_appointee"  # 政務人員
    CONTRACT_EMPLOYEE = "contract_employee"  # 約聘僱人員
    FORMER_CIVIL_SERVANT = "former_civil_servant"  # 退休或離職公務員
    NON_CIVIL_SERVANT = "non_civil_servant"  # 非公務員（如受託廠商員工）
    ACTIVE_MILITARY = "active_military"  # 現役軍人


class RankClass(StrEnum):
    SENIOR = "senior"  # 簡任
    JUNIOR = "junior"  # 薦任
    ELEMENTARY = "elementary"  # 委任


class Conduct(StrEnum):
    DISCLOSE = "disclose"  # 洩漏
    DELIVER = "deliver"  # 交付
    SPY_OR_COLLECT = "spy_or_collect"  # 刺探或收集
    OPEN_OR_HIDE_SEALED = "open_or_hide_sealed"  # 開拆或隱匿封緘信函
    PROFIT_FROM_SECRET = "profit_from_secret"  # 利用秘密消息圖利
    MISUSE_PERSONAL_DATA = "misuse_personal_data"  # 非法利用或輸出個人資料
    LOSE_OR_DAMAGE = "lose_or_damage"  # 遺失或毀損


class Intent(StrEnum):
    INTENTIONAL = "intentional"  # 故意
    NEGLIGENT = "negligent"  # 過失
    UNKNOWN = "unknown"  # 尚未查明


class InformationKind(StrEnum):
    DEFENSE_SECRET = "defense_secret"  # 國防秘密
    CLASSIFIED = "classified"  # 核定國家機密
    PENDING_CLASSIFICATION = "pending_classification"  # 報請核定中之國家機密
    GENERAL_OFFICIAL_SECRET = "general_official_secret"  # 一般公務機密
    COMMERCIAL_SECRET = "commercial_secret"  # 他人工商秘密
    TRADE_SECRET = "trade_secret"  # 營業秘密
    PERSONAL_DATA = "personal_data"  # 個人資料
    SEALED_LETTER = "sealed_letter"  # 封緘信函
    PROCUREMENT = "procurement"  # 採購底價或招標資料
    MILITARY_SECRET = "military_secret"  # 軍事上應秘密（現役軍人）


class ClassificationLevel(StrEnum):
    TOP_SECRET = "top_secret"  # 絕對機密
    SECRET = "secret"  # 極機密
    CONFIDENTIAL = "confidential"  # 機密


class RecipientKind(StrEnum):
    NONE_YET = "none_yet"  # 尚無（未交付或對象不明）
    PUBLIC = "public"  # 一般人
    MEDIA = "media"  # 媒體
    VENDOR = "vendor"  # 廠商
    FOREIGN_STATE = "foreign_state"  # 外國或其派遣之人
    MAINLAND_OR_HOSTILE = "mainland_or_hostile"  # 大陸地區、香港、澳門、境外敵對勢力或其派遣之人
    ENEMY = "enemy"  # 敵人（現役軍人）


class RecordKind(StrEnum):
    COMMENDATION = "commendation"  # 嘉獎
    MERIT = "merit"  # 記功
    MAJOR_MERIT = "major_merit"  # 記大功
    REPRIMAND = "reprimand"  # 申誡
    DEMERIT = "demerit"  # 記過
    MAJOR_DEMERIT = "major_demerit"  # 記大過


@dataclass(frozen=True)
class Respondent:
    category: RespondentCategory
    public_authority_delegated: bool | None = None  # 非公務員受委託行使公權力
    rank_class: RankClass | None = None  # 官等
    grade: int | None = None  # 職等 1–14
    service_start: date | None = None
    service_end: date | None = None  # 退休或離職日


@dataclass(frozen=True)
class Act:
    start: date
    end: date | None = None  # continuing act: its last day; None: a single day (= start)
    conducts: tuple[Conduct, ...] = ()
    intent: Intent = Intent.UNKNOWN
    known_through_duty: bool | None = None  # 因職務或業務知悉或持有
    benefit_received: bool | None = None  # 收受賄賂或不正利益
    abused_authority: bool | None = None  # 假借職務上之權力、機會或方法

    @property
    def last_day(self) -> date:
        """The day the act ended (the day that selects the law and starts time limits)."""
        return self.end or self.start


@dataclass(frozen=True)
class Information:
    kinds: tuple[InformationKind, ...] = ()
    classification_level: ClassificationLevel | None = None
    cyber_security_incident: bool = False
    cyber_aware_at: datetime | None = None
    cyber_notified_at: datetime | None = None


@dataclass(frozen=True)
class Recipient:
    kind: RecipientKind = RecipientKind.NONE_YET
    vendor_foreign_or_mainland: bool | None = None  # 外國或大陸廠商
    used_abroad: bool | None = None  # 意圖在外國、大陸地區、香港或澳門使用


@dataclass(frozen=True)
class Harm:
    serious_government_damage: bool | None = None  # 致政府遭受重大損害
    conclusive_evidence: bool | None = None  # 有確實證據
    third_party_harm: bool | None = None  # 第三人權利受損害


@dataclass(frozen=True)
class YearRecord:
    kind: RecordKind
    on: date
    count: int = 1


@dataclass(frozen=True)
class Complaint:
    complainant: str | None = None  # 告訴權人 (who); kept for the record, no rule turns on it
    learned_offender_on: date | None = None  # 告訴權人知悉犯人之日
    filed: bool | None = None
    filed_on: date | None = None


@dataclass(frozen=True)
class Facts:
    respondent: Respondent
    act: Act
    information: Information = field(default_factory=Information)
    recipient: Recipient = field(default_factory=Recipient)
    harm: Harm = field(default_factory=Harm)
    year_records: tuple[YearRecord, ...] = ()  # 本考績年度已有之獎懲
    complaint: Complaint = field(default_factory=Complaint)
    evaluation_date: date | None = None  # None: today (the caller supplies it)
    referral_date: date | None = None  # 預計移送懲戒之日


class FactsError(ValueError):
    """The document does not match the facts schema; ``problems`` lists each (zh-TW)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


@cache
def facts_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


DATE_OUT_OF_RANGE = f"日期須在 {FIRST_ROC_DAY.isoformat()} 至 {LAST_ROC_DAY.isoformat()} 之間（民國元年至民國999年）"
_FORMAT = jsonschema.Draft202012Validator.VALIDATORS["format"]


def _calendar_day(text: str, form: str) -> date | None:
    try:
        return date.fromisoformat(text) if form == "date" else datetime.fromisoformat(text).date()
    except ValueError:
        return None  # the format check (or building the facts) reports it


def _format_in_range(validator: Any, form: str, instance: Any, schema: dict[str, Any]) -> Any:
    """The schema's ``format`` check, and for a date or date-time the range the engine can compute in:
    a period of years added to 9999-12-31 has no date (it was a 500)."""
    yield from _FORMAT(validator, form, instance, schema)
    if form in ("date", "date-time") and isinstance(instance, str):
        day = _calendar_day(instance, form)
        if day is not None and not FIRST_ROC_DAY <= day <= LAST_ROC_DAY:
            yield ValidationError(f"{DATE_OUT_OF_RANGE}（收到 {instance}）")


# jsonschema's documented way to add to a keyword (subclassing a validator is deprecated); its stubs leave it untyped.
_FactsValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"format": _format_in_range}
)


def validate_facts_document(document: Any) -> list[str]:
    """Every schema violation, as zh-TW lines naming the field (empty when valid)."""
    validator = _FactsValidator(facts_schema(), format_checker=jsonschema.FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "（整份文件）"
        problems.append(f"{where}：{error.message}")
    return problems


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def facts_from_json(document: Any) -> Facts:
    """Validate ``document`` against the schema and build :class:`Facts` (raises FactsError)."""
    problems = validate_facts_document(document)
    if problems:
        raise FactsError(problems)
    try:
        return _build(document)
    except ValueError as error:  # e.g. a date-time the schema's format check let through
        raise FactsError([f"日期或時間格式錯誤：{error}"]) from None


def _build(document: dict[str, Any]) -> Facts:
    respondent = document["respondent"]
    act = document["act"]
    information = document.get("information", {})
    recipient = document.get("recipient", {})
    harm = document.get("harm", {})
    complaint = document.get("complaint", {})
    start = date.fromisoformat(act["start"])
    end = _date(act.get("end"))
    if end is not None and end < start:
        raise FactsError(["act/end：行為終了日不可早於行為開始日。"])
    return Facts(
        respondent=Respondent(
            category=RespondentCategory(respondent["category"]),
            public_authority_delegated=respondent.get("public_authority_delegated"),
            rank_class=RankClass(respondent["rank_class"]) if respondent.get("rank_class") else None,
            grade=respondent.get("grade"),
            service_start=_date(respondent.get("service_start")),
            service_end=_date(respondent.get("service_end")),
        ),
        act=Act(
            start=start,
            end=end,
            conducts=tuple(Conduct(value) for value in act.get("conducts", [])),
            intent=Intent(act.get("intent", "unknown")),
            known_through_duty=act.get("known_through_duty"),
            benefit_received=act.get("benefit_received"),
            abused_authority=act.get("abused_authority"),
        ),
        information=Information(
            kinds=tuple(InformationKind(value) for value in information.get("kinds", [])),
            classification_level=(
                ClassificationLevel(information["classification_level"])
                if information.get("classification_level")
                else None
            ),
            cyber_security_incident=bool(information.get("cyber_security_incident", False)),
            cyber_aware_at=_datetime(information.get("cyber_aware_at")),
            cyber_notified_at=_datetime(information.get("cyber_notified_at")),
        ),
        recipient=Recipient(
            kind=RecipientKind(recipient.get("kind", "none_yet")),
            vendor_foreign_or_mainland=recipient.get("vendor_foreign_or_mainland"),
            used_abroad=recipient.get("used_abroad"),
        ),
        harm=Harm(
            serious_government_damage=harm.get("serious_government_damage"),
            conclusive_evidence=harm.get("conclusive_evidence"),
            third_party_harm=harm.get("third_party_harm"),
        ),
        year_records=tuple(
            YearRecord(kind=RecordKind(item["kind"]), on=date.fromisoformat(item["on"]), count=item.get("count", 1))
            for item in document.get("year_records", [])
        ),
        complaint=Complaint(
            complainant=complaint.get("complainant") or None,
            learned_offender_on=_date(complaint.get("learned_offender_on")),
            filed=complaint.get("filed"),
            filed_on=_date(complaint.get("filed_on")),
        ),
        evaluation_date=_date(document.get("evaluation_date")),
        referral_date=_date(document.get("referral_date")),
    )
