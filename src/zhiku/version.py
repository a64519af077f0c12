"""The installed version of zhiku (``zhiku --version``, the API, the fetcher's user agent)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    try:
        return version("zhiku")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
