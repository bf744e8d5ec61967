"""The optional learned descriptor, with a tiny ONNX model made here (the real SSCD
model is a user's file, never downloaded): same-scene matches, stored vectors, clear
errors for a bad model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from claimgraph.errors import InvalidInput, Unavailable
from claimgraph.parse.descriptor import Describer, decode, encode

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


def _tiny_model(path: Path, *, input_type: int = 2) -> Path:
    """uint8 NHWC image -> 8x8x3 block means, centred: a crude thumbnail descriptor
    with SSCD's input and output contract."""
    h = onnx.helper
    tp = onnx.TensorProto
    nodes = [
        h.make_node("Cast", ["image"], ["f"], to=tp.FLOAT),
        h.make_node("Transpose", ["f"], ["nchw"], perm=[0, 3, 1, 2]),
        h.make_node("AveragePool", ["nchw"], ["pooled"], kernel_shape=[40, 40], strides=[40, 40]),
        h.make_node("Flatten", ["pooled"], ["flat"], axis=1),
        h.make_node("ReduceMean", ["flat"], ["mean"], axes=[1], keepdims=1),
        h.make_node("Sub", ["flat", "mean"], ["embedding"]),
    ]
    graph = h.make_graph(
        nodes,
        "tiny",
        [h.make_tensor_value_info("image", input_type, ["batch", "height", "width", 3])],
        [h.make_tensor_value_info("embedding", tp.FLOAT, ["batch", 192])],
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    onnx.save(model, path)
    return path


def _scene(seed: int, size: tuple[int, int] = (480, 360)) -> Image.Image:
    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
    return Image.fromarray(blocks).resize(size, Image.Resampling.BICUBIC)


def test_vectors_are_unit_and_survive_storage(tmp_path: Path) -> None:
    describer = Describer(_tiny_model(tmp_path / "m.onnx"))
    a = np.asarray(_scene(1))
    b = np.asarray(_scene(1).resize((240, 180)))
    c = np.asarray(_scene(2))
    vectors = describer.describe([a, b, c])
    assert vectors.shape == (3, 192)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > 0.98  # resized: the same scene
    assert vectors[0] @ vectors[2] < 0.5  # another scene
    back = decode(encode(vectors[0]))
    assert abs(float(back @ vectors[0]) - 1.0) < 2e-3
    assert describer.method.startswith("onnx:") and describer.method.endswith("/320")


def test_a_bad_model_is_one_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model at all")
    with pytest.raises(InvalidInput, match="not an ONNX model"):
        Describer(junk)
    with pytest.raises(InvalidInput, match="cannot read the model"):
        Describer(tmp_path / "missing.onnx")
    floats = _tiny_model(tmp_path / "floats.onnx", input_type=onnx.TensorProto.FLOAT)
    with pytest.raises(InvalidInput, match="uint8"):
        Describer(floats)


def test_without_onnxruntime_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "onnxruntime", None)
    with pytest.raises(Unavailable, match=r"claimgraph\[sscd\]"):
        Describer(tmp_path / "m.onnx")


def test_same_scene_found_where_pdq_is_unsure(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A heavily blurred, darkened copy: PDQ cannot call it the same image, the
    descriptor calls it the same scene, with the archive's date."""
    monkeypatch.setenv("CLAIMGRAPH_DESCRIPTOR_MODEL", str(_tiny_model(tmp_path / "m.onnx")))
    folder = tmp_path / "old"
    folder.mkdir()
    _scene(7).save(folder / "river.jpg", quality=92)
    for seed in range(20, 26):
        _scene(seed).save(folder / f"other-{seed}.jpg", quality=92)
    assert cli("init").code == 0
    ran = cli("archive-import", str(folder), "--source-name", "Old Archive",
              "--date", "2015-04-02")  # fmt: skip
    assert ran.code == 0, ran.stderr
    query = tmp_path / "blurred.jpg"
    _scene(7).filter(ImageFilter.GaussianBlur(12)).point(lambda v: v * 0.6).save(query)
    ran = cli("image-match", str(query), "--json")
    assert ran.code == 0, ran.stderr
    rows = [json.loads(line) for line in ran.stdout.splitlines()]
    scenes = [r for r in rows if r["verdict"] == "same scene"]
    assert len(scenes) == 1, rows
    assert scenes[0]["first_seen"]["date"] == "2015-04-02"
    assert scenes[0]["first_seen"]["where"] == "Old Archive"
    assert scenes[0]["similarity"] >= 0.75
    assert not any(r["verdict"] == "same image" for r in rows)
    text = cli("image-match", str(query)).stdout
    assert "same scene (similarity" in text and "2015-04-02 in Old Archive" in text
    # vectors are made once per image and model, and audited
    again = cli("image-match", str(query), "--json")
    assert again.stdout == ran.stdout
    rows = [json.loads(line) for line in cli("export").stdout.splitlines()]
    tables = [r for r in rows if r["type"] == "row"]
    described = [r for r in tables if r["table"] == "image_descriptors"]
    assert len(described) == 7  # every archived image, once
    audit = [r["row"]["action"] for r in tables if r["table"] == "audit_log"]
    assert audit.count("image.describe") == 1
    # once stored in a case, the listing names the scene's earliest appearance
    assert cli("add", str(query), "--case", "flood").code == 0
    listed = [json.loads(x) for x in cli("images", "--case", "flood", "--json").stdout.splitlines()]
    assert [s["verdict"] for s in listed[0]["scenes"]] == ["same scene"]
    assert listed[0]["scene_first_seen"]["date"] == "2015-04-02"
    assert "same scene" in cli("images", "--case", "flood").stdout


def test_without_a_model_nothing_changes(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CLAIMGRAPH_DESCRIPTOR_MODEL", raising=False)
    folder = tmp_path / "old"
    folder.mkdir()
    _scene(7).save(folder / "river.jpg", quality=92)
    cli("init")
    cli("archive-import", str(folder), "--source-name", "Old Archive", "--date", "2015-04-02")
    query = tmp_path / "blurred.jpg"
    _scene(7).filter(ImageFilter.GaussianBlur(12)).point(lambda v: v * 0.6).save(query)
    rows = [json.loads(x) for x in cli("image-match", str(query), "--json").stdout.splitlines()]
    assert not any(r["verdict"] == "same scene" for r in rows)


def test_a_bad_model_path_fails_the_command_with_one_line(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00" * 64)
    monkeypatch.setenv("CLAIMGRAPH_DESCRIPTOR_MODEL", str(junk))
    _scene(1).save(tmp_path / "q.jpg")
    cli("init")
    ran = cli("image-match", str(tmp_path / "q.jpg"))
    assert ran.code != 0
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and "not an ONNX model" in lines[0] and "Traceback" not in ran.stderr
