"""HTML pages: trafilatura extraction, metadata from the markup, then the text steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhiku.clean import clean_html
from zhiku.errors import InputError

PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "crawled" / "blog_page.html").read_text(
    encoding="utf-8"
)


def test_main_content_and_metadata() -> None:
    cleaned = clean_html(PAGE)
    assert "re-embeds the same documents twice" in cleaned.text
    assert "three percent of documents" in cleaned.text
    for chrome in (
        "Sign in",
        "Popular posts",
        "All rights reserved",
        "We use cookies",
        "Share this",
    ):
        assert chrome not in cleaned.text
    assert cleaned.title == "Caching embeddings without losing your mind"
    assert cleaned.author == "Priya Raman"
    assert cleaned.published == "2024-05-14"
    assert cleaned.source == "Example Engineering"
    assert cleaned.url == "https://eng.example.com/posts/caching-embeddings"


def test_url_argument_is_used_when_the_page_has_none() -> None:
    html = PAGE.replace(
        '<link rel="canonical" href="https://eng.example.com/posts/caching-embeddings">', ""
    )
    assert (
        clean_html(html, url="https://mirror.example.org/a").url == "https://mirror.example.org/a"
    )


@pytest.mark.parametrize("cut", [200, 900, 1600, 2200])
def test_truncated_html_does_not_crash(cut: int) -> None:
    cleaned = clean_html(PAGE[:cut])
    assert isinstance(cleaned.text, str)


@pytest.mark.parametrize("html", ["", "   ", "<html>", "<<<>>>", "\x00\x01binary", "<p>tiny</p>"])
def test_broken_or_empty_html(html: str) -> None:
    assert clean_html(html).text == ""


def test_third_party_errors_become_input_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("parser exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    with pytest.raises(InputError, match="parser exploded"):
        clean_html(PAGE, url="https://example.com/x")
