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

# The roles that open cases (incidents.services.access): officers their assigned cases,
# supervisors and auditors every case of their agency.
CASE_ACCESS_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR})
# Granting one of these, creating an account (every account holds a role) and resetting
# someone else's password need a second admin (accounts.access_changes): the case roles,
# and the admin role because an admin confirms the others' changes.
CONTROLLED_ROLES = CASE_ACCESS_ROLES | {Role.ADMIN}


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


class AccessChangeKind(enum.StrEnum):
    NEW_ACCOUNT = "new_account"  # 建立帳號
    ACCOUNT_ACCESS = "account_access"  # 授予角色或重設密碼


class AccessChangeStatus(enum.StrEnum):
    PENDING = "pending"  # 待確認
    CONFIRMED = "confirmed"  # 經另一位系統管理者確認，已生效
    REJECTED = "rejected"  # 另一位系統管理者退回
    WITHDRAWN = "withdrawn"  # 申請人撤回
    APPLIED = "applied"  # 立即生效（無第二位系統管理者，或由命令列執行）


class AppliedBecause(enum.StrEnum):
    """Why an access change took effect without a second admin (kept in its audit entry)."""

    SINGLE_ADMIN = "single_admin"
    DUAL_CONTROL_OFF = "dual_control_off"
    COMMAND_LINE = "command_line"


def _enum_column(enum_class: type[enum.StrEnum], name: str) -> sa.Enum:
    return sa.Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


class AccessChange(Base):
    """A change that could let an admin read cases through an account: a new account, a role
    granted, someone else's password reset. Pending until a second admin confirms it when the
    agency has enough active admins; otherwise recorded as applied at once. Every step is also
    in the audit log (accounts.access_changes)."""

    __tablename__ = "access_change"
    __table_args__ = (sa.Index("ix_access_change_agency_id_status", "agency_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id"))
    kind: Mapped[AccessChangeKind] = mapped_column(_enum_column(AccessChangeKind, "access_change_kind"))
    status: Mapped[AccessChangeStatus] = mapped_column(_enum_column(AccessChangeStatus, "access_change_status"))
    # The account changed; for a new account, set once it is created.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    # The account's username, display name and unit as requested (kept for pending new accounts).
    username: Mapped[str] = mapped_column(sa.String(64))
    display_name: Mapped[str] = mapped_column(sa.String(100))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"))
    # Role values before (empty for a new account) and as requested.
    roles_before: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    roles_after: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    password_reset: Mapped[bool] = mapped_column(default=False)
    # The requested password, hashed (never the password itself); emptied once decided.
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    # None: the command line.
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None]

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    unit: Mapped[Unit | None] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def roles_granted(self) -> list[Role]:
        return sorted(Role(value) for value in set(self.roles_after) - set(self.roles_before))

    @property
    def roles_removed(self) -> list[Role]:
        return sorted(Role(value) for value in set(self.roles_before) - set(self.roles_after))
