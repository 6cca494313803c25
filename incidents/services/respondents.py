"""Respondents (被調查人) of a case: add, change, remove (each audited in the same transaction).

A respondent may be linked to an account here, which recuses that account from the case. Only
officer accounts of the agency that hold no supervisor, auditor or admin role may be linked
(:func:`linkable_accounts` says why), so the people overseen cannot switch oversight off.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from accounts.models import Role, User
from audit.services import changed_fields
from core.extensions import db
from core.services import FieldErrors, ServiceError
from incidents.models import Incident, Respondent
from incidents.services import national_id
from incidents.services.access import require_edit
from incidents.services.assignments import recuse_user
from incidents.services.case_audit import record_case_event
from incidents.services.facts import EMPTY_RESPONDENT_FACTS, facts_problems

__all__ = [
    "OVERSIGHT_ROLES",
    "STALE_RESPONDENT",
    "RespondentInput",
    "add_respondent",
    "linkable_accounts",
    "may_be_linked",
    "remove_respondent",
    "update_respondent",
]

NAME_MAX = 100
POSITION_MAX = 100
MAX_YEAR_RECORDS = 10
# Shown when a save was based on an older version of the respondent (optimistic locking, as for the case).
STALE_RESPONDENT = _l("被調查人資料已被他人更新，請重新載入後再修改")


@dataclass
class RespondentInput:
    """What the respondent form collects; ``facts`` is the schema's respondent part plus ``year_records``."""

    name: str
    national_id: str = ""
    position: str = ""
    facts: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(EMPTY_RESPONDENT_FACTS))
    user_id: int | None = None


def _check(actor: User, incident: Incident, data: RespondentInput, respondent: Respondent | None) -> User | None:
    """Normalise ``data`` and check it; the account to link, if any. Raises ServiceError with every problem."""
    data.name = data.name.strip()
    data.position = (data.position or "").strip()
    data.national_id = national_id.normalize(data.national_id)
    errors = FieldErrors()
    _check_identity(errors, incident, data, respondent)
    _check_facts(errors, incident, data.facts)
    linked = _linked_account(errors, actor, incident, data.user_id, respondent.user_id if respondent else None)
    if errors:
        raise ServiceError(errors)
    return linked


def _check_identity(
    errors: FieldErrors, incident: Incident, data: RespondentInput, respondent: Respondent | None
) -> None:
    """Name, position and national ID (unique among the case's other respondents)."""
    if not data.name:
        errors.add("name", _("請輸入被調查人姓名。"))
    elif len(data.name) > NAME_MAX:
        errors.add("name", _("姓名請在 %(max)d 字以內。", max=NAME_MAX))
    if len(data.position) > POSITION_MAX:
        errors.add("position", _("職稱請在 %(max)d 字以內。", max=POSITION_MAX))
    if data.national_id:
        if problem := national_id.problem(data.national_id):
            errors.add("national_id", _(problem))
        elif any(other.national_id == data.national_id and other is not respondent for other in incident.respondents):
            errors.add("national_id", _("此身分證統一編號已登錄為本案的被調查人。"))


def _check_facts(errors: FieldErrors, incident: Incident, facts: dict[str, Any]) -> None:
    """The respondent's facts: service dates in order, at most MAX_YEAR_RECORDS records, the schema's rules."""
    start, end = facts.get("service_start"), facts.get("service_end")
    if start and end and end < start:
        errors.add("service_end", _("退休或離職日不可早於到職日。"))
    if len(facts.get("year_records", [])) > MAX_YEAR_RECORDS:
        errors.add("year_records", _("獎懲紀錄最多 %(max)d 筆。", max=MAX_YEAR_RECORDS))
    errors.extend("", facts_problems(incident.facts or {}, respondent_facts=facts))


# Roles that oversee the agency's cases or its accounts: an account holding any of them is never linked.
OVERSIGHT_ROLES = (Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN)


def may_be_linked(user: User, incident: Incident) -> bool:
    """Whether ``user``'s account may be linked to a respondent of the case (see :func:`linkable_accounts`)."""
    return user.agency_id == incident.agency_id and user.has_role(Role.OFFICER) and not user.has_role(*OVERSIGHT_ROLES)


def linkable_accounts(actor: User, incident: Incident, *, keep: Iterable[int | None] = ()) -> list[User]:
    """The accounts the respondent form offers to link, by name.

    The rule: only 承辦人 (officer) accounts of the case's agency, enabled or not (a former
    colleague may be the respondent), holding no supervisor, auditor or admin role, and never the
    actor's own. A linked account is recused from the case, and a recusal must never take the case
    from those who oversee it: supervisors and auditors see the agency's cases to watch over the
    officers, so an officer linking one of them would switch that oversight off; an admin sees no
    case, so linking one would only add a misleading recusal. When such a person really is a
    respondent (a supervisor may be), enter them without linking the account: a supervisor then
    declares their own recusal, which is allowed while another supervisor keeps the case, or the
    case is reported to the superior ethics unit (上級政風機構).

    ``keep``: account ids also listed when they are of the agency (the current link of a
    respondent being edited, the value just posted) so that the form shows what is stored or typed.
    """
    kept = {user_id for user_id in keep if user_id is not None}
    users = db.session.scalars(
        sa.select(User).where(User.agency_id == incident.agency_id).order_by(User.display_name, User.username)
    ).all()
    return [user for user in users if user.id in kept or (user.id != actor.id and may_be_linked(user, incident))]


