"""Names of evidence files: cleaning what the browser sent, and naming a download.

Pure Python. The name a user uploaded is kept (Chinese included) for display
and downloads, but never used to find or store the file on disk.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*]')
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._()\- ]")
MAX_NAME_LENGTH = 255


def clean_filename(name: str, fallback: str = "file") -> str:
    """The uploaded name made safe to keep and show: no folders, control or bidi
    characters, or characters Windows forbids; Chinese is kept (NFC)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in name)
    name = "".join(char for char in name if unicodedata.category(char) != "Cf")  # bidi overrides, zero-width
    name = _UNSAFE_IN_NAME.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return fallback
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def download_name(name: str, extensions: tuple[str, ...]) -> str:
    """``name``, plus the type's usual extension when its own does not belong to the type
    (a text file uploaded as ``run.bat`` is downloaded as ``run.bat.txt``)."""
    if not extensions or name.lower().endswith(extensions):
        return name
    return name + extensions[0]


def attachment_disposition(name: str, fallback_stem: str) -> str:
    """A ``Content-Disposition: attachment`` value (RFC 6266) with the UTF-8 name in
    ``filename*`` (RFC 5987) and a plain ASCII ``filename`` for old clients.

    The ASCII name is the name without its non-ASCII letters, or ``fallback_stem``
    plus the extension when too little of it is left (e.g. ``證據-12.pdf`` → ``evidence-12.pdf``).
    """
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    ascii_stem = _ascii(stem).strip(" .")
    ascii_extension = _ascii(extension).replace(" ", "")
    if sum(char.isalnum() for char in ascii_stem) < 2:
        ascii_stem = fallback_stem
    ascii_name = ascii_stem + (f".{ascii_extension}" if ascii_extension else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_PLAIN_ASCII.sub("_", decomposed)
