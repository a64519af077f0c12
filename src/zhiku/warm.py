"""`warm_tables`: load the process-wide tables that a first request would otherwise load.

Each table is built once per process on first use (`zhiku.once`). In a one-shot command that is
what it should be; in a server the first Chinese question, the first question about a person
or the first upload paid for them (0.1-0.6 s each, ~1.5 s together, measured in
docs/benchmarks.md), and the server's memory grew by them during its first requests.
``zhiku serve`` loads them before it listens (setting ``serve_warm_tables``), so their memory
is part of the ready server's RSS, not of its growth under load.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


def _tables() -> list[tuple[str, Callable[[], object]]]:
    from zhiku import normalize, query_expansion, segment
    from zhiku.knowledge import catalogue, keywords, names, phrases

    return [
        ("jieba dictionary (Chinese words)", segment._jieba),
        ("zh-Hant -> zh-Hans keys", normalize._to_simplified),
        ("zh-Hans -> zh-Hant (script detection)", normalize._to_traditional),
        ("zh-Hant -> zh-Hans characters", normalize._t2s_chars),
        ("zh-Hant -> zh-Hans phrases", phrases._t2s),
        ("person-name tags", names._tagger),
        ("jieba IDF (keywords)", keywords._jieba_idf),
        ("bundled entity catalogue", catalogue.bundled_catalogue),
        ("bilingual query lexicon", query_expansion.bundled_lexicon),
    ]


def warm_tables() -> dict[str, float]:
    """Build every one-time table now; seconds each took (0 for one already built)."""
    took: dict[str, float] = {}
    for name, build in _tables():
        started = time.perf_counter()
        build()
        took[name] = time.perf_counter() - started
    log.debug("warmed tables in %.2f s: %s", sum(took.values()), took)
    return took


__all__ = ["warm_tables"]
