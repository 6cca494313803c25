"""Password hashing (argon2id) and the password policy.

Messages go through Flask-Babel's gettext, which outside an application
returns the zh-TW source text unchanged, so this module works without Flask.
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 128

# Passwords that meet the length rule but appear in leaked-password lists or are
# typical keyboard/number runs. Compared case-insensitively.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123456789abc",
        "1234567890ab",
        "1234567890qwerty",
        "abcdefghijkl",
        "abc123456789",
        "qwertyuiopas",
        "qwertyuiop12",
        "qwertyuiop123",
        "qwerty123456",
        "1qaz2wsx3edc",
        "1q2w3e4r5t6y",
        "zaq12wsxcde3",
        "password1234",
        "password12345",
        "password123!",
        "passw0rd1234",
        "p@ssw0rd1234",
        "iloveyou1234",
        "administrator",
        "admin1234567",
        "adminadmin12",
        "welcome12345",
        "letmein12345",
        "changeme1234",
        "aaaaaaaaaaaa",
        "111111111111",
        "000000000000",
        "asdfghjkl123",
        "asdfasdfasdf",
        "football1234",
        "baseball1234",
        "princess1234",
        "sunshine1234",
        "superman1234",
        "monkey123456",
        "dragon123456",
        "trustno11234",
    }
)


def make_hasher(profile_name: str = "RFC_9106_LOW_MEMORY") -> PasswordHasher:
    """An argon2id hasher with the named argon2-cffi parameter profile."""
    return PasswordHasher.from_parameters(getattr(profiles, profile_name))


def hash_password(hasher: PasswordHasher, password: str) -> str:
    return hasher.hash(password)


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    """True when the password matches; never raises for a wrong or malformed hash."""
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, username: str = "") -> list[str]:
    """Reasons (zh-TW) why a new password is not acceptable; empty when it is.

    Follows NIST SP 800-63B / OWASP ASVS: length and a deny-list, no
    composition rules and no forced rotation.
    """
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(_("密碼至少需要 %(min)d 個字元（目前 %(count)d 個）。", min=MIN_LENGTH, count=len(password)))
    if len(password) > MAX_LENGTH:
        problems.append(_("密碼最多 %(max)d 個字元。", max=MAX_LENGTH))
    if password.strip() != password:
        problems.append(_("密碼前後不可有空白。"))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(password)) <= 2:
        problems.append(_("這個密碼太常見或太容易猜到，請換一個。"))
    if username and len(username) >= 3 and username.lower() in lowered:
        problems.append(_("密碼不可包含帳號名稱。"))
    return problems
