"""HTML: trafilatura for the main text and metadata, lxml for links and images.

The tree is parsed once with a safe lxml parser (no network, comments and
processing instructions dropped); trafilatura gets copies of it. When
trafilatura finds no main text, the visible text of `<body>` is used instead.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from claimgraph.errors import InvalidInput
from claimgraph.model.source import Parsed
from claimgraph.parse._common import one_line, parser_name, reason
from claimgraph.parse._html_refs import (
    document_base,
    image_refs,
    image_urls,
    links,
    page_language,
)
from claimgraph.parse.text import decode_text

PARSER = parser_name("html", "trafilatura")

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "svg", "math"}
_INVISIBLE |= {"iframe", "object", "embed", "select", "option"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip


def parse_html(
    data: bytes,
    *,
    base_url: str | None = None,
    charset: str | None = None,
    subject: str | None = None,
) -> Parsed:
    """Read the main text, metadata, links and image URLs out of an HTML page."""
    markup, encoding = decode_text(data, charset=charset or _meta_charset(data), subject=subject)
    tree = _parse_tree(markup, subject)
    base = document_base(tree, base_url)
    text, method = _main_text(tree, base)
    if not text:
        raise InvalidInput("no readable text", subject=subject)
    meta = _metadata(tree, base)
    return Parsed(
        media_type="text/html",
        text=text,
        parser=PARSER,
        title=_clean(meta.get("title")) or _fallback_title(tree),
        authors=_authors(meta.get("author")),
        publisher=_clean(meta.get("sitename")),
        published=_clean(meta.get("date")) or _fallback_date(tree, base),
        language=page_language(tree),
        links=links(tree, base),
        image_urls=image_urls(tree, base),
        image_refs=image_refs(tree, base),
        encoding=encoding,
        extra={"text_method": method, **({"url": base} if base else {})},
    )


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def _parse_tree(markup: str, subject: str | None) -> HtmlElement:
    parser = HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = document_fromstring(_XML_DECLARATION.sub("", markup, count=1), parser=parser)
    except etree.ParserError:
        raise InvalidInput("no readable text", subject=subject) from None
    except (etree.LxmlError, ValueError) as exc:
        raise InvalidInput(f"corrupt HTML: {reason(exc)}", subject=subject) from None
    if not isinstance(tree, HtmlElement):
        raise InvalidInput("corrupt HTML: no document element", subject=subject)
    return tree


def _main_text(tree: HtmlElement, base: str | None) -> tuple[str, str]:
    """(text, method): trafilatura's main text, else the visible body text."""
    try:
        extracted = trafilatura.extract(
            copy.deepcopy(tree),
            url=base,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # a crash inside the extractor: use the plain fallback
        extracted = None
    text = _tidy_lines(extracted or "")
    if text:
        return text, "trafilatura"
    return visible_text(tree), "body-text"


def visible_text(tree: HtmlElement) -> str:
    """The text of `<body>` without scripts and styles, one line per block."""
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        hidden = tag in _INVISIBLE or not tag
        if event == "start":
            if hidden:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                parts.append("\n")
            parts.append(element.text or "")
        else:
            if tag in _BLOCKS and not hidden:
                parts.append("\n")
            if element is not root:
                parts.append(element.tail or "")
    return _tidy_lines("".join(parts))


def _tidy_lines(text: str) -> str:
    """Collapse runs of whitespace inside lines; drop empty lines (HTML spacing is not content)."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata(tree: HtmlElement, base: str | None) -> dict[str, Any]:
    try:
        document = trafilatura.extract_metadata(
            copy.deepcopy(tree), default_url=base, date_config=dict(_DATE_PARAMS)
        )
        found: dict[str, Any] = document.as_dict()
    except Exception:  # metadata is optional; the text was read already
        return {}
    return found


def _fallback_date(tree: HtmlElement, base: str | None) -> str | None:
    try:
        found = find_date(copy.deepcopy(tree), url=base, **_DATE_PARAMS)
    except Exception:  # htmldate failing leaves the date unknown
        return None
    return found if isinstance(found, str) else None


def _fallback_title(tree: HtmlElement) -> str | None:
    for tag in ("title", "h1"):
        for element in tree.iter(tag):
            title = _clean(element.text_content())
            if title:
                return title
    return None


def _authors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, str):
        return ()
    names = (_clean(name) for name in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return one_line(value, limit=500) or None
