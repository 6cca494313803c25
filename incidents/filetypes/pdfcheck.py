"""Active content in a PDF, found by the names of its dictionaries, through the whole file.

What is detected (names are compared after decoding ``#xx`` escapes, so ``/J#61vaScript`` counts):
- ``/JavaScript`` (the action type every script action needs, and the document's script name tree),
  or ``/JS`` with a string or a reference in a dictionary: JavaScript;
- ``/OpenAction``, or ``/AA`` with a dictionary or reference, in a PDF with JavaScript: a script that
  may run when the file is opened;
- ``/EmbeddedFile`` or ``/EmbeddedFiles``: attached files; ``/RichMedia…``: Flash, video or 3D content;
- ``/XFA`` with an array or reference: a dynamic XML form, which can carry scripts of its own;
- ``/Launch``: an action that starts another program. Such a PDF is refused; the others are accepted
  and marked on the evidence list.

The short keys (``/JS``, ``/AA``, ``/XFA``) are asked for their value because a 25 MB PDF of
compressed images holds ``/JS`` followed by a delimiter by chance about one time in ten; with the
value the chance is far below one in a million (no match in 1 GB of random bytes).

Dictionaries may also sit in compressed object streams (PDF 1.5 and later). Object streams
compressed with plain ``/FlateDecode`` are inflated (zlib, in chunks, at most MAX_INFLATED_MB
for the whole file) and searched the same way. An object stream that cannot be read this way
(other or chained filters, predictors, an encrypted PDF, damaged data, or past the limit) is
reported as ``unchecked``: the file is accepted with the warning that part of it could not be
checked.

Not detected: names built only inside content streams or JavaScript code that is itself compressed
(the keys that run it are still found), actions hidden in XFA packets' XML, and other action types
(``/URI``, ``/SubmitForm``, ``/GoToR``, ``/ImportData``), which open links or send form data but run
nothing.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from core.i18n_markers import N_
from incidents.filetypes import verdict
from incidents.filetypes.scan import OVERLAP, windows
from incidents.filetypes.verdict import Refusal

MAX_INFLATED_MB = 64
MAX_OBJECT_STREAMS = 20_000
LAUNCH = N_("PDF 含有啟動外部程式的動作（/Launch）")

_DELIMITER = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
# Long names cannot turn up by chance in compressed data; the short keys come with their value (see above).
_LONG_NAME = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia[A-Za-z]*|OpenAction)(?=[" + _DELIMITER + rb"])")
_REFERENCE = rb"\d{1,10}\s+\d{1,5}\s+R"
# One pattern each, so that the regex engine can search for each one's literal start.
_SHORT_KEYS = (
    (re.compile(rb"/AA\s*(?:<<|" + _REFERENCE + rb")"), b"AA"),
    (re.compile(rb"/XFA\s*(?:\[|" + _REFERENCE + rb")"), b"XFA"),
    (re.compile(rb"<<[^<>]{0,256}?/JS\s*(?:\(|<(?!<)|" + _REFERENCE + rb")"), b"JS"),
)
_ESCAPED_NAME = re.compile(rb"/([^" + _DELIMITER + rb"]{0,120}#[0-9A-Fa-f]{2}[^" + _DELIMITER + rb"]{0,120})")
_WANTED_NAME = re.compile(rb"JavaScript|JS|Launch|EmbeddedFiles?|RichMedia[A-Za-z]*|OpenAction|AA|XFA")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# ``stream`` and the line break after it; the end of ``endstream`` is told apart by the letter before it
# (checked outside the pattern: a look-behind would keep the regex engine from searching for the literal).
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_DICTIONARY_WINDOW = 2048
_FILTER = re.compile(rb"/Filter\s*(?:(/[A-Za-z0-9]+)|\[\s*((?:/[A-Za-z0-9]+\s*)*)\])")
_NAME_CODES = {
    b"JavaScript": verdict.JAVASCRIPT,
    b"JS": verdict.JAVASCRIPT,
    b"EmbeddedFile": verdict.EMBEDDED_FILE,
    b"EmbeddedFiles": verdict.EMBEDDED_FILE,
    b"XFA": verdict.XFA,
}
_CHUNK = 256 * 1024


@dataclass
class _Findings:
    names: set[bytes] = field(default_factory=set)
    object_streams: list[int] = field(default_factory=list)  # offsets of Flate object streams' data
    unchecked: bool = False
    last_stream: int = -1

    def codes(self) -> tuple[str, ...]:
        found = {_NAME_CODES[name] for name in self.names if name in _NAME_CODES}
        if any(name.startswith(b"RichMedia") for name in self.names):
            found.add(verdict.RICH_MEDIA)
        if verdict.JAVASCRIPT in found and self.names & {b"OpenAction", b"AA"}:
            found.add(verdict.AUTO_ACTION)
        if self.unchecked:
            found.add(verdict.UNCHECKED)
        return tuple(code for code in verdict.ACTIVE_CONTENT_CODES if code in found)


@dataclass(frozen=True)
class PdfContent:
    """What a PDF carries: active content codes (verdict.ACTIVE_CONTENT_CODES), and a refusal for /Launch."""

    active_content: tuple[str, ...]
    refusal: Refusal | None


def inspect_pdf(stream: BinaryIO) -> PdfContent:
    findings = _Findings()
    buffer = b""
    for offset, buffer in windows(stream):
        _collect_names(buffer, findings.names)
        _collect_object_streams(offset, buffer, findings)
    _collect_names(buffer[-OVERLAP:] + b"\n", findings.names)  # a name at the very end of the file
    budget = MAX_INFLATED_MB * 1024 * 1024
    for start in findings.object_streams:
        budget = _search_object_stream(stream, start, budget, findings)
        if budget <= 0:
            findings.unchecked = True
            break
    refusal = Refusal(LAUNCH) if b"Launch" in findings.names else None
    return PdfContent(findings.codes(), refusal)


def _collect_names(buffer: bytes, names: set[bytes]) -> None:
    names.update(match.group(1) for match in _LONG_NAME.finditer(buffer))
    names.update(name for pattern, name in _SHORT_KEYS if pattern.search(buffer))
    for match in _ESCAPED_NAME.finditer(buffer):
        decoded = _unescape(match.group(1))
        if _WANTED_NAME.fullmatch(decoded):
            names.add(decoded)


def _unescape(name: bytes) -> bytes:
    return _ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), name)


def _collect_object_streams(offset: int, buffer: bytes, findings: _Findings) -> None:
    """Note where each object stream's data starts; mark the file unchecked when one cannot be inflated."""
    for match in _STREAM.finditer(buffer):
        if match.start() > 0 and buffer[match.start() - 1 : match.start()].isalpha():
            continue  # endstream
        position = offset + match.start()
        if position <= findings.last_stream:
            continue  # seen in the previous buffer's overlap
        if match.start() < min(_DICTIONARY_WINDOW, OVERLAP) and offset > 0:
            continue  # its dictionary is cut off here; the previous buffer held it whole
        findings.last_stream = position
        dictionary = _unescape(buffer[max(0, match.start() - _DICTIONARY_WINDOW) : match.start()])
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if not re.search(rb"/Type\s*/ObjStm(?![A-Za-z])", dictionary):
            continue
        if _plain_flate(dictionary) and len(findings.object_streams) < MAX_OBJECT_STREAMS:
            findings.object_streams.append(offset + match.end())
        else:
            findings.unchecked = True


