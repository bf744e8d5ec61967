"""Images a page shows by URL: held in the same WARC, or archived before or after the
page, they get an appearance with the page's caption and date, whichever came first."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from claimgraph.capture.warc import write_warc_response

PAGE = """<html><head><title>Flood</title>
<meta property="og:site_name" content="River Post">
<meta property="article:published_time" content="2024-05-03"></head>
<body><article><h1>Flood in Ostrel</h1>
<p>The river broke its banks on Thursday night and the lower town was flooded.</p>
<p>Rescuers worked through the night to reach families on the roofs of their houses.</p>
<p>The photo below shows the lower town on Friday morning, the mayor said.</p>
<figure><img src="https://img.river-post.example/flood.jpg">
<figcaption>Houses under water in the lower town of Ostrel.</figcaption></figure>
</article></body></html>"""
URL = "https://img.river-post.example/flood.jpg"


def _photo() -> bytes:
    rng = random.Random(7)
    image = Image.new("RGB", (640, 420), (90, 120, 160))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randrange(640), rng.randrange(420), rng.randrange(10, 60)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(1)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _warc(path: Path, *records: tuple[str, bytes, str]) -> Path:
    with open(path, "wb") as fh:
        for url, body, kind in records:
            write_warc_response(fh, url, body, kind, "2024-05-03T10:00:00Z")
    return path


def _appearances(cli) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    ran = cli("images", "--case", "c", "--json")
    assert ran.code == 0, ran.stderr
    return [a for line in ran.stdout.splitlines() for a in json.loads(line)["appearances"]]


def test_a_page_and_its_image_in_one_warc(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    warc = _warc(tmp_path / "crawl.warc.gz", ("https://river-post.example/flood",
                 PAGE.encode(), "text/html"), (URL, _photo(), "image/jpeg"))  # fmt: skip
    cli("init")
    assert cli("add", str(warc), "--case", "c").code == 0
    shown = [a for a in _appearances(cli) if a["how"] == "embedded"]
    assert len(shown) == 1
    assert shown[0]["caption"] == "Houses under water in the lower town of Ostrel."
    assert (shown[0]["date"], shown[0]["where"]) == ("2024-05-03", "River Post")
    rows = [json.loads(x) for x in cli("images", "--case", "c", "--json").stdout.splitlines()]
    said = [c["sentence"] for r in rows for c in r["claims"]]
    assert set(said) == {"The photo below shows the lower town on Friday morning, the mayor said."}


def test_an_image_archived_before_its_page_is_linked_later(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = _warc(tmp_path / "img.warc.gz", (URL, _photo(), "image/jpeg"))
    page = _warc(tmp_path / "page.warc.gz", ("https://river-post.example/flood",
                 PAGE.encode(), "text/html"))  # fmt: skip
    cli("init")
    assert cli("add", str(first), "--case", "c").code == 0
    assert cli("add", str(page), "--case", "c").code == 0
    assert cli("add", str(page), "--case", "c").code == 0  # again: nothing doubles
    shown = [a for a in _appearances(cli) if a["how"] == "embedded"]
    assert [a["caption"] for a in shown] == ["Houses under water in the lower town of Ostrel."]
    assert json.loads(cli("verify", "--json").stdout)["ok"]


def test_a_page_archived_before_its_image_is_read_again_for_the_caption(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = _warc(tmp_path / "page.warc.gz", ("https://river-post.example/flood",
                 PAGE.encode(), "text/html"))  # fmt: skip
    image = _warc(tmp_path / "img.warc.gz", (URL, _photo(), "image/jpeg"))
    cli("init")
    assert cli("add", str(page), "--case", "c").code == 0
    assert _appearances(cli) == []
    assert cli("add", str(image), "--case", "c").code == 0
    shown = [a for a in _appearances(cli) if a["how"] == "embedded"]
    assert [(a["caption"], a["date"]) for a in shown] == [
        ("Houses under water in the lower town of Ostrel.", "2024-05-03")
    ]
