"""Bad images at `add`: one clear line each, nothing half-stored; an SVG is kept as bytes
but never rendered or hashed; a good image beside them goes in."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

from PIL import Image


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a huge size, with a tiny (wrong) body."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_bad_images_fail_alone_and_svg_is_kept_unhashed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = io.BytesIO()
    Image.new("RGB", (120, 90), (20, 160, 90)).save(good, "PNG")
    anim = io.BytesIO()  # thousands of frames: only the first is ever decoded
    frames = [Image.new("P", (64, 48), color=i % 256) for i in range(3000)]
    frames[0].save(anim, "GIF", save_all=True, append_images=frames[1:])
    files = {
        "anim.gif": anim.getvalue(),
        "good.png": good.getvalue(),
        "cut.jpg": good.getvalue()[:40],
        "huge.png": _png_claiming(20000, 20000),
        "text.jpg": b"this is not a picture at all\n" * 20,
        "drawing.svg": b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    cli("init")
    ran = cli("add", *(str(tmp_path / n) for n in files), "--case", "c")
    assert ran.code == 3, ran.stderr  # some went in, some did not
    failures = [line for line in ran.stderr.splitlines() if line.count(":") >= 2]
    assert len(failures) == 3 and all("Traceback" not in f for f in failures)
    assert "claimgraph: 3 added, 0 known, 3 failed" in ran.stderr
    rows = [json.loads(x) for x in cli("images", "--case", "c", "--json").stdout.splitlines()]
    by_quality = sorted((r["quality"], r["width"]) for r in rows)
    assert len(rows) == 3 and (0, 0) in by_quality  # the SVG: kept, never decoded
    assert (64, 48) in {(r["width"], r["height"]) for r in rows}  # the GIF, first frame
    assert json.loads(cli("verify", "--json").stdout)["ok"]
