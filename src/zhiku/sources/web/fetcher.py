"""URLs -> raw inputs over HTTP: timeouts, size limit, checked redirects, retries, robots.txt.

`Fetcher` holds one ``httpx.Client``, the `FetchPolicy` and a per-host robots.txt cache::

    with Fetcher(FetchPolicy()) as fetcher:
        for item in fetcher.fetch_all(fetcher.feed("https://example.com/feed.xml")):
            ...  # a RawInput, or the InputError of one URL

Every failure is an `InputError` whose path is the URL: ``https://x/y: HTTP 404 Not Found``.
"""

from __future__ import annotations

import contextlib
import http
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from zhiku.errors import InputError
from zhiku.sources.files import RawInput
from zhiku.sources.web.address import Resolver, check_target, normalize_url
from zhiku.sources.web.content import decode_body, kind_of, parse_content_type
from zhiku.sources.web.listings import feed_links, parse_sitemap
from zhiku.sources.web.pinning import PinnedBackend, PinnedTransport
from zhiku.version import package_version

logger = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB


_UNAVAILABLE = RobotFileParser()  # a robots.txt answering 5xx: nothing may be fetched
_UNAVAILABLE.parse(["User-agent: *", "Disallow: /"])


def _default_user_agent() -> str:
    return f"zhiku/{package_version()} (+local knowledge base)"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How zhiku fetches: limits, retries, identity and what it refuses."""

    timeout_s: float = 15.0  # connect, and longest wait for the next bytes
    max_bytes: int = 10_000_000  # body size after content decoding
    max_redirects: int = 5
    retries: int = 2  # more attempts after a connect error, 429 or 5xx
    backoff_s: float = 1.0  # wait before retry n is backoff_s * 2**n, unless Retry-After says
    max_retry_wait_s: float = 30.0  # a longer Retry-After gives up instead of waiting
    total_timeout_s: float = 120.0  # one request: connect, headers and body, however slow
    user_agent: str = field(default_factory=_default_user_agent)
    allow_private: bool = False
    respect_robots: bool = True
    max_sitemaps: int = 50  # sitemap documents read for one `sitemap()` call (index + children)
    max_urls: int = 50_000  # page URLs returned by one `sitemap()` call


@dataclass(frozen=True, slots=True)
class Response:
    """A successful (2xx) response, read in full, or a 304 Not Modified (empty body)."""

    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters ("" if absent)
    charset: str | None
    body: bytes
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """Fetches pages, feeds and sitemaps under one policy; a context manager closing its client.

    `client` is borrowed when given (not closed here); `resolve` replaces DNS lookups for the
    address check and `sleep` the waits between retries (tests pass fakes for both).

    The fetcher's own client connects each host to the address its check resolved (never a
    second lookup: DNS rebinding) and ends every request at ``total_timeout_s``, headers
    included (`zhiku.sources.web.pinning`). A borrowed client gets neither.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        client: httpx.Client | None = None,
        resolve: Resolver | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._owns_client = client is None
        self._backend: PinnedBackend | None = None
        if client is None:
            self._backend = PinnedBackend()
            client = httpx.Client(
                timeout=self.policy.timeout_s, transport=PinnedTransport(self._backend)
            )
        self._client = client
        self._resolve = resolve
        self._sleep = sleep
        self._robots: dict[str, RobotFileParser | None] = {}  # origin -> rules (None: allow all)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def fetch(self, url: str) -> RawInput:
        """The page at `url` as a `RawInput` (kind "html", "text" or "markdown")."""
        origin = normalize_url(url)
        return page_input(origin, self.get(origin))

    def fetch_all(self, urls: Iterable[str]) -> Iterator[RawInput | InputError]:
        """Each URL's `RawInput`, or its `InputError`: one bad URL never stops the others."""
        for url in urls:
            try:
                yield self.fetch(url)
            except InputError as error:
                yield error

    def feed(self, url: str) -> list[str]:
        """The entry links of the RSS or Atom feed at `url`."""
        response = self.get(normalize_url(url))
        return feed_links(response.body, url=response.url, content_type=response.content_type)

    def sitemap(self, url: str) -> list[str]:
        """The page URLs of the sitemap at `url`, following sitemap indexes (within the caps).

        A child sitemap that fails is logged and skipped; the first one failing raises.
        """
        root = normalize_url(url)
        pending, seen = [root], set[str]()
        pages: dict[str, None] = {}  # an ordered set
        while (
            pending and len(seen) < self.policy.max_sitemaps and len(pages) < self.policy.max_urls
        ):
            current = pending.pop(0)
            if current in seen:
                continue
            seen.add(current)
            try:
                response = self.get(current)
                found = parse_sitemap(
                    response.body, url=response.url, max_bytes=self.policy.max_bytes
                )
            except InputError as error:
                if current == root:
                    raise
                logger.warning("skipped sitemap: %s", error)
                continue
            pages.update(dict.fromkeys(found.pages))
            pending.extend(found.sitemaps)
        if pending:
            logger.warning(
                "sitemap %s: stopped at max_sitemaps=%d / max_urls=%d",
                url,
                self.policy.max_sitemaps,
                self.policy.max_urls,
            )
        return list(pages)[: self.policy.max_urls]

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Response:
        """GET `url`, following redirects hop by hop (each hop checked), within the policy.

        `headers` are sent with every hop: ``If-None-Match`` / ``If-Modified-Since`` make it a
        conditional GET, answered by a `Response` whose ``not_modified`` is true.
        """
        trail = [url]
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check(current)
            verdict = self._robots_verdict(current) if self.policy.respect_robots else None
            if verdict is not None:
                via = f" (redirected to {current})" if current != url else ""
                raise InputError(
                    f"blocked by robots.txt of {_site(current)}{via}: {verdict}; zhiku does "
                    "not fetch pages a site asks crawlers to leave alone",
                    path=url,
                )
            response, location = self._request(
                current, limit=self.policy.max_bytes, headers=headers
            )
            if response is not None:
                return response
            target = normalize_url(urljoin(current, location or ""))
            if target in trail:
                raise InputError(f"redirect loop: {' -> '.join([*trail, target])}", path=url)
            trail.append(target)
            current = target
        raise InputError(
            f"too many redirects (more than {self.policy.max_redirects}, setting max_redirects)",
            path=url,
        )

    def _check(self, url: str) -> None:
        addresses = check_target(
            url, allow_private=self.policy.allow_private, resolve=self._resolve
        )
        host = urlsplit(url).hostname
        if self._backend is not None and host:
            self._backend.pin(host, addresses[0])

    def _request(
        self, url: str, *, limit: int, headers: Mapping[str, str] | None = None
    ) -> tuple[Response | None, str | None]:
        """(response, None) on 2xx or 304, (None, location) on a redirect; raises otherwise."""
        policy = self.policy
        for attempt in range(policy.retries + 1):
            last = attempt == policy.retries
            deadline = time.monotonic() + policy.total_timeout_s
            if self._backend is not None:
                self._backend.deadline = deadline
            try:
                with self._client.stream(
                    "GET",
                    url,
                    headers={**(headers or {}), "User-Agent": policy.user_agent},
                    follow_redirects=False,
                    timeout=policy.timeout_s,
                ) as reply:
                    status = reply.status_code
                    if status in RETRIED and not last:
                        wait = _retry_wait(reply, attempt, policy)
                        if wait is not None:
                            logger.info("%s: HTTP %d, retrying in %.1f s", url, status, wait)
                            self._sleep(wait)
                            continue
                    if status in REDIRECTS:
                        location = reply.headers.get("location")
                        if not location:
                            raise InputError(
                                f"HTTP {status} redirect without a Location header", path=url
                            )
                        return None, location
                    validators = reply.headers.get("etag"), reply.headers.get("last-modified")
                    if status == 304:
                        return Response(str(reply.url), status, "", None, b"", *validators), None
                    if status >= 300:
                        tries = f" (after {attempt + 1} attempts)" if attempt else ""
                        raise InputError(f"HTTP {status} {_phrase(reply)}{tries}", path=url)
                    body = _read_body(reply, url=url, limit=limit, policy=policy, deadline=deadline)
                    media, charset = parse_content_type(reply.headers.get("content-type", ""))
                    return Response(str(reply.url), status, media, charset, body, *validators), None
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline:
                    raise _too_slow(url, policy) from exc
                if last or not isinstance(exc, httpx.ConnectTimeout):
                    raise _transport_error(
                        exc, url=url, policy=policy, attempts=attempt + 1
                    ) from exc
                self._sleep(policy.backoff_s * 2**attempt)
            except httpx.ConnectError as exc:
                if last:
                    raise _transport_error(
                        exc, url=url, policy=policy, attempts=attempt + 1
                    ) from exc
                self._sleep(policy.backoff_s * 2**attempt)
            except httpx.HTTPError as exc:
                raise _transport_error(exc, url=url, policy=policy, attempts=attempt + 1) from exc
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _robots_verdict(self, url: str) -> str | None:
        """Why robots.txt forbids `url` (a short reason), or None when it may be fetched."""
        site = _site(url)
        if site not in self._robots:
            self._robots[site] = self._load_robots(site, page=url)
        rules = self._robots[site]
        if rules is None or rules.can_fetch(self.policy.user_agent, url):
            return None
        return (
            "its robots.txt is unavailable" if rules is _UNAVAILABLE else "a rule in its robots.txt"
        )

    def _load_robots(self, site: str, *, page: str) -> RobotFileParser | None:
        """The rules of `site` (None: everything allowed), as RFC 9309 says: a 4xx answer
        allows everything, a 5xx one forbids everything; an unreachable site raises."""
        robots_url = f"{site}/robots.txt"
        try:
            response = self._get_robots(robots_url)
        except InputError as error:
            if re.match(r"HTTP 4\d\d", error.reason):
                return None
            if not re.match(r"HTTP 5\d\d", error.reason):
                raise InputError(f"{error.reason} (reading robots.txt)", path=page) from error
            logger.warning("robots.txt unavailable, treating %s as disallowed: %s", site, error)
            return _UNAVAILABLE
        rules = RobotFileParser(robots_url)
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return rules

    def _get_robots(self, url: str) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check(current)
            response, location = self._request(current, limit=ROBOTS_MAX_BYTES)
            if response is not None:
                return response
            current = normalize_url(urljoin(current, location or ""))
        raise InputError("too many redirects", path=url)


