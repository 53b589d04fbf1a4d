"""What an image file is, read from its first bytes: type and pixel size, never trusting the server.

Only raster types a browser shows everywhere are accepted (PNG, JPEG, GIF, WebP). SVG is refused: it
is a document that may carry scripts and links, and sanitizing it is not worth it for screenshots.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from catalog.uploads import SAMPLE_BYTES, sniff


class ImageInfo(NamedTuple):
    kind: str  # the file extension: png, jpg, gif, webp
    width: int
    height: int


# JPEG start-of-frame markers (baseline, progressive, lossless...); not DHT (C4), JPG (C8) or DAC (CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _png(data: bytes) -> ImageInfo | None:
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return ImageInfo("png", width, height)


def _gif(data: bytes) -> ImageInfo | None:
    width, height = struct.unpack("<HH", data[6:10])
    return ImageInfo("gif", width, height)


def _webp(data: bytes) -> ImageInfo | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":  # lossy: a key frame's start code
        width, height = struct.unpack("<HH", data[26:30])
        return ImageInfo("webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and data[20:21] == b"\x2f":  # lossless: 14-bit sizes minus one
        bits = int.from_bytes(data[21:25], "little")
        return ImageInfo("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":  # extended: 24-bit canvas sizes minus one
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo("webp", width, height)
    return None


def _jpeg(data: bytes) -> ImageInfo | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return ImageInfo("jpg", width, height)
        if marker == 0xDA or length < 2:  # image data before any frame header: not a usable file
            return None
        pos += 2 + length
    return None


# The type comes from the attachments' content check (catalog.uploads: the one table of magic bytes);
# each reader then takes the pixel size from that type's header.
_READERS = {"image/png": _png, "image/jpeg": _jpeg, "image/gif": _gif, "image/webp": _webp}


def sniff_image(data: bytes) -> ImageInfo | None:
    """The type and size of a PNG, JPEG, GIF or WebP file; None for anything else (SVG, HTML, junk)."""
    reader = _READERS.get(sniff(data[:SAMPLE_BYTES]) or "")
    if reader is None:
        return None
    try:
        info = reader(data)
    except struct.error:  # truncated header
        return None
    return info if info is not None and info.width > 0 and info.height > 0 else None
