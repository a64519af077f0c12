"""Files a hostile or careless user hands to `zhiku add`: pipes, BOM-less UTF-16, stray bytes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from zhiku.errors import InputError
from zhiku.sources.files import decode_bytes, read_file

NOTE = "Retrieval notes: 检索增强生成 keeps answers tied to sources.\nSecond line, plain ASCII.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def read() -> None:
        try:
            list(read_file(fifo, max_bytes=1_000_000))
        except InputError as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert len(outcome) == 1
    assert "not a regular file (a named pipe)" in str(outcome[0])
    assert str(fifo) in str(outcome[0])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(codec: str) -> None:
    text, encoding = decode_bytes(NOTE.encode(codec), path="notes.txt")
    assert (text, encoding) == (NOTE, codec)


def test_binary_data_with_nul_bytes_is_still_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(png, path="x.txt")


def test_utf8_with_a_few_stray_bytes_is_decoded_with_replacements() -> None:
    body = ("大语言模型的检索增强生成把答案和来源绑在一起。" * 20).encode("utf-8")
    broken = body[:99] + b"\xff" + body[99:201] + b"\xc3" + body[201:] + b"\x80"
    text, encoding = decode_bytes(broken, path="notes.txt")
    assert text.count("\ufffd") == 3
    assert encoding == "utf-8 (3 invalid byte sequences replaced)"
    assert "检索增强生成" in text


def test_a_latin1_file_is_not_mistaken_for_broken_utf8() -> None:
    text = "Café résumé naïve: a few accents in an English note about retrieval.\n" * 3
    decoded, encoding = decode_bytes(text.encode("cp1252"), path="notes.txt")
    assert "replaced" not in encoding and "\ufffd" not in decoded


def test_add_reports_the_replacement(kb: object, tmp_path: Path) -> None:
    from zhiku.knowledge_base import KnowledgeBase

    assert isinstance(kb, KnowledgeBase)
    note = tmp_path / "note.txt"
    note.write_bytes(("向量检索和关键词检索互相补充，混合检索更稳。" * 30).encode() + b"\xfe\n")
    [result] = kb.add([note])
    assert result.status == "added"
    assert "1 invalid byte sequence replaced" in result.reason
    assert kb.get(result.doc_id or "").encoding == "utf-8 (1 invalid byte sequence replaced)"
