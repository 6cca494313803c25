"""One sub-form per part of statutes/engine/facts.schema.json, each with ``to_part()`` and ``load_part()``.

A page's form inherits the parts it collects (``class FactsForm(RespondentPart, ActPart, …,
FlaskForm)``), so every field keeps its plain name (``intent``, ``complaint_filed``) in the page and
in what it posts. Each part is also a form by itself. Because one form holds several parts, a
composite calls a part's methods through the part (``ActPart.to_part(self)``); :func:`document_of`
and :func:`load_parts` do that for a list of parts. ``key`` names the part of the document the
part fills ("" for top-level facts such as ``evaluation_date``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from core.forms import RocDateField
from facts import labels
from facts.fields import (
    aware,
    checkboxes,
    choices,
    day,
    moment,
    parse_day,
    select,
    taipei_time,
    tri_text,
    tri_value,
    tristate,
    typed_time,
)

MIN_RECORD_ROWS = 3
MAX_YEAR_RECORDS = 10  # the limit incidents.services.respondents enforces too
COMPLAINANT_MAX = 200  # the schema's maxLength for complaint.complainant


class FactsPart(Form):
    key: ClassVar[str]

    def to_part(self) -> Any:
        """The part's facts as the schema writes them."""
        raise NotImplementedError

    def load_part(self, part: Any) -> None:
        """Fill the fields from the part of a stored document."""
        raise NotImplementedError


def document_of(form: Form, parts: Iterable[type[FactsPart]]) -> dict[str, Any]:
    """The facts the ``parts`` of ``form`` collect, as one (partial) facts document."""
    document: dict[str, Any] = {}
    for part in parts:
        value = part.to_part(form)  # type: ignore[arg-type]
        if not part.key:
            document.update(value)
        elif isinstance(value, dict):
            document.setdefault(part.key, {}).update(value)
        else:
            document[part.key] = value
    return document


def load_parts(form: Form, parts: Iterable[type[FactsPart]], document: Mapping[str, Any]) -> None:
    """Fill the fields of the ``parts`` of ``form`` from a (partial) facts document."""
    for part in parts:
        part.load_part(form, document if not part.key else document.get(part.key, {}))  # type: ignore[arg-type]


class RespondentPart(FactsPart):
    key = "respondent"
    category = select(_l("身分類別"), labels.CATEGORY, "civil_servant")
    public_authority_delegated = tristate(_l("（非公務員）是否受委託行使公權力"))
    rank_class = select(_l("官等"), labels.RANK_CLASS, "")
    grade = IntegerField(
        _l("職等"),
        validators=[Optional(), NumberRange(1, 14, _l("職等須為 1 至 14。"))],
        description=_l("1 至 14"),
        invalid_value_message=_l("職等須為 1 至 14。"),
    )
    service_start = RocDateField(_l("到職日"))
    service_end = RocDateField(_l("退休或離職日"))

    def to_part(self) -> dict[str, Any]:
        return {
            "category": self.category.data,
            "public_authority_delegated": tri_value(self.public_authority_delegated),
            "rank_class": self.rank_class.data or None,
            "grade": self.grade.data,
            "service_start": day(self.service_start),
            "service_end": day(self.service_end),
        }

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.category.data = part.get("category") or "civil_servant"
        self.public_authority_delegated.data = tri_text(part.get("public_authority_delegated"))
        self.rank_class.data = part.get("rank_class") or ""
        self.grade.data = part.get("grade")
        self.service_start.data = parse_day(part.get("service_start"))
        self.service_end.data = parse_day(part.get("service_end"))


class ActDatesPart(FactsPart):
    """``act.start`` and ``act.end``: typed with the other facts here, columns of a case."""

    key = "act"
    act_start = RocDateField(_l("行為開始日"), validators=[InputRequired(_l("請輸入行為開始日。"))])
    act_end = RocDateField(_l("行為終了日"), description=_l("繼續行為的最後一日；單一日的行為可留空"))

    def to_part(self) -> dict[str, Any]:
        return {"start": day(self.act_start), "end": day(self.act_end)}

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.act_start.data = parse_day(part.get("start"))
        self.act_end.data = parse_day(part.get("end"))


