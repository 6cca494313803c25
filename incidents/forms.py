"""Case forms: the shape of the input only; business rules live in incidents.services.

The facts fields are the sub-forms of facts.forms, the same the 適用建議 form is made of,
so a case stores exactly what the suggestion engine reads.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from core.database import database_id
from core.forms import BaseForm, MultiCheckboxField, RocDateField
from core.models import utcnow
from facts import labels
from facts.fields import NOT_A_CHOICE, moment, select
from facts.forms import (
    ActDatesPart,
    ActPart,
    ComplaintPart,
    CyberPart,
    HarmPart,
    InformationPart,
    RecipientPart,
    RespondentPart,
    YearRecordsPart,
    document_of,
    load_parts,
)
from incidents.models import CaseSource, Incident, RecordClassification, Respondent
from incidents.services import national_id
from incidents.services.facts import EMPTY_RESPONDENT_FACTS, notice_problems
from incidents.services.intake import CaseInput, date_problems
from incidents.services.respondents import RespondentInput

__all__ = [
    "NOT_A_CHOICE",
    "RECORD_CLASSIFICATION",
    "SOURCE",
    "STATUS",
    "AssignmentForm",
    "ConfirmForm",
    "IncidentCreateForm",
    "IncidentEditForm",
    "IncidentForm",
    "RecusalForm",
    "RespondentForm",
]

SOURCE = labels.CASE_SOURCE
RECORD_CLASSIFICATION = labels.RECORD_CLASSIFICATION
STATUS = labels.CASE_STATUS
# The parts of the facts a case keeps in Incident.facts (its act dates and cyber flag are columns).
CASE_PARTS = (ActPart, InformationPart, RecipientPart, HarmPart)


class IncidentForm(ActDatesPart, ActPart, InformationPart, CyberPart, RecipientPart, HarmPart, BaseForm):
    title = StringField(
        _l("案由"),
        validators=[DataRequired(_l("請輸入案由。")), Length(max=200, message=_l("案由請在 %(max)d 字以內。"))],
    )
    summary = TextAreaField(_l("案情摘要"), description=_l("發生經過、涉及的資料與目前已知的事實。"))
    source = select(_l("案件來源"), SOURCE, CaseSource.WHISTLEBLOWER_REPORT.value)
    reported_date = RocDateField(_l("受理日期"), description=_l("收到檢舉、移送或得知報導之日，例：115/11/23"))
    discovered_date = RocDateField(_l("發現日期"), description=_l("本機關發現或知悉洩密之日"))
    # A case may be opened before the act's start is known; its suggestions wait for it.
    act_start = RocDateField(_l("行為開始日"), description=_l("尚未查明可留空；建議條文需要此日期"))
    # 本案卷之密等
    classification = select(_l("案卷密等"), RECORD_CLASSIFICATION, RecordClassification.GENERAL_OFFICIAL_SECRET.value)

    def case_facts(self) -> dict[str, Any]:
        """The case-level parts of a facts document (statutes/engine/facts.schema.json)."""
        facts = document_of(self, CASE_PARTS)
        # Whether and when the cyber-security incident was known are columns; when it was reported is a fact.
        facts["information"]["cyber_notified_at"] = moment(self.cyber_notified_at)
        return facts

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
        self.title.data = incident.title
        self.summary.data = incident.summary
        self.source.data = CaseSource(incident.source).value
        self.reported_date.data = incident.reported_date
        self.discovered_date.data = incident.discovered_date
        self.act_start.data = incident.act_start
        self.act_end.data = incident.act_end
        load_parts(self, CASE_PARTS, facts)
        CyberPart.load_part(
            self,
            {
                "cyber_security_incident": incident.cyber_security_incident,
                "cyber_aware_at": incident.cyber_aware_at,
                "cyber_notified_at": facts.get("information", {}).get("cyber_notified_at"),
            },
        )
        self.classification.data = RecordClassification(incident.classification).value

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # The services check these again; here they show with every other problem in one round.
        now = utcnow()
        problems = date_problems(
            reported_date=self.reported_date.data,
            discovered_date=self.discovered_date.data,
            act_start=self.act_start.data,
            act_end=self.act_end.data,
            cyber_security_incident=bool(self.cyber_security_incident.data),
            cyber_aware_at=self.aware_at(),
            now=now,
        )
        notice = notice_problems(
            cyber_security_incident=bool(self.cyber_security_incident.data),
            cyber_aware_at=self.aware_at(),
            cyber_notified_at=self.notified_at(),
            now=now,
        )
        for name, messages in [*problems.items(), *notice.items()]:
            self[name].errors = [*self[name].errors, *messages]
        return valid and not problems and not notice


class IncidentCreateForm(IncidentForm):
    assignees = MultiCheckboxField(
        _l("其他承辦人"),
        coerce=int,
        choices=[],
        description=_l("您會自動成為承辦人；可再勾選本機關的其他承辦人。"),
        invalid_choice_message=NOT_A_CHOICE,
    )


def _posted_version(field: HiddenField) -> int:
    """The version a form was filled from; 0 (which no record has) when missing or garbled, so it never matches."""
    text = (field.data or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else 0


class IncidentEditForm(IncidentForm):
    # The version the form was filled from: saving over a newer version is refused.
    version = HiddenField()

    def expected_version(self) -> int | None:
        text = (self.version.data or "").strip()
        return int(text) if text.isdigit() else None


class RespondentForm(RespondentPart, YearRecordsPart, ComplaintPart, BaseForm):
    name = StringField(
        _l("姓名"),
        validators=[DataRequired(_l("請輸入被調查人姓名。")), Length(max=100, message=_l("姓名請在 %(max)d 字以內。"))],
    )
    national_id = StringField(
        _l("身分證統一編號"),
        description=_l("1 個英文字母加 9 個數字，例如 A123456789；亦接受居留證統一證號。尚未查明可留空。"),
    )
    position = StringField(_l("職稱"), validators=[Length(max=100, message=_l("職稱請在 %(max)d 字以內。"))])
    user_id = SelectField(
        _l("本系統帳號"),
        choices=[],
        description=_l(
            "被調查人在本系統有承辦人帳號時請選擇：該帳號將自動迴避本案，看不到本案。"
            "主管、稽核與系統管理者的帳號不能連結（其本人涉案時請不連結帳號，由主管自行聲明迴避）。"
        ),
        invalid_choice_message=NOT_A_CHOICE,
    )
    # When editing: the version the form was filled from (saving over a newer one is refused).
    version = HiddenField()

    def expected_version(self) -> int:
        return _posted_version(self.version)

    def respondent_facts(self) -> dict[str, Any]:
        """The schema's respondent part plus ``year_records`` and this person's ``complaint``."""
        return {
            **RespondentPart.to_part(self),
            "year_records": YearRecordsPart.to_part(self),
            "complaint": ComplaintPart.to_part(self),
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
        self.user_id.data = str(respondent.user_id or "")
        RespondentPart.load_part(self, facts)
        YearRecordsPart.load_part(self, facts["year_records"])
        ComplaintPart.load_part(self, facts["complaint"] or {})

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        text = national_id.normalize(self.national_id.data)
        if text and (problem := national_id.problem(text)):
            self.national_id.errors = [*self.national_id.errors, gettext(problem)]
            valid = False
        if self.service_start.data and self.service_end.data and self.service_end.data < self.service_start.data:
            self.service_end.errors = [*self.service_end.errors, _l("退休或離職日不可早於到職日。")]
            valid = False
        return self.check_year_records() and valid


class RecusalForm(BaseForm):
    reason = StringField(
        _l("迴避原因"),
        validators=[
            DataRequired(_l("請說明迴避的原因。")),
            Length(max=200, message=_l("迴避原因請在 %(max)d 字以內。")),
        ],
        description=_l("例如：與被調查人為親屬、曾參與相關採購。聲明後您將無法再查閱本案。"),
    )
    # Recusal takes two steps: the case page posts the reason, the confirmation page posts it
    # again with stage=confirm and the box ticked (checked in the route: the first step has no box).
    stage = HiddenField()
    confirmed = BooleanField(_l("我已了解上述結果，確認聲明迴避本案"))

    def is_confirmation(self) -> bool:
        return self.stage.data == "confirm"


class AssignmentForm(BaseForm):
    assignees = MultiCheckboxField(
        _l("承辦人"),
        # Any id reaches the service (the route turns off the choice check): only those the database can hold.
        coerce=database_id,
        choices=[],
        invalid_choice_message=NOT_A_CHOICE,
        invalid_value_message=NOT_A_CHOICE,
    )
    # The case's assignments_version when the form was shown (a change by someone else since is refused).
    version = HiddenField()

    def expected_version(self) -> int:
        return _posted_version(self.version)


class ConfirmForm(BaseForm):
    """Empty: a button that changes something still carries a CSRF token."""
