"""Hypothesis over every reader: whatever the bytes, a reader returns inputs or raises
`InputError` (a reason for the user), never another exception (issue 16, "Keep the proof").

Bounded (``max_examples``) so the suite stays fast; the strategies lean on what broke before:
deep nesting, NUL bytes, stray bytes in UTF-8, byte-order marks, lone surrogates, tag soup.
"""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from zhiku.errors import InputError
from zhiku.ingest import prepare
from zhiku.sources.files import RawInput, read_bytes
from zhiku.sources.web.content import decode_body, kind_of
from zhiku.sources.web.listings import feed_links, parse_sitemap

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MB = 1_000_000

text_pieces = st.sampled_from(
    [
        "大模型",
        "檢索增強生成",
        "RAG",
        "\x00",
        "\ufeff",
        "\u202e",
        "<",
        ">",
        "&amp;",
        "<script>",
        "</div>",
        "<p>",
        "\n",
        "\r\n",
        "。",
        "Attention is all you need. ",
        "{",
        "}",
        "[",
        "]",
        '"',
        "\\u0000",
        "\\ud800",
        "é",
        "\x1b[2J",
        "http://127.0.0.1/",
        "🙂",
    ]
)
hostile_text = st.lists(st.one_of(text_pieces, st.text(max_size=20)), max_size=60).map("".join)
encodings = st.sampled_from(
    ["utf-8", "utf-16", "utf-16-le", "gb18030", "big5", "utf-8-sig", "latin-1"]
)


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    text = draw(hostile_text)
    encoding = draw(encodings)
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # splice in arbitrary bytes
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=12)) + data[at:]
    return data


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["record", "nested", "junk", "bytes"]))
        if kind == "record":
            record = {
                "text": draw(hostile_text),
                "title": draw(st.one_of(st.none(), hostile_text, st.integers())),
            }
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode())
        elif kind == "nested":
            depth = draw(st.integers(1, 60_000))
            lines.append(b'{"text": ' + b"[" * depth + b"]" * depth + b"}")
        elif kind == "junk":
            lines.append(draw(hostile_text).encode("utf-8", errors="surrogatepass"))
        else:
            lines.append(draw(st.binary(max_size=40)).replace(b"\n", b""))
    return b"\n".join(lines)


def _read_all(data: bytes, name: str) -> list[RawInput | InputError]:
    try:
        return list(read_bytes(data, name=name, max_bytes=MB))
    except InputError as error:
        return [error]


@FUZZ
@given(data=encoded(), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_text_markdown_and_html_files_read_or_fail_with_a_reason(data: bytes, suffix: str) -> None:
    for item in _read_all(data, f"fuzz{suffix}"):
        if isinstance(item, RawInput):
            with contextlib.suppress(InputError):
                prepare(item, max_chars=400, overlap=40, clean=True, site_chrome=frozenset())


@FUZZ
@given(data=jsonl_files())
def test_every_jsonl_line_reads_or_fails_alone(data: bytes) -> None:
    items = _read_all(data, "fuzz.jsonl")
    assert all(isinstance(i, (RawInput, InputError)) for i in items)
    assert sum(isinstance(i, RawInput) for i in items) <= len(data.splitlines())


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    items = "".join(
        f"<item><title>{draw(hostile_text)}</title><link>{draw(st.one_of(hostile_text, st.just('https://example.org/a')))}</link></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    body = draw(
        st.sampled_from(
            [
                f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>',
                f'<feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>',
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{draw(hostile_text)}</loc></url></urlset>',
                f"<sitemapindex><sitemap><loc>{draw(hostile_text)}</loc></sitemap></sitemapindex>",
                draw(hostile_text),
            ]
        )
    )
    return body.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(data=st.one_of(feeds(), st.binary(max_size=200)))
def test_feeds_and_sitemaps_parse_or_fail_with_a_reason(data: bytes) -> None:
    url = "https://example.org/feed"
    for parse in (
        lambda: feed_links(data, url=url, content_type="application/rss+xml"),
        lambda: parse_sitemap(data, url=url, max_bytes=MB),
    ):
        with contextlib.suppress(InputError):
            parse()


@FUZZ
@given(
    body=encoded(),
    media=st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", ""]),
    charset=st.one_of(st.none(), encodings, st.text(max_size=10)),
)
@example(body="<p>页</p>".encode(), media="text/html", charset="\x00")  # codecs: ValueError
def test_fetched_bodies_decode_or_fail_with_a_reason(
    body: bytes, media: str, charset: str | None
) -> None:
    url = "https://example.org/page"
    try:
        kind = kind_of(media, body, url=url)
        decode_body(body, charset, kind=kind, url=url)
    except InputError:
        pass
