"""The one exception tree of zhiku.

::

    ZhikuError
      InputError         bad file, line or request: carries .path / .line and the reason
      ConfigError        invalid setting: names the key and where it came from
      StoreError         storage failure; wraps database / index errors, data left intact
      ModelError         embedder or LLM missing or failing: names the model
      NotFound           unknown document, chunk or collection id
      LockedError        another process holds the library's write lock

Messages say what, where, and what to do.
"""

from __future__ import annotations


class ZhikuError(Exception):
    """Base class of every error zhiku raises on purpose."""


class InputError(ZhikuError):
    """A file, line or request that zhiku cannot use."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {reason}" if where else reason)


class ConfigError(ZhikuError):
    """An invalid setting; the message names the key and its source."""


class StoreError(ZhikuError):
    """The store failed; whatever was stored before is intact."""


class ModelError(ZhikuError):
    """An embedder or LLM is missing or failed; the message names the model."""


class NotFound(ZhikuError):
    """An unknown document or chunk id."""


class LockedError(StoreError):
    """Another process is writing to this library."""
