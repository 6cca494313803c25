"""What an uploaded file really is, judged by its bytes (all of them), never by its name.

Pure Python (no Flask, no database). ``inspect()`` reads a seekable binary stream (or bytes)
and returns an ``Inspection``: the ``FileType`` its content shows (``detect()``, from its
signature, its ZIP or OLE2 directory or its text), and what the checks of the whole file found:

- ``sniff``: text is decoded to its end, and markup anywhere in it makes it HTML, SVG or a script;
- ``scan``: HTML, SVG with script or PHP hidden in an image or a PDF after any amount of padding,
  and polyglots (a PDF header in the first 1 024 bytes of another type, a ZIP at the end of an
  image or a PDF);
- ``zipcheck``: OOXML and ODF containers that inflate past the limits (ZIP bombs: member count,
  declared and actual sizes, compression ratio, overlapping members), inflated in chunks and never
  written to disk;
- ``pdfcheck``: a PDF's JavaScript, automatic actions, embedded files, rich media and XFA forms
  (accepted with a warning: ``Inspection.active_content``) and launch actions (refused), also inside
  Flate-compressed object streams.

Each module's docstring says what it detects and what it does not. Allowed types carry the
content type to record; labels and refusal sentences are marked with ``N_`` so that callers
can translate them.

The name only matters after the content has been judged: ``text/plain`` becomes ``text/csv`` for
a .csv, and ``incidents.filenames.download_name()`` appends the usual extension when the uploaded
name's extension does not belong to the detected type, so that e.g. a text file named ``run.bat``
is saved as ``run.bat.txt`` and cannot be launched by a double click.
"""

from __future__ import annotations

from incidents.filetypes.inspection import inspect
from incidents.filetypes.kinds import KNOWN_ALLOWED, FileType, extensions_for
from incidents.filetypes.sniff import detect
from incidents.filetypes.verdict import ACTIVE_CONTENT_CODES, ACTIVE_CONTENT_LABELS, UNCHECKED, Inspection, Refusal

__all__ = [
    "ACTIVE_CONTENT_CODES",
    "ACTIVE_CONTENT_LABELS",
    "KNOWN_ALLOWED",
    "UNCHECKED",
    "FileType",
    "Inspection",
    "Refusal",
    "detect",
    "extensions_for",
    "inspect",
]
