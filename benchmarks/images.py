"""Image matching benchmark: edited copies of real photos against their originals.

    .venv/bin/python benchmarks/images.py [--photos DIR ...] [--photos-wanted 70]

Builds its own test set from photos that Debian and Python packages ship
(mate-backgrounds, ukui-wallpapers, plasma-workspace-wallpapers, lomiri-wallpapers,
gnome-backgrounds, lxqt-themes, desktop-base, opencv-doc, scikit-image's data),
keeps distinct, textured images (PDQ quality >= 50, no near-duplicates, no
light/dark twins), takes the first N as photos and the rest as distractor sources
(the sources plus crops of them: at least 500 distractors), applies 16 edits to
every photo, and prints, per edit and overall, the share of edited copies matched
to their original at the loosest threshold that gives no false match among all
non-matching pairs (every edited copy against every other archived image and every
distractor). It also times hashing and a query against 1,000,000 random hashes.

Nothing is written inside the repository; a cache of the built set goes to /tmp.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import pickle
import platform
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

from claimgraph.link.hamming import HashIndex
from claimgraph.link.imagematch import comparable, index_archive, match
from claimgraph.parse.imagehash import HashedImage, QueryHashes, hash_image, query_hashes
from claimgraph.settings import Limits

LIMITS = Limits()
CACHE = Path("/tmp/claimgraph-bench-images")
DEFAULT_ROOTS = (
    "/usr/share/backgrounds",
    "/usr/share/wallpapers",
    "/usr/share/lxqt/wallpapers",
    "/usr/share/desktop-base",
    "/usr/share/doc/opencv-doc/examples/data",
    "/usr/share/opencv4/samples/data",
)
SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
SKIP = re.compile(  # previews, dark twins, and drawings/test charts that are not photos
    r"screenshot|preview|thumb|images_dark|/dark/|logo|icon|lena|chessboard|board|ellipses"
    r"|sudoku|blob|pic\d|triangle|text|digits|horse|phantom|grid|truchet|pca_test|grub|page"
    r"|stripes|blox|shapes",
    re.I,
)
# light/dark, day/night, left/right (stereo) and numbered series of one scene: one key
TWIN = re.compile(
    r"([-_ ]?(l|r|d|light|dark|day|night|morning|evening|left|right|\d{1,2}|\d{3,4}x\d{3,4}))+$",
    re.I,
)
BASE_SIDE = 1024  # the archived original: each source at this long side, JPEG q95
WORDS = (
    *("breaking", "news", "shocking", "footage", "from", "the", "scene", "today", "share"),
    *("before", "it", "is", "deleted", "they", "do", "not", "want", "you", "to", "see"),
    *("this", "truth", "about", "what", "happened", "last", "night"),
)


# ---------------------------------------------------------------- finding photos


def photo_roots(given: list[str]) -> list[Path]:
    roots = [Path(p) for p in given] if given else [Path(p) for p in DEFAULT_ROOTS]
    if not given:
        for site in sys.path + [str(p) for p in Path("/tmp").glob("*/lib/python3*/site-packages")]:
            candidate = Path(site) / "skimage" / "data"
            if candidate.is_dir():
                roots.append(candidate)
    found = [r for r in dict.fromkeys(roots) if r.is_dir()]
    if not found:
        sys.exit(
            "no photo folders found. Install some, e.g.\n"
            "  apt-get install -y mate-backgrounds ukui-wallpapers plasma-workspace-wallpapers"
            " lomiri-wallpapers gnome-backgrounds\n"
            "or pass --photos DIR (any folder of JPEG/PNG photos)."
        )
    return found


def candidate_files(roots: Iterable[Path]) -> list[Path]:
    """Image files, one per wallpaper (Plasma ships each in several sizes: the largest)."""
    best: dict[str, Path] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() not in SUFFIXES or SKIP.search(str(path)):
                continue
            parts = path.parts
            key = str(path.parent.parent) if "images" in parts[-2:-1] else str(path)
            key = TWIN.sub("", key.rsplit(".", 1)[0]).lower()
            if key not in best or path.stat().st_size > best[key].stat().st_size:
                best[key] = path
    return sorted(best.values())


def load_base(path: Path) -> bytes | None:
    """A source as the archived original: oriented RGB, long side BASE_SIDE, JPEG q95."""
    try:
        with Image.open(path) as image:
            image.draft("RGB", (BASE_SIDE, BASE_SIDE))
            rgb = ImageOps.exif_transpose(image).convert("RGB")
    except Exception:
        return None
    if min(rgb.size) < 256:
        return None
    rgb.thumbnail((BASE_SIDE, BASE_SIDE), Image.Resampling.LANCZOS)
    return save(rgb, quality=95)


def save(image: Image.Image, *, quality: int = 90, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, quality=quality)
    return out.getvalue()


def distinct(bases: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Textured images that are not near-duplicates of one another (any rotation)."""
    kept: list[tuple[str, bytes]] = []
    index = HashIndex("numpy")
    for name, data in bases:
        query = query_hashes(data, limits=LIMITS)
        if query.quality < 50:
            continue
        turned = [h for n, h in query.hashes if n in DIHEDRAL]
        if any(index.search(turned, 100)):  # generous: a light/dark twin is not distinct
            continue
        index.add([name], [dict(query.hashes)["whole"]])
        kept.append((name, data))
    return kept


