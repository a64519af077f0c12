from pathlib import Path

import pytest

from zhiku.errors import InputError
from zhiku.sources.files import RawInput, decode_bytes, iter_files, read_file

MB = 1_000_000


def test_decodes_gbk_big5_utf16_and_bom() -> None:
    text = "大型语言模型正在改变软件开发的方式，工程师们需要学习新的技能。" * 3
    hant = "大型語言模型正在改變軟體開發的方式，工程師們需要學習新的技能。" * 3
    assert decode_bytes(text.encode("gbk"), path="a")[0] == text
    assert decode_bytes(hant.encode("big5"), path="a")[0] == hant
    assert decode_bytes(text.encode("utf-16"), path="a") == (text, "utf-16")
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode(), path="a") == (text, "utf-8-sig")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ],
)
def test_unusable_bytes_name_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=f"^notes/x.txt: {message}"):
        decode_bytes(data, path="notes/x.txt")


def test_missing_path_and_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_files(tmp_path / "nope"))
    odd = tmp_path / "image.png"
    odd.write_bytes(b"x")
    with pytest.raises(InputError, match=r"unsupported file type '.png'"):
        list(read_file(odd, max_bytes=MB))


def test_oversized_file_names_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("a" * 2000)
    with pytest.raises(InputError, match=r"over the 0 MB limit.*max_file_bytes"):
        list(read_file(big, max_bytes=1000))


def test_folders_are_walked_for_supported_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("y")
    (tmp_path / "c.pptx").write_text("z")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("w")
    assert [p.name for p in iter_files(tmp_path)] == ["a.txt", "b.md"]


def test_jsonl_lines_become_inputs_and_bad_lines_errors(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text(
        '{"url": "https://e.org/1", "title": "One", "text": "Body one.", "date": "2024-01-01"}\n'
        "\n"
        '{"title": "broken", \n'
        '{"url": "https://e.org/3"}\n'
        '["not", "an", "object"]\n'
        '{"text": "Body four.", "source": 5}\n'
        '{"text": "Body five."}\n',
        encoding="utf-8",
    )
    items = list(read_file(f, max_bytes=MB))
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [g.origin for g in good] == ["https://e.org/1", f"{f}#L7"]
    assert good[0].title == "One" and good[0].published == "2024-01-01"
    assert [(b.line, b.reason.split(" (")[0]) for b in bad] == [
        (3, "malformed JSON"),
        (4, "missing or empty 'text' field"),
        (5, "expected a JSON object with 'text'"),
        (6, "field 'source' must be a string"),
    ]
    assert str(bad[0]).startswith(f"{f}:3: malformed JSON")


def test_an_unpaired_surrogate_escape_fails_its_line_alone(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    f.write_text(
        '{"text": "half of a pair \\ud83d here"}\n'
        '{"text": "fine", "title": "bad \\udc00 title"}\n'
        '{"text": "a whole pair \\ud83d\\ude00 is an emoji"}\n',
        encoding="utf-8",
    )
    items = list(read_file(f, max_bytes=MB))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "RawInput"]
    assert str(items[0]) == (
        f"{f}:1: field 'text' has an unpaired surrogate \\ud83d at character 15: "
        "not a valid Unicode character"
    )
    assert "field 'title'" in str(items[1])
    assert "\U0001f600" in items[2].text  # type: ignore[union-attr]


def test_a_library_skips_the_bad_line_and_keeps_the_rest(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "crawl.jsonl"
    body = (
        "检索增强生成先从知识库里找到相关段落，再让模型只根据这些段落回答，每句话都标明出处。" * 2
    )
    f.write_text(f'{{"text": "broken \\ud800"}}\n{{"text": "{body}"}}\n', encoding="utf-8")
    statuses = [r.status for r in kb.add([f])]
    assert sorted(statuses) == ["added", "failed"]
    assert len(kb.store.document_ids()) == 1


def test_read_bytes_of_an_upload() -> None:
    from zhiku.sources.files import read_bytes

    (item,) = read_bytes("# 标题\n\n正文。".encode("gbk"), name="upload:notes.md", max_bytes=MB)
    assert isinstance(item, RawInput)
    assert (item.origin, item.kind, item.text) == (
        "upload:notes.md",
        "markdown",
        "# 标题\n\n正文。",
    )
    with pytest.raises(InputError, match=r"upload:x.pptx: unsupported file type '.pptx'"):
        list(read_bytes(b"%PDF", name="upload:x.pptx", max_bytes=MB))
    with pytest.raises(InputError, match="over the 0 MB limit"):
        list(read_bytes(b"x" * 2000, name="a.txt", max_bytes=1000))


def test_mojibake_is_reported_not_indexed() -> None:
    broken = "大语言模型正在改变软件开发的方式。".encode().decode("cp1252", errors="replace")
    with pytest.raises(InputError, match=r"notes.txt: the text looks double-encoded"):
        decode_bytes(broken.encode("utf-8"), path="notes.txt")
    # real accented text is not mojibake
    text = "Café au lait, naïve résumé, Ångström — Zürich."
    assert decode_bytes(text.encode("utf-8"), path="ok.txt") == (text, "utf-8")


def test_a_deeply_nested_jsonl_line_fails_alone(tmp_path: Path) -> None:
    f = tmp_path / "deep.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    f.write_text(f'{{"text": "First line body."}}\n{deep}\n{{"text": "Third line body."}}\n')
    items = list(read_file(f, max_bytes=10 * MB))
    assert [type(i).__name__ for i in items] == ["RawInput", "InputError", "RawInput"]
    error = items[1]
    assert isinstance(error, InputError) and error.line == 2
    assert "nested too deeply" in error.reason


def test_a_nul_byte_line_spoils_only_its_own_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(
        b'{"text": "Good line one."}\n\x00\x01\x02binary junk\n'
        b'{"text": "Good line three."}\n\xff\xfe{"text": "x"}\n'
    )
    items = list(read_file(f, max_bytes=MB))
    kept = [i.text for i in items if isinstance(i, RawInput)]
    errors = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert kept == ["Good line one.", "Good line three."]
    assert "NUL byte" in errors[2] and "UTF-8" in errors[4]
