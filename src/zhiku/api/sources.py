"""Routes for live sources, and the poller that runs them inside ``zhiku serve``.

The poller wakes every `interval_s`, fetches each due source outside the write lock and ingests
what it found under it, so searches never wait on a slow site.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from zhiku.lock import LibraryAccess
from zhiku.sources.subscriptions import (
    RunReport,
    SourceRunner,
    is_due,
    new_subscription,
    parse_interval,
)
from zhiku.store.records import Subscription

log = logging.getLogger(__name__)


class SourceRequest(BaseModel):
    url: str = Field(min_length=8, max_length=2000, examples=["https://example.com/feed.xml"])
    every: str = Field("6h", max_length=16, description="30m, 6h, 1d, 1w")
    kind: Literal["auto", "feed", "sitemap", "page"] = "auto"


def subscription_payload(sub: Subscription) -> dict[str, Any]:
    return {
        "id": sub.id,
        "url": sub.url,
        "kind": sub.kind,
        "every_s": sub.every_s,
        "created_at": sub.created_at,
        "last_run_at": sub.last_run_at,
        "next_run_at": sub.next_run_at,
        "last_status": sub.last_status,
        "last_error": sub.last_error,
        "last_added": sub.last_added,
        "failures": sub.failures,
    }


def run_source(access: LibraryAccess, sub: Subscription) -> RunReport:
    """Fetch without the lock, ingest and record under it."""
    runner = SourceRunner(access.kb)
    fetched = runner.fetch(sub)
    with access.write() as kb:
        results = kb.add_inputs(fetched.inputs) if fetched.inputs else []
        return runner.finish(fetched, results)


class SourcePoller:
    """A daemon thread running due sources every `interval_s` until `close()`."""

    def __init__(self, access: LibraryAccess, *, interval_s: float = 60.0) -> None:
        self.access = access
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="zhiku-sources", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def poll_once(self) -> list[RunReport]:
        now = datetime.now(UTC)
        with self.access.read() as kb:
            due = [s for s in kb.store.subscriptions() if is_due(s, now)]
        return [run_source(self.access, sub) for sub in due]

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                for report in self.poll_once():
                    log.info(
                        "source %s: %s, %d added",
                        report.subscription.url,
                        report.status,
                        report.added,
                    )
            except Exception:  # the poller must outlive one bad run; the error is logged
                log.exception("polling sources failed")


def source_routes(access: LibraryAccess) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["sources"])

    @router.get("/sources", summary="Live sources with their last run and errors")
    def sources() -> dict[str, Any]:
        with access.read() as kb:
            return {"sources": [subscription_payload(s) for s in kb.store.subscriptions()]}

    @router.post("/sources", status_code=201, summary="Subscribe to a feed, sitemap or page")
    def add(body: SourceRequest) -> dict[str, Any]:
        sub = new_subscription(
            body.url, every_s=parse_interval(body.every), kind=body.kind, now=datetime.now(UTC)
        )
        with access.write() as kb:
            kb.store.put_subscription(sub)
        return subscription_payload(sub)

    @router.post("/sources/{source_id}/run", summary="Poll one source now")
    async def run(source_id: str) -> dict[str, Any]:
        with access.read() as kb:
            sub = kb.store.subscription(source_id)
        report = await run_in_threadpool(run_source, access, sub)
        return {**subscription_payload(report.subscription), "added": report.added}

    @router.delete("/sources/{source_id}", summary="Unsubscribe (added documents stay)")
    def delete(source_id: str) -> dict[str, Any]:
        with access.write() as kb:
            kb.store.delete_subscription(source_id)
        return {"deleted": source_id}

    return router
