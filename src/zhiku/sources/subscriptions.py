"""Live sources: feeds, sitemaps and pages polled on a schedule (``zhiku sources``).

A run fetches with a conditional GET (the validators of the last response), so an unchanged
feed costs one 304; it fetches only entries the library does not have yet, waits between
requests to one site (politeness), respects robots.txt (the fetcher does), and after a failure
waits twice as long before the next try (up to a week). Fetching touches no library state, so a
server fetches outside its write lock and ingests under it.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from zhiku.errors import InputError
from zhiku.sources.files import RawInput
from zhiku.sources.web.address import normalize_url
from zhiku.sources.web.fetcher import Fetcher, FetchPolicy, Response, page_input
from zhiku.sources.web.listings import feed_links, parse_sitemap
from zhiku.store.records import Subscription

if TYPE_CHECKING:
    from zhiku.knowledge_base import IngestResult, KnowledgeBase

KINDS = ("auto", "feed", "sitemap", "page")
MIN_EVERY_S = 60
MAX_BACKOFF_S = 7 * 24 * 3600
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.I)
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

Ingest = Callable[[Sequence[RawInput | InputError]], list["IngestResult"]]


def parse_interval(text: str) -> int:
    """Seconds in "30m", "6h", "1d", "2w"; at least a minute.

    >>> parse_interval("6h"), parse_interval("90s")
    (21600, 90)
    """
    match = _INTERVAL.match(text)
    if not match:
        raise InputError(f"interval {text!r}: use a number and s, m, h, d or w, e.g. 6h")
    seconds = int(match.group(1)) * _UNIT_S[match.group(2).lower()]
    if seconds < MIN_EVERY_S:
        raise InputError(f"interval {text!r}: at least 1m, sites should not be polled faster")
    return seconds


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def new_subscription(
    url: str, *, every_s: int, kind: str = "auto", allow_private: bool = False, now: datetime
) -> Subscription:
    if kind not in KINDS:
        raise InputError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    if not url.startswith(("http://", "https://")):
        raise InputError(f"not an http(s) URL: {url!r}")
    url = normalize_url(url)
    return Subscription(
        id=hashlib.sha1(url.encode("utf-8")).hexdigest()[:10],
        url=url,
        kind=kind,
        every_s=every_s,
        allow_private=allow_private,
        created_at=_iso(now),
        next_run_at=_iso(now),
    )


def is_due(subscription: Subscription, now: datetime) -> bool:
    return subscription.next_run_at <= _iso(now)


def detect_kind(response: Response) -> str:
    """``feed`` (RSS, Atom, RDF), ``sitemap`` (urlset, sitemapindex) or ``page``."""
    head = response.body[:4096].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "page"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a run fetched: the pages to ingest (or their errors), and the source's new state."""

    subscription: Subscription
    inputs: tuple[RawInput | InputError, ...]
    status: str  # ok | not_modified | error
    error: str = ""


@dataclass(frozen=True, slots=True)
class RunReport:
    subscription: Subscription
    status: str
    results: tuple[IngestResult, ...] = ()
    error: str = ""

    @property
    def added(self) -> int:
        return sum(r.status in ("added", "updated") for r in self.results)


class SourceRunner:
    """Runs subscriptions of one library. `fetcher` builds a `Fetcher` for a policy (tests pass
    one with a fake resolver); `politeness_s` is the pause between two requests to one site."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        fetcher: Callable[[FetchPolicy], Fetcher] = Fetcher,
        politeness_s: float = 1.0,
        max_new_pages: int = 200,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.kb = kb
        self._fetcher = fetcher
        self.politeness_s = politeness_s
        self.max_new_pages = max_new_pages
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}

    def fetch(self, subscription: Subscription) -> Fetched:
        """Fetch what is new at `subscription` (no library writes)."""
        sub = subscription
        headers = {
            k: v
            for k, v in (("If-None-Match", sub.etag), ("If-Modified-Since", sub.last_modified))
            if v
        }
        try:
            with self._fetcher(FetchPolicy(allow_private=sub.allow_private)) as fetcher:
                self._polite(sub.url)
                response = fetcher.get(sub.url, headers=headers)
                sub = replace(
                    sub,
                    etag=response.etag or sub.etag,
                    last_modified=response.last_modified or sub.last_modified,
                )
                if response.not_modified:
                    return Fetched(sub, (), "not_modified")
                kind = sub.kind if sub.kind != "auto" else detect_kind(response)
                sub = replace(sub, kind=kind)
                if kind == "page":
                    return Fetched(sub, (page_input(sub.url, response),), "ok")
                links = self._listed(kind, response, fetcher)
                return Fetched(sub, tuple(self._fetch_new(links, fetcher)), "ok")
        except InputError as error:
            return Fetched(subscription, (), "error", error.reason)

    def _listed(self, kind: str, response: Response, fetcher: Fetcher) -> list[str]:
        if kind == "feed":
            return feed_links(response.body, url=response.url, content_type=response.content_type)
        found = parse_sitemap(response.body, url=response.url, max_bytes=fetcher.policy.max_bytes)
        pages = list(found.pages)
        for child in found.sitemaps:  # an index: its sitemaps, fetched in full
            self._polite(child)
            pages.extend(fetcher.sitemap(child))
        return pages

    def _fetch_new(self, links: list[str], fetcher: Fetcher) -> list[RawInput | InputError]:
        new = [
            u
            for u in dict.fromkeys(normalize_url(link) for link in links)
            if self.kb.store.find_by_origin(u) is None
        ][: self.max_new_pages]
        pages: list[RawInput | InputError] = []
        for url in new:
            self._polite(url)
            try:
                pages.append(fetcher.fetch(url))
            except InputError as error:
                pages.append(error)
        return pages

    def _polite(self, url: str) -> None:
        site = urlsplit(url).netloc
        last = self._last_request.get(site)
        if last is not None:
            wait = self.politeness_s - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[site] = time.monotonic()

    def finish(self, fetched: Fetched, results: Sequence[IngestResult]) -> RunReport:
        """Record the run on the subscription (next run, backoff after a failure) and report it."""
        now = self._clock()
        sub = fetched.subscription
        failed = fetched.status == "error"
        failures = sub.failures + 1 if failed else 0
        wait = min(sub.every_s * 2 ** min(failures, 10), MAX_BACKOFF_S) if failed else sub.every_s
        added = sum(r.status in ("added", "updated") for r in results)
        sub = replace(
            sub,
            last_run_at=_iso(now),
            next_run_at=_iso(now + timedelta(seconds=wait)),
            last_status=fetched.status,
            last_error=fetched.error,
            last_added=added,
            failures=failures,
        )
        self.kb.store.put_subscription(sub)
        return RunReport(sub, fetched.status, tuple(results), fetched.error)

    def run(self, subscription: Subscription, *, ingest: Ingest | None = None) -> RunReport:
        """Fetch, ingest (by default `kb.add_inputs`), record."""
        fetched = self.fetch(subscription)
        results = (ingest or self.kb.add_inputs)(fetched.inputs) if fetched.inputs else []
        return self.finish(fetched, results)

    def run_due(self, *, everything: bool = False, ingest: Ingest | None = None) -> list[RunReport]:
        now = self._clock()
        return [
            self.run(sub, ingest=ingest)
            for sub in self.kb.store.subscriptions()
            if everything or is_due(sub, now)
        ]
