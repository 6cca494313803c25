"""Case forms: the shape of the input only; business rules live in incidents.services.

The facts fields reuse the engine vocabulary and labels of suggestions/forms.py,
so a case stores exactly what the suggestion engine reads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from accounts.forms import MultiCheckboxField
from core.forms import RocDateField
from core.templating import TAIPEI, to_taipei
from incidents.models import CaseSource, CaseStatus, Incident, RecordClassification, Respondent
from incidents.services import national_id
from incidents.services.facts import EMPTY_RESPONDENT_FACTS
from incidents.services.intake import CaseInput, date_problems
from incidents.services.respondents import MAX_YEAR_RECORDS, RespondentInput
from suggestions.forms import (
    CATEGORY,
    CONDUCT,
    INTENT,
    KIND,
    LEVEL,
    RANK_CLASS,
    RECIPIENT,
    TRISTATE,
    YearRecordForm,
)

SOURCE = {
    CaseSource.WHISTLEBLOWER_REPORT: _l("檢舉"),
    CaseSource.SELF_DISCOVERED: _l("自行發現"),
    CaseSource.REFERRAL: _l("他機關移送"),
    CaseSource.MEDIA_REPORT: _l("媒體報導"),
    CaseSource.OTHER: _l("其他"),
}
RECORD_CLASSIFICATION = {
    RecordClassification.TOP_SECRET: _l("絕對機密"),
    RecordClassification.SECRET: _l("極機密"),
    RecordClassification.CONFIDENTIAL: _l("機密"),
    RecordClassification.GENERAL_OFFICIAL_SECRET: _l("一般公務機密（密）"),
    RecordClassification.NONE: _l("普通"),
}
STATUS = {CaseStatus.DRAFT: _l("草稿"), CaseStatus.FILED: _l("已立案")}
NOT_A_CHOICE = _l("請從清單中選擇。")
MIN_RECORD_ROWS = 3


def _choices(labels: dict[Any, Any]) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in labels.items()]


def _select(label: Any, labels: dict[Any, Any], default: str) -> SelectField:
    return SelectField(label, choices=_choices(labels), default=default, invalid_choice_message=NOT_A_CHOICE)


def _checkboxes(label: Any, labels: dict[Any, Any]) -> MultiCheckboxField:
    return MultiCheckboxField(label, choices=_choices(labels), invalid_choice_message=NOT_A_CHOICE)


def _tristate(label: Any) -> SelectField:
    return _select(label, TRISTATE, "")


def _tri_value(field: SelectField) -> bool | None:
    return {"yes": True, "no": False}.get(field.data or "")


def _tri_text(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class IncidentForm(FlaskForm):
    title = StringField(
        _l("案由"),
        validators=[DataRequired(_l("請輸入案由。")), Length(max=200, message=_l("案由請在 %(max)d 字以內。"))],
    )
    summary = TextAreaField(_l("案情摘要"), description=_l("發生經過、涉及的資料與目前已知的事實。"))
    source = _select(_l("案件來源"), SOURCE, CaseSource.WHISTLEBLOWER_REPORT.value)
    reported_date = RocDateField(_l("受理日期"), description=_l("收到檢舉、移送或得知報導之日，例：115/11/23"))
    discovered_date = RocDateField(_l("發現日期"), description=_l("本機關發現或知悉洩密之日"))
    act_start = RocDateField(_l("行為開始日"), description=_l("尚未查明可留空；建議條文需要此日期"))
    act_end = RocDateField(_l("行為終了日"), description=_l("繼續行為的最後一日；單一日的行為可留空"))
    # 行為
    conducts = _checkboxes(_l("行為態樣"), CONDUCT)
    intent = _select(_l("主觀犯意"), INTENT, "unknown")
    known_through_duty = _tristate(_l("是否因職務或業務知悉或持有"))
    benefit_received = _tristate(_l("是否收受賄賂或其他不正利益"))
    abused_authority = _tristate(_l("是否假借職務上之權力、機會或方法"))
    # 外洩之資訊
    kinds = _checkboxes(_l("資訊種類"), KIND)
    classification_level = _select(_l("國家機密等級"), LEVEL, "")
    cyber_security_incident = BooleanField(_l("涉及資通安全事件"))
    cyber_aware_at = DateTimeLocalField(
        _l("知悉資安事件之時間"),
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
        description=_l("臺灣時間"),
        invalid_value_message=_l("時間格式無法辨識，請以 2026-11-23T14:05 的格式輸入。"),
    )
    # 收受者與損害
    recipient_kind = _select(_l("收受者"), RECIPIENT, "none_yet")
    vendor_foreign_or_mainland = _tristate(_l("（廠商）是否為外國或大陸地區廠商"))
    used_abroad = _tristate(_l("是否意圖在外國、大陸地區、香港或澳門使用"))
    serious_government_damage = _tristate(_l("是否致政府遭受重大損害"))
    conclusive_evidence = _tristate(_l("重大損害是否有確實證據"))
    third_party_harm = _tristate(_l("第三人權利是否受有損害"))
    # 本案卷之密等
    classification = _select(_l("案卷密等"), RECORD_CLASSIFICATION, RecordClassification.GENERAL_OFFICIAL_SECRET.value)

    def case_facts(self) -> dict[str, Any]:
        """The case-level parts of a facts document (statutes/facts.schema.json)."""
        return {
            "act": {
                "conducts": list(self.conducts.data or []),
                "intent": self.intent.data,
                "known_through_duty": _tri_value(self.known_through_duty),
                "benefit_received": _tri_value(self.benefit_received),
                "abused_authority": _tri_value(self.abused_authority),
            },
            "information": {
                "kinds": list(self.kinds.data or []),
                "classification_level": self.classification_level.data or None,
            },
            "recipient": {
                "kind": self.recipient_kind.data,
                "vendor_foreign_or_mainland": _tri_value(self.vendor_foreign_or_mainland),
                "used_abroad": _tri_value(self.used_abroad),
            },
            "harm": {
                "serious_government_damage": _tri_value(self.serious_government_damage),
                "conclusive_evidence": _tri_value(self.conclusive_evidence),
                "third_party_harm": _tri_value(self.third_party_harm),
            },
        }

    def aware_at(self) -> datetime | None:
        """The time typed, read as Taiwan time."""
        return self.cyber_aware_at.data.replace(tzinfo=TAIPEI) if self.cyber_aware_at.data else None

    def to_case_input(self) -> CaseInput:
        return CaseInput(
            title=self.title.data or "",
            summary=self.summary.data or "",
            source=CaseSource(self.source.data),
            reported_date=self.reported_date.data,
            discovered_date=self.discovered_date.data,
            act_start=self.act_start.data,
            act_end=self.act_end.data,
            facts=self.case_facts(),
            classification=RecordClassification(self.classification.data),
            cyber_security_incident=bool(self.cyber_security_incident.data),
            cyber_aware_at=self.aware_at(),
        )

    def load(self, incident: Incident) -> None:
        """Fill the fields from a stored case (for the edit page)."""
        facts = incident.facts or {}
        act, information = facts.get("act", {}), facts.get("information", {})
        recipient, harm = facts.get("recipient", {}), facts.get("harm", {})
        self.title.data = incident.title
        self.summary.data = incident.summary
        self.source.data = CaseSource(incident.source).value
        self.reported_date.data = incident.reported_date
        self.discovered_date.data = incident.discovered_date
        self.act_start.data = incident.act_start
        self.act_end.data = incident.act_end
        self.conducts.data = list(act.get("conducts", []))
        self.intent.data = act.get("intent", "unknown")
        for name in ("known_through_duty", "benefit_received", "abused_authority"):
            self[name].data = _tri_text(act.get(name))
        self.kinds.data = list(information.get("kinds", []))
        self.classification_level.data = information.get("classification_level") or ""
        self.cyber_security_incident.data = incident.cyber_security_incident
        aware = incident.cyber_aware_at
        self.cyber_aware_at.data = to_taipei(aware).replace(tzinfo=None) if aware else None
        self.recipient_kind.data = recipient.get("kind", "none_yet")
        for name in ("vendor_foreign_or_mainland", "used_abroad"):
            self[name].data = _tri_text(recipient.get(name))
        for name in ("serious_government_damage", "conclusive_evidence", "third_party_harm"):
            self[name].data = _tri_text(harm.get(name))
        self.classification.data = RecordClassification(incident.classification).value

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # The services check these again; here they show with every other problem in one round.
        problems = date_problems(
            reported_date=self.reported_date.data,
            discovered_date=self.discovered_date.data,
            act_start=self.act_start.data,
            act_end=self.act_end.data,
            cyber_security_incident=bool(self.cyber_security_incident.data),
            cyber_aware_at=self.aware_at(),
        )
        for name, messages in problems.items():
            self[name].errors = [*self[name].errors, *messages]
        return valid and not problems


class IncidentCreateForm(IncidentForm):
    assignees = MultiCheckboxField(
        _l("其他承辦人"),
        coerce=int,
        choices=[],
        description=_l("您會自動成為承辦人；可再勾選本機關的其他承辦人。"),
        invalid_choice_message=NOT_A_CHOICE,
    )


class IncidentEditForm(IncidentForm):
    # The version the form was filled from: saving over a newer version is refused.
    version = HiddenField()

    def expected_version(self) -> int | None:
        text = (self.version.data or "").strip()
        return int(text) if text.isdigit() else None


class RespondentForm(FlaskForm):
    name = StringField(
        _l("姓名"),
        validators=[DataRequired(_l("請輸入被調查人姓名。")), Length(max=100, message=_l("姓名請在 %(max)d 字以內。"))],
    )
    national_id = StringField(
        _l("身分證統一編號"),
        description=_l("1 個英文字母加 9 個數字，例如 A123456789；亦接受居留證統一證號。尚未查明可留空。"),
    )
    position = StringField(_l("職稱"), validators=[Length(max=100, message=_l("職稱請在 %(max)d 字以內。"))])
    category = _select(_l("身分類別"), CATEGORY, "civil_servant")
    public_authority_delegated = _tristate(_l("（非公務員）是否受委託行使公權力"))
    rank_class = _select(_l("官等"), RANK_CLASS, "")
    grade = IntegerField(
        _l("職等"),
        validators=[Optional(), NumberRange(1, 14, _l("職等須為 1 至 14。"))],
        description=_l("1 至 14"),
        invalid_value_message=_l("職等須為 1 至 14。"),
    )
    service_start = RocDateField(_l("到職日"))
    service_end = RocDateField(_l("退休或離職日"))
    year_records = FieldList(FormField(YearRecordForm), min_entries=MIN_RECORD_ROWS, max_entries=MAX_YEAR_RECORDS)
    user_id = SelectField(
        _l("本系統帳號"),
        choices=[],
        description=_l("被調查人在本系統有帳號時請選擇：該帳號將自動迴避本案，看不到本案。"),
        invalid_choice_message=NOT_A_CHOICE,
    )

    def respondent_facts(self) -> dict[str, Any]:
        """The schema's respondent part plus ``year_records``."""

        def day(field: RocDateField) -> str | None:
            return field.data.isoformat() if field.data else None

        records = [
            {"kind": entry.form.kind.data, "on": entry.form.on.data.isoformat(), "count": entry.form.count.data or 1}
            for entry in self.year_records
            if entry.form.kind.data and entry.form.on.data
        ]
        return {
            "category": self.category.data,
            "public_authority_delegated": _tri_value(self.public_authority_delegated),
            "rank_class": self.rank_class.data or None,
            "grade": self.grade.data,
            "service_start": day(self.service_start),
            "service_end": day(self.service_end),
            "year_records": records,
        }

    def to_respondent_input(self) -> RespondentInput:
        return RespondentInput(
            name=self.name.data or "",
            national_id=self.national_id.data or "",
            position=self.position.data or "",
            facts=self.respondent_facts(),
            user_id=int(self.user_id.data) if (self.user_id.data or "").isdigit() else None,
        )

    def load(self, respondent: Respondent) -> None:
        facts = {**EMPTY_RESPONDENT_FACTS, **(respondent.facts or {})}
        self.name.data = respondent.name
        self.national_id.data = respondent.national_id
        self.position.data = respondent.position
        self.category.data = facts["category"]
        self.public_authority_delegated.data = _tri_text(facts["public_authority_delegated"])
        self.rank_class.data = facts["rank_class"] or ""
        self.grade.data = facts["grade"]
        self.service_start.data = _parse_day(facts["service_start"])
        self.service_end.data = _parse_day(facts["service_end"])
        self.user_id.data = str(respondent.user_id or "")
        while self.year_records.entries:
            self.year_records.pop_entry()
        for item in facts["year_records"][:MAX_YEAR_RECORDS]:
            self.year_records.append_entry(
                {"kind": item["kind"], "on": _parse_day(item["on"]), "count": item.get("count", 1)}
            )
        self.pad_year_records()

    def pad_year_records(self) -> None:
        """Blank rows to type more records in: at least three, one spare, never more than ten."""
        wanted = min(MAX_YEAR_RECORDS, max(MIN_RECORD_ROWS, len(self.year_records.entries) + 1))
        while len(self.year_records.entries) < wanted:
            self.year_records.append_entry()

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        text = national_id.normalize(self.national_id.data)
        if text and (problem := national_id.problem(text)):
            self.national_id.errors = [*self.national_id.errors, gettext(problem)]
            valid = False
        if self.service_start.data and self.service_end.data and self.service_end.data < self.service_start.data:
            self.service_end.errors = [*self.service_end.errors, _l("退休或離職日不可早於到職日。")]
            valid = False
        for entry in self.year_records:
            row = entry.form
            if row.kind.data and not row.on.data and not row.on.errors:
                row.on.errors = [*row.on.errors, _l("請輸入核定日期。")]
                valid = False
            elif row.on.data and not row.kind.data:
                row.kind.errors = [*row.kind.errors, _l("請選擇獎懲種類。")]
                valid = False
        return valid


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class RecusalForm(FlaskForm):
    reason = StringField(
        _l("迴避原因"),
        validators=[
            DataRequired(_l("請說明迴避的原因。")),
            Length(max=200, message=_l("迴避原因請在 %(max)d 字以內。")),
        ],
        description=_l("例如：與被調查人為親屬、曾參與相關採購。聲明後您將無法再查閱本案。"),
    )


class AssignmentForm(FlaskForm):
    assignees = MultiCheckboxField(
        _l("承辦人"),
        coerce=int,
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
        invalid_value_message=NOT_A_CHOICE,
    )


class ConfirmForm(FlaskForm):
    """Empty: a button that changes something still carries a CSRF token."""
