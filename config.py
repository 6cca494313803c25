"""Configuration classes, read from environment variables.

`create_app()` picks the class from ``BAOMI_ENV`` (development, production, testing)
unless a class or mapping is passed in explicitly.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("BAOMI_INSTANCE_DIR", BASE_DIR / "instance"))


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def local_secret_key(instance_dir: Path = INSTANCE_DIR) -> str:
    """Return the key kept in ``instance/secret_key``, creating it on first use.

    Generated once so that sessions survive a restart of a local installation;
    production must set SECRET_KEY explicitly (see ProductionConfig).
    """
    key_file = instance_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two processes starting together must not write two different keys.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


class Config:
    """Defaults shared by every environment."""

    INSTANCE_DIR = INSTANCE_DIR
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR") or str(INSTANCE_DIR / "uploads")
    MAX_UPLOAD_MB = _env_int("MAX_UPLOAD_MB", 25)
    # A session ends after this long without a request, and in any case this many
    # hours after signing in (however active: a forgotten, unlocked screen is not
    # signed in for days).
    SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 30)
    SESSION_MAX_HOURS = _env_int("SESSION_MAX_HOURS", 12)
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host
    # (Werkzeug's ProxyFix trusts that many hops). 0: none, the headers are ignored,
    # so a client cannot claim another address to dodge the per-address sign-in limit.
    TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)

    LOGIN_MAX_FAILURES = _env_int("LOGIN_MAX_FAILURES", 5)
    LOGIN_MAX_FAILURES_PER_ADDRESS = _env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
    LOGIN_LOCKOUT_MINUTES = _env_int("LOGIN_LOCKOUT_MINUTES", 15)
    # A new account, a role granted or someone else's password reset waits for a second admin
    # once the agency has this many enabled admins (at least 2); off: every change at once.
    ADMIN_DUAL_CONTROL = _env_bool("ADMIN_DUAL_CONTROL", True)
    ADMIN_DUAL_CONTROL_MIN_ADMINS = _env_int("ADMIN_DUAL_CONTROL_MIN_ADMINS", 2)
    # argon2-cffi profile name (argon2.profiles); tests use CHEAPEST to stay fast.
    ARGON2_PROFILE = os.environ.get("ARGON2_PROFILE", "RFC_9106_LOW_MEMORY")

    SESSION_COOKIE_NAME = "baomi_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_DURATION = 0
    # The session itself expires after SESSION_IDLE_MINUTES of inactivity, so a
    # CSRF token needs no separate clock (the default hour breaks long forms).
    WTF_CSRF_TIME_LIMIT = None

    BABEL_DEFAULT_LOCALE = "zh_Hant_TW"
    BABEL_DEFAULT_TIMEZONE = "Asia/Taipei"
    LANGUAGES = ("zh_Hant_TW", "en")

    @property
    def SQLALCHEMY_DATABASE_URI(self) -> str:  # noqa: N802 - Flask-SQLAlchemy's setting name
        return os.environ.get("DATABASE_URL") or f"sqlite:///{self.INSTANCE_DIR / 'baomi.sqlite3'}"

    @property
    def MAX_CONTENT_LENGTH(self) -> int:  # noqa: N802 - Flask's setting name
        return self.MAX_UPLOAD_MB * 1024 * 1024

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask's setting name
        return os.environ.get("SECRET_KEY") or local_secret_key(self.INSTANCE_DIR)


class DevelopmentConfig(Config):
    """Local use through ``./run``: plain HTTP on 127.0.0.1, so no Secure cookie."""

    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)


class ProductionConfig(Config):
    """Behind HTTPS; SECRET_KEY and DATABASE_URL must come from the environment."""

    SESSION_COOKIE_NAME = "__Host-baomi_session"

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802
        key = os.environ.get("SECRET_KEY")
        if not key or len(key) < 32:
            raise RuntimeError("正式環境必須以環境變數 SECRET_KEY 設定至少 32 字元的金鑰。")
        return key


class TestingConfig(Config):
    """Used by the test suite; the database URL is given by the fixtures."""

    TESTING = True
    SESSION_COOKIE_SECURE = False
    ARGON2_PROFILE = "CHEAPEST"
    SECRET_KEY = "testing-secret-key-not-for-production-0123456789"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def config_from_environment() -> type[Config]:
    """The configuration class named by BAOMI_ENV (default: development)."""
    name = os.environ.get("BAOMI_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"未知的 BAOMI_ENV：{name}（可用：{', '.join(CONFIGS)}）") from None
