"""Disciplinary paths beside the criminal one: 懲戒, 考績懲處 and 民事／國家賠償.

:func:`disciplinary_paths` reads one respondent's :class:`~statutes.engine.facts.Facts` and returns three
:class:`~statutes.engine.result.DisciplinaryPath` values, each saying whether it applies (None when a fact
it needs is missing, named in ``missing_facts``), why, what to do next, what remains possible and by
when:

- DISCIPLINE — 公務員懲戒法: who is subject (第1條; 政務人員 第9條第4項), the law at the act and
  第100條第2項 (從舊從輕, per sanction), the time limits of 第20條 or, for acts before 2016-05-02, the old
  ten-year 免議 rule, the referral route (第24條), 停職 (第4、5條), criminal proceedings (第22條第2項、
  第39條) and the lapse of a 懲處 (第22條第3項).
- PERFORMANCE — 公務人員考績法: the recommended level (一次記二大過 only on a 第12條第3項 ground), the
  陳述及申辯 step, execution (第18條), the year's ledger (:mod:`statutes.engine.ledger`), the remedies of the
  公務人員保障法, and the 資通安全事件 notification check (:func:`cyber_incident_check`).
- CIVIL — 民法第186條 (or 第184條), 國家賠償法第2、8條, 個人資料保護法第28、31條, 民法第197條.

Every citation names the version used (「〔2020-07-17起施行之版本〕」) from the catalogue; texts the
catalogue marks unverified say so, and provisions it lacks are cited by number only, never quoted.

Pure and deterministic: no Flask, no SQLAlchemy, no clock (the caller passes ``evaluation_date``).

Package layout: :mod:`~.discipline` and :mod:`~.sanctions`
(懲戒), :mod:`~.appraisal` (考績懲處), :mod:`~.civil` (民事／國賠),
:mod:`~.cyber` (資安通報), :mod:`~.citations` (citations and
versions) and :mod:`~.case` (the facts, the path builder, dates).
"""

from __future__ import annotations

from datetime import date

from statutes.catalogue.lookup import Catalogue
from statutes.engine.disciplinary.appraisal import APPRAISAL_LABELS as APPRAISAL_LABELS
from statutes.engine.disciplinary.appraisal import LEAK_CONDUCTS as LEAK_CONDUCTS
from statutes.engine.disciplinary.appraisal import LEDGER_KIND as LEDGER_KIND
from statutes.engine.disciplinary.appraisal import PERFORMANCE_TITLE as PERFORMANCE_TITLE
from statutes.engine.disciplinary.appraisal import AppraisalLevel, performance_path
from statutes.engine.disciplinary.case import NATIONAL_SECRET_KINDS as NATIONAL_SECRET_KINDS
from statutes.engine.disciplinary.case import Case
from statutes.engine.disciplinary.citations import APPRAISAL_ACT as APPRAISAL_ACT
from statutes.engine.disciplinary.citations import APPRAISAL_RULES as APPRAISAL_RULES
from statutes.engine.disciplinary.citations import CHINESE_DIGITS as CHINESE_DIGITS
from statutes.engine.disciplinary.citations import CIVIL_CODE as CIVIL_CODE
from statutes.engine.disciplinary.citations import CYBER_AWARD_PENALTY_RULES as CYBER_AWARD_PENALTY_RULES
from statutes.engine.disciplinary.citations import CYBER_INCIDENT_REGULATIONS as CYBER_INCIDENT_REGULATIONS
from statutes.engine.disciplinary.citations import CYBER_SECURITY_ACT as CYBER_SECURITY_ACT
from statutes.engine.disciplinary.citations import DISCIPLINE_ACT as DISCIPLINE_ACT
from statutes.engine.disciplinary.citations import DISCIPLINE_ACT_2015_IN_FORCE, DISCIPLINE_ACT_2020_IN_FORCE
from statutes.engine.disciplinary.citations import LAW_NAMES as LAW_NAMES
from statutes.engine.disciplinary.citations import PERSONAL_DATA_ACT as PERSONAL_DATA_ACT
from statutes.engine.disciplinary.citations import PROTECTION_ACT as PROTECTION_ACT
from statutes.engine.disciplinary.citations import STATE_COMPENSATION_ACT as STATE_COMPENSATION_ACT
from statutes.engine.disciplinary.civil import CIVIL_TITLE as CIVIL_TITLE
from statutes.engine.disciplinary.civil import PUBLIC_OFFICIAL_CATEGORIES as PUBLIC_OFFICIAL_CATEGORIES
from statutes.engine.disciplinary.civil import civil_path
from statutes.engine.disciplinary.cyber import CONTAINMENT_WINDOW_LEVELS_1_2 as CONTAINMENT_WINDOW_LEVELS_1_2
from statutes.engine.disciplinary.cyber import CONTAINMENT_WINDOW_LEVELS_3_4 as CONTAINMENT_WINDOW_LEVELS_3_4
from statutes.engine.disciplinary.cyber import CYBER_SECURITY_ACT_IN_FORCE as CYBER_SECURITY_ACT_IN_FORCE
from statutes.engine.disciplinary.cyber import NOTIFICATION_WINDOW as NOTIFICATION_WINDOW
from statutes.engine.disciplinary.cyber import CyberIncidentCheck, cyber_incident_check
from statutes.engine.disciplinary.discipline import DISCIPLINE_TITLE as DISCIPLINE_TITLE
from statutes.engine.disciplinary.discipline import discipline_path
from statutes.engine.disciplinary.sanctions import FIVE_YEAR_LIMITED as FIVE_YEAR_LIMITED
from statutes.engine.disciplinary.sanctions import NOT_FOR_POLITICAL_APPOINTEES as NOT_FOR_POLITICAL_APPOINTEES
from statutes.engine.disciplinary.sanctions import PENSION_SANCTIONS as PENSION_SANCTIONS
from statutes.engine.disciplinary.sanctions import SANCTION_ARTICLES as SANCTION_ARTICLES
from statutes.engine.disciplinary.sanctions import SANCTION_LABELS, SANCTIONS_1985, DisciplinarySanction
from statutes.engine.disciplinary.sanctions import SANCTION_ORDER as SANCTION_ORDER
from statutes.engine.disciplinary.sanctions import SUSPENSION_WORTHY as SUSPENSION_WORTHY
from statutes.engine.disciplinary.sanctions import TEN_YEAR_LIMITED as TEN_YEAR_LIMITED
from statutes.engine.disciplinary.sanctions import S as S
from statutes.engine.facts import Facts
from statutes.engine.result import DisciplinaryPath

__all__ = [
    "DISCIPLINE_ACT_2015_IN_FORCE",
    "DISCIPLINE_ACT_2020_IN_FORCE",
    "SANCTIONS_1985",
    "SANCTION_LABELS",
    "AppraisalLevel",
    "CyberIncidentCheck",
    "DisciplinarySanction",
    "cyber_incident_check",
    "disciplinary_paths",
]


# ---------------------------------------------------------------------------------------------
# Public API


def disciplinary_paths(facts: Facts, catalogue: Catalogue, evaluation_date: date) -> tuple[DisciplinaryPath, ...]:
    """The DISCIPLINE, PERFORMANCE and CIVIL paths for one respondent, in that order.

    ``evaluation_date`` is the day of the assessment: it selects the procedural texts (referral,
    remedies), the 考績 year of the ledger, and stands for the referral date when the facts give none.
    """
    case = Case(facts, catalogue, evaluation_date)
    return (discipline_path(case), performance_path(case), civil_path(case))
