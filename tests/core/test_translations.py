"""Every user-facing string has its English translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
# The keywords of scripts/update_translations.sh: _l (lazy_gettext) and N_ (constants in pure modules).
KEYWORDS = ("_l", "lazy_gettext", "N_")


def extract_messages(target: Path) -> None:
    """Run pybabel extract over the project (Python and templates), as the update script does."""
    keyword_args = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", *keyword_args, "--no-location", "-o", str(target), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def message_ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_english_catalogue_covers_every_message_in_the_source(tmp_path):
    extracted = tmp_path / "messages.pot"
    extract_messages(extracted)
    in_source = message_ids(extracted)
    assert "登入" in in_source  # the extraction itself worked
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {message.id for message in catalogue if message.id and message.string}
    missing = sorted(in_source - translated)
    assert missing == [], "run scripts/update_translations.sh and give these their English in messages.po"


def test_placeholders_survive_translation():
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                for placeholder in ("%(username)s", "%(minutes)d", "%(time)s", "%(count)d"):
                    assert (placeholder in message.id) == (placeholder in message.string), message.id
