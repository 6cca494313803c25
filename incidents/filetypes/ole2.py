"""The names in an OLE2 compound file's directory ([MS-CFB]): what tells legacy Office files and Outlook mail apart."""

from __future__ import annotations

import io
import struct
from typing import BinaryIO

_ENDOFCHAIN_OR_SPECIAL = 0xFFFFFFFA  # sector numbers at or above this are markers, not sectors


def ole2_names(stream: BinaryIO) -> set[str]:
    """The names in a compound file's directory ([MS-CFB]); empty when the file is malformed."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    header = stream.read(512)
    if len(header) < 512:
        return set()
    sector_shift = struct.unpack_from("<H", header, 30)[0]
    if sector_shift not in (9, 12):
        return set()
    sector_size = 1 << sector_shift
    max_sectors = size // sector_size + 1
    fat_count, first_directory = struct.unpack_from("<II", header, 44)
    first_difat, difat_count = struct.unpack_from("<II", header, 68)
    if fat_count > max_sectors:
        return set()

    def read_sector(number: int) -> bytes:
        stream.seek((number + 1) * sector_size)
        return stream.read(sector_size)

    fat_sectors = [n for n in struct.unpack_from("<109I", header, 76) if n < _ENDOFCHAIN_OR_SPECIAL]
    difat, seen = first_difat, 0
    while difat < _ENDOFCHAIN_OR_SPECIAL and seen < difat_count and seen < max_sectors:
        entries = struct.unpack(f"<{sector_size // 4}I", read_sector(difat).ljust(sector_size, b"\xff"))
        fat_sectors.extend(n for n in entries[:-1] if n < _ENDOFCHAIN_OR_SPECIAL)
        difat, seen = entries[-1], seen + 1
    fat: list[int] = []
    for number in fat_sectors[:fat_count]:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", read_sector(number).ljust(sector_size, b"\xff")))

    names: set[str] = set()
    sector, visited = first_directory, 0
    while sector < _ENDOFCHAIN_OR_SPECIAL and sector < len(fat) and visited < max_sectors:
        data = read_sector(sector)
        for offset in range(0, len(data) - 127, 128):
            name_length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= name_length <= 64 and data[offset + 66] in (1, 2, 5):
                names.add(data[offset : offset + name_length - 2].decode("utf-16-le", "replace"))
        sector, visited = fat[sector], visited + 1
    return names
