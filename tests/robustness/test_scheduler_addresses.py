"""`sweep --scheduler` at addresses that are not a Dask scheduler (issue 12, §5), with real local listeners.

Each must be a one-line error (exit 2) within seconds, with nothing written.
Before: `python3 -m http.server` and an accept-only listener hung for minutes,
an HTTP listener that answers crashed with `Unable to allocate 3.07 EiB`, and
`tls://` gave `TypeError: TLS expects a ssl_context`.
"""

from __future__ import annotations

import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from regimelab.cli import main

pytest.importorskip("distributed")

SWEEP = ["-s", "tft", "-s", "alld", "--turns", "10", "-r", "2", "--no-progress", "--param", "fine=0,1"]
#: The promise: an answer within about 5 s (the probe's deadline); the margin is for a busy machine.
WITHIN_SECONDS = 20


def invoke_within(args, seconds: float):
    """The sweep command in a thread of this process; fails the test if it is still running after ``seconds``."""
    outcome: dict = {}

    def target():
        try:
            outcome["result"] = CliRunner().invoke(main, ["sweep", *args], catch_exceptions=False)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    start = time.monotonic()
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"], time.monotonic() - start


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    return lines[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class Listener:
    """A TCP listener on loopback that does ``behave(connection)`` with every connection (None: never accepts)."""

    def __init__(self, behave=None):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.address = f"tcp://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections = []
        self.closed = threading.Event()
        if behave is not None:
            threading.Thread(target=self._serve, args=(behave,), daemon=True).start()

    def _serve(self, behave):
        while not self.closed.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)
            behave(connection)

    def close(self):
        self.closed.set()
        self.socket.close()
        for connection in self.connections:
            connection.close()


def http_answer(connection):
    connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


def huge_length(connection):
    connection.sendall(b"\xff" * 16)


def plausible_length_then_garbage(connection):
    connection.sendall(struct.pack("<Q", 40) + struct.pack("<Q", 1) + struct.pack("<Q", 24) + b"x" * 24)


def close_at_once(connection):
    connection.close()


LISTENERS = {
    "accept-only, silent": None,
    "HTTP that answers at once": http_answer,
    "a huge length": huge_length,
    "a plausible frame of garbage": plausible_length_then_garbage,
    "closes at once": close_at_once,
}


@pytest.mark.parametrize("case", list(LISTENERS))
def test_a_listener_that_is_not_dask_is_a_quick_one_line_error(tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    listener = Listener(LISTENERS[case]) if LISTENERS[case] else Listener()
    try:
        result, elapsed = invoke_within([*SWEEP, "--scheduler", listener.address], WITHIN_SECONDS)
    finally:
        listener.close()
    line = one_line_error(result)
    assert line.startswith(f"Error: {listener.address} is not a Dask scheduler ("), line
    assert elapsed < WITHIN_SECONDS
    assert list(tmp_path.iterdir()) == []  # nothing written: a rerun needs no --resume


@pytest.fixture
def http_server(tmp_path_factory):
    """``python3 -m http.server`` on a free loopback port."""
    port = free_port()
    folder = tmp_path_factory.mktemp("http")
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not listening(port):
            assert process.poll() is None and time.monotonic() < deadline, "http.server did not start"
            time.sleep(0.05)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_http_server_is_a_quick_one_line_error(tmp_path, monkeypatch, http_server):
    monkeypatch.chdir(tmp_path)
    result, elapsed = invoke_within([*SWEEP, "--scheduler", http_server], WITHIN_SECONDS)
    line = one_line_error(result)
    assert line.startswith(f"Error: {http_server} is not a Dask scheduler ("), line
    assert elapsed < WITHIN_SECONDS and list(tmp_path.iterdir()) == []


def test_a_closed_port_is_a_quick_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    address = f"tcp://127.0.0.1:{free_port()}"
    result, elapsed = invoke_within([*SWEEP, "--scheduler", address], WITHIN_SECONDS)
    assert one_line_error(result).startswith(f"Error: cannot reach the Dask scheduler at {address} (")
    assert elapsed < WITHIN_SECONDS and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("address", ["tls://127.0.0.1:8786", "tls://scheduler.example.org:8786"])
def test_tls_is_refused_as_not_supported(tmp_path, monkeypatch, address):
    monkeypatch.chdir(tmp_path)
    result, _ = invoke_within([*SWEEP, "--scheduler", address], WITHIN_SECONDS)
    line = one_line_error(result)
    assert "'--scheduler'" in line and "tls:// is not supported" in line, line
    assert list(tmp_path.iterdir()) == []


def test_neither_help_nor_docs_offer_tls():
    help_text = CliRunner().invoke(main, ["sweep", "--help"]).output
    assert "tls://HOST" not in help_text and "tcp:// only" in " ".join(help_text.split())
    docs = (Path(__file__).resolve().parents[2] / "docs" / "sweeps.md").read_text()
    assert "tls://HOST" not in docs and "tls://` address is refused" in docs


def test_a_dask_workers_address_is_refused_as_not_a_scheduler(tmp_path, monkeypatch):
    """A worker greets as Dask does, yet takes no clients: Dask's client would wait on it."""
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask console script is not installed beside the interpreter")
    scheduler = f"tcp://127.0.0.1:{free_port()}"
    worker_port = free_port()
    logs = tmp_path / "logs"
    logs.mkdir()
    commands = [
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", scheduler.rsplit(":", 1)[1], "--no-dashboard"],
        [str(dask), "worker", scheduler, "--no-nanny", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
         "--worker-port", str(worker_port), "--death-timeout", "60", "--local-directory", str(logs)],
    ]
    processes = []
    try:
        for number, command in enumerate(commands):
            with open(logs / f"{number}.log", "w") as log:
                processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=logs))
        deadline = time.monotonic() + 90
        while not listening(worker_port):
            assert all(p.poll() is None for p in processes) and time.monotonic() < deadline, "no worker"
            time.sleep(0.1)
        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)
        address = f"tcp://127.0.0.1:{worker_port}"
        result, elapsed = invoke_within([*SWEEP, "--scheduler", address], WITHIN_SECONDS)
        line = one_line_error(result)
        assert line == f"Error: {address} is a Dask Worker, not a scheduler; give the scheduler's address", line
        assert elapsed < WITHIN_SECONDS and list(work.iterdir()) == []
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
