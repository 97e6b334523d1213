"""The test helpers' own checks: the PNG decoder the screenshot test reads pixels with."""
from __future__ import annotations

import random
import struct
import zlib

import pytest

from site_helpers import decode_png


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def encode_png(rows: list[list[tuple[int, ...]]], filters: list[int], alpha: bool) -> bytes:
    """A PNG of `rows`, row y filtered with filters[y] (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth)."""
    bpp = 4 if alpha else 3
    height, width = len(rows), len(rows[0])
    raw, prev = b"", bytes(width * bpp)
    for row, kind in zip(rows, filters):
        line = bytes(v for px in row for v in (px + (255,) if alpha else px))
        out = bytearray()
        for i, x in enumerate(line):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            predictor = [0, a, b, (a + b) >> 1, _paeth(a, b, c)][kind]
            out.append((x - predictor) & 0xFF)
        raw += bytes([kind]) + bytes(out)
        prev = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    compressed = zlib.compress(raw)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", compressed[:7]) + chunk(b"IDAT", compressed[7:]) + chunk(b"IEND", b""))


@pytest.mark.parametrize("alpha", [False, True])
def test_decode_png_undoes_every_filter(alpha):
    rng = random.Random(7)
    rows = [[tuple(rng.randrange(256) for _ in range(3)) for _ in range(9)] for _ in range(10)]
    filters = [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]
    assert decode_png(encode_png(rows, filters, alpha)) == (9, 10, rows)


def test_decode_png_refuses_damage():
    png = encode_png([[(1, 2, 3)]], [0], alpha=False)
    with pytest.raises(AssertionError, match="not a PNG"):
        decode_png(b"GIF89a" + png[6:])
    damaged = bytearray(png)
    damaged[-20] ^= 0xFF  # inside the IDAT data: its CRC no longer matches
    with pytest.raises(AssertionError, match="bad CRC"):
        decode_png(bytes(damaged))
