import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from zhiku.shared_embedder import SharedEmbedder


class SlowEmbedder:
    """Records every call's texts and how many calls ran at once."""

    name, dim, fusion_weight, sentence_vectors = "slow", 4, 1.0, False

    def __init__(self, delay_s: float = 0.02, fail_on: str | None = None) -> None:
        self.delay_s = delay_s
        self.fail_on = fail_on
        self.calls: list[list[str]] = []
        self.active = self.peak = 0
        self._lock = threading.Lock()

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(self.delay_s)
            if self.fail_on in texts:
                raise RuntimeError(f"cannot embed {self.fail_on}")
            out = np.array([[len(t), t.count("a"), 1.0, 0.0] for t in texts], dtype=np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)
        finally:
            with self._lock:
                self.active -= 1


def _in_threads(shared: SharedEmbedder, texts: list[str]) -> dict[str, np.ndarray]:
    results: dict[str, np.ndarray] = {}
    threads = [
        threading.Thread(target=lambda t=t: results.__setitem__(t, shared.embed_query([t])[0]))
        for t in texts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_queries_share_batches_and_stay_within_the_workers() -> None:
    inner = SlowEmbedder()
    shared = SharedEmbedder(inner, workers=2)
    texts = [f"query {'a' * i}" for i in range(24)]
    results = _in_threads(shared, texts)
    assert len(inner.calls) < len(texts)  # callers that waited rode in one batch
    assert inner.peak <= 2
    for text in texts:  # each caller got its own text's vector
        np.testing.assert_allclose(results[text], inner.embed([text])[0])


def test_a_repeated_text_is_served_from_the_cache_until_evicted() -> None:
    inner = SlowEmbedder(delay_s=0)
    shared = SharedEmbedder(inner, cache_vectors=2)
    shared.embed(["a", "b"])
    shared.embed(["b", "a"])
    assert len(inner.calls) == 1
    shared.embed(["c"])  # evicts the least recently used, "b"
    shared.embed(["a"])
    shared.embed(["b"])
    assert [c for call in inner.calls for c in call] == ["a", "b", "c", "b"]
    assert shared.cached() == 2


def test_a_failing_batch_fails_every_caller_in_it_and_the_next_call_works() -> None:
    inner = SlowEmbedder(delay_s=0, fail_on="bad")
    shared = SharedEmbedder(inner)
    with pytest.raises(RuntimeError, match="cannot embed bad"):
        shared.embed(["good", "bad"])
    assert shared.embed(["good"]).shape == (1, 4)
