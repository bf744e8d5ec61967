"""Generate the binary files of the Veskaro demo case.

Usage: python demo/generate.py OUTDIR

Writes into OUTDIR, byte-for-byte identically on every run:

- the hand-written documents of demo/case/ (copied, unless OUTDIR is that folder);
- images/tolvek-earthquake-2011.jpg: the original archive photo of an earthquake (2011);
- images/ut-veskaro-market.jpg: the same photo cropped, resized and re-compressed, as
  re-used by Ulthara Today on day 4 with a false caption;
- images/veskaro-trucks-2023-03-18.jpg: the genuine photo from the event (day 5);
- inquiry-day183-summary-report.pdf: the Commission of Inquiry's summary report.

Every scene and every word is invented; nothing is copied from anywhere.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter

CASE_DIR = Path(__file__).resolve().parent / "case"
PDF_NAME = "inquiry-day183-summary-report.pdf"
ORIGINAL_PHOTO = "images/tolvek-earthquake-2011.jpg"
REUSED_PHOTO = "images/ut-veskaro-market.jpg"
EVENT_PHOTO = "images/veskaro-trucks-2023-03-18.jpg"

RGB = tuple[int, int, int]


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical colour gradient, the sky or dust behind a scene."""
    height = size[1]
    strip = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        strip.putpixel((0, y), colour)
    return strip.resize(size)


def _add_noise(image: Image.Image, rng: random.Random, amount: int) -> Image.Image:
    """Sensor-like grain from a seeded generator, so the bytes never change."""
    noise = Image.new("L", image.size)
    noise.putdata([rng.randrange(256) for _ in range(image.size[0] * image.size[1])])
    grain = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(image, grain, amount / 255)


def _exif(date_taken: str, artist: str) -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x0132] = date_taken  # DateTime
    exif.get_ifd(0x8769)[0x9003] = date_taken  # DateTimeOriginal
    return exif


def earthquake_photo() -> Image.Image:
    """Tolvek, 2011: a collapsed house front under a dusty sky, rubble in the foreground."""
    rng = random.Random(2011)
    image = _gradient((1024, 768), (196, 184, 160), (122, 110, 96))
    draw = ImageDraw.Draw(image)
    draw.polygon([(80, 520), (260, 210), (430, 300), (470, 560)], fill=(150, 92, 70))
    draw.polygon([(430, 300), (560, 250), (700, 420), (690, 580), (470, 560)], fill=(110, 70, 58))
    draw.rectangle((720, 180, 960, 600), fill=(168, 160, 150))
    for row in range(4):
        for col in range(3):
            x, y = 745 + col * 75, 210 + row * 95
            draw.rectangle((x, y, x + 45, y + 60), fill=(40, 44, 52))
    draw.line([(700, 180), (980, 610)], fill=(60, 55, 50), width=9)
    for _ in range(260):
        x, y, r = rng.randrange(0, 1024), rng.randrange(540, 768), rng.randrange(6, 34)
        shade = rng.randrange(70, 170)
        draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=(shade, shade - 12, shade - 24))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return _add_noise(image, rng, 18)


def reused_copy(original: Image.Image) -> Image.Image:
    """The copy Ulthara Today ran: cropped about 3 % per side and scaled down."""
    width, height = original.size
    box = (width * 3 // 100, height * 3 // 100, width * 98 // 100, height * 97 // 100)
    cropped = original.crop(box)
    new_size = (800, round(800 * cropped.size[1] / cropped.size[0]))
    return cropped.resize(new_size, Image.Resampling.LANCZOS)


def event_photo() -> Image.Image:
    """Veskaro, 18 March 2023: two covered lorries parked by a market wall at dusk."""
    rng = random.Random(20230318)
    image = _gradient((1200, 800), (86, 104, 138), (200, 170, 140))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(92, 88, 84))
    draw.rectangle((0, 300, 1200, 560), fill=(176, 150, 120))
    for x in range(30, 1200, 140):
        draw.rectangle((x, 340, x + 80, 470), fill=(60, 50, 46))
    for left in (140, 640):
        draw.rectangle((left, 420, left + 300, 640), fill=(70, 96, 74))
        draw.rectangle((left + 300, 490, left + 410, 640), fill=(58, 70, 60))
        draw.rectangle((left + 320, 505, left + 390, 560), fill=(150, 180, 200))
        for wheel in (left + 60, left + 240, left + 350):
            draw.ellipse((wheel - 38, 610, wheel + 38, 686), fill=(24, 24, 26))
    for _ in range(40):
        x, y = rng.randrange(0, 1200), rng.randrange(660, 790)
        draw.ellipse((x - 14, y - 5, x + 14, y + 5), fill=(60, 56, 52))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    return _add_noise(image, rng, 14)


