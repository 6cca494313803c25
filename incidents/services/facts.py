"""The engine's facts document (statutes/engine/facts.schema.json), split between the case and its respondents.

``Incident.facts`` holds the case-level parts ``act`` (without its dates, which are
columns), ``information`` (without the cyber-security flag and the time it was known, also
columns; the time it was reported, ``cyber_notified_at``, is kept here), ``recipient`` and
``harm``; ``Respondent.facts`` holds the ``respondent`` part plus ``year_records`` and the
``complaint`` (each person's own 告訴: who may complain, when they learned who the offender
is, whether and when they did). :func:`engine_document` puts one respondent's document together.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from core.services import FieldErrors
from incidents.models import Incident, Respondent
from statutes.engine.facts import validate_facts_document

__all__ = [
    "EMPTY_CASE_FACTS",
    "EMPTY_RESPONDENT_FACTS",
    "assemble_document",
    "engine_document",
    "facts_problems",
    "notice_problems",
]

EMPTY_CASE_FACTS: dict[str, dict[str, Any]] = {
    "act": {
        "conducts": [],
        "intent": "unknown",
        "known_through_duty": None,
        "benefit_received": None,
        "abused_authority": None,
    },
    "information": {"kinds": [], "classification_level": None, "cyber_notified_at": None},
    "recipient": {"kind": "none_yet", "vendor_foreign_or_mainland": None, "used_abroad": None},
    "harm": {"serious_government_damage": None, "conclusive_evidence": None, "third_party_harm": None},
}
EMPTY_RESPONDENT_FACTS: dict[str, Any] = {
    "category": "civil_servant",
    "public_authority_delegated": None,
    "rank_class": None,
    "grade": None,
    "service_start": None,
    "service_end": None,
    "year_records": [],
    "complaint": {"complainant": None, "learned_offender_on": None, "filed": None, "filed_on": None},
}
# Stand-ins used only to check a part whose other half is not known yet
# (a case without respondents, a draft without an act date).
_PLACEHOLDER_START = date(2000, 1, 1)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def assemble_document(
    case_facts: dict[str, Any],
    *,
    act_start: date | None,
    act_end: date | None,
    cyber_security_incident: bool,
    cyber_aware_at: datetime | None,
    respondent_facts: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A facts document from the stored parts (``act.start`` is None when unknown)."""
    respondent = copy.deepcopy(respondent_facts if respondent_facts is not None else EMPTY_RESPONDENT_FACTS)
    year_records = respondent.pop("year_records", [])
    complaint = respondent.pop("complaint", None) or {}
    return {
        "respondent": respondent,
        "act": {**copy.deepcopy(case_facts.get("act", {})), "start": _iso(act_start), "end": _iso(act_end)},
        "information": {
            **copy.deepcopy(case_facts.get("information", {})),
            "cyber_security_incident": bool(cyber_security_incident),
            "cyber_aware_at": _iso(cyber_aware_at),
        },
        "recipient": copy.deepcopy(case_facts.get("recipient", {})),
        "harm": copy.deepcopy(case_facts.get("harm", {})),
        "year_records": year_records,
        "complaint": complaint,
    }


def engine_document(incident: Incident, respondent: Respondent) -> dict[str, Any] | None:
    """The engine's input for one respondent of a case; None while the act's start date is unknown."""
    if incident.act_start is None:
        return None
    return assemble_document(
        incident.facts or {},
        act_start=incident.act_start,
        act_end=incident.act_end,
        cyber_security_incident=incident.cyber_security_incident,
        cyber_aware_at=incident.cyber_aware_at,
        respondent_facts=respondent.facts or {},
    )


def facts_problems(
    case_facts: dict[str, Any],
    *,
    act_start: date | None = None,
    act_end: date | None = None,
    cyber_security_incident: bool = False,
    cyber_aware_at: datetime | None = None,
    respondent_facts: dict[str, Any] | None = None,
) -> list[str]:
    """Schema violations of the parts given (missing halves are filled with stand-ins)."""
    document = assemble_document(
        case_facts,
        act_start=act_start or _PLACEHOLDER_START,
        act_end=act_end,
        cyber_security_incident=cyber_security_incident,
        cyber_aware_at=cyber_aware_at,
        respondent_facts=respondent_facts,
    )
    return validate_facts_document(document)


def notice_problems(
    *,
    cyber_security_incident: bool,
    cyber_aware_at: datetime | None,
    cyber_notified_at: datetime | str | None,
    now: datetime,
) -> FieldErrors:
    """A report time that cannot be right: without a cyber-security incident, in the future, before it was known.

    ``cyber_notified_at`` may be the stored ISO text; text that is no time is left to the schema check.
    """
    errors = FieldErrors()
    if isinstance(cyber_notified_at, str):
        try:
            cyber_notified_at = datetime.fromisoformat(cyber_notified_at)
        except ValueError:
            return errors
    if cyber_notified_at is None or cyber_notified_at.tzinfo is None:
        return errors
    if not cyber_security_incident:
        errors.add("cyber_notified_at", _("未勾選涉及資通安全事件時，請勿填寫通報時間。"))
    if cyber_notified_at > now:
        errors.add("cyber_notified_at", _("通報資安事件之時間不可晚於現在。"))
    if cyber_aware_at is not None and cyber_notified_at < cyber_aware_at:
        errors.add("cyber_notified_at", _("通報資安事件之時間不可早於知悉之時間。"))
    return errors
