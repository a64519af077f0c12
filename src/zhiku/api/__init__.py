"""The HTTP API and web UI: ``create_app(kb)`` returns a FastAPI app over one library."""

from zhiku.api.app import create_app

__all__ = ["create_app"]
