"""The worked examples in the clean modules' docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "zhiku.clean.boilerplate",
    "zhiku.clean.byline",
    "zhiku.clean.dates",
    "zhiku.clean.front_matter",
    "zhiku.clean.headline",
    "zhiku.clean.inline",
    "zhiku.clean.layout",
    "zhiku.clean.metadata",
    "zhiku.clean.recommendation",
    "zhiku.clean.teaser",
    "zhiku.clean.watermark",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
