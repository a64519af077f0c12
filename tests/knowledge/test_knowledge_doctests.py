import doctest
import importlib

import pytest

MODULES = [
    "phrases",
    "names",
    "entities",
    "keywords",
    "tags",
    "resources",
    "related",
    "trends",
    "extract",
    "graph",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"zhiku.knowledge.{name}")
    failures, _ = doctest.testmod(module)
    assert failures == 0
