"""ZIP structures: finding a central directory the way ZIP readers do, and the limits an Office or
ODF container must keep (no ZIP bomb).

A ZIP is read from its end: the end-of-central-directory record (in the last 64 KB) says where the
central directory is, and that lists the members. Readers accept any data in front of it, which is
how a JPEG or a PDF with a ZIP appended opens as both (a polyglot): ``zip_directory()`` answers
whether a file holds such a ZIP with at least one member.

For OOXML and ODF documents ``container_refusal()`` checks, without writing anything to disk:

- the number of members (counted in the central directory before ``zipfile`` reads it, so that a
  directory of a million entries is never loaded);
- the sizes the directory declares: the total, and the compression ratio of every member above
  1 MiB;
- that no two members share compressed bytes (the "overlapping" bomb, where many directory entries
  point at the same data);
- the actual sizes: every member is inflated in chunks and counted; ``zipfile`` stops at the
  declared size and checks the CRC, so a member that inflates past what it declares is refused.

Members are not opened recursively (an embedded workbook inside a document is counted as bytes,
not unpacked): nothing here extracts archives, so a nested bomb stays inert.
"""

from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from core.i18n_markers import N_
from incidents.filetypes.verdict import Refusal

MAX_MEMBERS = 10_000
MAX_INFLATED_MB = 512
MAX_RATIO = 200  # deflate cannot exceed about 1 030; real XML parts stay well under 100
RATIO_CHECKED_FROM = 1024 * 1024  # small members (a few KB of repeated spaces) may compress very well

_EOCD = b"PK\x05\x06"
_EOCD_FORMAT = "<4s4H2LH"
_EOCD_SIZE = struct.calcsize(_EOCD_FORMAT)  # 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_EOCD = b"PK\x06\x06"
_ZIP64_EOCD_FORMAT = "<4sQ2H2L4Q"
_ZIP64_EOCD_SIZE = struct.calcsize(_ZIP64_EOCD_FORMAT)  # 56
_CENTRAL = b"PK\x01\x02"
_CENTRAL_FORMAT = "<4s4B4HL2L5H2L"
_CENTRAL_SIZE = struct.calcsize(_CENTRAL_FORMAT)  # 46
_LOCAL = b"PK\x03\x04"
_LOCAL_SIZE = 30
_CHUNK = 256 * 1024
# What reading a damaged or hostile archive can raise (zipfile, zlib, bz2 and lzma).
READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,  # encrypted member
    EOFError,
    OSError,
    ValueError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
)

TOO_MANY = N_("文件含超過 %(count)d 個壓縮項目，可能是壓縮炸彈")
TOO_LARGE = N_("文件解壓縮後超過 %(mb)d MB，可能是壓縮炸彈")
TOO_DENSE = N_("文件中的項目壓縮比超過 %(ratio)d 倍，可能是壓縮炸彈")
OVERLAPPING = N_("文件中的壓縮項目彼此重疊，可能是壓縮炸彈")
DAMAGED = N_("文件的壓縮內容已損毀、加密或與宣告的大小不符，無法檢查")


@dataclass(frozen=True)
class Directory:
    """A central directory: where it starts (absolute), its size, the entries it declares and
    ``shift``, what readers add to the offsets it records (data prepended to the ZIP)."""

    start: int
    size: int
    entries: int
    shift: int


def zip_directory(stream: BinaryIO) -> Directory | None:
    """The central directory of a ZIP at the end of ``stream`` whose first entry's local header is
    where it says (any end record in the last 64 KB, as lenient readers search), or None."""
    for directory in _directories(stream):
        if _first_entry_is_sound(stream, directory):
            return directory
    return None


def last_directory(stream: BinaryIO) -> Directory | None:
    """The central directory Python's zipfile would read: the one the last end record points to,
    whatever its disk numbers say."""
    tail_start, tail = _tail(stream)
    position = tail.rfind(_EOCD)
    return _directory_at(stream, tail, position, tail_start, any_disk=True) if position >= 0 else None


def _tail(stream: BinaryIO) -> tuple[int, bytes]:
    """Where the last 64 KB (the longest comment) plus an end record start, and those bytes."""
    size = stream.seek(0, io.SEEK_END)
    tail_start = max(0, size - _EOCD_SIZE - 0xFFFF)
    stream.seek(tail_start)
    return tail_start, stream.read()


def _directories(stream: BinaryIO) -> Iterator[Directory]:
    """The directories that end records in the last 64 KB point to, the last record first."""
    tail_start, tail = _tail(stream)
    position = len(tail)
    while (position := tail.rfind(_EOCD, 0, position)) >= 0:
        found = _directory_at(stream, tail, position, tail_start)
        if found is not None:
            yield found


def _directory_at(
    stream: BinaryIO, tail: bytes, position: int, tail_start: int, *, any_disk: bool = False
) -> Directory | None:
    record = tail[position : position + _EOCD_SIZE]
    if len(record) < _EOCD_SIZE:
        return None
    _, disk, directory_disk, _on_disk, entries, size, offset, _comment = struct.unpack(_EOCD_FORMAT, record)
    end = tail_start + position
    if entries == 0xFFFF or size == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        zip64 = _zip64_end(stream, end)
        if zip64 is None:
            return None
        entries, size, offset = zip64
        start = end - _ZIP64_LOCATOR_SIZE - _ZIP64_EOCD_SIZE - size
    elif (disk or directory_disk) and not any_disk:
        return None
    else:
        start = end - size
    if entries == 0 or start < 0:
        return None
    return Directory(start=start, size=size, entries=entries, shift=start - offset)


