"""What a library knows of each site's template: the chrome fingerprints
(`zhiku.clean.boilerplate`) its pages share, so each page is cleaned of the lines its site repeats.

A line is a site's chrome when at least ``min_docs`` *other* pages of the site carry it (the
``site_chrome_min_docs`` setting). A batch of pages is counted before any of them is cleaned, so
the first pages of a new site are cleaned as well as the last; pages stored by earlier batches
whose known chrome the batch changed are cleaned again (`changed_pages`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageChrome:
    """One page's chrome fingerprints and those of them its site repeats (to remove)."""

    prints: frozenset[str]
    chrome: frozenset[str]


class SiteTemplate:
    """The fingerprints of one site's pages, by document id, and how many pages carry each."""

    def __init__(self, pages: Mapping[str, frozenset[str]] | None = None) -> None:
        self.pages: dict[str, frozenset[str]] = {}
        self.counts: Counter[str] = Counter()
        for doc_id, prints in (pages or {}).items():
            self.note(doc_id, prints)

    def note(self, doc_id: str, prints: frozenset[str]) -> None:
        """Count one page's fingerprints, in place of what was counted for it before."""
        self.counts.subtract(self.pages.get(doc_id, frozenset()))
        self.pages[doc_id] = prints
        self.counts.update(prints)

    def chrome_for(self, doc_id: str, prints: frozenset[str], *, min_docs: int) -> frozenset[str]:
        """Those of a page's `prints` that at least `min_docs` other pages of the site carry.

        >>> site = SiteTemplate({"a": frozenset({"menu", "x"}), "b": frozenset({"menu"})})
        >>> sorted(site.chrome_for("c", frozenset({"menu", "y"}), min_docs=2))
        ['menu']
        >>> sorted(site.chrome_for("a", frozenset({"menu", "x"}), min_docs=2))
        []
        """
        own = self.pages.get(doc_id, frozenset())
        return frozenset(p for p in prints if self.counts[p] - (p in own) >= min_docs)

    def page_chrome(self, doc_id: str, *, min_docs: int) -> PageChrome | None:
        """What cleaning needs to know of a counted page's site chrome; None: not counted."""
        prints = self.pages.get(doc_id)
        if prints is None:
            return None
        return PageChrome(prints, self.chrome_for(doc_id, prints, min_docs=min_docs))

    def known_chrome(self, *, min_docs: int) -> frozenset[str]:
        """Every fingerprint that is chrome for the pages carrying it (on ``min_docs + 1`` pages)."""
        return frozenset(p for p, n in self.counts.items() if n >= min_docs + 1)


def changed_pages(
    before: frozenset[str],
    after: SiteTemplate,
    *,
    min_docs: int,
    applied: Mapping[str, frozenset[str]],
) -> list[str]:
    """Pages of the site whose cleaning is out of date: those stored now with the chrome
    `applied` that differs from what the site repeats now, and older pages carrying a
    fingerprint whose verdict changed from `before` (the site's known chrome then) to now.

    >>> site = SiteTemplate({d: frozenset({"menu"}) for d in "abc"})
    >>> changed_pages(frozenset(), site, min_docs=2, applied={"c": frozenset({"menu"})})
    ['a', 'b']
    >>> changed_pages(frozenset({"menu"}), site, min_docs=2, applied={"c": frozenset()})
    ['c']
    """
    flipped = before ^ after.known_chrome(min_docs=min_docs)
    return [
        doc_id
        for doc_id, prints in after.pages.items()
        if (
            after.chrome_for(doc_id, prints, min_docs=min_docs) != applied[doc_id]
            if doc_id in applied
            else bool(prints & flipped)
        )
    ]
