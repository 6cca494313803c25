"""Account operations. Each takes the acting user and the client address as
arguments, flushes (never commits) and writes its audit entry; the route
commits once per user action. Signing in and out: accounts.signin."""

from __future__ import annotations

import re
from functools import lru_cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accounts.models import Agency, Role, Unit, User
from accounts.passwords import hash_password, make_hasher, password_problems, verify_password
from audit.services import changed_fields, record
from core.extensions import db
from core.models import utcnow
from core.services import ServiceError

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
USERNAME_RULE = _l("帳號須為 3 至 64 個英文小寫字母、數字或 . _ -，並以字母或數字開頭。")
AGENCY_CODE_PATTERN = re.compile(r"^[A-Z]{2,6}$")


@lru_cache(maxsize=4)
def _hasher_for(profile: str) -> PasswordHasher:
    return make_hasher(profile)


def hasher() -> PasswordHasher:
    return _hasher_for(current_app.config["ARGON2_PROFILE"])


def normalize_username(username: str) -> str:
    return username.strip().lower()


# --- agencies ---------------------------------------------------------------


def create_agency(code: str, name: str, unit_names: list[str] | tuple[str, ...] = ()) -> Agency:
    """Create an agency with its units. Codes are 2–6 capital letters (used in case numbers)."""
    code = code.strip().upper()
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not AGENCY_CODE_PATTERN.match(code):
        errors["code"] = [_("機關代碼須為 2 至 6 個英文大寫字母。")]
    elif db.session.scalar(sa.select(Agency.id).where(Agency.code == code)):
        errors["code"] = [_("機關代碼 %(code)s 已被使用。", code=code)]
    if not name:
        errors["name"] = [_("請輸入機關名稱。")]
    elif db.session.scalar(sa.select(Agency.id).where(Agency.name == name)):
        errors["name"] = [_("機關名稱 %(name)s 已存在。", name=name)]
    if errors:
        raise ServiceError(errors)
    agency = Agency(code=code, name=name)
    agency.units = [Unit(name=unit_name.strip()) for unit_name in dict.fromkeys(unit_names) if unit_name.strip()]
    db.session.add(agency)
    db.session.flush()
    return agency


# --- users ------------------------------------------------------------------


def user_snapshot(user: User) -> dict[str, object]:
    """What the audit log records of an account (before and after a change)."""
    return {
        "display_name": user.display_name,
        "unit": user.unit.name if user.unit else None,
        "roles": sorted(role.value for role in user.roles),
        "is_enabled": user.is_enabled,
    }


def _check_unit(agency: Agency, unit: Unit | None, errors: dict[str, list[str]]) -> None:
    if unit is not None and unit.agency_id != agency.id:
        errors.setdefault("unit", []).append(_("單位不屬於此機關。"))


def new_user_problems(
    *,
    username: str,
    display_name: str,
    agency: Agency,
    roles: set[Role],
    password: str | None,
    unit: Unit | None = None,
) -> dict[str, list[str]]:
    """What stops creating this account, by form field (empty: nothing).

    ``username`` normalised and ``display_name`` stripped; ``password`` None: not checked
    (an account requested earlier, whose password was checked then and kept hashed).
    """
    errors: dict[str, list[str]] = {}
    if not USERNAME_PATTERN.match(username):
        errors["username"] = [str(USERNAME_RULE)]
    elif db.session.scalar(sa.select(User.id).where(User.username == username)):
        errors["username"] = [_("帳號 %(username)s 已被使用。", username=username)]
    if not display_name:
        errors["display_name"] = [_("請輸入姓名。")]
    if not roles:
        errors["roles"] = [_("請至少選擇一個角色。")]
    _check_unit(agency, unit, errors)
    if password is not None and (problems := password_problems(password, username)):
        errors["password"] = problems
    return errors


def create_user(
    actor: User | None,
    *,
    username: str,
    display_name: str,
    agency: Agency,
    roles: set[Role],
    password: str,
    unit: Unit | None = None,
    client_address: str = "",
) -> User:
    """Create an account. ``actor`` is None only for the command line."""
    username = normalize_username(username)
    display_name = display_name.strip()
    if errors := new_user_problems(
        username=username, display_name=display_name, agency=agency, roles=roles, password=password, unit=unit
    ):
        raise ServiceError(errors)
    return add_user(
        actor,
        username=username,
        display_name=display_name,
        agency=agency,
        unit=unit,
        roles=roles,
        password_hash=hash_password(hasher(), password),
        client_address=client_address,
    )


