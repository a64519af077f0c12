"""`LocalLLMServer`: run a GGUF model offline as an OpenAI-compatible server on 127.0.0.1.

The server is llama.cpp's own (through the ``xllamacpp`` wheel, ``pip install
'zhiku[local-llm]'``), started in a child process, so local and remote models take the same
client path (`OpenAICompatibleLLM`), a crash in native code cannot take the caller down, and
stopping the server frees the model's memory.

>>> with LocalLLMServer("qwen.gguf") as server:                    # doctest: +SKIP
...     server.llm().complete([{"role": "user", "content": "你好"}])
"""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from zhiku.errors import ModelError
from zhiku.llm.client import OpenAICompatibleLLM
from zhiku.llm.gguf import read_gguf_metadata

log = logging.getLogger(__name__)

HOST = "127.0.0.1"


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class LocalLLMServer:
    """A GGUF model served on ``http://127.0.0.1:{port}/v1`` while the context is open."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        port: int | None = None,
        threads: int = 2,
        ctx: int = 4096,
        startup_timeout_s: float = 180.0,
        alias: str | None = None,
    ) -> None:
        self.model_path = Path(model_path).expanduser()
        self.port = port or free_port()
        self.threads = threads
        self.ctx = ctx
        self.startup_timeout_s = startup_timeout_s
        self.alias = alias or self.model_path.stem
        self.metadata: dict[str, object] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def llm(self, *, timeout_s: float = 120.0, retries: int = 2) -> OpenAICompatibleLLM:
        """A client for this server."""
        return OpenAICompatibleLLM(self.base_url, self.alias, timeout_s=timeout_s, retries=retries)

    def start(self) -> LocalLLMServer:
        if self._process is not None:
            return self
        if not self.model_path.is_file():
            raise ModelError(
                f"local model {self.model_path}: no such file; pass the path of a .gguf file"
            )
        self.metadata = read_gguf_metadata(self.model_path)
        if importlib.util.find_spec("xllamacpp") is None:
            raise ModelError(
                f"local model {self.model_path.name}: the llama.cpp runtime is not installed; "
                "run: pip install 'zhiku[local-llm]'"
            )
        # lives as long as the server (closed in stop()), so no `with`
        self._log_file = tempfile.NamedTemporaryFile(prefix="zhiku-llm-", suffix=".log")  # noqa: SIM115
        command = [
            sys.executable,
            "-m",
            "zhiku.llm.serve_process",
            "--model",
            str(self.model_path),
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--threads",
            str(self.threads),
            "--ctx",
            str(self.ctx),
            "--alias",
            self.alias,
            "--parent-pid",
            str(os.getpid()),
        ]
        log.info("starting local LLM server: %s", " ".join(command))
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self._log_file, stderr=subprocess.STDOUT
        )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        assert self._process is not None  # for mypy: start() sets it
        deadline = time.monotonic() + self.startup_timeout_s
        url = f"http://{HOST}:{self.port}/health"
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                code = self._process.poll()
                if code is not None:
                    raise ModelError(
                        f"local model {self.model_path.name}: server exited with code {code} "
                        f"while loading:\n{self.log_tail()}"
                    )
                try:
                    if client.get(url).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise ModelError(
            f"local model {self.model_path.name}: server not ready on {url} after "
            f"{self.startup_timeout_s:g}s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 15) -> str:
        """The last lines the server logged (shown in startup errors)."""
        if self._log_file is None:
            return ""
        text = Path(self._log_file.name).read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self, *, timeout_s: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> LocalLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
