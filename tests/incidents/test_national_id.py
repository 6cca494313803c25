"""身分證統一編號: the official check digit, the accepted shapes and masking."""

from __future__ import annotations

import pytest

from incidents.services.national_id import (
    LETTER_CODES,
    MSG_CHECK_DIGIT,
    MSG_SECOND,
    MSG_SHAPE,
    check_digit_ok,
    mask,
    normalize,
    problem,
)


@pytest.mark.parametrize(
    "national_id",
    [
        "A123456789",  # the textbook example
        "F128765439",
        "B220196332",
        "E123454323",
        "K222333448",
        # Letters out of alphabetical order; by hand: code digits ×1 and ×9, then 1×8, then the check digit.
        "Z100000002",  # Z=33: 3 + 27 + 8 = 38, so 2
        "I100000003",  # I=34: 3 + 36 + 8 = 47, so 3
        "O100000004",  # O=35: 3 + 45 + 8 = 56, so 4
        "W100000001",  # W=32: 3 + 18 + 8 = 29, so 1
        "A800000014",  # resident certificate, new style (second digit 8 or 9)
        "AC00000003",  # resident certificate, old style (second character a letter A–D)
    ],
)
def test_valid_ids_pass(national_id):
    assert check_digit_ok(national_id)
    assert problem(national_id) is None


def test_check_digit_by_hand():
    # A=10: 1×1 + 0×9, then 1×8 + 2×7 + 3×6 + 4×5 + 5×4 + 6×3 + 7×2 + 8×1 + 9×1 = 130
    assert check_digit_ok("A123456789")
    for wrong in "012345678":
        assert not check_digit_ok("A12345678" + wrong)
        assert problem("A12345678" + wrong) == MSG_CHECK_DIGIT


def test_letter_table_is_the_official_one():
    assert LETTER_CODES["A"] == 10 and LETTER_CODES["H"] == 17 and LETTER_CODES["J"] == 18
    assert LETTER_CODES["I"] == 34 and LETTER_CODES["O"] == 35
    assert LETTER_CODES["W"] == 32 and LETTER_CODES["X"] == 30 and LETTER_CODES["Y"] == 31 and LETTER_CODES["Z"] == 33
    assert sorted(LETTER_CODES.values()) == list(range(10, 36))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A12345678", MSG_SHAPE),  # one digit short
        ("A1234567890", MSG_SHAPE),
        ("1123456789", MSG_SHAPE),  # no letter
        ("AE23456789", MSG_SHAPE),  # only A–D as a second letter
        ("A323456789", MSG_SECOND),  # 3 is neither a sex digit nor a resident certificate
        ("A023456789", MSG_SECOND),
        ("A123456788", MSG_CHECK_DIGIT),
        ("B123456789", MSG_CHECK_DIGIT),  # same digits, other letter
    ],
)
def test_invalid_ids_say_what_is_wrong(text, message):
    assert problem(text) == message
    assert not check_digit_ok(text)


def test_normalize_accepts_lower_case_spaces_and_full_width():
    assert normalize(" a123456789 ") == "A123456789"
    assert normalize("Ａ１２３４５６７８９") == "A123456789"
    assert normalize("A 123 456 789") == "A123456789"
    assert normalize(None) == ""


def test_mask_keeps_first_and_last_three():
    assert mask("A123456789") == "A12****789"
    assert mask("AC00000003") == "AC0****003"
    assert mask("") == ""
    assert mask(None) == ""
    assert mask("ABC") == "***"  # too short to show anything safely
