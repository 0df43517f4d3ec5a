"""Processes (issue 12, §4): Ctrl-C, workers that die with their parent, and the -j cap.

Every test runs the real console script in a subprocess of its own session and
sends it real signals. Ctrl-C is sent as a terminal sends it, to the whole
process group (workers included), while standard error is a pseudo-terminal,
so that the command draws its progress bar: the bar is the sign that the
command is at work (a Ctrl-C during Python's start-up is another matter).
Child processes are found in /proc (Linux).

The promise is "stops within 2 s"; on a shared, busy 2-core machine the tests
allow STOP_SECONDS.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from regimelab.workers import MAX_WORKERS_PER_CORE, worker_count

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")

#: The issue's target is 2 s; this margin keeps the test honest on a loaded machine, not lenient.
STOP_SECONDS = 10
#: Seconds for a command to start and show its progress bar (Python's imports are slow on a busy machine).
START_SECONDS = 90

SOCIETY = Path(__file__).resolve().parent.parent / "society_example.toml"
# Workloads of minutes, which the test stops long before (--allow-large: compare's three regimes
# are estimated above the size guard's 10 minutes, and the guard is not what these tests are about).
LONG_RUN = ["--turns", "1000", "-r", "2000", "--allow-large"]
SWEEP = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "--turns", "200", "-r", "40",
         "--param", "fine=0:4:200", "--output", "sweep.parquet"]


def regimelab() -> list[str]:
    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    return [str(script)]


def process_state(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, from /proc; None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "pid (name)"; a name may hold spaces
    return fields[0], int(fields[1]), int(fields[19])


def children(pid: int) -> dict[int, int]:
    """Live (not zombie) children of ``pid``: their pid and start time."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            state = process_state(int(entry))
            if state and state[1] == pid and state[0] != "Z":
                found[int(entry)] = state[2]
    return found


def alive(pid: int, started: int) -> bool:
    """Whether that process (the same one: same start time) still runs; a zombie holds no memory and counts as gone."""
    state = process_state(pid)
    return state is not None and state[2] == started and state[0] != "Z"


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s")
        time.sleep(0.02)


