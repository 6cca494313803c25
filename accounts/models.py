"""Agencies, units, users and their roles, and the sign-in attempt log."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models import Base, utcnow


class Role(enum.StrEnum):
    """What a user may do. A user may hold several roles."""

    OFFICER = "officer"  # 承辦人
    SUPERVISOR = "supervisor"  # 主管
    AUDITOR = "auditor"  # 稽核
    ADMIN = "admin"  # 系統管理者


ROLE_COLUMN = sa.Enum(
    Role,
    name="role",
    native_enum=False,
    create_constraint=True,
    length=20,
    values_callable=lambda roles: [role.value for role in roles],
)


class Agency(Base):
    """A government agency (機關); its short code prefixes case numbers."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(10), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    units: Mapped[list[Unit]] = relationship(back_populates="agency", order_by="Unit.name")

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"


class Unit(Base):
    """An organisational unit within an agency (e.g. 政風處第一科)."""

    __tablename__ = "unit"
    __table_args__ = (sa.UniqueConstraint("agency_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))

    agency: Mapped[Agency] = relationship(back_populates="units")


class User(UserMixin, Base):
    """A person who signs in. Belongs to exactly one agency."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(100))
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(sa.String(16), default="zh_Hant_TW")
    # Part of the login cookie; rotating it ends every session of this user
    # (logout, password change, disabling), which a signed cookie alone cannot.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=lambda: secrets.token_urlsafe(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when an admin chose the password (a new account's first one, or a reset):
    # until the user sets their own, every page leads to the change-password page.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    agency: Mapped[Agency] = relationship()
    unit: Mapped[Unit | None] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", order_by="UserRole.role", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def set_roles(self, roles: set[Role]) -> None:
        current = {row.role: row for row in self.role_rows}
        for role, row in current.items():
            if role not in roles:
                self.role_rows.remove(row)
        for role in sorted(roles - current.keys()):
            self.role_rows.append(UserRole(role=role))

    def rotate_session_token(self) -> None:
        self.session_token = secrets.token_urlsafe(32)

    # Flask-Login
    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.is_enabled

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(ROLE_COLUMN, primary_key=True)


class LoginAttempt(Base):
    """One sign-in attempt. Kept in the database (not in process memory) so
    that lockouts hold across restarts and across several app servers."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        sa.Index("ix_login_attempt_username_attempted_at", "username", "attempted_at"),
        sa.Index("ix_login_attempt_client_address_attempted_at", "client_address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    client_address: Mapped[str] = mapped_column(sa.String(45))
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
