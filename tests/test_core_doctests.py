"""The worked examples in the core modules' docstrings stay true."""

import doctest
import importlib

import pytest

MODULES = [
    "zhiku.chunk",
    "zhiku.normalize",
    "zhiku.retrieve",
    "zhiku.segment",
    "zhiku.llm.client",
    "zhiku.sentence_vectors",
    "zhiku.profile",
    "zhiku.store.records",
    "zhiku.metadata_passage",
    "zhiku.filters",
    "zhiku.embedders.protocol",
    "zhiku.embedders.registry",
    "zhiku.cli.serve",
    "zhiku.shared_embedder",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
