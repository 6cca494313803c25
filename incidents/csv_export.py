"""The case list as CSV, for Excel.

UTF-8 with a byte-order mark: without it Excel opens a CSV in the system's
legacy code page (Big5 on Traditional Chinese Windows) and the Chinese is
garbled. The header and the labels are always zh-TW, whatever the user's
interface language, so files from different users line up column for column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from core.roc_date import format_roc_compact
from incidents.models import Incident
from statutes import vocabulary

BOM = "\ufeff"
HEADER = ("案件編號", "案由", "狀態", "密等", "受理日期", "承辦人")
# The zh-TW msgids as they are (not gettext): an export is a record, not interface text.
STATUS_LABELS = vocabulary.CASE_STATUS
CLASSIFICATION_LABELS = vocabulary.RECORD_CLASSIFICATION
# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (OWASP "CSV injection"); such cells get a leading apostrophe, shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 200


def safe_cell(value: str) -> str:
    """``value``, defused if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row_for(incident: Incident) -> list[str]:
    assignees = "、".join(
        sorted(assignment.user.display_name for assignment in incident.assignments if assignment.user is not None)
    )
    return [
        safe_cell(value)
        for value in (
            incident.case_number,
            incident.title,
            STATUS_LABELS.get(incident.status, str(incident.status)),
            CLASSIFICATION_LABELS.get(incident.classification, str(incident.classification)),
            format_roc_compact(incident.reported_date),
            assignees,
        )
    ]


def csv_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    """The CSV text in pieces (BOM and header first), for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(HEADER)
    for count, incident in enumerate(incidents, start=1):
        writer.writerow(row_for(incident))
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
