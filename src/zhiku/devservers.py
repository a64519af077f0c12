"""Throwaway PostgreSQL and Milvus servers on 127.0.0.1, for tests, benchmarks and a first try
of the cluster backends on one machine (`docs/deploy.md` runs the real ones).

PostgreSQL is Debian's package (``scripts/install-system-deps.sh``): a fresh cluster is made
with ``initdb`` in a temporary directory and started with ``pg_ctl`` on a free port. Milvus is
the real Milvus C++ core that the ``milvus-lite`` 2.5 wheel ships (``zhiku[cluster]``), started
as a gRPC server on a free port. Both stop (and the directory is removed) when the context ends.

    with local_postgres() as pg, local_milvus() as milvus:
        settings = Settings(store=pg.url, index=milvus.url)
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from zhiku.errors import ZhikuError

_PG_GLOBS = ("/usr/lib/postgresql/*/bin",)


class ServerUnavailable(ZhikuError):
    """A server binary is not installed here (tests skip with this reason)."""


@dataclass
class LocalServer:
    """A running local server: its URL, data directory and process."""

    url: str
    directory: Path
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    def stop(self) -> None:
        """Stop it (SIGTERM, then SIGKILL after 10 s); data stays in `directory`."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(
    port: int, process: subprocess.Popen[bytes], what: str, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerUnavailable(f"{what} exited at start (code {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerUnavailable(f"{what} did not listen on 127.0.0.1:{port} within {timeout_s:.0f} s")


def postgres_bin() -> Path:
    """The directory of Debian's PostgreSQL server programs (initdb, postgres)."""
    found = sorted(glob.glob(os.path.join(_PG_GLOBS[0], "initdb")), reverse=True)
    if found:
        return Path(found[0]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise ServerUnavailable(
        "PostgreSQL server not installed (initdb not found); run scripts/install-system-deps.sh"
    )


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run it as the 'postgres' (or 'nobody') user then."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            import pwd

            pwd.getpwnam(user)
        except KeyError:
            continue
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", user, "--"]
    raise ServerUnavailable("running as root without a 'postgres' user or runuser to drop to")


def start_postgres(directory: Path, *, port: int | None = None) -> LocalServer:
    """initdb (if `directory` has no cluster yet) and start PostgreSQL on 127.0.0.1."""
    bindir = postgres_bin()
    prefix = _as_postgres_user()
    data = directory / "data"
    directory.mkdir(parents=True, exist_ok=True)
    if prefix:
        shutil.chown(directory, user=prefix[2])
        directory.chmod(0o700)
    if not (data / "PG_VERSION").exists():
        made = subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "zhiku",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode:  # e.g. a directory the 'postgres' user cannot reach
            raise ServerUnavailable(f"initdb in {data} failed: {made.stderr.strip()[-300:]}")
    port = port or free_port()
    log = open(directory / "postgres.log", "ab")  # noqa: SIM115 - the server owns it
    process = subprocess.Popen(
        [
            *prefix,
            str(bindir / "postgres"),
            "-D",
            str(data),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-k",
            str(directory),
            "-c",
            "fsync=off",
            "-c",
            "max_connections=200",
            "-c",
            "shared_buffers=128MB",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    _wait_for_port(port, process, "postgres", 30)
    url = f"postgresql://zhiku@127.0.0.1:{port}/postgres"
    _wait_for_postgres(url, process)
    return LocalServer(url, directory, process, port)


def _wait_for_postgres(url: str, process: subprocess.Popen[bytes]) -> None:
    """The port opens before the server accepts queries (startup recovery)."""
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
                return
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerUnavailable(f"postgres at {url} does not accept connections") from None
            time.sleep(0.1)


def milvus_bin() -> Path:
    """The Milvus server binary inside the milvus-lite wheel (found without importing it:
    the package's __init__ needs pkg_resources, which recent setuptools dropped)."""
    spec = importlib.util.find_spec("milvus_lite")
    if spec is None or not spec.submodule_search_locations:
        raise ServerUnavailable("milvus-lite not installed; pip install 'zhiku[cluster]'")
    binary = Path(next(iter(spec.submodule_search_locations))) / "lib" / "milvus"
    if not binary.exists():
        raise ServerUnavailable(f"milvus-lite has no server binary at {binary}")
    return binary


def start_milvus(directory: Path, *, port: int | None = None) -> LocalServer:
    """Start the Milvus core of milvus-lite as a gRPC server on 127.0.0.1 (data in `directory`)."""
    binary = milvus_bin()
    directory.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    env = dict(
        os.environ, LD_LIBRARY_PATH=f"{binary.parent}:{os.environ.get('LD_LIBRARY_PATH', '')}"
    )
    log = open(directory / "milvus.log", "ab")  # noqa: SIM115 - the server owns it
    process = subprocess.Popen(
        [str(binary), str(directory / "milvus.db"), f"127.0.0.1:{port}", "ERROR"],
        env=env,
        cwd=str(directory),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    _wait_for_port(port, process, "milvus", 30)
    return LocalServer(f"milvus://127.0.0.1:{port}", directory, process, port)


@contextmanager
def local_postgres(directory: Path | None = None) -> Iterator[LocalServer]:
    with _scratch(directory, "zhiku-pg-") as where:
        server = start_postgres(where)
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def local_milvus(directory: Path | None = None) -> Iterator[LocalServer]:
    with _scratch(directory, "zhiku-milvus-") as where:
        server = start_milvus(where)
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def _scratch(directory: Path | None, prefix: str) -> Iterator[Path]:
    if directory is not None:
        yield directory
        return
    where = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield where
    finally:
        shutil.rmtree(where, ignore_errors=True)