def page_input(origin: str, response: Response) -> RawInput:
    """A fetched page as a `RawInput` (kind "html", "text" or "markdown"), keyed by `origin`."""
    kind = kind_of(response.content_type, response.body, url=origin)
    text, encoding = decode_body(response.body, response.charset, kind=kind, url=origin)
    return RawInput(origin, kind, text, response.body, encoding, url=response.url)


def fetch_url(
    url: str, *, policy: FetchPolicy | None = None, client: httpx.Client | None = None
) -> RawInput:
    """One page as a `RawInput` (see `Fetcher.fetch`); a `Fetcher` reuses connections and robots."""
    with Fetcher(policy, client=client) as fetcher:
        return fetcher.fetch(url)


def feed_urls(
    url: str, *, policy: FetchPolicy | None = None, client: httpx.Client | None = None
) -> list[str]:
    """The entry links of the RSS or Atom feed at `url` (see `Fetcher.feed`)."""
    with Fetcher(policy, client=client) as fetcher:
        return fetcher.feed(url)


def sitemap_urls(
    url: str, *, policy: FetchPolicy | None = None, client: httpx.Client | None = None
) -> list[str]:
    """The page URLs of the sitemap (or sitemap index) at `url` (see `Fetcher.sitemap`)."""
    with Fetcher(policy, client=client) as fetcher:
        return fetcher.sitemap(url)


