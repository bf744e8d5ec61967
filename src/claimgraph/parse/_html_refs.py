"""What an HTML tree points at and says about itself: base URL, links, images, language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from claimgraph.model.source import ImageRef

_SCHEMES = {"http", "https"}
_URL_NOISE = re.compile(r"[\t\n\r]")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_IMAGE_META = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image"}


def absolute_url(href: str | None, base: str | None) -> str | None:
    """`href` resolved against `base`: an absolute http(s) URL without fragment, or None."""
    if not href:
        return None
    cleaned = _URL_NOISE.sub("", href).strip()
    if not cleaned or cleaned.startswith("#"):
        return None
    try:
        joined = urljoin(base, cleaned) if base else cleaned
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))


def document_base(tree: HtmlElement, base_url: str | None) -> str | None:
    """The URL relative references resolve against.

    The given `base_url` (where the document was fetched) if any, else the
    canonical link or og:url; a `<base href>` is resolved against it and wins.
    """
    doc = absolute_url(base_url, None) or _canonical(tree)
    for element in tree.iter("base"):
        declared = absolute_url(element.get("href"), doc)
        if declared:
            return declared
    return doc


def links(tree: HtmlElement, base: str | None) -> tuple[str, ...]:
    """Every `<a href>` as an absolute http(s) URL, deduplicated, in document order."""
    return _unique(absolute_url(a.get("href"), base) for a in tree.iter("a"))


def image_urls(tree: HtmlElement, base: str | None) -> tuple[str, ...]:
    """Every `<img src>`, the first `srcset` candidate and og:image, in document order."""

    def candidates() -> Iterator[str | None]:
        for element in tree.iter("img", "meta"):
            if element.tag == "meta":
                if _meta_key(element) in _IMAGE_META:
                    yield element.get("content")
                continue
            yield element.get("src")
            yield _first_srcset(element.get("srcset"))

    return _unique(absolute_url(url, base) for url in candidates())


def image_refs(tree: HtmlElement, base: str | None, limit: int = 100) -> tuple[ImageRef, ...]:
    """Every `<img>` with its caption: the `<figcaption>` of its `<figure>`, else its alt
    text, else its title. At most `limit`, so a gallery page cannot flood the ledger."""
    out: dict[str, ImageRef] = {}
    for img in tree.iter("img"):
        src = (img.get("src") or _first_srcset(img.get("srcset")) or "").strip()
        if not src or src.startswith("data:") or src in out:
            continue
        out[src] = ImageRef(src=src, url=absolute_url(src, base), caption=_caption(img))
        if len(out) >= limit:
            break
    return tuple(out.values())


def _caption(img: HtmlElement) -> str | None:
    figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
    found = figure.find(".//figcaption") if figure is not None else None
    for text in (found.text_content() if found is not None else None, img.get("alt"),
                 img.get("title")):  # fmt: skip
        words = " ".join((text or "").split())
        if words:
            return words[:1000]
    return None


def page_language(tree: HtmlElement) -> str | None:
    """`<html lang>`, else Content-Language, else og:locale, as a BCP 47-looking tag."""
    found = [tree.get("lang"), tree.get("xml:lang")]
    for element in tree.iter("meta"):
        equiv = (element.get("http-equiv") or "").strip().lower()
        if equiv == "content-language" or _meta_key(element) == "og:locale":
            found.append(element.get("content"))
    for value in found:
        tag = _language_tag(value)
        if tag:
            return tag
    return None


def _language_tag(value: str | None) -> str | None:
    if not value:
        return None
    first = value.split(",")[0].strip().replace("_", "-")
    return first if _LANG.match(first) else None


def _canonical(tree: HtmlElement) -> str | None:
    for element in tree.iter("link", "meta"):
        if element.tag == "link":
            rels = (element.get("rel") or "").lower().split()
            url = absolute_url(element.get("href"), None) if "canonical" in rels else None
        else:
            is_og_url = _meta_key(element) == "og:url"
            url = absolute_url(element.get("content"), None) if is_og_url else None
        if url:
            return url
    return None


def _meta_key(element: HtmlElement) -> str:
    return (element.get("property") or element.get("name") or "").strip().lower()


def _first_srcset(srcset: str | None) -> str | None:
    if not srcset:
        return None
    words = srcset.strip().split()
    return words[0].rstrip(",") if words else None


def _unique(urls: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for url in urls:
        if url and url not in seen:
            seen[url] = None
    return tuple(seen)