class Command:
    """The CLI in a subprocess of its own session; standard error on a pseudo-terminal (or a file)."""

    def __init__(self, args: list[str], folder: Path, terminal: bool = True):
        self.folder = folder
        self.chunks: list[bytes] = []
        stderr_file = None
        if terminal:
            self.master, slave = pty.openpty()
            # 24 rows of 120 columns: a terminal of no size would get a progress bar of no characters.
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
            stderr = slave
        else:
            self.master = None
            stderr_file = open(folder / "stderr.txt", "wb")
            stderr = stderr_file
        self.process = subprocess.Popen(regimelab() + args, cwd=folder, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        if terminal:
            os.close(slave)
            self.reader = threading.Thread(target=self._read, daemon=True)
            self.reader.start()
        else:
            stderr_file.close()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            self.chunks.append(chunk)

    def stderr(self) -> str:
        if self.master is None:
            return (self.folder / "stderr.txt").read_text(errors="replace")
        return b"".join(self.chunks).decode(errors="replace")

    def wait_for_output(self, text: str) -> None:
        def shown():
            assert self.process.poll() is None, f"the command ended before the test could act:\n{self.stderr()}"
            return text in self.stderr()

        wait_until(shown, START_SECONDS, f"{text!r} on standard error")

    def wait_for_workers(self, count: int) -> dict[int, int]:
        def started():
            assert self.process.poll() is None, f"the command ended before the test could act:\n{self.stderr()}"
            return len(children(self.process.pid)) >= count

        wait_until(started, START_SECONDS, f"{count} worker processes")
        return children(self.process.pid)

    def finish(self) -> None:
        """Kill what is left of the process group (after a failed test), and close the terminal."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        if self.master is not None:
            self.reader.join(timeout=10)
            os.close(self.master)


@pytest.fixture
def commands(tmp_path):
    started: list[Command] = []

    def start(args, terminal=True):
        command = Command(args, tmp_path, terminal)
        started.append(command)
        return command

    yield start
    for command in started:
        command.finish()


# -- Ctrl-C ----------------------------------------------------------------------------------------

# (command line, what its progress bar says, worker processes it runs)
CTRL_C = {
    "run": (["run", *LONG_RUN, "--output", "result.json"], "Playing pairings", 0),
    "run -j 2": (["run", *LONG_RUN, "-j", "2", "--output", "result.json"], "Playing pairings", 2),
    "compare -j 2": (["compare", "--regime", "fine=1", "--regime", "fine=3", *LONG_RUN, "-j", "2"],
                     "Playing pairings", 2),
    "evolve": (["evolve", "--engine", "simulate", *LONG_RUN], "Playing pairings", 0),
    "society": (["society", str(SOCIETY), "-r", "5000"], "Playing the society", 0),
    "explain --simulate -j 2": (["explain", "--simulate", "300000", "-j", "2"], None, 2),
    "sweep": (["sweep", *SWEEP], "Sweep cells", 0),
    "sweep -j 2": (["sweep", *SWEEP, "-j", "2"], "Sweep cells", 2),
}


@pytest.mark.parametrize("case", list(CTRL_C))
def test_ctrl_c_stops_at_once_with_one_line_and_status_130(commands, tmp_path, case):
    args, bar, workers = CTRL_C[case]
    command = commands(args)
    if bar:
        command.wait_for_output(bar)
    pool = command.wait_for_workers(workers) if workers else {}
    time.sleep(0.5)  # at work for a moment (workers busy with their first tasks)

    interrupted = time.monotonic()
    os.killpg(command.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    try:
        status = command.process.wait(timeout=STOP_SECONDS)  # the target: 2 s
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: still running {STOP_SECONDS} s after Ctrl-C")
    elapsed = time.monotonic() - interrupted
    command.reader.join(timeout=10)
    stderr = command.stderr()

    assert status == 130, (status, stderr)
    assert stderr.count("\n") == 1, repr(stderr)  # one line (the progress bar redraws with \r only)
    assert re.search(r"\rInterrupted[.:]", stderr), repr(stderr)
    assert "Traceback" not in stderr and "Aborted" not in stderr, stderr
    assert elapsed < STOP_SECONDS
    # The workers are gone with it.
    wait_until(lambda: not any(alive(pid, start) for pid, start in pool.items()), STOP_SECONDS,
               "the workers ending after Ctrl-C")
    # Nothing half-written: no output, no temporary file; a sweep keeps its partial file only if it saved cells.
    left = sorted(path.name for path in tmp_path.iterdir())
    if case.startswith("sweep"):
        message = stderr.rsplit("\rInterrupted: ", 1)[1].strip()
        if left:
            assert left == ["sweep.parquet.partial.jsonl"], left
            saved = (tmp_path / left[0]).read_text().count("\n") - 1
            verb = "is" if saved == 1 else "are"
            assert message == (f"{saved} of 200 cells {verb} saved in sweep.parquet.partial.jsonl; "
                               "run the same command with --resume to finish the sweep"), message
        else:
            assert message == "no cell of the sweep had finished, so nothing is saved", message
    else:
        assert left == [], left


def test_an_interrupted_sweep_resumes(commands, tmp_path):
    """After Ctrl-C, --resume runs only the cells not saved and ends with the table."""
    args = ["sweep", *SWEEP[:-4], "--param", "fine=0:4:12", "--output", "sweep.parquet"]
    command = commands(args)
    partial = tmp_path / "sweep.parquet.partial.jsonl"
    wait_until(lambda: partial.exists() and partial.read_text().count("\n") >= 3, START_SECONDS, "three cells saved")
    os.killpg(command.process.pid, signal.SIGINT)
    assert command.process.wait(timeout=STOP_SECONDS) == 130
    command.reader.join(timeout=10)
    assert "--resume to finish the sweep" in command.stderr()

    resumed = subprocess.run(regimelab() + args + ["--resume", "--no-progress", "-f", "json"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sweep.parquet", "sweep.parquet.manifest.json"]


# -- workers die with their parent -------------------------------------------------------------------

@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill -9", "SIGTERM"])
@pytest.mark.parametrize("args", [["run", *LONG_RUN, "-j", "2"], ["sweep", *SWEEP, "-j", "2"]],
                         ids=["run", "sweep"])
def test_workers_exit_when_their_parent_is_killed(commands, args, how):
    command = commands(args, terminal=False)
    pool = command.wait_for_workers(2)
    assert len(pool) == 2
    os.kill(command.process.pid, how)  # the parent alone, as `kill` does
    assert command.process.wait(timeout=STOP_SECONDS) == -how
    # Before: reparented to init, 50-90 s or more at 180 MB each. Now the kernel kills them at once (Linux).
    wait_until(lambda: not any(alive(pid, start) for pid, start in pool.items()), 5,
               "the workers ending after their parent was killed")


# -- how many workers -----------------------------------------------------------------------------

def test_jobs_are_capped_at_the_work_and_the_cores():
    cores = os.cpu_count() or 1
    assert worker_count(1000, 6) == 6  # 3 players: 6 pairings (with self-play)
    assert worker_count(1000, 10**6) == MAX_WORKERS_PER_CORE * cores
    assert worker_count(0, 10**6) == cores
    assert worker_count(2, 1) == 1 and worker_count(3, 0) == 1
    assert worker_count(1, 10**6) == 1


def test_run_j_1000_on_three_players_starts_at_most_one_worker_per_pairing(commands):
    command = commands(["run", "-s", "tft", "-s", "alld", "-s", "grim", "--turns", "2000", "-r", "200",
                        "-j", "1000", "--no-progress"], terminal=False)
    most = 0
    deadline = time.monotonic() + 600
    while command.process.poll() is None and time.monotonic() < deadline:
        most = max(most, len(children(command.process.pid)))
        time.sleep(0.01)
    assert command.process.wait(timeout=60) == 0, command.stderr()
    # Before: 1,000 workers (28 s and 3.2 GB). 3 players make 6 pairings; the cap is also 4 per core.
    assert 1 <= most <= min(6, MAX_WORKERS_PER_CORE * (os.cpu_count() or 1)), most


@pytest.mark.parametrize("command", ["run", "compare", "evolve", "sweep"])
def test_the_jobs_help_states_the_cap(cli, command):
    text = " ".join(cli(command, "--help").output.split())
    assert f"at most one per pairing (per cell for sweep) and {MAX_WORKERS_PER_CORE} per core" in text, text
