"""Cases (案件) and what hangs on them: assignments, respondents, recusals, evidence, notes."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Agency, Unit, User
from core.models import Base, utcnow


def _enum(kind: type[enum.Enum], name: str, length: int = 30) -> sa.Enum:
    return sa.Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )


class CaseStatus(enum.StrEnum):
    """Until the workflow issue, a case is a draft or filed."""

    DRAFT = "draft"  # 草稿
    FILED = "filed"  # 已立案


class CaseSource(enum.StrEnum):
    WHISTLEBLOWER_REPORT = "whistleblower_report"  # 檢舉
    SELF_DISCOVERED = "self_discovered"  # 自行發現
    REFERRAL = "referral"  # 他機關移送
    MEDIA_REPORT = "media_report"  # 媒體報導
    OTHER = "other"  # 其他


class RecordClassification(enum.StrEnum):
    """密等 of the case record itself."""

    TOP_SECRET = "top_secret"  # 絕對機密
    SECRET = "secret"  # 極機密
    CONFIDENTIAL = "confidential"  # 機密
    GENERAL_OFFICIAL_SECRET = "general_official_secret"  # 一般公務機密（密）
    NONE = "none"  # 普通


class Incident(Base):
    """One case. ``facts`` holds the case-level parts of a statutes/engine/facts.schema.json
    document (act, information, recipient, harm); each respondent adds their own."""

    __tablename__ = "incident"
    __table_args__ = (
        sa.UniqueConstraint("agency_id", "roc_year", "serial"),
        sa.CheckConstraint("act_end IS NULL OR act_end >= act_start", name="act_end_after_start"),
        sa.Index("ix_incident_agency_id_status_id", "agency_id", "status", "id"),
        # The unfiltered case list (newest first within an agency) reads this in order and stops after a page.
        sa.Index("ix_incident_agency_id_id", "agency_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    roc_year: Mapped[int]
    serial: Mapped[int]
    case_number: Mapped[str] = mapped_column(sa.String(24), unique=True)  # AB-115-0007
    title: Mapped[str] = mapped_column(sa.String(200))  # 案由
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[CaseSource] = mapped_column(_enum(CaseSource, "case_source"))
    reported_date: Mapped[date | None]
    discovered_date: Mapped[date | None]
    act_start: Mapped[date | None]
    act_end: Mapped[date | None]
    facts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    classification: Mapped[RecordClassification] = mapped_column(
        _enum(RecordClassification, "record_classification"), default=RecordClassification.GENERAL_OFFICIAL_SECRET
    )
    cyber_security_incident: Mapped[bool] = mapped_column(default=False)
    cyber_aware_at: Mapped[datetime | None]
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus, "case_status"), default=CaseStatus.DRAFT)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic locking: an edit based on an old version is refused, not merged silently.
    version: Mapped[int] = mapped_column(default=1)
    # The same for the list of assigned officers, kept apart so that reassigning the case does not make
    # an open edit form of the record stale (nor the reverse). Moved by a plain UPDATE, never by the ORM
    # (incidents.services.assignments), so it does not count as a change of the record's version.
    assignments_version: Mapped[int] = mapped_column(default=1, server_default=sa.text("1"))

    agency: Mapped[Agency] = relationship()
    unit: Mapped[Unit | None] = relationship()
    created_by: Mapped[User] = relationship()
    assignments: Mapped[list[IncidentAssignment]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", lazy="selectin"
    )
    respondents: Mapped[list[Respondent]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="Respondent.id"
    )
    recusals: Mapped[list[Recusal]] = relationship(back_populates="incident", cascade="all, delete-orphan")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="Evidence.id"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="(Note.note_date, Note.id)"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative setting

    @property
    def assignee_ids(self) -> set[int]:
        return {assignment.user_id for assignment in self.assignments}


class IncidentAssignment(Base):
    """An officer assigned to a case (承辦人)."""

    __tablename__ = "incident_assignment"

    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), primary_key=True, index=True)
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="assignments")
    user: Mapped[User] = relationship()


class Respondent(Base):
    """A person under investigation (被調查人) in one case."""

    __tablename__ = "respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    # Set when the respondent also has an account here: that user is recused from the case.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    national_id: Mapped[str] = mapped_column(sa.String(10), default="")  # 身分證統一編號 (validated)
    position: Mapped[str] = mapped_column(sa.String(100), default="")
    # The respondent part of a statutes/engine/facts.schema.json document (category, rank, grade, service dates),
    # plus "year_records"; kept in the engine's vocabulary rather than a second copy of it.
    facts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic locking, as for the case: two officers editing one respondent, the later save is refused.
    version: Mapped[int] = mapped_column(default=1, server_default=sa.text("1"))

    incident: Mapped[Incident] = relationship(back_populates="respondents")
    user: Mapped[User | None] = relationship()
    recommendation: Mapped[Recommendation | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative setting


class Recusal(Base):
    """A user who may not be assigned to or see a case (利益衝突迴避)."""

    __tablename__ = "recusal"

    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), primary_key=True, index=True)
    reason: Mapped[str] = mapped_column(sa.String(200))
    declared_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="recusals")
    user: Mapped[User] = relationship()


class Evidence(Base):
    """An uploaded file, stored outside the web root under a random name."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(sa.String(255))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str] = mapped_column(sa.String(200), default="")
    # Active content found in a PDF (incidents.filetypes.ACTIVE_CONTENT_CODES, comma-separated; "" for none):
    # the evidence list warns not to open the file in a browser.
    active_content: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="evidence")
    uploaded_by: Mapped[User] = relationship()