class ActPart(FactsPart):
    """The act but its dates."""

    key = "act"
    conducts = checkboxes(_l("行為態樣"), labels.CONDUCT)
    intent = select(_l("主觀犯意"), labels.INTENT, "unknown")
    known_through_duty = tristate(_l("是否因職務或業務知悉或持有"))
    benefit_received = tristate(_l("是否收受賄賂或其他不正利益"))
    abused_authority = tristate(_l("是否假借職務上之權力、機會或方法"))
    TRISTATES: ClassVar[tuple[str, ...]] = ("known_through_duty", "benefit_received", "abused_authority")

    def to_part(self) -> dict[str, Any]:
        return {
            "conducts": list(self.conducts.data or []),
            "intent": self.intent.data,
            **{name: tri_value(self[name]) for name in ActPart.TRISTATES},
        }

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.conducts.data = list(part.get("conducts", []))
        self.intent.data = part.get("intent", "unknown")
        for name in ActPart.TRISTATES:
            self[name].data = tri_text(part.get(name))


class InformationPart(FactsPart):
    """The information but the cyber-security facts (:class:`CyberPart`)."""

    key = "information"
    kinds = checkboxes(_l("資訊種類"), labels.KIND)
    classification_level = select(_l("國家機密等級"), labels.LEVEL, "")

    def to_part(self) -> dict[str, Any]:
        return {"kinds": list(self.kinds.data or []), "classification_level": self.classification_level.data or None}

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.kinds.data = list(part.get("kinds", []))
        self.classification_level.data = part.get("classification_level") or ""


class CyberPart(FactsPart):
    """資通安全事件: whether, when it was known and when it was reported (times typed in Taiwan time)."""

    key = "information"
    cyber_security_incident = BooleanField(_l("涉及資通安全事件"))
    cyber_aware_at = taipei_time(_l("知悉資安事件之時間"))
    cyber_notified_at = taipei_time(_l("通報資安事件之時間"))

    def aware_at(self) -> datetime | None:
        return aware(self.cyber_aware_at)

    def notified_at(self) -> datetime | None:
        return aware(self.cyber_notified_at)

    def to_part(self) -> dict[str, Any]:
        return {
            "cyber_security_incident": bool(self.cyber_security_incident.data),
            "cyber_aware_at": moment(self.cyber_aware_at),
            "cyber_notified_at": moment(self.cyber_notified_at),
        }

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.cyber_security_incident.data = bool(part.get("cyber_security_incident"))
        self.cyber_aware_at.data = typed_time(part.get("cyber_aware_at"))
        self.cyber_notified_at.data = typed_time(part.get("cyber_notified_at"))


class RecipientPart(FactsPart):
    key = "recipient"
    recipient_kind = select(_l("收受者"), labels.RECIPIENT, "none_yet")
    vendor_foreign_or_mainland = tristate(_l("（廠商）是否為外國或大陸地區廠商"))
    used_abroad = tristate(_l("是否意圖在外國、大陸地區、香港或澳門使用"))

    def to_part(self) -> dict[str, Any]:
        return {
            "kind": self.recipient_kind.data,
            "vendor_foreign_or_mainland": tri_value(self.vendor_foreign_or_mainland),
            "used_abroad": tri_value(self.used_abroad),
        }

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.recipient_kind.data = part.get("kind", "none_yet")
        self.vendor_foreign_or_mainland.data = tri_text(part.get("vendor_foreign_or_mainland"))
        self.used_abroad.data = tri_text(part.get("used_abroad"))


class HarmPart(FactsPart):
    key = "harm"
    serious_government_damage = tristate(_l("是否致政府遭受重大損害"))
    conclusive_evidence = tristate(_l("重大損害是否有確實證據"))
    third_party_harm = tristate(_l("第三人權利是否受有損害"))
    TRISTATES: ClassVar[tuple[str, ...]] = ("serious_government_damage", "conclusive_evidence", "third_party_harm")

    def to_part(self) -> dict[str, Any]:
        return {name: tri_value(self[name]) for name in HarmPart.TRISTATES}

    def load_part(self, part: Mapping[str, Any]) -> None:
        for name in HarmPart.TRISTATES:
            self[name].data = tri_text(part.get(name))


