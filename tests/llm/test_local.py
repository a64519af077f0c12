"""LocalLLMServer's checks before it starts anything (no model needed)."""

from __future__ import annotations

import socket

import pytest

from zhiku.errors import ModelError
from zhiku.llm import LocalLLMServer, free_port


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match=r"missing.gguf: no such file"):
        LocalLLMServer(tmp_path / "missing.gguf").start()


def test_not_a_gguf_file_is_refused_before_starting_a_server(tmp_path):
    fake = tmp_path / "model.gguf"
    fake.write_text("<html>404 from a mirror</html>")
    server = LocalLLMServer(fake)
    with pytest.raises(ModelError, match="not a GGUF model file"):
        server.start()
    assert not server.running() and server.pid is None


def test_free_port_is_on_loopback_and_bindable():
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
    assert LocalLLMServer("m.gguf", port=port).base_url == f"http://127.0.0.1:{port}/v1"
