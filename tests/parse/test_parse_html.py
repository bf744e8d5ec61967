"""HTML through parse_bytes: main text, metadata, links, images, fallback, bad input."""

from __future__ import annotations

import random
from typing import Any

import pytest

from claimgraph.errors import InvalidInput
from claimgraph.parse import parse_bytes


def test_article_fields(docs: Any) -> None:
    parsed = parse_bytes(docs.article_html, filename="flood.html", base_url=docs.article_url)
    assert parsed.media_type == "text/html"
    assert parsed.parser.startswith("html/trafilatura-") and parsed.parser.endswith("+cg1")
    assert parsed.title == "Flood toll rises in Riverton"
    assert parsed.authors == ("Jane Roe",)
    assert parsed.publisher == "Example Gazette"
    assert parsed.published == "2021-03-04"
    assert parsed.language == "en-GB"
    assert parsed.encoding == "utf-8"
    assert "at least 42 people had died" in parsed.text
    assert "only 30 deaths had been confirmed" in parsed.text
    assert "must not appear" not in parsed.text
    assert parsed.extra["text_method"] == "trafilatura"


def test_article_links_resolved_deduplicated_in_order(docs: Any) -> None:
    parsed = parse_bytes(docs.article_html, filename="flood.html", base_url=docs.article_url)
    assert parsed.links == (
        "https://news.example.org/",
        "https://news.example.org/world/",
        "https://gov.example.net/statement",
        "https://news.example.org/2021/related/story.html",
    )


def test_article_images(docs: Any) -> None:
    parsed = parse_bytes(docs.article_html, filename="flood.html", base_url=docs.article_url)
    assert parsed.image_urls == (
        "https://news.example.org/img/lead.jpg",
        "https://news.example.org/2021/03/photos/bridge.jpg",
        "https://news.example.org/2021/03/photos/bridge-800.jpg",
    )


def test_base_href_and_canonical_without_base_url() -> None:
    page = b"""<html><head>
    <link rel="canonical" href="https://example.com/a/b/page">
    </head><body><p>A paragraph of text long enough to count as the article body here.</p>
    <a href="next">next</a><img src="/pic.png"></body></html>"""
    parsed = parse_bytes(page, filename="p.html")
    assert parsed.links == ("https://example.com/a/b/next",)
    assert parsed.image_urls == ("https://example.com/pic.png",)
    with_base = page.replace(b"<head>", b'<head><base href="https://cdn.example.net/x/">')
    parsed = parse_bytes(with_base, filename="p.html")
    assert parsed.links == ("https://cdn.example.net/x/next",)


def test_relative_links_without_any_base_are_dropped() -> None:
    page = b'<html><body><p>Words here.</p><a href="rel">r</a><a href="http://a.example/">a</a>'
    assert parse_bytes(page, filename="p.html").links == ("http://a.example/",)


def test_tiny_page_falls_back_to_body_text() -> None:
    page = b"""<html><head><title>Desk</title><style>p {color: red}</style></head>
    <body><div id="comments">Contact   the news desk.<br>Open <b>daily</b>.</div>
    <script>console.log("hidden")</script></body></html>"""
    parsed = parse_bytes(page, filename="tiny.html")
    assert parsed.text == "Contact the news desk.\nOpen daily."
    assert parsed.extra["text_method"] == "body-text"
    assert parsed.title == "Desk"


def test_page_with_no_text() -> None:
    page = b"<html><head><title>x</title></head><body><script>var a;</script></body></html>"
    with pytest.raises(InvalidInput, match="no readable text"):
        parse_bytes(page, filename="empty.html")


def test_binary_garbage_named_html() -> None:
    garbage = random.Random(3).randbytes(2048)
    with pytest.raises(InvalidInput, match="not text") as caught:
        parse_bytes(garbage, filename="page.html")
    assert caught.value.subject == "page.html"
    assert "\n" not in str(caught.value)


def test_meta_charset_latin1() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>Le maire a déclaré que mille personnes ont fui la ville.</p></body></html>"
    ).encode("latin-1")
    parsed = parse_bytes(page, filename="fr.html")
    assert "déclaré" in parsed.text
    assert parsed.encoding == "cp1252"


def test_http_charset_and_og_locale() -> None:
    page = (
        '<html><head><meta property="og:locale" content="fr_FR"></head>'
        "<body><p>Le maire a déclaré que mille personnes ont fui.</p></body></html>"
    ).encode("cp1252")
    parsed = parse_bytes(page, media_type="text/html; charset=windows-1252")
    assert "déclaré" in parsed.text
    assert parsed.language == "fr-FR"


def test_xml_declaration_is_tolerated() -> None:
    page = b'<?xml version="1.0" encoding="utf-8"?><html><body><p>Statement text.</p></body></html>'
    assert "Statement text." in parse_bytes(page, filename="x.html").text


def test_deterministic(docs: Any) -> None:
    first = parse_bytes(docs.article_html, filename="a.html", base_url=docs.article_url)
    second = parse_bytes(docs.article_html, filename="a.html", base_url=docs.article_url)
    assert first == second
