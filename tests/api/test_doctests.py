import doctest

import pytest

from zhiku.api import i18n, pages, uploads


@pytest.mark.parametrize("module", [i18n, pages, uploads])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
