"""`regimelab sweep --scheduler`: a real Dask scheduler and two workers on loopback.

Everything is bounded in time: the cluster's processes are started with
timeouts, the sweep runs in a thread joined with a timeout, and the processes
are terminated (then killed) in a ``finally``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from click.testing import CliRunner

from regimelab.cli import main
from regimelab.sweeps import runner
from regimelab.sweeps.cluster import check_workers
from regimelab.sweeps.runner import SweepError, manifest_path, partial_path

SWEEP = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "-s", "random", "--turns", "20", "-r", "3",
         "--seed", "5", "--no-progress", "--param", "transparency=0.5:1:3", "--param", "fine=0,2"]


def invoke(*args):
    return CliRunner().invoke(main, ["sweep", *args], catch_exceptions=False)


def in_thread(function, timeout: float):
    """``function()`` in a thread, failing the test if it takes longer than ``timeout`` seconds."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"still running after {timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dask_command() -> list[str]:
    script = Path(sys.executable).parent / "dask"
    if not script.exists():
        pytest.skip("the dask console script is not installed beside the interpreter")
    return [str(script)]


def stop(processes) -> None:
    """Terminate each process we started, then kill its process group if it lingers."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own group: the worker under its nanny too
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``tcp://127.0.0.1:PORT``: a scheduler and two single-threaded workers, all on loopback."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    dask = dask_command()
    commands = [dask + ["scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"]]
    commands += [dask + ["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                         "--host", "127.0.0.1", "--death-timeout", "60", "--local-directory", str(folder)]] * 2
    processes = []
    try:
        for number, command in enumerate(commands):
            log = open(folder / f"process-{number}.log", "w")
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder,
                                              start_new_session=True))
            log.close()
        with Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        stop(processes[1:])  # the workers first: they leave the scheduler cleanly
        stop(processes[:1])


def test_a_sweep_on_the_cluster_equals_the_local_sweep(tmp_path, cluster):
    local = tmp_path / "local.parquet"
    remote = tmp_path / "cluster.parquet"
    assert invoke(*SWEEP, "-j", "1", "--output", str(local)).exit_code == 0

    result = in_thread(lambda: invoke(*SWEEP, "--scheduler", cluster, "-f", "json", "--output", str(remote)),
                       timeout=120)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["cells"]) == 6
    pdt.assert_frame_equal(pd.read_parquet(remote), pd.read_parquet(local), check_exact=True)
    assert not partial_path(remote).exists() and manifest_path(remote).exists()
    # This grid's regimes are active, so "auto" plays it with the vectorised engine, on Dask as locally.
    assert json.loads(manifest_path(remote).read_text())["engine"] == "vector"


class Interrupted(Exception):
    """Stands for an interruption in the middle of a sweep."""


def test_the_cluster_finishes_a_sweep_begun_locally(tmp_path, cluster, monkeypatch):
    local = tmp_path / "local.parquet"
    out = tmp_path / "mixed.parquet"
    assert invoke(*SWEEP, "--output", str(local)).exit_code == 0

    original = runner._execute

    def two_cells_then_stop(*args, **kwargs):
        for number, item in enumerate(original(*args, **kwargs)):
            if number == 2:
                raise Interrupted
            yield item

    monkeypatch.setattr(runner, "_execute", two_cells_then_stop)
    with pytest.raises(Interrupted):
        invoke(*SWEEP, "--output", str(out))
    monkeypatch.undo()
    result = in_thread(lambda: invoke(*SWEEP, "--scheduler", cluster, "--resume", "--output", str(out)),
                       timeout=120)
    assert result.exit_code == 0, result.output
    pdt.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(local), check_exact=True)


def test_an_unreachable_scheduler_is_a_quick_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    result = in_thread(lambda: invoke(*SWEEP, "--scheduler", "tcp://127.0.0.1:1"), timeout=60)
    elapsed = time.monotonic() - start
    assert elapsed < 15, elapsed
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert result.stdout == "" and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written, so a rerun needs no --resume


class FakeClient:
    def __init__(self, versions):
        self.versions = versions

    def run(self, function):
        if isinstance(self.versions, Exception):
            raise self.versions
        return self.versions


def test_workers_with_another_regimelab_or_axelrod_are_refused():
    from regimelab.results import versions

    ours = versions()
    check_workers(FakeClient({"tcp://10.0.0.7:40000": dict(ours)}))  # the same: accepted
    with pytest.raises(SweepError, match=r"tcp://10\.0\.0\.8:40000 runs regimelab 0\.0\.1"):
        check_workers(FakeClient({"tcp://10.0.0.7:40000": dict(ours),
                                          "tcp://10.0.0.8:40000": {**ours, "regimelab": "0.0.1"}}))
    with pytest.raises(SweepError, match="install regimelab"):
        check_workers(FakeClient(ModuleNotFoundError("No module named 'regimelab'")))


def test_scheduler_without_the_cluster_extra_says_how_to_install_it(tmp_path, monkeypatch):
    # distributed is optional (regimelab[cluster]); hide it as if it were not installed
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` raise ImportError
    result = invoke(*SWEEP, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'regimelab[cluster]'" in lines[0]
    assert list(tmp_path.iterdir()) == []
