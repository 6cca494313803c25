"""Database tables for the statute catalogue (mirrors statutes.catalogue.model)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models import Base, utcnow


class StatuteLaw(Base):
    __tablename__ = "statute_law"

    pcode: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    url: Mapped[str] = mapped_column(sa.String(255))
    nature: Mapped[str] = mapped_column(sa.String(10), default="法律")
    history: Mapped[str] = mapped_column(sa.Text, default="")
    current_to: Mapped[date | None]

    provisions: Mapped[list[StatuteProvision]] = relationship(
        back_populates="law", order_by="(StatuteProvision.article_number, StatuteProvision.article_sub)"
    )


class StatuteProvision(Base):
    __tablename__ = "statute_provision"
    __table_args__ = (sa.Index("ix_statute_provision_law_article", "law_pcode", "article_number", "article_sub"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)  # "C0000001:132", "S0020038:4@1939"
    law_pcode: Mapped[str] = mapped_column(sa.ForeignKey("statute_law.pcode"))
    article: Mapped[str] = mapped_column(sa.String(12))  # "115-1"
    # Numeric sort parts, so that 115 < 115-1 < 116 in SQL too.
    article_number: Mapped[int]
    article_sub: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(100), default="")
    paragraph_titles: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    replaced_by: Mapped[str | None] = mapped_column(sa.String(40))
    replaces: Mapped[str | None] = mapped_column(sa.String(40))

    law: Mapped[StatuteLaw] = relationship(back_populates="provisions")
    versions: Mapped[list[StatuteVersion]] = relationship(
        back_populates="provision", order_by="StatuteVersion.effective_from", cascade="all, delete-orphan"
    )


class StatuteVersion(Base):
    __tablename__ = "statute_version"
    __table_args__ = (sa.UniqueConstraint("provision_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[str] = mapped_column(sa.ForeignKey("statute_provision.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]
    promulgated: Mapped[date | None]
    amendment: Mapped[str] = mapped_column(sa.String(40), default="")
    repealed: Mapped[bool] = mapped_column(default=False)
    verified: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str] = mapped_column(sa.Text, default="")
    penalties: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    editorial_variants: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)

    provision: Mapped[StatuteProvision] = relationship(back_populates="versions")


class StatuteImport(Base):
    """One run of ``flask statutes load`` or ``flask statutes import``: what changed."""

    __tablename__ = "statute_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(sa.String(20))  # catalogue | open_data
    source: Mapped[str] = mapped_column(sa.String(255))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    # [{"law": pcode, "article": "132", "kind": "amended", "effective_from": "…"}, …]
    changes: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