def _read_body(
    reply: httpx.Response, *, url: str, limit: int, policy: FetchPolicy, deadline: float
) -> bytes:
    declared = reply.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(
            f"response is {_mb(int(declared))}, over the {_mb(limit)} limit (max_bytes)", path=url
        )
    chunks, size = [], 0
    for chunk in reply.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise InputError(f"response is over the {_mb(limit)} limit (max_bytes)", path=url)
        if time.monotonic() > deadline:
            raise _too_slow(url, policy)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_slow(url: str, policy: FetchPolicy) -> InputError:
    return InputError(
        f"download took longer than {policy.total_timeout_s:g} s (total_timeout_s)", path=url
    )


def _retry_wait(reply: httpx.Response, attempt: int, policy: FetchPolicy) -> float | None:
    """Seconds to wait before retrying, or None when the server asks for more than the cap."""
    header = reply.headers.get("retry-after", "").strip()
    wait = policy.backoff_s * 2**attempt
    if header.isdigit():
        wait = float(header)
    elif header:
        with contextlib.suppress(TypeError, ValueError):
            wait = max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
    return wait if wait <= policy.max_retry_wait_s else None


def _transport_error(
    exc: httpx.HTTPError, *, url: str, policy: FetchPolicy, attempts: int
) -> InputError:
    tries = f" (after {attempts} attempts)" if attempts > 1 else ""
    if isinstance(exc, httpx.TimeoutException):
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the server"
        return InputError(f"timed out after {policy.timeout_s:g} s {what}{tries}", path=url)
    if isinstance(exc, httpx.ConnectError):
        return InputError(f"unreachable: connection failed ({exc}){tries}", path=url)
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return InputError(f"invalid URL ({exc})", path=url)
    return InputError(f"broken response ({type(exc).__name__}: {exc})", path=url)


def _phrase(reply: httpx.Response) -> str:
    try:
        return http.HTTPStatus(reply.status_code).phrase
    except ValueError:
        return reply.reason_phrase or "error"


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _mb(size: int) -> str:
    return f"{size / 1e6:g} MB"
