"""Bad input gets one line naming the input and the reason, a non-zero exit when it was
the only input, and leaves nothing behind in the store or the blob folder."""

from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from claimgraph.capture.warc import write_warc_response


def _pdf(*, password: str | None = None) -> bytes:
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(text="Summary of findings: about 600 were killed.")
    return bytes(pdf.output())


def _gzip_bomb(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper
    chunk = b"\0" * (1 << 20)
    out = [comp.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*out, comp.flush()])


def _warc_bomb(size: int) -> bytes:
    buf = io.BytesIO()
    write_warc_response(
        buf, "https://a.example/big", b"<p>" + b"x" * size, "text/html", "2023-03-16T00:00:00Z"
    )
    return buf.getvalue()  # each record is its own gzip member


def _png_bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, format="PNG")  # 144 Mpx, a few KB
    return out.getvalue()


BAD = {
    "empty.txt": (b"", "empty document"),
    "garbage.html": (bytes(range(256)) * 8, "binary"),
    "truncated.pdf": (_pdf()[:400], "PDF"),
    "encrypted.pdf": (_pdf(password="secret"), "encrypted PDF"),
    "bomb.png": (_png_bomb(), "pixels"),
    "bomb.warc.gz": (_warc_bomb(3 << 20), "larger than"),
    "notes.xyz": (b"plain words", "unsupported file type"),
    "broken.jpg": (b"\xff\xd8\xff\xe0" + b"\x13" * 200, "image"),
}


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_SOURCE_BYTES", str(2 << 20))


def _blob_files(home: Path) -> list[Path]:
    return [p for p in (home / "blobs").rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_refused_in_one_line(
    cli, home: Path, tmp_path: Path, name: str, small_limits: None
) -> None:  # type: ignore[no-untyped-def]
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    ran = cli("add", str(path))
    assert ran.code == 1, ran.stderr
    failures = [
        line for line in ran.stderr.splitlines() if line.startswith("claimgraph: ") and name in line
    ]
    assert len(failures) == 1, ran.stderr
    assert reason.lower() in failures[0].lower(), failures[0]
    assert "Traceback" not in ran.stderr
    assert json.loads(cli("verify", "--json").stdout)["blobs_checked"] == 0
    assert _blob_files(home) == []


def test_a_gzip_bomb_body_is_refused(cli, home: Path, tmp_path: Path, small_limits: None) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_gzip_bomb(64 << 20))
    ran = cli("add", str(path))
    assert ran.code == 1
    assert "bomb.warc.gz" in ran.stderr
    assert _blob_files(home) == []


def test_a_folder_goes_on_past_bad_items(
    cli, home: Path, tmp_path: Path, small_limits: None
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text("A statement that is fine.\n", "utf-8")
    (folder / "good.pdf").write_bytes(_pdf())
    ran = cli("add", str(folder), "--json")
    assert ran.code == 3, ran.stderr
    statuses = [json.loads(line)["status"] for line in ran.stdout.splitlines()]
    assert statuses.count("added") == 2
    assert statuses.count("failed") >= len(BAD)
    assert "2 added, 0 known," in ran.stderr
    assert len(_blob_files(home)) == 2


def test_a_broken_warc_record_does_not_stop_the_rest(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parts = []
    for i in range(3):
        buf = io.BytesIO()
        body = f"<html><body><p>Dispatch number {i} from the valley desk.</p></body></html>"
        write_warc_response(
            buf,
            f"https://w.example/{i}",
            body.encode(),
            "text/html",
            "2023-03-16T00:00:00Z",
            gzip=False,
        )
        parts.append(buf.getvalue())
    parts[1] = parts[1].replace(b"WARC/1.", b"XARC/1.", 1)
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(parts))
    ran = cli("add", str(path), "--json")
    assert ran.code == 3, ran.stderr
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    added = [r for r in records if r["status"] == "added"]
    assert len(added) == 2
    assert any(r["status"] == "failed" for r in records)
    shown = json.loads(cli("show", added[0]["source_id"], "--json").stdout)
    assert shown["captures"][0]["method"] == "warc"
    assert shown["url"] == "https://w.example/0"


def test_paths_outside_the_allowed_roots_are_refused(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Not for this ledger.\n", "utf-8")
    (inside / "link.txt").symlink_to(outside / "secret.txt")
    monkeypatch.setenv("CLAIMGRAPH_ALLOWED_ROOTS", str(inside))
    ran = cli("add", str(outside / "secret.txt"))
    assert ran.code == 1
    assert "outside the allowed roots" in ran.stderr
    ran = cli("add", str(inside))
    assert ran.code == 1
    assert "link.txt: path is outside the allowed roots" in ran.stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://2130706433/",
        "http://[::1]/",
        "http://169.254.169.254/latest",
        "ftp://files.example/x",
    ],
)
def test_private_or_odd_urls_are_refused(cli, url: str) -> None:  # type: ignore[no-untyped-def]
    ran = cli("add", url)
    assert ran.code == 1
    lines = [line for line in ran.stderr.splitlines() if url in line]
    assert len(lines) == 1 and "Traceback" not in ran.stderr, ran.stderr
