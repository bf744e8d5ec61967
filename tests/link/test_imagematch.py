"""Edited copies of a generated photo meet their original; other pictures do not."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from claimgraph.link.hamming import MIN_QUALITY
from claimgraph.link.imagematch import REVIEW, SAME, index_archive, match
from claimgraph.parse.imagehash import HashedImage, hash_image, query_hashes
from claimgraph.settings import Limits

LIMITS = Limits()


def photo(seed: int, size: tuple[int, int] = (800, 600)) -> Image.Image:
    """A landscape-like picture: sky and ground gradients, shapes, texture noise."""
    rng = np.random.default_rng(seed)
    width, height = size
    y = np.linspace(0, 1, height)[:, None, None]
    sky, ground = rng.uniform(60, 230, 3), rng.uniform(20, 160, 3)
    horizon = rng.uniform(0.35, 0.65)
    base = np.where(y < horizon, sky * (0.7 + 0.3 * y), ground * (1.2 - 0.4 * y))
    pixels = np.broadcast_to(base, (height, width, 3)).copy()
    pixels += rng.normal(0, 12, (height, width, 3))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = rng.uniform(0, width), rng.uniform(0, height)
        w, h = rng.uniform(30, width / 3), rng.uniform(30, height / 3)
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x0, y0, x0 + w, y0 + h), fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=quality)
    return out.getvalue()


def caption(image: Image.Image) -> Image.Image:
    band = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    draw.rectangle((0, image.height * 4 // 5, image.width, image.height), fill=(0, 0, 0, 150))
    draw.text((20, image.height * 4 // 5 + 20), "Scene of the attack today", fill="white")
    return Image.alpha_composite(image.convert("RGBA"), band).convert("RGB")


def banner(image: Image.Image) -> Image.Image:
    out = Image.new("RGB", (image.width, image.height * 5 // 4), "white")
    out.paste(image, (0, image.height // 4))
    ImageDraw.Draw(out).text((40, 40), "WHEN THEY SAY IT NEVER HAPPENED", fill="black")
    return out


def screenshot(image: Image.Image) -> Image.Image:
    photo_part = image.resize((688, round(image.height * 688 / image.width)))
    out = Image.new("RGB", (720, photo_part.height + 300), "white")
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, 720, 40), fill=(20, 20, 20))
    draw.text((16, 12), "12:41", fill="white")
    draw.ellipse((16, 52, 64, 100), fill=(200, 80, 60))
    draw.text((76, 60), "Somebody @somebody", fill="black")
    draw.text((16, 120), "look what they did", fill="black")
    out.paste(photo_part, (16, 170))
    for slot in range(4):
        draw.ellipse(
            (40 + slot * 170, out.height - 100, 62 + slot * 170, out.height - 78), outline="gray"
        )
    return out


def centre_crop(image: Image.Image) -> Image.Image:
    w, h = image.size
    return image.crop((w // 20, h // 20, w - w // 20, h - h // 20))


EDITS: dict[str, Callable[[Image.Image], bytes]] = {
    "resize 50 %": lambda im: jpeg(
        im.resize((im.width // 2, im.height // 2), Image.Resampling.LANCZOS)
    ),
    "JPEG 30": lambda im: jpeg(im, quality=30),
    "mirror": lambda im: jpeg(ImageOps.mirror(im)),
    "crop 10 %": lambda im: jpeg(centre_crop(im)),
    "caption band": lambda im: jpeg(caption(im)),
    "banner": lambda im: jpeg(banner(im)),
    "screenshot frame": lambda im: jpeg(screenshot(im)),
}


@pytest.fixture(scope="module")
def archive() -> list[HashedImage]:
    return [hash_image(jpeg(photo(seed), 95), limits=LIMITS) for seed in range(6)]


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_edited_copy_is_the_same_image(archive: list[HashedImage], edit: str) -> None:
    query = query_hashes(EDITS[edit](photo(0)), limits=LIMITS)
    found = match(query, index_archive(archive))
    assert found, f"{edit}: no match"
    best = found[0]
    assert (best.sha256, best.verdict) == (archive[0].sha256, SAME), (edit, found)
    assert best.distance <= 31 and " ~ " in best.how
    assert all(m.verdict != SAME for m in found[1:])


def test_unrelated_picture_does_not_match(archive: list[HashedImage]) -> None:
    query = query_hashes(jpeg(photo(99)), limits=LIMITS)
    assert [m for m in match(query, index_archive(archive)) if m.verdict == SAME] == []


@pytest.mark.parametrize("backend", ["faiss", "numpy"])
def test_backends_give_the_same_matches(archive: list[HashedImage], backend: str) -> None:
    query = query_hashes(EDITS["banner"](photo(2)), limits=LIMITS)
    assert match(query, index_archive(archive, backend)) == match(
        query, index_archive(archive, "numpy")
    )


def test_low_quality_images_are_never_auto_matched() -> None:
    flat = Image.new("RGB", (400, 300), (120, 140, 160))
    archived = hash_image(jpeg(flat), limits=LIMITS)
    assert archived.quality < MIN_QUALITY
    index = index_archive([archived])
    same_bytes = match(query_hashes(jpeg(flat), limits=LIMITS), index)
    assert [(m.distance, m.verdict) for m in same_bytes] == [(0, REVIEW)]  # at most review
    recompressed = match(query_hashes(jpeg(flat, 60), limits=LIMITS), index)
    assert all(m.verdict == REVIEW for m in recompressed)


def test_hashes_of_another_method_are_not_compared(archive: list[HashedImage]) -> None:
    query = query_hashes(jpeg(photo(0)), limits=LIMITS)
    older = [
        HashedImage(**{**{f: getattr(a, f) for f in a.__slots__}, "method": "pdq/cg0"})
        for a in archive
    ]
    assert match(query, index_archive(older)) == []
