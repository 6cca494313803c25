"""What the whole-file checks conclude: a refusal with its reason, or the active content a PDF carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.i18n_markers import N_
from incidents.filetypes.kinds import FileType


@dataclass(frozen=True)
class Refusal:
    """Why a file of an allowed type is refused after all.

    ``label`` is a sentence without the file's name, marked with ``N_``; it may
    use ``%(kind)s`` (the detected type's label) and the placeholders in ``values``.
    """

    label: str
    values: Mapping[str, int] = field(default_factory=dict)


# Active content a PDF may carry: accepted, with a warning on the evidence list (codes are stored).
JAVASCRIPT = "javascript"
AUTO_ACTION = "auto_action"
EMBEDDED_FILE = "embedded_file"
RICH_MEDIA = "rich_media"
XFA = "xfa"
# Part of the file could not be read (encrypted or unusually compressed objects): it may hide any of the above.
UNCHECKED = "unchecked"

ACTIVE_CONTENT_LABELS = {
    JAVASCRIPT: N_("JavaScript"),
    AUTO_ACTION: N_("開啟時自動執行的動作"),
    EMBEDDED_FILE: N_("內嵌檔案"),
    RICH_MEDIA: N_("多媒體（RichMedia）"),
    XFA: N_("XFA 動態表單"),
}
ACTIVE_CONTENT_CODES = (*ACTIVE_CONTENT_LABELS, UNCHECKED)


@dataclass(frozen=True)
class Inspection:
    """The verdict on an upload: its type by content, and the whole file's checks.

    Refused when the type is not allowed or ``refusal`` is set; an allowed PDF may
    list ``active_content`` (codes of ``ACTIVE_CONTENT_CODES``, in that order).
    """

    kind: FileType
    refusal: Refusal | None = None
    active_content: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.kind.allowed and self.refusal is None