def write_images(outdir: Path) -> None:
    (outdir / "images").mkdir(parents=True, exist_ok=True)
    original = earthquake_photo()
    original.save(
        outdir / ORIGINAL_PHOTO,
        "JPEG",
        quality=92,
        exif=_exif("2011:06:07 16:42:10", "Aurel Kinnet / The Tolvek Courier"),
    )
    with Image.open(outdir / ORIGINAL_PHOTO) as published:
        reused_copy(published.convert("RGB")).save(outdir / REUSED_PHOTO, "JPEG", quality=68)
    event_photo().save(
        outdir / EVENT_PHOTO,
        "JPEG",
        quality=90,
        exif=_exif("2023:03:18 18:05:33", "Mara Quellin / Verrin Gazette"),
    )


REPORT_TITLE = "Commission of Inquiry into the Events at Veskaro"
REPORT_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "1. Mandate and method",
        [
            "The Commission was established on 3 April 2023 by the Standing Council of the "
            "Ulthara Accord, at the request of both the Government of the Republic of Tarrova "
            "and the Ulthara Freedom Movement, to establish the facts of the events at the "
            "Veskaro covered market on 14 March 2023.",
            "Between April and August 2023 the Commission heard 214 witnesses, examined the "
            "records of three hospitals and the civil registry of Veskaro, and carried out "
            "four site visits. This summary sets out its main findings; the full report runs "
            "to 186 pages and is cited below by page.",
        ],
    ),
    (
        "2. Number of people killed and wounded",
        [
            "On the evidence available, the Commission finds that about 600 people were "
            "killed in Veskaro on 14 March 2023 or died of their wounds within 30 days, and "
            "that more than 900 people were wounded (full report, page 41).",
            "The Commission was able to identify 548 of the dead by name. The remainder are "
            "known from hospital records and from the accounts of families who buried them "
            "without registration. The figures published in the first days after the events "
            "varied widely; the Commission has not attempted to reconcile them.",
        ],
    ),
    (
        "3. The two trucks photographed on 18 March",
        [
            "Photographs published on 18 March 2023 showed two trucks parked by the market "
            "wall. The Commission's investigators examined both vehicles and the records of "
            "the municipal morgue. They found that the trucks had carried the remains of 7 "
            "people, who were buried on 19 March (full report, page 77).",
        ],
    ),
    (
        "4. Responsibility",
        [
            "The shells that struck the market between 10:05 and 10:40 that morning were "
            "fired from the west-north-west, the direction of positions then held by the "
            "366th Mountain Regiment of the Tarrovan Army, about 12 kilometres from the town "
            "(full report, page 102).",
            "The Commission also finds that armed members of the Ulthara Freedom Movement "
            "were present within 400 metres of the market on the morning of 14 March, "
            "contrary to the Movement's Communiqué No. 41 of 15 March 2023 (full report, "
            "page 118).",
        ],
    ),
    (
        "5. Recommendations",
        [
            "The Commission recommends that the civil registry of Veskaro complete the list "
            "of the dead, that both parties open their records of the operation to the "
            "Commission, and that the families of the dead receive the compensation fund of "
            "$2 million announced on 19 March 2023 without regard to affiliation.",
        ],
    ),
]


def write_report(outdir: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2023, 9, 12, 9, 0, 0, tzinfo=UTC))
    pdf.set_title(f"{REPORT_TITLE}: Summary Report")
    pdf.set_author("Commission of Inquiry into the Events at Veskaro")
    pdf.set_subject("Summary of findings, published 12 September 2023")
    pdf.set_creator("Commission secretariat")
    pdf.set_producer("Commission secretariat")
    pdf.set_margins(22, 22, 22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, REPORT_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, "Summary Report", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, "Published: 12 September 2023", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, "Chair: Judge Orla Maskeline", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for heading, paragraphs in REPORT_SECTIONS:
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.ln(3)
    pdf.output(str(outdir / PDF_NAME))


def copy_case(outdir: Path) -> None:
    if outdir.resolve() == CASE_DIR:
        return
    for path in sorted(CASE_DIR.iterdir()):
        if path.is_file():
            shutil.copyfile(path, outdir / path.name)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python demo/generate.py OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    copy_case(outdir)
    write_images(outdir)
    write_report(outdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
