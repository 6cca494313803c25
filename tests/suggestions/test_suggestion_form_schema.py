"""The facts form matches the published JSON Schema field for field."""

from __future__ import annotations

from statutes.engine.facts import facts_schema
from suggestions import forms

# schema path → (form field name, choices the form offers, or None for non-enum fields)
MAPPING = {
    "respondent.category": ("category", forms.CATEGORY),
    "respondent.public_authority_delegated": ("public_authority_delegated", None),
    "respondent.rank_class": ("rank_class", forms.RANK_CLASS),
    "respondent.grade": ("grade", None),
    "respondent.service_start": ("service_start", None),
    "respondent.service_end": ("service_end", None),
    "act.start": ("act_start", None),
    "act.end": ("act_end", None),
    "act.conducts": ("conducts", forms.CONDUCT),
    "act.intent": ("intent", forms.INTENT),
    "act.known_through_duty": ("known_through_duty", None),
    "act.benefit_received": ("benefit_received", None),
    "act.abused_authority": ("abused_authority", None),
    "information.kinds": ("kinds", forms.KIND),
    "information.classification_level": ("classification_level", forms.LEVEL),
    "information.cyber_security_incident": ("cyber_security_incident", None),
    "information.cyber_aware_at": ("cyber_aware_at", None),
    "information.cyber_notified_at": ("cyber_notified_at", None),
    "recipient.kind": ("recipient_kind", forms.RECIPIENT),
    "recipient.vendor_foreign_or_mainland": ("vendor_foreign_or_mainland", None),
    "recipient.used_abroad": ("used_abroad", None),
    "harm.serious_government_damage": ("serious_government_damage", None),
    "harm.conclusive_evidence": ("conclusive_evidence", None),
    "harm.third_party_harm": ("third_party_harm", None),
    "year_records": ("year_records", None),
    "complaint.complainant": ("complaint_complainant", None),
    "complaint.learned_offender_on": ("complaint_learned_on", None),
    "complaint.filed": ("complaint_filed", None),
    "complaint.filed_on": ("complaint_filed_on", None),
    "evaluation_date": ("evaluation_date", None),
    "referral_date": ("referral_date", None),
}


def schema_leaves() -> dict[str, dict]:
    leaves = {}
    for name, spec in facts_schema()["properties"].items():
        if spec.get("type") == "object":
            for child, child_spec in spec["properties"].items():
                leaves[f"{name}.{child}"] = child_spec
        else:
            leaves[name] = spec
    return leaves


def test_every_schema_property_has_a_form_field_and_no_more():
    assert set(schema_leaves()) == set(MAPPING)
    for path, (field_name, _choices) in MAPPING.items():
        assert hasattr(forms.FactsForm, field_name), path


def test_enum_choices_match_the_schema():
    for path, spec in schema_leaves().items():
        _field_name, labels = MAPPING[path]
        enum = spec.get("enum") or spec.get("items", {}).get("enum")
        if labels is None:
            continue
        offered = {value for value in labels if value != ""}
        assert offered == {value for value in enum if value is not None}, path


def test_year_record_kinds_match_the_schema():
    kinds = facts_schema()["properties"]["year_records"]["items"]["properties"]["kind"]["enum"]
    assert {value for value in forms.RECORD if value} == set(kinds)


def test_every_schema_description_is_traditional_chinese():
    for path, spec in schema_leaves().items():
        assert any("\u4e00" <= char <= "\u9fff" for char in spec["description"]), path
