"""Configuration read from the environment."""

from __future__ import annotations

import pytest

from config import DevelopmentConfig, ProductionConfig, config_from_environment, local_secret_key


def test_local_secret_key_is_generated_once_and_kept(tmp_path):
    first = local_secret_key(tmp_path)
    assert len(first) == 64
    assert local_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_requires_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        _ = ProductionConfig().SECRET_KEY
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert ProductionConfig().SECRET_KEY == "x" * 40


def test_production_cookies_are_secure():
    config = ProductionConfig()
    assert config.SESSION_COOKIE_SECURE and config.SESSION_COOKIE_HTTPONLY
    assert config.SESSION_COOKIE_NAME.startswith("__Host-")


def test_default_database_is_sqlite_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = DevelopmentConfig()
    assert config.SQLALCHEMY_DATABASE_URI.startswith("sqlite:///")
    assert config.SQLALCHEMY_DATABASE_URI.endswith("instance/baomi.sqlite3")


def test_environment_settings_are_read(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/baomi")
    monkeypatch.setenv("BAOMI_ENV", "production")
    assert config_from_environment() is ProductionConfig
    assert ProductionConfig().SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u:p@db/baomi"


def test_upload_limit_follows_max_upload_mb():
    config = DevelopmentConfig()
    assert config.MAX_CONTENT_LENGTH == config.MAX_UPLOAD_MB * 1024 * 1024


def test_unknown_environment_name_is_an_error(monkeypatch):
    monkeypatch.setenv("BAOMI_ENV", "staging")
    with pytest.raises(RuntimeError, match="BAOMI_ENV"):
        config_from_environment()
