"""A real classroom server for the tests: `regimelab classroom` in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

#: Runs the command module itself (its registration in the CLI group is not needed for the server tests).
COMMAND = "import sys; from regimelab.cli.classroom import classroom; classroom(sys.argv[1:])"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`regimelab classroom --db FILE --port N`, started and stopped (gracefully or with kill -9)."""

    def __init__(self, db_path, port: int | None = None):
        self.db_path = str(db_path)
        self.port = port or free_port()
        self.process = None
        self.token = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> "Server":
        self.process = subprocess.Popen(
            [sys.executable, "-c", COMMAND, "--db", self.db_path, "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        deadline = time.monotonic() + timeout
        lines = []
        while self.token is None:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the classroom server stopped: " + "".join(lines))
            lines.append(line)
            found = re.search(r"/teacher\?token=(\S+)", line)
            if found:
                self.token = found.group(1)
            if time.monotonic() > deadline:
                raise RuntimeError("the classroom server did not start in time: " + "".join(lines))
        while time.monotonic() < deadline:  # the links are printed just before uvicorn binds the port
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the classroom server did not listen in time")

    def kill(self) -> None:
        """kill -9: no chance to flush or close anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process is not None and self.process.stdout:
            self.process.stdout.close()