class YearRecordForm(Form):
    kind = SelectField(_l("獎懲"), choices=choices(labels.RECORD), default="")
    on = RocDateField(_l("核定日期"))
    count = IntegerField(_l("次數"), default=1, validators=[Optional(), NumberRange(1, 10, _l("次數須為 1 至 10。"))])


class YearRecordsPart(FactsPart):
    """本考績年度已有之獎懲: rows of kind, date and count; a row without both kind and date is blank."""

    key = "year_records"
    year_records = FieldList(FormField(YearRecordForm), min_entries=MIN_RECORD_ROWS, max_entries=MAX_YEAR_RECORDS)

    # The one part that is a list; typed Any (as FactsPart is) so that a form composed of this
    # part and the mapping parts has one consistent signature for mypy.
    def to_part(self) -> Any:
        records: list[dict[str, Any]] = [
            {"kind": entry.form.kind.data, "on": entry.form.on.data.isoformat(), "count": entry.form.count.data or 1}
            for entry in self.year_records
            if entry.form.kind.data and entry.form.on.data
        ]
        return records

    def load_part(self, part: Any) -> None:
        while self.year_records.entries:
            self.year_records.pop_entry()
        for item in (part or [])[:MAX_YEAR_RECORDS]:
            self.year_records.append_entry(
                {"kind": item["kind"], "on": parse_day(item["on"]), "count": item.get("count", 1)}
            )
        YearRecordsPart.pad_year_records(self)

    def pad_year_records(self) -> None:
        """Blank rows to type more records in: at least three, one spare, never more than ten."""
        wanted = min(MAX_YEAR_RECORDS, max(MIN_RECORD_ROWS, len(self.year_records.entries) + 1))
        while len(self.year_records.entries) < wanted:
            self.year_records.append_entry()

    def check_year_records(self) -> bool:
        """A half-filled row (a kind without its date or a date without its kind) gets an error."""
        valid = True
        for entry in self.year_records:
            row = entry.form
            if row.kind.data and not row.on.data and not row.on.errors:
                row.on.errors = [*row.on.errors, _l("請輸入核定日期。")]
                valid = False
            elif row.on.data and not row.kind.data:
                row.kind.errors = [*row.kind.errors, _l("請選擇獎懲種類。")]
                valid = False
        return valid


class ComplaintPart(FactsPart):
    """告訴乃論之罪的告訴: who may complain, when they learned who the offender is, whether and when they did."""

    key = "complaint"
    complaint_complainant = StringField(
        _l("告訴權人"),
        validators=[Length(max=COMPLAINANT_MAX, message=_l("告訴權人請在 %(max)d 字以內。"))],
        description=_l("得為告訴之人，如被害人或其法定代理人；數人時並列。"),
    )
    complaint_learned_on = RocDateField(_l("告訴權人知悉犯人之日"), description=_l("告訴期間自此日起算六個月"))
    complaint_filed = tristate(_l("是否已提出告訴"))
    complaint_filed_on = RocDateField(_l("提出告訴之日"))

    def to_part(self) -> dict[str, Any]:
        return {
            "complainant": (self.complaint_complainant.data or "").strip() or None,
            "learned_offender_on": day(self.complaint_learned_on),
            "filed": tri_value(self.complaint_filed),
            "filed_on": day(self.complaint_filed_on),
        }

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.complaint_complainant.data = part.get("complainant") or ""
        self.complaint_learned_on.data = parse_day(part.get("learned_offender_on"))
        self.complaint_filed.data = tri_text(part.get("filed"))
        self.complaint_filed_on.data = parse_day(part.get("filed_on"))


class EvaluationPart(FactsPart):
    """The day to evaluate on and the planned referral day (top-level facts)."""

    key = ""
    evaluation_date = RocDateField(_l("評估基準日"), description=_l("留空為今天"))
    referral_date = RocDateField(_l("預計移送懲戒之日"), description=_l("留空為評估基準日"))

    def to_part(self) -> dict[str, Any]:
        return {"evaluation_date": day(self.evaluation_date), "referral_date": day(self.referral_date)}

    def load_part(self, part: Mapping[str, Any]) -> None:
        self.evaluation_date.data = parse_day(part.get("evaluation_date"))
        self.referral_date.data = parse_day(part.get("referral_date"))
