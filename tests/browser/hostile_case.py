"""A case folder of hostile sources: OWASP-style payloads in a page's title, its text,
an image's alt text and caption, the page's canonical URL, and sentences written so
that the extractor names claimants whose names hold markup. Nothing here may ever
execute in a page of ours."""

from __future__ import annotations

import html
import io
from pathlib import Path

from PIL import Image

CASE = "hostile"
SCRIPT = "<script>alert(1)</script>"
ATTR_BREAK = '"><img src=x onerror=alert(1)>'
SVG = "<svg onload=alert(1)>"
JS_URL = "javascript:alert(1)"
# A real address whose query carries markup: kept by the parser, shown as a link.
QUERY_URL = "https://wire.example/story?q=\"><script>alert(1)</script>&x='-alert(1)-'"
QUOTE_BREAK = "'-alert(1)-'"
IFRAME = '<iframe srcdoc="<script>alert(1)</script>"></iframe>'
DATA_ATTR = '" data-x="1" onfocus="alert(1)" autofocus="'
TITLE_BREAK = "</title><script>alert(1)</script>"

# Judgements typed by a person (a side, a grade's note) are shown beside source text.
SIDE = "</text><script>alert(1)</script><text>side"
NOTE = f"graded {ATTR_BREAK}"

TITLE = f"{TITLE_BREAK} Market {ATTR_BREAK} report"
CAPTION = f"Smoke over the ford {SVG} {IFRAME}"
ALT = f"Ford {ATTR_BREAK} at dusk"
# What each part of the case must show as plain text somewhere.
TEXT_PAYLOADS = (SCRIPT, ATTR_BREAK, SVG, QUOTE_BREAK, IFRAME, DATA_ATTR, TITLE_BREAK)

_SENTENCES = (
    f"At least 20 people were killed, said the {SCRIPT} Committee.",
    f'"Nobody died," said Tarn{TITLE_BREAK}Vell, the mayor.',
    f"At least 41 people were killed, said Omar{ATTR_BREAK} Bendt, a spokesman.",
    f"According to Haldor{QUOTE_BREAK} Vesk, the mayor, up to 300 people fled the town.",
    f"At least 9 people were wounded, said Kel{DATA_ATTR} Dunn, a nurse.",
    f"Some 12 people were detained, the {IFRAME} Brigade said.",
    f"The guide {SVG} Rusk said 70 bodies were seen in two trucks.",
)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (180, 60, 40)).save(out, format="PNG")
    return out.getvalue()


def _page() -> str:
    esc = html.escape
    body = "\n".join(f"<p>{esc(s)}</p>" for s in _SENTENCES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(TITLE)}</title>
<meta property="og:title" content="{esc(TITLE)}">
<meta property="og:url" content="{JS_URL}">
<meta property="og:site_name" content="{esc(SCRIPT)} Gazette">
<meta name="author" content="{esc(ATTR_BREAK)}">
<meta property="article:published_time" content="2023-03-20T10:00:00+00:00">
<link rel="canonical" href="{JS_URL}">
</head><body><article>
<h1>{esc(TITLE)}</h1>
<figure><img src="images/ford.png" alt="{esc(ALT)}" width="48" height="32">
<figcaption>{esc(CAPTION)}</figcaption></figure>
{body}
<p>Read more at <a href="{JS_URL}">{esc(JS_URL)}</a>.</p>
</article></body></html>
"""


def _wire() -> str:
    """A second page whose canonical address is hostile but still an http(s) URL."""
    url = html.escape(QUERY_URL)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Wire: the ford</title>
<meta property="og:url" content="{url}"><link rel="canonical" href="{url}">
</head><body><article><h1>Wire: the ford</h1>
<p>At least 33 people were killed at the ford, said Marta Selle, a nurse at the clinic.</p>
<p>The clinic's director said 80 people were wounded and that the figure would rise.</p>
</article></body></html>
"""


def _note() -> str:
    """A plain-text source: its text reaches the reader exactly as written."""
    return "Field note " + SCRIPT + "\n\n" + "\n\n".join(_SENTENCES) + "\n"


def write_hostile_case(folder: Path) -> Path:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "ford.png").write_bytes(_png())
    (folder / "hostile-gazette.html").write_text(_page(), encoding="utf-8")
    (folder / "hostile-wire.html").write_text(_wire(), encoding="utf-8")
    (folder / "hostile-note.txt").write_text(_note(), encoding="utf-8")
    return folder
