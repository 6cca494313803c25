"""Imports every model so that Base.metadata is complete (Alembic autogenerate)."""

from accounts.models import Agency, LoginAttempt, Unit, User, UserRole
from audit.models import AuditEntry

__all__ = ["Agency", "AuditEntry", "LoginAttempt", "Unit", "User", "UserRole"]
