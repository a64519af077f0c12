"""HTML pages: trafilatura finds the main content and the metadata, then the text steps run.

trafilatura removes the page's menus and sidebars from the DOM, but what a site writes *inside*
its article container (watermarks, info bars, reprint notices, recommendation cards) survives
extraction, so its text goes through the same line steps as a plain-text crawl.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import trafilatura

from zhiku.clean.feeds import read_feed
from zhiku.clean.pipeline import clean_page_lines, clean_plain_text, read_page
from zhiku.clean.records import CleanText
from zhiku.errors import InputError


def extract_main_content(html: str, *, url: str | None = None, thorough: bool = True) -> Any:
    """trafilatura's ``Document`` for ``html`` (``None`` when it finds no content).

    `thorough=False` skips trafilatura's fallback extractors (justext, readability), whose
    cost grows with the square of the page's paragraphs: `zhiku.clean.bounds` decides."""
    if not html.strip():
        return None
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            fast=not thorough,
        )
    except Exception as exc:  # trafilatura and lxml raise many unrelated types
        raise InputError(
            f"could not extract the article from the HTML ({type(exc).__name__}: {exc}); "
            "check that the file is an HTML page",
            path=url,
        ) from exc


def clean_html(
    html: str,
    *,
    url: str | None = None,
    site_chrome: frozenset[str] = frozenset(),
    thorough: bool = True,
) -> CleanText:
    """Clean one HTML page: main content by trafilatura, then the plain-text steps.

    Metadata stated in the HTML (``<title>``, meta tags, JSON-LD) wins over what the text says;
    the text fills the gaps. Truncated or broken HTML yields whatever can be extracted; a page
    without main content yields ``text == ""``. A feed saved as HTML is read as a feed.
    """
    if read_feed(html) is not None:
        return replace(clean_plain_text(html, site_chrome=site_chrome), url=url)
    document = extract_main_content(html, url=url, thorough=thorough)
    if document is None:
        return CleanText(text="", url=url)
    title = _field(document, "title")
    cleaned = clean_page_lines(
        read_page(_field(document, "text") or "", site_chrome=site_chrome), title_hint=title
    )
    return CleanText(
        text=cleaned.text,
        title=title or cleaned.title,
        author=_field(document, "author") or cleaned.author,
        published=_field(document, "date") or cleaned.published,
        source=_field(document, "sitename") or cleaned.source,
        url=_field(document, "url") or url or cleaned.url,
        links=cleaned.links,
        removed=cleaned.removed,
        translator=cleaned.translator,
        editor=cleaned.editor,
    )


def _field(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
