"""Teasers cut short with '...' and repeated paragraphs."""

from __future__ import annotations

from zhiku.clean import clean_plain_text
from zhiku.clean.teaser import find_repeats

FULL = "The new tokenizer splits Chinese text into shorter pieces, which raises throughput on mixed-language corpora."


def test_teaser_with_ascii_ellipsis() -> None:
    assert find_repeats(["The new tokenizer splits Chinese text into...", FULL]) == {
        0: ("teaser", "opening of paragraph 2 cut short")
    }


def test_teaser_with_unicode_ellipsis_and_stray_quote() -> None:
    teaser = "新的分词器会把中文切得更细，在中英混合语料上吞吐更高'…"
    full = "新的分词器会把中文切得更细，在中英混合语料上吞吐更高，但词表也随之变大。"
    assert 0 in find_repeats([teaser, full])


def test_exact_duplicates_are_kept_once() -> None:
    found = find_repeats([FULL, "Something else entirely, long enough.", FULL + " "])
    assert found == {2: ("duplicate", "repeats paragraph 1")}


def test_short_repeated_lines_are_left_alone() -> None:
    assert find_repeats(["小结", "正文", "小结"]) == {}


def test_clean_keeps_the_full_paragraph() -> None:
    cleaned = clean_plain_text(
        f"{FULL[:40]}...\n\n{FULL}\n\nA second paragraph that closes the short article."
    )
    assert cleaned.text.split("\n\n")[0] == FULL
    assert [r.step for r in cleaned.removed] == ["teaser"]
