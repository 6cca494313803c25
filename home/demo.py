"""Demo data for ``flask seed-demo`` and ``./run``. Safe to run again."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from accounts import services
from accounts.models import Agency, Role, Unit, User
from accounts.passwords import hash_password
from core.extensions import db
from incidents.models import CaseSource, Incident, RecordClassification
from incidents.services import intake, respondents
from incidents.services.facts import EMPTY_CASE_FACTS, EMPTY_RESPONDENT_FACTS

DEMO_AGENCY_CODE = "DEMO"
DEMO_AGENCY_NAME = "示範部"
DEMO_UNITS = ("政風處第一科", "政風處第二科")
# username, display name, unit index, role
DEMO_USERS = (
    ("officer", "王承辦", 0, Role.OFFICER),
    ("officer2", "李承辦", 1, Role.OFFICER),
    ("supervisor", "陳主管", 0, Role.SUPERVISOR),
    ("auditor", "林稽核", None, Role.AUDITOR),
    ("admin", "張管理", None, Role.ADMIN),
    # A second admin: new accounts, role grants and password resets wait for the other's confirmation.
    ("admin2", "周管理", None, Role.ADMIN),
)
# Demo cases of the demo agency (fictional people; ID numbers with a valid check digit).
# Keyed by title: seeding again adds only the cases whose title is not there yet.
DEMO_CASES: tuple[dict[str, Any], ...] = (
    {
        "title": "洩漏工程底價予廠商",
        "summary": (
            "檢舉人指稱工務課承辦人於開標前以通訊軟體將「市區道路改善工程」底價告知投標廠商，該廠商以些微差距得標。"
        ),
        "source": "whistleblower_report",
        "reported_date": date(2025, 6, 18),
        "discovered_date": date(2025, 6, 18),
        "act_start": date(2025, 6, 10),
        "classification": "confidential",
        "facts": {
            "act": {"conducts": ["disclose"], "intent": "intentional", "known_through_duty": True},
            "information": {"kinds": ["procurement"]},
            "recipient": {"kind": "vendor", "vendor_foreign_or_mainland": False},
        },
        "assignees": ("officer",),
        "filed": True,
        "respondents": (
            {
                "name": "張志明",
                "national_id": "F128765439",
                "position": "工務課技士",
                "facts": {
                    "category": "civil_servant",
                    "rank_class": "junior",
                    "grade": 7,
                    "service_start": "2012-08-01",
                },
            },
        ),
    },
    {
        "title": "將個人資料提供予徵信業者",
        "summary": "他機關移送：約聘人員多次查詢民眾戶籍與聯絡資料，提供予徵信業者並收取報酬。",
        "source": "referral",
        "reported_date": date(2025, 5, 2),
        "discovered_date": date(2025, 4, 28),
        "act_start": date(2025, 1, 6),
        "act_end": date(2025, 4, 25),
        "classification": "general_official_secret",
        "facts": {
            "act": {
                "conducts": ["misuse_personal_data", "deliver"],
                "intent": "intentional",
                "known_through_duty": True,
                "benefit_received": True,
            },
            "information": {"kinds": ["personal_data"]},
            "recipient": {"kind": "public"},
            "harm": {"third_party_harm": True},
        },
        "assignees": ("officer2", "officer"),
        "filed": True,
        "respondents": (
            {
                "name": "林淑芬",
                "national_id": "B220196332",
                "position": "資訊處約聘助理",
                "facts": {
                    "category": "contract_employee",
                    "service_start": "2021-03-01",
                    "year_records": [{"kind": "reprimand", "on": "2025-02-10", "count": 1}],
                },
            },
        ),
    },
    {
        "title": "遺失機密公文",
        "summary": "秘書室科員攜出核定為「機密」之公文至外部會議，返程於捷運車廂遺失，迄今未尋獲。",
        "source": "self_discovered",
        "discovered_date": date(2025, 9, 3),
        "act_start": date(2025, 9, 2),
        "classification": "confidential",
        "facts": {
            "act": {"conducts": ["lose_or_damage"], "intent": "negligent", "known_through_duty": True},
            "information": {"kinds": ["classified"], "classification_level": "confidential"},
        },
        "assignees": ("officer",),
        "filed": False,
        "respondents": (
            {
                "name": "陳建宏",
                "national_id": "E123454323",
                "position": "秘書室科員",
                "facts": {"category": "civil_servant", "rank_class": "elementary", "grade": 5},
            },
        ),
    },
    {
        "title": "以通訊軟體傳送會議資料予媒體",
        "summary": "媒體報導引用尚未公開之內部會議簡報內容；初步查知簡報曾由專員以通訊軟體傳送予特定記者。",
        "source": "media_report",
        "reported_date": date(2025, 10, 15),
        "discovered_date": date(2025, 10, 15),
        "act_start": date(2025, 10, 13),
        "classification": "general_official_secret",
        "facts": {
            "act": {"conducts": ["disclose"], "known_through_duty": True},
            "information": {"kinds": ["general_official_secret"]},
            "recipient": {"kind": "media"},
        },
        "assignees": ("officer2",),
        "filed": False,
        "respondents": (
            {
                "name": "黃雅婷",
                "national_id": "K222333448",
                "position": "新聞科專員",
                "facts": {"category": "civil_servant", "rank_class": "junior", "grade": 7},
            },
        ),
    },
    {
        "title": "公務帳號遭盜用致公文系統資料外洩",
        "summary": "資訊處發現某公務帳號於非上班時間自境外位址大量下載公文附件，疑帳號密碼外流；行為人尚未查明。",
        "source": "self_discovered",
        "discovered_date": date(2025, 11, 20),
        "classification": "general_official_secret",
        "cyber_aware_at": datetime(2025, 11, 20, 1, 30, tzinfo=UTC),  # 09:30 in Taipei
        "facts": {"information": {"kinds": ["general_official_secret", "personal_data"]}},
        "assignees": ("officer", "officer2"),
        "filed": False,
        "respondents": (),
    },
)
# No look-alike characters (0/O, 1/l/I), so a printed password can be typed.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    password: str | None  # None: the account existed and its password was kept
    created: bool


def random_password() -> str:
    """Four groups of four characters, e.g. ``k7Pm-x2Qd-9fRt-Wb3n`` (about 91 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def seed_demo(password: str | None = None) -> list[DemoAccount]:
    """Create the demo agency, its units, one user per role and a few cases, where missing.

    Existing demo users keep their password unless ``password`` is given, in
    which case it is set for all of them. The caller commits.
    """
    agency = db.session.scalar(sa.select(Agency).where(Agency.code == DEMO_AGENCY_CODE))
    if agency is None:
        agency = services.create_agency(DEMO_AGENCY_CODE, DEMO_AGENCY_NAME, DEMO_UNITS)
    units: list[Unit] = []
    for name in DEMO_UNITS:
        unit = next((u for u in agency.units if u.name == name), None)
        if unit is None:
            unit = Unit(agency=agency, name=name)
            db.session.add(unit)
        units.append(unit)
    db.session.flush()

    accounts: list[DemoAccount] = []
    for username, display_name, unit_index, role in DEMO_USERS:
        unit = units[unit_index] if unit_index is not None else None
        user = db.session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            new_password = password or random_password()
            services.create_user(
                None,
                username=username,
                display_name=display_name,
                agency=agency,
                unit=unit,
                roles={role},
                password=new_password,
                client_address="seed-demo",
            )
            accounts.append(DemoAccount(username, display_name, role, new_password, created=True))
        else:
            if password:
                user.password_hash = hash_password(services.hasher(), password)
                user.rotate_session_token()
            accounts.append(DemoAccount(username, user.display_name, role, password, created=False))
    db.session.flush()
    seed_demo_cases(agency)
    return accounts


def seed_demo_cases(agency: Agency) -> int:
    """Open the demo cases missing from ``agency`` (by title); returns how many were added.

    Skipped when the demo officers are missing (or no longer officers).
    """
    officers = {
        user.username: user
        for user in db.session.scalars(
            sa.select(User).where(User.agency_id == agency.id, User.username.in_(("officer", "officer2")))
        )
        if user.has_role(Role.OFFICER)
    }
    existing = set(db.session.scalars(sa.select(Incident.title).where(Incident.agency_id == agency.id)))
    added = 0
    for case in DEMO_CASES:
        if case["title"] in existing or not all(name in officers for name in case["assignees"]):
            continue
        facts = copy.deepcopy(EMPTY_CASE_FACTS)
        for part, values in case["facts"].items():
            facts[part].update(values)
        creator, *others = (officers[name] for name in case["assignees"])
        incident = intake.open_incident(
            creator,
            intake.CaseInput(
                title=case["title"],
                summary=case["summary"],
                source=CaseSource(case["source"]),
                reported_date=case.get("reported_date"),
                discovered_date=case.get("discovered_date"),
                act_start=case.get("act_start"),
                act_end=case.get("act_end"),
                facts=facts,
                classification=RecordClassification(case["classification"]),
                cyber_security_incident="cyber_aware_at" in case,
                cyber_aware_at=case.get("cyber_aware_at"),
            ),
            assignee_ids=[user.id for user in others],
            client_address="seed-demo",
        )
        for person in case["respondents"]:
            respondents.add_respondent(
                creator,
                incident,
                respondents.RespondentInput(
                    name=person["name"],
                    national_id=person["national_id"],
                    position=person["position"],
                    facts={**EMPTY_RESPONDENT_FACTS, **person["facts"]},
                ),
                client_address="seed-demo",
            )
        if case["filed"]:
            intake.file_incident(creator, incident, client_address="seed-demo")
        added += 1
    return added
