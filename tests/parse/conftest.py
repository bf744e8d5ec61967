"""Small documents made in code for the parse tests (no real articles are copied)."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC, datetime

import pytest
from fpdf import FPDF
from PIL import Image

ARTICLE_URL = "https://news.example.org/2021/03/flood"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Flood toll rises in Riverton | Example Gazette</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<meta property="og:image" content="/img/lead.jpg">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<article>
<h1>Flood toll rises in Riverton</h1>
<p>Officials in Riverton said on Thursday that at least 42 people had died after the river
burst its banks overnight, according to a statement read by the mayor.</p>
<p>The regional governor <a href="https://gov.example.net/statement">disputed the figure</a>,
saying only 30 deaths had been confirmed by hospitals in the area so far.</p>
<img src="photos/bridge.jpg" alt="The bridge">
<img srcset="photos/bridge-800.jpg 800w, photos/bridge-1600.jpg 1600w" alt="Bridge, wide">
<p>Rescue teams from three neighbouring towns continued to search flooded houses, and
<a href="../related/story.html#top">an earlier report</a> described the damage.
<a href="https://gov.example.net/statement">The statement</a> is online.</p>
<p><a href="mailto:desk@example.org">Write to us</a> <a href="javascript:void(0)">Share</a></p>
</article>
<!-- a comment that must not appear -->
<script>var tracking = "must not appear";</script>
</body>
</html>
"""


def make_pdf(
    pages: int = 2,
    *,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> bytes:
    pdf = FPDF()
    pdf.set_title("Inquiry report")
    pdf.set_author("Commission of Inquiry")
    pdf.set_creation_date(datetime(2020, 5, 6, 7, 8, 9, tzinfo=UTC))
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    pdf.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(text=f"Page {number}: about 600 were killed, the inquiry found.")
    return bytes(pdf.output())


def png_bytes(size: tuple[int, int] = (12, 8), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color=0).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[0x0131] = "EditSuite 2.0"  # Software
    exif.get_ifd(0x8769)[0x9003] = "2019:01:02 03:04:05"  # DateTimeOriginal
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color=(200, 30, 30)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR that claim a huge size, with a tiny IDAT."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def gzip_of_zeros(total: int, chunk: int = 1 << 20) -> bytes:
    """gzip of `total` zero bytes, compressed in chunks so memory stays small."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(chunk)
    parts = [packer.compress(zeros) for _ in range(total // chunk)]
    parts.append(packer.compress(bytes(total % chunk)))
    parts.append(packer.flush())
    return b"".join(parts)


class Docs:
    """The builders above, handed to tests through the `docs` fixture."""

    article_url = ARTICLE_URL
    article_html = ARTICLE_HTML.encode("utf-8")
    make_pdf = staticmethod(make_pdf)
    png = staticmethod(png_bytes)
    jpeg_with_exif = staticmethod(jpeg_with_exif)
    png_header_claiming = staticmethod(png_header_claiming)
    gzip_of_zeros = staticmethod(gzip_of_zeros)


@pytest.fixture(scope="session")
def docs() -> type[Docs]:
    return Docs
