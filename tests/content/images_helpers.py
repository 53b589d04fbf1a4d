"""A loopback "image host" for the vendoring tests, and real image files made without any library."""

from __future__ import annotations

import http.server
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager


def png(width: int, height: int, rgb: tuple[int, int, int] = (63, 81, 181)) -> bytes:
    """A real (decodable) PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def gif(width: int, height: int) -> bytes:
    """A GIF header with a one-pixel frame (enough for a type and size check)."""
    screen = b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00\xff\xff\xff\x00\x00\x00"
    return screen + b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def jpeg(width: int, height: int) -> bytes:
    """A JPEG header: SOI, an APP0 (JFIF) segment, then a baseline frame header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def webp_lossless(width: int, height: int) -> bytes:
    """A WebP (VP8L) header."""
    bits = (width - 1) | ((height - 1) << 14)
    data = b"\x2f" + bits.to_bytes(4, "little")
    return (
        b"RIFF"
        + struct.pack("<I", 4 + 8 + len(data))
        + b"WEBP"
        + b"VP8L"
        + struct.pack("<I", len(data))
        + data
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


class ImageHost:
    """Files served by path on 127.0.0.1; `requests` lists every path asked for."""

    def __init__(self, files: dict[str, tuple[str, bytes]]) -> None:
        self.files = files
        self.requests: list[str] = []
        self.url = ""


@contextmanager
def image_host(files: dict[str, tuple[str, bytes]]) -> Iterator[ImageHost]:
    """Serve `files` ({path: (content type, body)}); unknown paths are 404."""
    host = ImageHost(files)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the base class' name
            host.requests.append(self.path)
            found = host.files.get(self.path)
            if found is None:
                self.send_error(404)
                return
            kind, body = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class' signature
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()