def _plain_flate(dictionary: bytes) -> bool:
    """The stream's only filter is /FlateDecode, without a predictor."""
    filters = _FILTER.search(dictionary)
    if filters is None:
        return False
    names = [filters.group(1)] if filters.group(1) else re.findall(rb"/[A-Za-z0-9]+", filters.group(2))
    if names != [b"/FlateDecode"]:
        return False
    predictor = re.search(rb"/Predictor\s+(\d+)", dictionary)
    return predictor is None or predictor.group(1) == b"1"


def _search_object_stream(stream: BinaryIO, start: int, budget: int, findings: _Findings) -> int:
    """Inflate one object stream and collect its names; the budget left (0 or less: stop)."""
    tail = b""
    try:
        for piece in _inflate(stream, start, budget):
            budget -= len(piece)
            buffer = tail + piece
            _collect_names(buffer, findings.names)
            tail = buffer[-OVERLAP:]
            if budget <= 0:
                return budget
    except zlib.error:
        findings.unchecked = True
        return budget
    _collect_names(tail + b"\n", findings.names)  # a name at the very end
    return budget


def _inflate(stream: BinaryIO, start: int, limit: int) -> Iterator[bytes]:
    """The zlib data at ``start`` inflated in pieces, until its end or ``limit`` bytes."""
    stream.seek(start)
    inflater = zlib.decompressobj()
    produced = 0
    pending = stream.read(1)
    if pending == b"\n":  # ``stream`` CR LF split between two buffers (zlib data never starts with LF)
        pending = b""
    while not inflater.eof and produced < limit:
        if not pending:
            pending = stream.read(_CHUNK)
        piece = inflater.decompress(pending, _CHUNK)
        if not pending and not piece:
            raise zlib.error("truncated object stream")
        pending = inflater.unconsumed_tail
        produced += len(piece)
        if piece:
            yield piece
