import doctest

import pytest

from zhiku import filters
from zhiku.api import i18n, pages, uploads
from zhiku.cli import serve as serve_commands


@pytest.mark.parametrize("module", [filters, i18n, pages, uploads, serve_commands])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
