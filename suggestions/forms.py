"""The facts form: one field per schema property (checked by a test), with zh-TW labels."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, FieldList, Form, FormField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from accounts.forms import MultiCheckboxField
from core.forms import RocDateField

CATEGORY = {
    "civil_servant": _l("常任公務人員（依法任用）"),
    "political_appointee": _l("政務人員"),
    "contract_employee": _l("約聘僱人員"),
    "former_civil_servant": _l("退休或離職公務員"),
    "non_civil_servant": _l("非公務員（如受託廠商員工）"),
    "active_military": _l("現役軍人"),
}
RANK_CLASS = {"": _l("（不明）"), "senior": _l("簡任"), "junior": _l("薦任"), "elementary": _l("委任")}
CONDUCT = {
    "disclose": _l("洩漏"),
    "deliver": _l("交付"),
    "spy_or_collect": _l("刺探或收集"),
    "open_or_hide_sealed": _l("開拆或隱匿封緘信函"),
    "profit_from_secret": _l("利用秘密消息圖利"),
    "misuse_personal_data": _l("非法利用或輸出個人資料"),
    "lose_or_damage": _l("遺失或毀損"),
}
INTENT = {"unknown": _l("尚未查明"), "intentional": _l("故意"), "negligent": _l("過失")}
KIND = {
    "defense_secret": _l("國防秘密"),
    "classified": _l("核定之國家機密"),
    "pending_classification": _l("報請核定中之國家機密"),
    "general_official_secret": _l("一般公務機密"),
    "commercial_secret": _l("他人工商秘密"),
    "trade_secret": _l("營業秘密"),
    "personal_data": _l("個人資料"),
    "sealed_letter": _l("封緘信函"),
    "procurement": _l("採購底價或招標資料"),
    "military_secret": _l("軍事上應秘密之消息（現役軍人）"),
}
LEVEL = {
    "": _l("（非核定機密或不明）"),
    "top_secret": _l("絕對機密"),
    "secret": _l("極機密"),
    "confidential": _l("機密"),
}
RECIPIENT = {
    "none_yet": _l("尚無或不明"),
    "public": _l("一般人"),
    "media": _l("媒體"),
    "vendor": _l("廠商"),
    "foreign_state": _l("外國或其派遣之人"),
    "mainland_or_hostile": _l("大陸地區、香港、澳門、境外敵對勢力或其派遣之人"),
    "enemy": _l("敵人（現役軍人）"),
}
RECORD = {
    "": _l("（無）"),
    "commendation": _l("嘉獎"),
    "merit": _l("記功"),
    "major_merit": _l("記大功"),
    "reprimand": _l("申誡"),
    "demerit": _l("記過"),
    "major_demerit": _l("記大過"),
}
TRISTATE = {"": _l("尚未查明"), "yes": _l("是"), "no": _l("否")}


def _choices(labels: dict[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def _tristate(label: Any) -> SelectField:
    return SelectField(label, choices=_choices(TRISTATE), default="")


class YearRecordForm(Form):
    kind = SelectField(_l("獎懲"), choices=_choices(RECORD), default="")
    on = RocDateField(_l("核定日期"))
    count = IntegerField(_l("次數"), default=1, validators=[Optional(), NumberRange(1, 10, _l("次數須為 1 至 10。"))])


class FactsForm(FlaskForm):
    # 被調查人
    category = SelectField(_l("身分類別"), choices=_choices(CATEGORY), default="civil_servant")
    public_authority_delegated = _tristate(_l("（非公務員）是否受委託行使公權力"))
    rank_class = SelectField(_l("官等"), choices=_choices(RANK_CLASS), default="")
    grade = IntegerField(
        _l("職等"), validators=[Optional(), NumberRange(1, 14, _l("職等須為 1 至 14。"))], description=_l("1 至 14")
    )
    service_start = RocDateField(_l("到職日"))
    service_end = RocDateField(_l("退休或離職日"))
    # 行為
    act_start = RocDateField(_l("行為開始日"), validators=[InputRequired(_l("請輸入行為開始日。"))])
    act_end = RocDateField(_l("行為終了日"), description=_l("繼續行為的最後一日；單一日的行為可留空"))
    conducts = MultiCheckboxField(_l("行為態樣"), choices=_choices(CONDUCT))
    intent = SelectField(_l("主觀犯意"), choices=_choices(INTENT), default="unknown")
    known_through_duty = _tristate(_l("是否因職務或業務知悉或持有"))
    benefit_received = _tristate(_l("是否收受賄賂或其他不正利益"))
    abused_authority = _tristate(_l("是否假借職務上之權力、機會或方法"))
    # 資訊
    kinds = MultiCheckboxField(_l("資訊種類"), choices=_choices(KIND))
    classification_level = SelectField(_l("國家機密等級"), choices=_choices(LEVEL), default="")
    cyber_security_incident = BooleanField(_l("涉及資通安全事件"))
    cyber_aware_at = DateTimeLocalField(_l("知悉資安事件之時間"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    cyber_notified_at = DateTimeLocalField(_l("通報資安事件之時間"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    # 收受者與損害
    recipient_kind = SelectField(_l("收受者"), choices=_choices(RECIPIENT), default="none_yet")
    vendor_foreign_or_mainland = _tristate(_l("（廠商）是否為外國或大陸地區廠商"))
    used_abroad = _tristate(_l("是否意圖在外國、大陸地區、香港或澳門使用"))
    serious_government_damage = _tristate(_l("是否致政府遭受重大損害"))
    conclusive_evidence = _tristate(_l("重大損害是否有確實證據"))
    third_party_harm = _tristate(_l("第三人權利是否受有損害"))
    # 本考績年度之獎懲
    year_records = FieldList(FormField(YearRecordForm), min_entries=3, max_entries=10)
    # 告訴乃論
    complaint_learned_on = RocDateField(_l("告訴權人知悉犯人之日"))
    complaint_filed = _tristate(_l("是否已提出告訴"))
    complaint_filed_on = RocDateField(_l("提出告訴之日"))
    # 評估
    evaluation_date = RocDateField(_l("評估基準日"), description=_l("留空為今天"))
    referral_date = RocDateField(_l("預計移送懲戒之日"), description=_l("留空為評估基準日"))

    def to_document(self) -> dict[str, Any]:
        """The facts as a document of statutes/facts.schema.json."""

        def tri(field: SelectField) -> bool | None:
            return {"yes": True, "no": False}.get(field.data or "")

        def day(field: RocDateField) -> str | None:
            return field.data.isoformat() if field.data else None

        def moment(field: DateTimeLocalField) -> str | None:
            # Typed in Taiwan time.
            return field.data.isoformat() + "+08:00" if field.data else None

        records = [
            {"kind": entry.form.kind.data, "on": entry.form.on.data.isoformat(), "count": entry.form.count.data or 1}
            for entry in self.year_records
            if entry.form.kind.data and entry.form.on.data
        ]
        return {
            "respondent": {
                "category": self.category.data,
                "public_authority_delegated": tri(self.public_authority_delegated),
                "rank_class": self.rank_class.data or None,
                "grade": self.grade.data,
                "service_start": day(self.service_start),
                "service_end": day(self.service_end),
            },
            "act": {
                "start": day(self.act_start),
                "end": day(self.act_end),
                "conducts": list(self.conducts.data or []),
                "intent": self.intent.data,
                "known_through_duty": tri(self.known_through_duty),
                "benefit_received": tri(self.benefit_received),
                "abused_authority": tri(self.abused_authority),
            },
            "information": {
                "kinds": list(self.kinds.data or []),
                "classification_level": self.classification_level.data or None,
                "cyber_security_incident": bool(self.cyber_security_incident.data),
                "cyber_aware_at": moment(self.cyber_aware_at),
                "cyber_notified_at": moment(self.cyber_notified_at),
            },
            "recipient": {
                "kind": self.recipient_kind.data,
                "vendor_foreign_or_mainland": tri(self.vendor_foreign_or_mainland),
                "used_abroad": tri(self.used_abroad),
            },
            "harm": {
                "serious_government_damage": tri(self.serious_government_damage),
                "conclusive_evidence": tri(self.conclusive_evidence),
                "third_party_harm": tri(self.third_party_harm),
            },
            "year_records": records,
            "complaint": {
                "learned_offender_on": day(self.complaint_learned_on),
                "filed": tri(self.complaint_filed),
                "filed_on": day(self.complaint_filed_on),
            },
            "evaluation_date": day(self.evaluation_date),
            "referral_date": day(self.referral_date),
        }

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.act_end.data and self.act_start.data and self.act_end.data < self.act_start.data:
            self.act_end.errors = [*self.act_end.errors, _l("行為終了日不可早於行為開始日。")]
            return False
        return valid
