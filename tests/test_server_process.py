import platform

import pytest

from zhiku import server_process


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_the_mmap_threshold_is_fixed_on_glibc() -> None:
    assert server_process._fixed_mmap_threshold() is True
