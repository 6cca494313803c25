"""Signing in and out: the lockout, the attempt log, and how long a session may last.

A sign-in is two transactions; the route commits after each:

1. :func:`begin_sign_in`, serialised per account and per client address
   (``core.database.serialise_on``: advisory locks on PostgreSQL, the write lock on
   SQLite), checks the lockout and records the attempt as a failure. Once that is
   committed, every later guess counts it, so parallel guesses cannot overtake the
   limit: forty at once get five password checks, not five plus however many were
   already past the check when the fifth failure was written.
2. :func:`finish_sign_in` checks the password (argon2id is slow on purpose, and no
   lock is held meanwhile) and turns the attempt into a success, or audits the failure.

A session ends when it has been idle for ``SESSION_IDLE_MINUTES`` or, however
active, ``SESSION_MAX_HOURS`` after signing in (:func:`session_end`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app

from accounts.models import LoginAttempt, User
from accounts.passwords import hash_password, make_hasher, verify_password
from accounts.services import hasher, normalize_username
from accounts.throttle import locked_until
from audit.services import record
from core.database import serialise_on
from core.extensions import db
from core.models import utcnow

__all__ = [
    "PendingSignIn",
    "SessionEnd",
    "SignInResult",
    "begin_sign_in",
    "finish_sign_in",
    "load_user_from_session",
    "session_end",
    "sign_out",
]

# A hash of a random password, checked when the username is unknown so that a
# wrong username takes as long as a wrong password (no account enumeration).
_DUMMY_PASSWORD = "baomi-dummy-password-for-timing"


@lru_cache(maxsize=4)
def _dummy_hash(profile: str) -> str:
    return hash_password(make_hasher(profile), _DUMMY_PASSWORD)


@dataclass(frozen=True)
class PendingSignIn:
    """An attempt let through the lockout and recorded (as a failure until the password proves right),
    or refused (``locked_until`` set, nothing recorded but the refusal's audit entry)."""

    username: str
    client_address: str
    attempt_id: int | None
    locked_until: datetime | None = None


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked_until: datetime | None = None


def _lock_for(username: str, client_address: str, now: datetime) -> datetime | None:
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"])
    last_success = db.session.scalar(
        sa.select(sa.func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.username == username, LoginAttempt.succeeded.is_(True)
        )
    )
    account_failures = sa.select(LoginAttempt.attempted_at).where(
        LoginAttempt.username == username,
        LoginAttempt.succeeded.is_(False),
        LoginAttempt.attempted_at > now - window * 2,
    )
    if last_success is not None:
        account_failures = account_failures.where(LoginAttempt.attempted_at > last_success)
    address_failures = sa.select(LoginAttempt.attempted_at).where(
        LoginAttempt.client_address == client_address,
        LoginAttempt.succeeded.is_(False),
        LoginAttempt.attempted_at > now - window * 2,
    )
    locks = [
        locked_until(
            db.session.scalars(account_failures), now=now, max_failures=config["LOGIN_MAX_FAILURES"], window=window
        ),
        locked_until(
            db.session.scalars(address_failures),
            now=now,
            max_failures=config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
            window=window,
        ),
    ]
    return max((lock for lock in locks if lock is not None), default=None)


def _agency_of(username: str) -> int | None:
    return db.session.scalar(sa.select(User.agency_id).where(User.username == username))


def begin_sign_in(username: str, *, client_address: str, now: datetime | None = None) -> PendingSignIn:
    """The first step: refuse a locked account or address, else record the attempt (commit before the next step).

    Unknown, disabled and existing accounts take the same path, so the answer never
    reveals which accounts exist.
    """
    now = now or utcnow()
    username = normalize_username(username)[:64]
    # Until this transaction ends, another attempt at this account or from this address waits here.
    serialise_on(f"sign-in:account:{username}", f"sign-in:address:{client_address}")
    if lock := _lock_for(username, client_address, now):
        record(
            None,
            "login_refused_locked",
            actor_name=username,
            client_address=client_address,
            agency_id=_agency_of(username),
        )
        return PendingSignIn(username, client_address, None, lock)
    attempt = LoginAttempt(username=username, client_address=client_address, succeeded=False, attempted_at=now)
    db.session.add(attempt)
    db.session.flush()
    return PendingSignIn(username, client_address, attempt.id)


def finish_sign_in(pending: PendingSignIn, password: str, *, now: datetime | None = None) -> SignInResult:
    """The second step: check the password of an attempt :func:`begin_sign_in` let through."""
    if pending.attempt_id is None:
        return SignInResult(None, pending.locked_until)
    now = now or utcnow()
    user = db.session.scalar(sa.select(User).where(User.username == pending.username))
    stored_hash = user.password_hash if user else _dummy_hash(current_app.config["ARGON2_PROFILE"])
    password_ok = verify_password(hasher(), stored_hash, password)
    if user is None or not user.is_enabled or not password_ok:
        reason = "unknown_user" if user is None else ("disabled" if not user.is_enabled else "wrong_password")
        record(
            None,
            "login_failed",
            actor_name=pending.username,
            client_address=pending.client_address,
            agency_id=user.agency_id if user else None,
            details={"reason": reason},
        )
        return SignInResult(None, _lock_for(pending.username, pending.client_address, now))

    attempt = db.session.get(LoginAttempt, pending.attempt_id)
    if attempt is not None:
        attempt.succeeded = True
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(hasher(), password)
    details = {"must_change_password": True} if user.must_change_password else None
    record(user, "login_succeeded", client_address=pending.client_address, details=details)
    return SignInResult(user)


# --- sessions -----------------------------------------------------------------


class SessionEnd(enum.StrEnum):
    """Why a session was ended; the value is the audit action written."""

    LOGOUT = "logout"
    IDLE = "session_expired"
    LIFETIME = "session_lifetime_exceeded"


def session_end(
    *, signed_in_at: object, seen_at: object, now: float, idle_minutes: int, max_hours: int
) -> SessionEnd | None:
    """Whether a signed-in session must end now (times are POSIX seconds from the session cookie).

    A session without a sign-in time (from before sessions had one, or tampered
    with) has no known age and ends too.
    """
    if not isinstance(signed_in_at, int | float) or now - signed_in_at > max_hours * 3600:
        return SessionEnd.LIFETIME
    if isinstance(seen_at, int | float) and now - seen_at > idle_minutes * 60:
        return SessionEnd.IDLE
    return None


def sign_out(
    user: User, *, client_address: str, reason: SessionEnd = SessionEnd.LOGOUT, details: dict[str, object] | None = None
) -> None:
    """End every session of the user (the token in their cookies stops matching)."""
    user.rotate_session_token()
    record(user, reason.value, client_address=client_address, details=details)


def load_user_from_session(session_id: str) -> User | None:
    """Flask-Login user loader: ``"<id>:<token>"``, enabled users only."""
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_enabled or user.session_token != token:
        return None
    return user
