"""身分證統一編號 (and 居留證統一證號): normalising, the official check digit, masking.

Pure functions, no Flask. An ID is a letter for the place of first registration
followed by nine digits; the letter counts as two digits (A=10 … Z=33, with the
letters added later out of order: I=34, O=35, W=32, X=30, Y=31, Z=33). With the
weights 1,9,8,7,6,5,4,3,2,1,1 over those eleven digits the sum is a multiple of 10.

* ROC national ID: second character 1 (male) or 2 (female).
* Resident certificate (居留證), new style since 2021: second character 8 or 9,
  same check digit.
* Resident certificate, old style: second character a letter A–D, counted as the
  last digit of its own code (A→0, B→1, C→2, D→3), same weights.
"""

from __future__ import annotations

import re
import unicodedata

from core.i18n_markers import N_

__all__ = ["LETTER_CODES", "check_digit_ok", "mask", "mask_within", "normalize", "problem"]

LETTER_CODES: dict[str, int] = {
    "A": 10,  # 臺北市
    "B": 11,  # 臺中市
    "C": 12,  # 基隆市
    "D": 13,  # 臺南市
    "E": 14,  # 高雄市
    "F": 15,  # 新北市
    "G": 16,  # 宜蘭縣
    "H": 17,  # 桃園市
    "I": 34,  # 嘉義市
    "J": 18,  # 新竹縣
    "K": 19,  # 苗栗縣
    "L": 20,  # 臺中縣（已停發）
    "M": 21,  # 南投縣
    "N": 22,  # 彰化縣
    "O": 35,  # 新竹市
    "P": 23,  # 雲林縣
    "Q": 24,  # 嘉義縣
    "R": 25,  # 臺南縣（已停發）
    "S": 26,  # 高雄縣（已停發）
    "T": 27,  # 屏東縣
    "U": 28,  # 花蓮縣
    "V": 29,  # 臺東縣
    "W": 32,  # 金門縣
    "X": 30,  # 澎湖縣
    "Y": 31,  # 陽明山管理局（已停發）
    "Z": 33,  # 連江縣
}
WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
_SHAPE = re.compile(r"^[A-Z][0-9A-D][0-9]{8}$")
_NATIONAL_SECOND = frozenset("12")
_NEW_RESIDENT_SECOND = frozenset("89")
_OLD_RESIDENT_SECOND = frozenset("ABCD")
# An ID inside free text (a search keyword): its shape anywhere, even run into other letters or digits.
_WITHIN = re.compile(r"[A-Z][0-9A-D][0-9]{8}", re.IGNORECASE | re.ASCII)


MSG_SHAPE = N_("身分證統一編號須為 1 個英文字母加 9 個數字，例如 A123456789。")
MSG_SECOND = N_("身分證統一編號第 2 碼須為 1 或 2（居留證為 8、9 或 A 至 D）。")
MSG_CHECK_DIGIT = N_("身分證統一編號的檢查碼不符，請確認是否輸入錯誤。")


def normalize(text: str | None) -> str:
    """Upper-case, without spaces, full-width characters made half-width."""
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").strip().upper()


def _digits(national_id: str) -> list[int]:
    letter = LETTER_CODES[national_id[0]]
    second = national_id[1]
    second_digit = LETTER_CODES[second] % 10 if second.isalpha() else int(second)
    return [letter // 10, letter % 10, second_digit, *(int(c) for c in national_id[2:])]


def check_digit_ok(national_id: str) -> bool:
    """True when a normalised 10-character ID has the right shape and check digit."""
    if not _SHAPE.match(national_id):
        return False
    return sum(w * d for w, d in zip(WEIGHTS, _digits(national_id), strict=True)) % 10 == 0


def problem(national_id: str) -> str | None:
    """The (untranslated) zh-TW message saying what is wrong with a normalised ID, or None."""
    if not _SHAPE.match(national_id):
        return MSG_SHAPE
    if national_id[1] not in _NATIONAL_SECOND | _NEW_RESIDENT_SECOND | _OLD_RESIDENT_SECOND:
        return MSG_SECOND
    if not check_digit_ok(national_id):
        return MSG_CHECK_DIGIT
    return None


def mask(national_id: str | None) -> str:
    """``A123456789`` → ``A12****789``: the first and last three characters stay visible."""
    value = national_id or ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def mask_within(text: str) -> str:
    """``text`` with every ID-shaped part masked (``林A123456789`` → ``林A12****789``), for logs.

    Full-width characters count as their half-width forms (as :func:`normalize` makes them).
    """
    text = unicodedata.normalize("NFKC", text)
    return _WITHIN.sub(lambda found: mask(found.group(0)), text)