def _linked_account(
    errors: FieldErrors, actor: User, incident: Incident, user_id: int | None, previous_user_id: int | None
) -> User | None:
    """The account of the agency to link (see :func:`linkable_accounts`), or None.

    A link stored before this rule existed may stay as it is (the recusal it caused is kept
    either way); only a new link must satisfy it.
    """
    if user_id is None:
        return None
    linked = db.session.get(User, user_id)
    if linked is None or linked.agency_id != incident.agency_id:
        errors.add("user_id", _("只能連結本機關的帳號。"))
    elif linked.id == actor.id:
        errors.add("user_id", _("不能將自己登錄為被調查人；如與本案有利益衝突，請聲明迴避。"))
    elif linked.id != previous_user_id and not may_be_linked(linked, incident):
        errors.add(
            "user_id",
            _(
                "%(name)s 不是承辦人帳號（具有主管、稽核或系統管理者角色），不能連結為被調查人："
                "連結會使其迴避本案，失去對本案的監督。如其本人涉案，請不連結帳號登錄，"
                "由該主管自行聲明迴避或陳報上級政風機構。",
                name=linked.display_name,
            ),
        )
    return linked


def _flush_or_stale() -> None:
    try:
        db.session.flush()
    except StaleDataError:
        # Saved or removed by someone else between reading the respondent and writing it.
        raise ServiceError(str(STALE_RESPONDENT)) from None


def snapshot(respondent: Respondent) -> dict[str, Any]:
    """The respondent as plain values; the national ID stays unmasked here (mask before logging)."""
    facts = respondent.facts or {}
    return {
        "name": respondent.name,
        "national_id": respondent.national_id,
        "position": respondent.position,
        "user": respondent.user.username if respondent.user else None,
        **{name: facts.get(name) for name in EMPTY_RESPONDENT_FACTS},
    }


def _masked(values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "national_id": national_id.mask(values.get("national_id"))}


def _apply(respondent: Respondent, data: RespondentInput, linked: User | None) -> None:
    respondent.name = data.name
    respondent.national_id = data.national_id
    respondent.position = data.position
    respondent.facts = copy.deepcopy(data.facts)
    respondent.user = linked


def _recusal_details(incident: Incident, linked: User | None, previous_user_id: int | None) -> dict[str, Any]:
    """Recuse a newly linked account from the case; what happened, for the audit entry."""
    if linked is None or linked.id == previous_user_id:
        return {}
    # Stored as data in the case's language, not the actor's interface language.
    unassigned = recuse_user(incident, linked, "本案被調查人")
    return {"recused_user": linked.username, "unassigned": unassigned}


def add_respondent(actor: User, incident: Incident, data: RespondentInput, *, client_address: str = "") -> Respondent:
    """Add a respondent; a linked account of the agency is recused from the case at once."""
    require_edit(actor, incident)
    linked = _check(actor, incident, data, None)
    respondent = Respondent()
    _apply(respondent, data, linked)
    incident.respondents.append(respondent)
    extra = _recusal_details(incident, linked, None)
    db.session.flush()
    record_case_event(
        actor,
        incident,
        "respondent_added",
        {**_masked(snapshot(respondent)), **extra},
        target=("respondent", respondent.id),
        client_address=client_address,
    )
    return respondent


def update_respondent(
    actor: User,
    respondent: Respondent,
    data: RespondentInput,
    *,
    expected_version: int | None = None,
    client_address: str = "",
) -> Respondent:
    """Change a respondent; a newly linked account is recused (a previous one stays recused).

    ``expected_version`` is the version the form was filled from: if the respondent changed since,
    nothing is saved (None: not checked, for callers that showed no form). A save by someone else
    between reading and writing is refused too (the version column).
    """
    incident = respondent.incident
    require_edit(actor, incident)
    if expected_version is not None and expected_version != respondent.version:
        raise ServiceError(str(STALE_RESPONDENT))
    linked = _check(actor, incident, data, respondent)
    before = snapshot(respondent)
    previous_user_id = respondent.user_id
    _apply(respondent, data, linked)
    changes = changed_fields(before, snapshot(respondent))
    if "national_id" in changes:
        changes["national_id"] = [national_id.mask(value) for value in changes["national_id"]]
    if not changes:
        return respondent
    extra = _recusal_details(incident, linked, previous_user_id)
    _flush_or_stale()
    record_case_event(
        actor,
        incident,
        "respondent_updated",
        {**changes, **extra},
        target=("respondent", respondent.id),
        client_address=client_address,
    )
    return respondent


def remove_respondent(actor: User, respondent: Respondent, *, client_address: str = "") -> None:
    """Remove a respondent entered by mistake. A recusal it caused is kept (the conflict may still exist)."""
    incident = respondent.incident
    require_edit(actor, incident)
    details = _masked(snapshot(respondent))  # taken before the respondent is gone
    respondent_id = respondent.id
    incident.respondents.remove(respondent)
    _flush_or_stale()
    record_case_event(
        actor,
        incident,
        "respondent_removed",
        details,
        target=("respondent", respondent_id),
        client_address=client_address,
    )