def add_user(
    actor: User | None,
    *,
    username: str,
    display_name: str,
    agency: Agency,
    unit: Unit | None,
    roles: set[Role],
    password_hash: str,
    client_address: str = "",
    audit_details: dict[str, object] | None = None,
) -> User:
    """Insert an account checked by :func:`new_user_problems` and write its audit entry."""
    user = User(
        username=username,
        display_name=display_name,
        agency=agency,
        unit=unit,
        password_hash=password_hash,
        # An admin chose it, so it is temporary; the command line's users set their own.
        must_change_password=actor is not None,
    )
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    record(
        actor,
        "user_created",
        object_type="user",
        object_id=user.id,
        details={"username": username, **user_snapshot(user), **(audit_details or {})},
        client_address=client_address,
        agency_id=agency.id,
    )
    return user


def update_user(
    actor: User,
    user: User,
    *,
    display_name: str,
    unit: Unit | None,
    roles: set[Role],
    is_enabled: bool,
    new_password: str = "",
    client_address: str = "",
) -> User:
    """Change an account. Nobody changes their own roles or disables themselves."""
    errors: dict[str, list[str]] = {}
    display_name = display_name.strip()
    is_self = actor.id == user.id
    if not display_name:
        errors["display_name"] = [_("請輸入姓名。")]
    if is_self and roles != set(user.roles):
        errors["roles"] = [_("不能變更自己的角色，請由其他系統管理者處理。")]
    if is_self and not is_enabled:
        errors["is_enabled"] = [_("不能停用自己的帳號。")]
    if not roles:
        errors["roles"] = [_("請至少選擇一個角色。")]
    _check_unit(user.agency, unit, errors)
    if new_password and (problems := password_problems(new_password, user.username)):
        errors["new_password"] = problems
    if errors:
        raise ServiceError(errors)

    before = user_snapshot(user)
    user.display_name = display_name
    user.unit = unit
    user.set_roles(roles)
    was_enabled, user.is_enabled = user.is_enabled, is_enabled
    changes = changed_fields(before, user_snapshot(user))
    if new_password:
        # Temporary unless admins reset their own: the user must choose their own at the next sign-in.
        temporary = not is_self
        changes["must_change_password"] = [user.must_change_password, temporary]
        _set_password(user, new_password, temporary=temporary)
        changes["password"] = ["******", "******"]
    elif was_enabled and not is_enabled:
        user.rotate_session_token()  # a disabled user's open sessions end now
    if changes:
        db.session.flush()
        record(
            actor,
            "user_updated",
            object_type="user",
            object_id=user.id,
            details=changes,
            client_address=client_address,
        )
    return user


def _set_password(user: User, password: str, *, temporary: bool = False) -> None:
    set_password_hash(user, hash_password(hasher(), password), temporary=temporary)


def set_password_hash(user: User, password_hash: str, *, temporary: bool = False) -> None:
    """Give ``user`` a new password (already hashed) and end their open sessions.

    ``temporary``: chosen by an admin, to be changed by the user at the next sign-in.
    """
    user.password_hash = password_hash
    user.password_changed_at = utcnow()
    user.must_change_password = temporary
    user.rotate_session_token()


def change_own_password(user: User, *, current_password: str, new_password: str, client_address: str = "") -> User:
    """Change the signed-in user's password after checking the current one."""
    errors: dict[str, list[str]] = {}
    if not verify_password(hasher(), user.password_hash, current_password):
        errors["current_password"] = [_("目前的密碼不正確。")]
    if problems := password_problems(new_password, user.username):
        errors["new_password"] = problems
    elif new_password == current_password:
        errors["new_password"] = [_("新密碼不可與目前的密碼相同。")]
    if errors:
        raise ServiceError(errors)
    was_temporary = user.must_change_password
    _set_password(user, new_password)
    record(
        user,
        "password_changed",
        object_type="user",
        object_id=user.id,
        details={"replaced_temporary_password": True} if was_temporary else None,
        client_address=client_address,
    )
    return user


def set_locale(user: User, locale: str) -> None:
    if locale not in current_app.config["LANGUAGES"]:
        raise ServiceError({"locale": [_("不支援的語言。")]})
    user.locale = locale
