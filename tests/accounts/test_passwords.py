"""Password policy (length and deny-list, no composition rules) and hashing."""

from __future__ import annotations

import pytest

from accounts.passwords import hash_password, make_hasher, password_problems, verify_password


def test_eleven_characters_are_too_short():
    assert password_problems("abcdefghijk") == ["密碼至少需要 12 個字元（目前 11 個）。"]


def test_twelve_characters_are_enough():
    assert password_problems("horse-staple") == []


def test_long_passphrases_with_chinese_and_spaces_are_accepted():
    assert password_problems("我的密碼是 correct horse battery staple") == []
    assert password_problems("在機密資料旁邊喝咖啡很危險" * 4) == []


def test_limit_is_128_characters():
    assert password_problems("abcd" * 32) == []
    assert password_problems("abcd" * 32 + "e") == ["密碼最多 128 個字元。"]


@pytest.mark.parametrize("common", ["password1234", "Password1234", "123456789012", "qwertyuiop12", "aaaaaaaaaaaa"])
def test_common_passwords_are_refused(common):
    assert "這個密碼太常見或太容易猜到，請換一個。" in password_problems(common)


def test_password_containing_the_username_is_refused():
    assert password_problems("officer-2026-spring", "officer") == ["密碼不可包含帳號名稱。"]


def test_leading_or_trailing_space_is_refused():
    assert "密碼前後不可有空白。" in password_problems(" leading-space-pass")


def test_no_composition_rules():
    # Only lower-case letters, no digits or symbols: fine when long enough.
    assert password_problems("plainlowercaseletters") == []


def test_hash_is_argon2id_and_verifies():
    hasher = make_hasher("CHEAPEST")
    stored = hash_password(hasher, "horse-staple-battery")
    assert stored.startswith("$argon2id$")
    assert verify_password(hasher, stored, "horse-staple-battery")
    assert not verify_password(hasher, stored, "horse-staple-batterY")


def test_verify_never_raises_on_a_malformed_hash():
    assert verify_password(make_hasher("CHEAPEST"), "not-a-hash", "anything") is False


def test_default_profile_is_the_rfc_9106_low_memory_one():
    parameters = make_hasher().memory_cost
    assert parameters == 65536  # 64 MiB