class Note(Base):
    """A dated entry in a case's timeline (by an officer)."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    note_date: Mapped[date]
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="notes")
    author: Mapped[User] = relationship()


class Decision(enum.StrEnum):
    """The officer's decision on one suggestion of the engine."""

    PENDING = "pending"  # 尚未決定
    ACCEPTED = "accepted"  # 採納
    EDITED = "edited"  # 修改後採納
    REJECTED = "rejected"  # 不採納（須附理由）


class RecommendedAction(enum.StrEnum):
    """The disciplinary level the draft proposes (考績懲處 levels, a referral for 懲戒, or none)."""

    REPRIMAND_ONCE = "reprimand_once"  # 申誡一次
    REPRIMAND_TWICE = "reprimand_twice"  # 申誡二次
    DEMERIT_ONCE = "demerit_once"  # 記過一次
    DEMERIT_TWICE = "demerit_twice"  # 記過二次
    MAJOR_DEMERIT = "major_demerit"  # 記一大過
    TWO_MAJOR_DEMERITS = "two_major_demerits"  # 一次記二大過（專案考績，免職）
    REFER_FOR_DISCIPLINE = "refer_for_discipline"  # 移送懲戒法院審理
    NO_ACTION = "no_action"  # 不予處分


class Recommendation(Base):
    """The recommendation draft (建議草稿) for one respondent: the officer's decisions on the
    engine's suggestions and the chosen disciplinary level, with the facts and engine version
    they came from. The workflow issue sends it for approval."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(sa.ForeignKey("respondent.id", ondelete="CASCADE"), unique=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    engine_version: Mapped[str] = mapped_column(sa.String(20))
    evaluated_on: Mapped[date]
    # The facts document the engine was given, to show what changed when the facts change later.
    facts: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    action: Mapped[RecommendedAction | None] = mapped_column(_enum(RecommendedAction, "recommended_action"))
    action_reason: Mapped[str] = mapped_column(sa.Text, default="")
    saved_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    saved_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    respondent: Mapped[Respondent] = relationship(back_populates="recommendation")
    saved_by: Mapped[User] = relationship()
    items: Mapped[list[RecommendationItem]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="RecommendationItem.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - optimistic locking: two officers, one draft


class RecommendationItem(Base):
    """One engine suggestion in a draft, as the engine gave it and as the officer decided."""

    __tablename__ = "recommendation_item"
    __table_args__ = (
        sa.UniqueConstraint("recommendation_id", "rule_id"),
        # The case list's 「引用條文」 filter: cases whose drafts accept a provision.
        sa.Index("ix_recommendation_item_provision_id_decision", "provision_id", "decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendation.id", ondelete="CASCADE"))
    position: Mapped[int]
    rule_id: Mapped[str] = mapped_column(sa.String(80))
    law_name: Mapped[str] = mapped_column(sa.String(100))
    citation: Mapped[str] = mapped_column(sa.String(60))  # as the engine gave it: 第132條第1項
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    engine_status: Mapped[str] = mapped_column(sa.String(20))  # statutes.engine.result.Status value
    engine_reason: Mapped[str] = mapped_column(sa.Text, default="")
    # The provision version the engine applied (statute_provision.id + its effective date): stable
    # across catalogue reloads, unlike a statute_version row id.
    provision_id: Mapped[str | None] = mapped_column(sa.String(40))
    version_from: Mapped[date | None]
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "recommendation_decision", 20))
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why rejected or edited
    edited_citation: Mapped[str] = mapped_column(sa.String(60), default="")
    edited_text: Mapped[str] = mapped_column(sa.Text, default="")  # the officer's wording of the reasoning

    recommendation: Mapped[Recommendation] = relationship(back_populates="items")
