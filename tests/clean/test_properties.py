"""Properties that hold for any input: no crash, nothing invented, stable under re-cleaning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.clean import chrome_fingerprints, clean_plain_text
from zhiku.clean.pipeline import split_lines
from zhiku.clean.watermark import strip_watermark

# Lines built from pieces that trigger the rules, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "首页 > 新闻 > 科技",
        "登录 | 注册",
        "阅读 1.2万",
        "作者：某人",
        "来源：某报",
        "2023-07-01 15:25",
        "Copyright © 2024",
        "本站文章仅供参考，如有侵权请联系删除。",
        "Share this",
        "相关推荐",
        "https://github.com/a/b",
        "...",
        "…",
        "XY网",
        "。",
        "，",
        "这是正文的一句话，写得足够长以便成为正文。",
        "An ordinary English sentence that reads like article prose.",
        "",
        " ",
        "\u3000",
        "#",
        "|",
    ]
)
LINE = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=4).map("".join))
PAGE = st.lists(LINE, max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(PAGE)
def test_never_crashes_and_invents_nothing(page: str) -> None:
    cleaned = clean_plain_text(page)
    marks = {r.text for r in cleaned.removed if r.step == "watermark"}
    originals = split_lines(page)
    for paragraph in filter(None, cleaned.text.split("\n\n")):
        assert any(_from_line(paragraph, line, marks) for line in originals)


def _from_line(paragraph: str, line: str, marks: set[str]) -> bool:
    # A watermark is cut only where a boundary touches it, as the cleaner does.
    for mark in sorted(marks, key=len, reverse=True):
        line = strip_watermark(line, mark)
    return paragraph in line or paragraph.replace(" ", "") in line.replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(PAGE)
def test_cleaning_is_idempotent_on_the_body(page: str) -> None:
    once = clean_plain_text(page).text
    twice = clean_plain_text(once).text
    # A second pass may only remove more (a title-like first line, or a token that ends every
    # line once the lines around it are gone); it never adds: each of its paragraphs is part of
    # one of the first pass's.
    first = [p for p in once.split("\n\n") if p]
    assert all(any(p in q for q in first) for p in twice.split("\n\n") if p)


@settings(max_examples=100, deadline=None)
@given(PAGE)
def test_fingerprints_never_crash_and_are_strings(page: str) -> None:
    assert all(isinstance(fp, str) and fp[:2] in {"l:", "w:"} for fp in chrome_fingerprints(page))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=3000))
def test_arbitrary_unicode(page: str) -> None:
    cleaned = clean_plain_text(page)
    assert isinstance(cleaned.text, str)
    assert "\n\n\n" not in cleaned.text
