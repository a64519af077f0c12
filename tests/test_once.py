"""`once`: concurrent first callers share one build (lru_cache built one per thread)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from zhiku.once import Once, once


def test_concurrent_first_callers_build_once() -> None:
    builds = []

    @once
    def table() -> list[int]:
        builds.append(threading.get_ident())
        time.sleep(0.05)  # long enough for every caller to arrive while it builds
        return [1, 2, 3]

    with ThreadPoolExecutor(16) as pool:
        got = list(pool.map(lambda _: table(), range(16)))
    assert len(builds) == 1
    assert all(value is got[0] for value in got)


def test_a_failed_build_is_tried_again() -> None:
    attempts = []

    @once
    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return "ok"

    with pytest.raises(OSError, match="not yet"):
        flaky()
    assert flaky() == "ok" and flaky() == "ok"
    assert len(attempts) == 2


def test_the_large_lazy_tables_are_built_once() -> None:
    from zhiku import normalize, query_expansion, segment
    from zhiku.knowledge import catalogue, keywords, names, phrases

    for loader in (
        segment._jieba,
        names._tagger,
        keywords._jieba_idf,
        catalogue.bundled_catalogue,  # shared by answers, claims and query expansion
        query_expansion.bundled_lexicon,
        normalize._to_simplified,
        normalize._to_traditional,  # opencc's s2t: 26 MiB of native dictionaries
        normalize._t2s_chars,
        phrases._t2s,
    ):
        assert isinstance(loader, Once), loader
