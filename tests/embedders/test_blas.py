import threading

import pytest

from zhiku.embedders.blas import one_blas_thread

threadpoolctl = pytest.importorskip("threadpoolctl")


def _blas_threads() -> int:
    infos = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    if not infos:
        pytest.skip("numpy reports no BLAS library")
    return int(infos[0]["num_threads"])


def test_one_thread_inside_and_restored_after() -> None:
    before = _blas_threads()
    with one_blas_thread():
        assert _blas_threads() == 1
    assert _blas_threads() == before


def test_overlapping_holders_keep_the_limit_until_the_last_leaves() -> None:
    before = _blas_threads()
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[int] = []

    def second() -> None:
        first_in.wait()
        with one_blas_thread():
            pass
        second_out.set()

    worker = threading.Thread(target=second)
    worker.start()
    with one_blas_thread():
        first_in.set()
        second_out.wait()
        seen.append(_blas_threads())  # the other holder left: still limited for this one
    worker.join()
    assert seen == [1]
    assert _blas_threads() == before


def test_a_server_runs_blas_on_one_thread_for_good() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from zhiku.embedders import blas

    def blas_threads() -> set[int]:
        return {
            i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"
        }

    before = threadpoolctl.threadpool_info()
    try:
        blas.one_blas_thread_per_process()
        with blas.one_blas_thread():
            pass
        assert blas_threads() in (set(), {1})  # a nested block restores 1, not the default
    finally:
        threadpoolctl.threadpool_limits(limits={i["prefix"]: i["num_threads"] for i in before})
