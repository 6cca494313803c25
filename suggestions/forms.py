"""The 適用建議 form: every part of the facts schema (facts.forms), checked field for field by a test."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from core.forms import BaseForm
from facts.forms import (
    ActDatesPart,
    ActPart,
    ComplaintPart,
    CyberPart,
    EvaluationPart,
    HarmPart,
    InformationPart,
    RecipientPart,
    RespondentPart,
    YearRecordForm,
    YearRecordsPart,
    document_of,
)
from facts.labels import CATEGORY, CONDUCT, INTENT, KIND, LEVEL, RANK_CLASS, RECIPIENT, RECORD, TRISTATE

__all__ = [
    "CATEGORY",
    "CONDUCT",
    "INTENT",
    "KIND",
    "LEVEL",
    "RANK_CLASS",
    "RECIPIENT",
    "RECORD",
    "TRISTATE",
    "FactsForm",
    "YearRecordForm",
]

PARTS = (
    RespondentPart,
    ActDatesPart,
    ActPart,
    InformationPart,
    CyberPart,
    RecipientPart,
    HarmPart,
    YearRecordsPart,
    ComplaintPart,
    EvaluationPart,
)


class FactsForm(
    RespondentPart,
    ActDatesPart,
    ActPart,
    InformationPart,
    CyberPart,
    RecipientPart,
    HarmPart,
    YearRecordsPart,
    ComplaintPart,
    EvaluationPart,
    BaseForm,
):
    def to_document(self) -> dict[str, Any]:
        """The facts as a document of statutes/engine/facts.schema.json."""
        return document_of(self, PARTS)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.act_end.data and self.act_start.data and self.act_end.data < self.act_start.data:
            self.act_end.errors = [*self.act_end.errors, _l("行為終了日不可早於行為開始日。")]
            return False
        return valid
