"""Connect where the address check said, and stop a download at its deadline.

Two defences that need the socket layer, so they live in an httpcore network backend:

- **Address pinning** (DNS rebinding): `address.check_target` resolves a host and judges its
  addresses; a second lookup by the HTTP library could answer differently (a rebinding DNS
  server answers a public address first, 127.0.0.1 next). The fetcher pins each checked host
  to the address it checked, and `PinnedBackend` connects only to pinned addresses; a host
  with no pin is refused. TLS still verifies the certificate for the host name.
- **Total deadline**: httpx's timeouts bound each read, so a server sending one header byte
  every few seconds never times out. Every connect and read here waits at most until the
  deadline the fetcher set for the current download.
"""

from __future__ import annotations

import ssl
import threading
import time
import typing

import httpcore
import httpx

_SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects a host name only to the address pinned for it, within the current deadline."""

    def __init__(self, backend: httpcore.NetworkBackend | None = None) -> None:
        self._backend = backend or httpcore.SyncBackend()
        self._pins: dict[str, str] = {}
        self._lock = threading.Lock()
        self.deadline: float | None = None  # time.monotonic() value; None: no total limit

    def pin(self, host: str, address: str) -> None:
        with self._lock:
            self._pins[_bare(host)] = address

    def pinned(self, host: str) -> str | None:
        with self._lock:
            return self._pins.get(_bare(host))

    def remaining(self, timeout: float | None) -> float | None:
        """`timeout`, shortened to what is left before the deadline; raises once it passed."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("total download deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[_SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.pinned(host)
        if address is None:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        stream = self._backend.connect_tcp(
            address, port, self.remaining(timeout), local_address, socket_options
        )
        return DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the backend's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: PinnedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        secure = self._stream.start_tls(
            ssl_context, server_hostname, self._backend.remaining(timeout)
        )
        return DeadlineStream(secure, self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class PinnedTransport(httpx.HTTPTransport):
    """An httpx transport whose connections go through a `PinnedBackend`."""

    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=5,
            network_backend=backend,
        )


def _bare(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()
