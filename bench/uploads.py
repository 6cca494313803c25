"""Whole-file upload checks, run by hand: ``.venv/bin/python bench/uploads.py``.

Times ``incidents.filetypes.inspect()`` on files of the upload limit's size (25 MB by default)
written to a temporary file, as the evidence service reads them, and records the peak of Python
allocations (tracemalloc) during the check. Results go to stdout; docs/performance.md records them.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.filetypes import inspect
from tests.incidents import evidence_samples as samples
from tests.incidents import hostile_samples as hostile

MB = 1024 * 1024


def jpeg(size: int) -> bytes:
    return samples.jpeg()[:-2] + os.urandom(size) + b"\xff\xd9"


def scanned_pdf(size: int) -> bytes:
    """A PDF whose pages are images: compressed streams, as a scanner writes them."""
    pages = [os.urandom(size // 20) for _ in range(20)]
    objects = [
        b"%d 0 obj<</Length %d/Filter/DCTDecode>>stream\n" % (10 + n, len(p)) + p + b"\nendstream\nendobj\n"
        for n, p in enumerate(pages)
    ]
    return hostile.pdf_with(b"", *objects)


def spreadsheet(size: int) -> bytes:
    """An .xlsx with one large sheet of varied XML (inflates to about six times its size)."""
    rows = []
    total = 0
    index = 0
    while total < size * 6:
        row = b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d.25</v></c></row>' % (
            index,
            index,
            index * 7919 % 100_003,
            index,
            index * 31,
        )
        rows.append(row)
        total += len(row)
        index += 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"".join(rows))
    return buffer.getvalue()


def text(size: int) -> bytes:
    line = "115/11/23 承辦人調閱檔案，發現底價資料外流。\n".encode()
    return line * (size // len(line))


def measure(label: str, build: Callable[[int], bytes], size: int, runs: int) -> None:
    data = build(size)
    with tempfile.TemporaryFile() as stream:
        stream.write(data)
        timings = []
        peak = 0
        for _ in range(runs):
            tracemalloc.start()
            start = time.perf_counter()
            found = inspect(stream)
            timings.append(time.perf_counter() - start)
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    verdict = "accepted" if found.allowed else "refused"
    print(
        f"{label:<34} {len(data) / MB:6.1f} MB  median {statistics.median(timings):6.2f} s  "
        f"({len(data) / MB / statistics.median(timings):6.0f} MB/s)  peak {peak / MB:5.2f} MB  {verdict}"
    )


def main() -> None:
    size = int(os.environ.get("MAX_UPLOAD_MB", "25")) * MB
    runs = 5
    print(f"inspect() on {size // MB} MB files, {runs} runs each (tracemalloc on: timings are pessimistic)")
    measure("JPEG (random image data)", jpeg, size, runs)
    measure("PDF (20 scanned pages)", scanned_pdf, size, runs)
    measure("XLSX (one large sheet)", spreadsheet, size, runs)
    measure("text (UTF-8 Chinese)", text, size, runs)
    measure("ZIP bomb (20 MB of zeros)", lambda _: hostile.docx_dense_bomb(), size, runs)


if __name__ == "__main__":
    main()
