"""Running a sweep's cells on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Before Dask's client is let near an address, :func:`probe_scheduler` checks,
within :data:`CONNECT_TIMEOUT` seconds, that something there greets like a
Dask server: Dask's client trusts its peer (it waits without a deadline for a
silent one, and allocates whatever length an HTTP server's answer spells), so
an address of the wrong service would hang the sweep or crash it. Then every
worker connected must run this regimelab and axelrod.

Only ``tcp://`` is offered: Dask's ``tls://`` needs certificates and keys
(a ``Security`` object) that this command has no options for.

A Dask cluster runs what its clients send it, and a client unpickles what the
cluster sends back: connect only to schedulers and workers you control.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import time
from concurrent.futures import ThreadPoolExecutor

from ..errors import InvalidParameter, RegimelabError
from ..json_parts import versions
from .definition import SweepError

#: Seconds to wait for a Dask scheduler to answer (connecting, then its greeting).
CONNECT_TIMEOUT = 5
#: Seconds to wait for the client to close before giving up on a clean goodbye (Ctrl-C must stop within 2 s;
#: the scheduler forgets a client's tasks when its connection closes anyway).
CLOSE_TIMEOUT = 1
#: A Dask greeting (its handshake: compression, Python version, pickle protocol) is a few hundred bytes.
MAX_GREETING_BYTES = 1 << 16


def check_scheduler_address(address: str) -> str:
    """``tcp://HOST:PORT`` (HOST may be ``[IPv6]``); ``tls://`` is refused: it needs options this has not."""
    if address.startswith("tls://"):
        raise InvalidParameter(
            "scheduler", "an address tcp://HOST:PORT; tls:// is not supported (it needs certificates this "
            "command has no options for): reach the scheduler over a trusted network or an SSH tunnel", address)
    scheme, sep, location = address.partition("://")
    host, colon, port = location.rpartition(":")
    ok = (
        sep and scheme == "tcp" and colon and host and port.isdigit() and 0 < int(port) < 65536
        and not any(c in host for c in "/ ?#@")
        and (":" not in host or (host.startswith("[") and host.endswith("]")))
    )
    if not ok:
        raise InvalidParameter("scheduler", "an address tcp://HOST:PORT", address)
    return address