DIHEDRAL = ("whole", "mirror", "rot90", "rot180", "rot270", "flip", "transpose", "transverse")


# ---------------------------------------------------------------- the edits


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path("/usr/share/fonts/truetype/dejavu") / name
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def cut(image: Image.Image, keep: float, corner: int | None) -> Image.Image:
    """Keep `keep` of each side: centred, or anchored at corner 0-3 (off-centre)."""
    w, h = image.size
    cw, ch = round(w * keep), round(h * keep)
    if corner is None:
        left, top = (w - cw) // 2, (h - ch) // 2
    else:
        left, top = (w - cw) * (corner % 2), (h - ch) * (corner // 2)
    return image.crop((left, top, left + cw, top + ch))


def square(image: Image.Image) -> Image.Image:
    w, h = image.size
    side = min(w, h)
    return image.crop(((w - side) // 2, (h - side) // 2, (w + side) // 2, (h + side) // 2))


def caption(image: Image.Image, rng: random.Random) -> Image.Image:
    """A translucent dark band across the lower fifth with two lines of white text."""
    w, h = image.size
    band = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    draw.rectangle((0, h - h // 5, w, h), fill=(0, 0, 0, 150))
    size = max(10, h // 18)
    for line in range(2):
        y = h - h // 5 + size // 2 + line * (size + size // 3)
        draw.text((w // 20, y), words(rng, 6), font=font(size), fill=(255, 255, 255, 255))
    return Image.alpha_composite(image.convert("RGBA"), band).convert("RGB")


def banner(image: Image.Image, rng: random.Random) -> Image.Image:
    """A meme: a white band above the photo with bold black text."""
    w, h = image.size
    top = h // 4
    out = Image.new("RGB", (w, h + top), "white")
    out.paste(image, (0, top))
    draw = ImageDraw.Draw(out)
    size = max(12, top // 4)
    for line in range(2):
        text = words(rng, 5).upper()
        width = draw.textlength(text, font=font(size, bold=True))
        draw.text(((w - width) / 2, top // 6 + line * size * 1.3), text, font=font(size, True))
    return out


def screenshot(image: Image.Image, rng: random.Random) -> Image.Image:
    """The photo inside a phone screenshot of a social-media post (PNG)."""
    width, margin = 720, 16
    photo = image.resize(
        (width - 2 * margin, round(image.height * (width - 2 * margin) / image.width))
    )
    head, text_h, foot = 40 + 72, 64, 56 + 56
    out = Image.new("RGB", (width, head + text_h + photo.height + foot), "white")
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, width, 40), fill=(20, 20, 20))
    draw.text(
        (16, 10), f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", font=font(18), fill="white"
    )
    draw.rectangle((width - 70, 14, width - 20, 26), fill="white")
    colour = tuple(rng.randint(40, 220) for _ in range(3))
    draw.ellipse((16, 52, 64, 100), fill=colour)
    draw.text((76, 54), words(rng, 2).title(), font=font(18, bold=True), fill="black")
    draw.text(
        (76, 78),
        "@" + rng.choice(WORDS) + str(rng.randint(1, 999)),
        font=font(16),
        fill=(110, 110, 110),
    )
    for line in range(2):
        draw.text((16, head + 6 + line * 26), words(rng, 8), font=font(18), fill="black")
    mask = Image.new("L", photo.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, *photo.size), radius=18, fill=255)
    out.paste(photo, (margin, head + text_h), mask)
    y = head + text_h + photo.height + 18
    for slot in range(4):
        x = 40 + slot * 170
        draw.ellipse((x, y, x + 22, y + 22), outline=(110, 110, 110), width=2)
        draw.text((x + 30, y), str(rng.randint(1, 9999)), font=font(16), fill=(110, 110, 110))
    draw.line((0, out.height - 56, width, out.height - 56), fill=(220, 220, 220), width=1)
    return out


def colour_shift(image: Image.Image) -> Image.Image:
    r, g, b = image.split()
    return Image.merge(
        "RGB", (r.point(lambda v: min(255, int(v * 1.1 + 20))), g, b.point(lambda v: int(v * 0.8)))
    )


def half(image: Image.Image) -> Image.Image:
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)


Edit = Callable[[Image.Image, random.Random], bytes]
EDITS: dict[str, Edit] = {
    "resize 50 %": lambda im, r: save(half(im)),
    "JPEG quality 30": lambda im, r: save(im, quality=30),
    "centre crop 10 %": lambda im, r: save(cut(im, 0.9, None)),
    "centre crop 25 %": lambda im, r: save(cut(im, 0.75, None)),
    "off-centre crop 10 %": lambda im, r: save(cut(im, 0.9, r.randrange(4))),
    "off-centre crop 25 %": lambda im, r: save(cut(im, 0.75, r.randrange(4))),
    "square crop": lambda im, r: save(square(im)),
    "mirror": lambda im, r: save(ImageOps.mirror(im)),
    "rotate 5°": lambda im, r: save(im.rotate(5, Image.Resampling.BICUBIC)),
    "caption, lower fifth": lambda im, r: save(caption(im, r)),
    "meme banner above": lambda im, r: save(banner(im, r)),
    "screenshot frame": lambda im, r: save(screenshot(im, r), fmt="PNG"),
    "greyscale": lambda im, r: save(ImageOps.grayscale(im).convert("RGB")),
    "brightness x1.4": lambda im, r: save(ImageEnhance.Brightness(im).enhance(1.4)),
    "colour shift": lambda im, r: save(colour_shift(im)),
    "resize+caption+JPEG": lambda im, r: save(caption(half(im), r), quality=50),
}


def edited(item: tuple[int, bytes]) -> list[bytes]:
    number, data = item
    rng = random.Random(number)
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGB")
    return [edit(image, rng) for edit in EDITS.values()]


def distractor_crops(data: bytes, count: int, seed: int) -> list[bytes]:
    """Crops (40-70 % of each side) of an unrelated photo, at random places."""
    rng = random.Random(seed)
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGB")
    out = []
    for _ in range(count):
        keep = rng.uniform(0.4, 0.7)
        w, h = round(image.width * keep), round(image.height * rng.uniform(0.4, 0.7))
        left, top = rng.randint(0, image.width - w), rng.randint(0, image.height - h)
        out.append(save(image.crop((left, top, left + w, top + h))))
    return out


# ---------------------------------------------------------------- the test set


def build_set(roots: list[Path], wanted: int, workers: int) -> dict[str, list]:
    """Photos, their edited copies and distractors (bytes), cached under /tmp."""
    files = candidate_files(roots)
    key = hashlib.sha256(repr((files, wanted, sorted(EDITS))).encode()).hexdigest()[:16]
    cached = CACHE / f"set-{key}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    with ProcessPoolExecutor(workers) as pool:
        bases = [(str(f), b) for f, b in zip(files, pool.map(load_base, files), strict=True) if b]
        kept = distinct(sorted(bases, key=lambda item: hashlib.sha256(item[1]).hexdigest()))
        if len(kept) < wanted + 10:
            sys.exit(f"only {len(kept)} distinct photos found; install more (see --help)")
        photos, others = kept[:wanted], kept[wanted:]
        edits = list(pool.map(edited, enumerate(b for _, b in photos)))
        per_source = -(-max(0, 500 - len(others)) // len(others))
        crops = pool.map(
            distractor_crops, [b for _, b in others], [per_source] * len(others), range(len(others))
        )
        distractors = [b for _, b in others] + [c for batch in crops for c in batch]
    built = {"photos": photos, "edits": edits, "distractors": distractors, "others": others}
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(built))
    return built


def _hash_archive(data: bytes) -> HashedImage:
    return hash_image(data, limits=LIMITS)


def _hash_query(data: bytes) -> QueryHashes:
    return query_hashes(data, limits=LIMITS)


# ---------------------------------------------------------------- evaluation


def words_of(values: list[str | None]) -> np.ndarray:
    """(n, 4) uint64 words; a missing hash becomes the all-ones hash, flagged separately."""
    raw = b"".join(bytes.fromhex(v) if v else b"\xff" * 32 for v in values)
    return np.frombuffer(raw, dtype=np.uint64).reshape(len(values), 4)


def best_distances(
    queries: list[QueryHashes], archive: list[HashedImage], rule: Callable[[str, str], bool]
) -> np.ndarray:
    """(queries x archive) smallest distance over the variant pairs `rule` allows."""
    q_names = sorted({n for q in queries for n, _ in q.hashes})
    a_names = ["whole"] + [n for n, _ in archive[0].variants]
    a_words = {
        n: words_of([dict((("whole", a.pdq), *a.variants))[n] for a in archive]) for n in a_names
    }
    best = np.full((len(queries), len(archive)), 256, dtype=np.int16)
    for u in q_names:
        values = [dict(q.hashes).get(u) for q in queries]
        present = np.array([v is not None for v in values])
        qw = words_of(values)
        for v in a_names:
            if not rule(u, v):
                continue
            dist = np.bitwise_count(qw[:, None, :] ^ a_words[v][None, :, :]).sum(
                axis=2, dtype=np.int16
            )
            dist[~present] = 256
            np.minimum(best, dist, out=best)
    return best


def evaluate(
    dist: np.ndarray, owner: np.ndarray, q_ok: np.ndarray, a_ok: np.ndarray
) -> tuple[int, np.ndarray]:
    """Loosest zero-false-match threshold, and per query whether it matches its original."""
    rows = np.arange(len(owner))
    eligible = q_ok[:, None] & a_ok[None, :]
    other = dist.copy()
    other[rows, owner] = 256
    threshold = int(other[eligible].min()) - 1
    own = dist[rows, owner]
    return threshold, (own <= threshold) & q_ok & a_ok[owner]


def report(
    name: str,
    dist: np.ndarray,
    owner: np.ndarray,
    q_ok: np.ndarray,
    a_ok: np.ndarray,
    per_photo: int,
) -> float:
    threshold, hit = evaluate(dist, owner, q_ok, a_ok)
    other = dist.copy()
    other[np.arange(len(owner)), owner] = 256
    eligible = q_ok[:, None] & a_ok[None, :]
    at31 = ((dist[np.arange(len(owner)), owner] <= 31) & q_ok & a_ok[owner]).mean()
    false31 = int(((other <= 31) & eligible).sum())
    false63 = int(((other <= 63) & eligible).sum())
    print(f"\n{name}: zero-false-match threshold {threshold} bits; overall {hit.mean():.3f}")
    print(
        f"  at the default 31 bits: {at31:.3f} matched, {false31} false;"
        f" at 63 bits: {false63} false pairs"
    )
    by_edit = hit.reshape(-1, per_photo).mean(axis=0)
    for edit, share in zip(EDITS, by_edit, strict=True):
        print(f"  {edit:24s} {share:.3f}")
    return float(hit.mean())


def rotations_only(u: str, v: str) -> bool:
    return u in DIHEDRAL and v == "whole"


def check_through_match(
    archive: list[HashedImage], queries: list[QueryHashes], dist: np.ndarray
) -> None:
    """The public match() must agree with the matrix (same best distance, <= 63 bits)."""
    index = index_archive(archive, backend="numpy")
    for qi in range(0, len(queries), 37):
        found = {m.sha256: m.distance for m in match(queries[qi], index)}
        expect = {archive[ai].sha256: int(d) for ai, d in enumerate(dist[qi]) if d <= 63}
        assert found == expect, (qi, found, expect)


def time_hashing(photos: list[bytes], copies: list[bytes]) -> None:
    for label, fn, items in (("archive", _hash_archive, photos), ("query", _hash_query, copies)):
        start = time.process_time()
        for data in items:
            fn(data)
        per_s = len(items) / (time.process_time() - start)
        print(
            f"hashing, {label} side: {per_s:.1f} images/s per core ({len(items)} images, CPU time)"
        )


def time_search(hashes_per_query: int) -> None:
    import faiss

    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(7)
    values = [rng.bytes(32).hex() for _ in range(1_000_000)]
    keys = [str(i) for i in range(len(values))]
    probes = [rng.bytes(32).hex() for _ in range(hashes_per_query)]
    for backend in ("numpy", "faiss"):
        index = HashIndex(backend)
        index.add(keys, values)
        index.search(probes[:1], 63)
        runs = 20
        start = time.perf_counter()
        for _ in range(runs):
            index.search(probes[:1], 63)
        one = (time.perf_counter() - start) / runs * 1000
        start = time.perf_counter()
        for _ in range(5):
            index.search(probes, 63)
        image = (time.perf_counter() - start) / 5 * 1000
        print(
            f"search, 1,000,000 hashes, one core, {backend}: {one:.1f} ms per hash, "
            f"{image:.0f} ms per image query ({hashes_per_query} hashes)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--photos", action="append", default=[], help="a folder of photos (repeatable)"
    )
    parser.add_argument("--photos-wanted", type=int, default=70)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()
    roots = photo_roots(args.photos)
    built = build_set(roots, args.photos_wanted, args.workers)
    photos = [b for _, b in built["photos"]]
    copies = [c for batch in built["edits"] for c in batch]
    distractors = built["distractors"]
    print(
        f"{date.today()} on {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}"
    )
    print(f"roots: {', '.join(map(str, roots))}")
    print(
        f"{len(photos)} photos x {len(EDITS)} edits = {len(copies)} edited copies; "
        f"{len(distractors)} distractors ({len(built['others'])} other photos + crops of them)"
    )
    with ProcessPoolExecutor(args.workers) as pool:
        archive = list(pool.map(_hash_archive, photos + distractors, chunksize=8))
        queries = list(pool.map(_hash_query, copies, chunksize=8))
    owner = np.repeat(np.arange(len(photos)), len(EDITS))
    q_ok = np.array([q.quality >= 50 for q in queries])
    a_ok = np.array([a.quality >= 50 for a in archive])
    print(
        f"low quality (< 50, never auto-matched): {int((~q_ok).sum())} copies,"
        f" {int((~a_ok).sum())} archived"
    )
    pairs = len(copies) * (len(archive) - 1)
    print(f"non-matching pairs: {pairs:,} (every copy against every other archived image)")
    results = {}
    for name, rule in (
        ("PDQ alone", lambda u, v: u == v == "whole"),
        ("PDQ + rotations", rotations_only),
        ("full method (rotations, crop set, trims)", comparable),
    ):
        dist = best_distances(queries, archive, rule)
        results[name] = report(name, dist, owner, q_ok, a_ok, len(EDITS))
    check_through_match(archive, queries, dist)
    if not args.skip_timing:
        time_hashing(photos[:40], copies[: 40 * len(EDITS) : 4])
        time_search(len(queries[0].hashes))


if __name__ == "__main__":
    main()