def _zip64_end(stream: BinaryIO, end: int) -> tuple[int, int, int] | None:
    if end < _ZIP64_LOCATOR_SIZE + _ZIP64_EOCD_SIZE:
        return None
    stream.seek(end - _ZIP64_LOCATOR_SIZE - _ZIP64_EOCD_SIZE)
    data = stream.read(_ZIP64_EOCD_SIZE + _ZIP64_LOCATOR_SIZE)
    if data[:4] != _ZIP64_EOCD or data[_ZIP64_EOCD_SIZE : _ZIP64_EOCD_SIZE + 4] != _ZIP64_LOCATOR:
        return None
    fields = struct.unpack(_ZIP64_EOCD_FORMAT, data[:_ZIP64_EOCD_SIZE])
    entries, size, offset = fields[7], fields[8], fields[9]
    return entries, size, offset


def _first_entry_is_sound(stream: BinaryIO, directory: Directory) -> bool:
    stream.seek(directory.start)
    header = stream.read(_CENTRAL_SIZE)
    if len(header) < _CENTRAL_SIZE or header[:4] != _CENTRAL:
        return False
    recorded = struct.unpack(_CENTRAL_FORMAT, header)[18]
    if recorded == 0xFFFFFFFF:
        return True  # ZIP64: the offset is in an extra field; the ZIP64 records found are proof enough
    local = recorded + directory.shift
    if local < 0:
        return False
    stream.seek(local)
    return stream.read(4) == _LOCAL


def count_entries(stream: BinaryIO, directory: Directory, limit: int) -> int:
    """The central directory's entries, counted up to ``limit + 1`` (reading headers, not the whole directory)."""
    stream.seek(directory.start)
    count, read = 0, 0
    while read < directory.size and count <= limit:
        header = stream.read(_CENTRAL_SIZE)
        if len(header) < _CENTRAL_SIZE or header[:4] != _CENTRAL:
            break
        name, extra, comment = struct.unpack(_CENTRAL_FORMAT, header)[12:15]
        stream.seek(name + extra + comment, io.SEEK_CUR)
        read += _CENTRAL_SIZE + name + extra + comment
        count += 1
    return count


def too_many_members(stream: BinaryIO) -> Refusal | None:
    """Refused before ``zipfile`` loads a directory of more than MAX_MEMBERS entries."""
    directory = last_directory(stream)
    if directory is None:
        return None  # zipfile will not open it either
    if max(directory.entries, count_entries(stream, directory, MAX_MEMBERS)) > MAX_MEMBERS:
        return Refusal(TOO_MANY, {"count": MAX_MEMBERS})
    return None


def container_refusal(stream: BinaryIO) -> Refusal | None:
    """Why an OOXML or ODF container must be refused (a ZIP bomb, or unreadable), or None."""
    refusal = too_many_members(stream)
    if refusal is not None:
        return refusal
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            return (
                _declared_refusal(members)
                or _overlap_refusal(stream, members, archive.start_dir)
                or _inflated_refusal(archive, members)
            )
    except READ_ERRORS:
        return Refusal(DAMAGED)


def _declared_refusal(members: list[zipfile.ZipInfo]) -> Refusal | None:
    if len(members) > MAX_MEMBERS:
        return Refusal(TOO_MANY, {"count": MAX_MEMBERS})
    if sum(member.file_size for member in members) > MAX_INFLATED_MB * 1024 * 1024:
        return Refusal(TOO_LARGE, {"mb": MAX_INFLATED_MB})
    for member in members:
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            return Refusal(TOO_DENSE, {"ratio": MAX_RATIO})
    if any(member.flag_bits & 0x1 for member in members):
        return Refusal(DAMAGED)  # encrypted with the ZIP's own scheme: cannot be checked
    return None


def _overlap_refusal(stream: BinaryIO, members: list[zipfile.ZipInfo], directory_start: int) -> Refusal | None:
    """Every member's compressed bytes end before the next member's header and before the directory."""
    previous_end = 0
    for member in sorted(members, key=lambda item: item.header_offset):
        if member.header_offset < previous_end:
            return Refusal(OVERLAPPING)
        stream.seek(member.header_offset)
        header = stream.read(_LOCAL_SIZE)
        if len(header) < _LOCAL_SIZE or header[:4] != _LOCAL:
            return Refusal(DAMAGED)
        name_length, extra_length = struct.unpack_from("<2H", header, 26)
        previous_end = member.header_offset + _LOCAL_SIZE + name_length + extra_length + member.compress_size
    if previous_end > directory_start:
        return Refusal(OVERLAPPING)
    return None


def _inflated_refusal(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Refusal | None:
    """Inflate every member in chunks, counting; nothing is kept."""
    limit = MAX_INFLATED_MB * 1024 * 1024
    total = 0
    for member in members:
        actual = 0
        with archive.open(member) as content:
            while chunk := content.read(_CHUNK):
                actual += len(chunk)
                total += len(chunk)
                if actual > member.file_size:
                    return Refusal(DAMAGED)
                if total > limit:
                    return Refusal(TOO_LARGE, {"mb": MAX_INFLATED_MB})
        if actual != member.file_size:
            return Refusal(DAMAGED)
    return None