def probe_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Refuse (:class:`SweepError`) an address where no Dask server greets within ``timeout`` seconds.

    A Dask server speaks first: on a new connection it sends its handshake, a
    frame of a few hundred bytes (an 8-byte length, then the frame count and
    sizes, then msgpack naming ``pickle-protocol``). A closed port, a listener
    that says nothing, and one that says something else (an HTTP server) are
    each a one-line error, within ``timeout`` seconds.
    """
    location = check_scheduler_address(address).partition("://")[2]
    host, _, port = location.rpartition(":")
    host = host.strip("[]")
    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as connection:
            _greeting(connection, deadline, timeout)
    except TimeoutError:
        raise SweepError(f"cannot reach the Dask scheduler at {address} (no answer within {timeout:g} s)") from None
    except _NotDask as error:
        raise SweepError(
            f"{address} is not a Dask scheduler ({error}); check the address and port "
            "(a scheduler listens on 8786 unless told otherwise)"
        ) from None
    except OSError as error:
        raise SweepError(f"cannot reach the Dask scheduler at {address} ({one_line(error)})") from None


class _NotDask(Exception):
    """What a peer sent (or did not) instead of a Dask greeting."""


def _greeting(connection: socket.socket, deadline: float, timeout: float) -> None:
    try:
        (size,) = struct.unpack("<Q", _receive(connection, 8, deadline))
    except TimeoutError:
        raise _NotDask(f"it accepted the connection but sent nothing within {timeout:g} s") from None
    if not 16 <= size <= MAX_GREETING_BYTES:
        raise _NotDask("it answered with something else, not Dask's greeting")
    message = _receive(connection, size, deadline)
    (frames,) = struct.unpack_from("<Q", message)
    if not 1 <= frames <= 64 or 8 * (1 + frames) > size or b"pickle-protocol" not in message:
        raise _NotDask("it answered with something else, not Dask's greeting")
    # Greet back with its own greeting (a valid Dask handshake), so that it logs no broken handshake.
    connection.sendall(struct.pack("<Q", size) + message)


def _receive(connection: socket.socket, count: int, deadline: float) -> bytes:
    data = b""
    while len(data) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        connection.settimeout(remaining)
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise _NotDask("it closed the connection without Dask's greeting")
        data += chunk
    return data


def connect(scheduler: str):
    """A Dask client of the scheduler, with workers that run this regimelab and axelrod."""
    try:
        # Imported here: an optional extra, needed by --scheduler alone.
        from distributed import Client
    except ImportError:
        raise SweepError(
            "--scheduler needs the optional 'distributed' package: pip install 'regimelab[cluster]'"
        ) from None
    probe_scheduler(scheduler)
    kind = server_kind(scheduler)
    if kind != "Scheduler":
        raise SweepError(f"{scheduler} is a Dask {kind or 'server'}, not a scheduler; give the scheduler's address")
    try:
        client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
    except Exception as error:
        raise SweepError(f"cannot use the Dask scheduler at {scheduler} ({one_line(error)})") from None
    try:
        check_workers(client)
    except BaseException:
        close(client)
        raise
    return client


def server_kind(address: str) -> str | None:
    """What the Dask server at ``address`` is (``"Scheduler"``, ``"Worker"``, ...), asked within a deadline.

    Only for an address that :func:`probe_scheduler` found to greet like Dask:
    a worker's address also greets so, and Dask's client would wait on it.
    """
    from distributed.core import rpc

    async def ask():
        server = rpc(address, timeout=CONNECT_TIMEOUT)
        try:
            return await server.identity()
        finally:
            await server.close_rpc()

    # In a thread of its own: the caller may be running an event loop (a notebook).
    with ThreadPoolExecutor(1) as thread:
        try:
            identity = thread.submit(asyncio.run, asyncio.wait_for(ask(), CONNECT_TIMEOUT)).result()
        except Exception as error:
            raise SweepError(f"cannot use the Dask scheduler at {address} ({one_line(error)})") from None
    kind = identity.get("type") if isinstance(identity, dict) else None
    return kind if isinstance(kind, str) else None


def close(client) -> None:
    """Close the client, giving up after :data:`CLOSE_TIMEOUT` seconds (the cluster forgets our tasks anyway)."""
    try:
        client.close(timeout=CLOSE_TIMEOUT)
    except Exception:  # noqa: BLE001 - a lost scheduler cannot spoil the sweep's own ending
        pass


def worker_versions() -> dict:
    """What a Dask worker runs (called on each worker)."""
    return versions()


def check_workers(client) -> None:
    """Refuse workers whose regimelab or axelrod differ from ours: their results would too."""
    ours = versions()
    try:
        theirs = client.run(worker_versions)
    except Exception as error:
        raise SweepError(
            f"the Dask workers cannot run regimelab ({one_line(error)}); "
            f"install regimelab {ours['regimelab']} with axelrod {ours['axelrod']} on every worker"
        ) from None
    for worker, found in sorted(theirs.items()):
        if found != ours:
            raise SweepError(
                f"the Dask worker {worker} runs regimelab {found.get('regimelab')} with axelrod "
                f"{found.get('axelrod')}, this sweep regimelab {ours['regimelab']} with axelrod "
                f"{ours['axelrod']}; install the same versions on every worker"
            )


def execute_on_cluster(tasks, client, run_cell):
    """Yield (cell, rows) as the cluster finishes ``run_cell(*arguments)`` for each (cell, arguments)."""
    from distributed import as_completed as dask_completed

    futures = {}
    for cell, arguments in tasks:
        # pure=False: a fresh key per task, never shared with another sweep on the same cluster.
        futures[client.submit(run_cell, *arguments, pure=False)] = cell
    for future in dask_completed(futures, loop=client.loop):
        try:
            rows = future.result()
        except RegimelabError:
            raise
        except Exception as error:
            raise SweepError(
                f"a cell failed on the Dask cluster ({one_line(error)}); the cells finished so far "
                "are saved: rerun with --resume"
            ) from None
        yield futures[future], rows


def one_line(error: BaseException) -> str:
    """An exception as one line: its type and its message's words."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
