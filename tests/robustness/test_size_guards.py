"""Size guards (issue 12, §2): every command estimates its work before it runs and refuses what is too large.

regimelab/workload/ estimates the rounds, the exact engine's pairings, the
seconds on one core and the peak memory of a run; above ~10 minutes or 4 GB a
command exits with status 2 and one line that gives the estimate and the
option that runs it anyway (``--allow-large``). The estimates' formulas are
checked against what the engines do in tests/workload/ (one module per module
of regimelab/workload/). Tested here:

- the society's expected length, which the society's estimate counts in periods;
- every command just below and just above the limit: the limit is set to
  1% either side of the command's own estimate for small inputs, so the run
  below it runs and the one above it is refused (for time, and for memory);
- the issue's own cases through the real console script: refused within
  seconds, with status 2, before anything large is allocated;
- progress bars with an ETA for the society (counted in periods) and the exact engine.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import regimelab as rl
from regimelab import workload
from regimelab.cli.options import ALLOW_LARGE
from regimelab.players import make_players
from regimelab.society import Actor, Society, run_society
from regimelab.society.plan import expected_periods
from regimelab.workload import LIMIT_BYTES, LIMIT_SECONDS, Workload, bytes_text, duration_text

TESTS = Path(__file__).resolve().parent.parent
#: A small society scenario of this module's own (members, an outsider, collective security, signals).
SOCIETY_TOML = """
name = "guarded"
title = "Four states and an outsider"
summary = "A small society for the size guards."
[regime]
turns = 60
transparency = 0.9
noise = 0.01
fine = 0.5
[society]
scope = "collective_security"
[[actors]]
name = "Patron"
strategy = "Tit For Tat"
[[actors]]
name = "Client"
strategy = "Win-Stay Lose-Shift"
[[actors]]
name = "Ally"
strategy = "GTFT"
[[actors]]
name = "Cheat"
strategy = "Defector"
[[actors]]
name = "Raider"
strategy = "Random"
member = false
"""


def society_file(folder: Path) -> Path:
    path = folder / "guarded.toml"
    path.write_text(SOCIETY_TOML)
    return path

README = TESTS.parent / "README.md"
REFUSAL = re.compile(
    r"^Error: this run is about .+ \(~.+ on one core, .+\): above the limit of ~.+ / .+; "
    r"pass --allow-large to run it anyway\n$"
)


# -- The society's expected length, against the engine ------------------------------------------------


@pytest.mark.parametrize("regime, expected", [
    (rl.Regime(turns=60), 60),
    (rl.Regime(shadow=0.9), 10),
    (rl.Regime(shadow=0.5), 2),
])
def test_the_expected_length_of_a_society(regime, expected):
    society = Society(actors=[Actor("a", "Tit For Tat"), Actor("b", "Defector")], regime=regime)
    assert expected_periods(society) == pytest.approx(expected)


def test_the_expected_length_of_a_society_with_a_schedule_is_what_the_engine_plays():
    from regimelab.society.model import ShadowChange

    society = Society(actors=[Actor("a", "Cooperator"), Actor("b", "Defector")], regime=rl.Regime(turns=60),
                      schedule=(ShadowChange(start=40, shadow=0.9),))
    expected = 40 + sum(0.9**k for k in range(1, 21))  # certain up to 40, then w = 0.9 until 60
    assert expected_periods(society) == pytest.approx(expected)
    played = [run.periods for run in run_society(society, repetitions=400, seed=3).runs]
    assert abs(np.mean(played) - expected) < 4 * np.std(played) / np.sqrt(len(played))


# -- Every command, just below and just above the limit ------------------------------------------------


def estimate_of(cli, monkeypatch, args) -> Workload:
    """The command's own estimate for ``args``: asked with a zero limit, so that nothing runs."""
    seen = []
    check = workload.check_workload
    monkeypatch.setattr(workload, "check_workload", lambda estimate: seen.append(estimate) or check(estimate))
    monkeypatch.setattr(workload.limit, "LIMIT_SECONDS", 0.0)
    result = cli(*args)
    monkeypatch.setattr(workload, "check_workload", check)
    assert result.exit_code == 2 and len(seen) == 1, result.output
    return seen[0]


COMMANDS = {
    "run": ["run", "-s", "tft", "-s", "random", "--turns", "50", "-r", "3", "-o", "{out}.json"],
    "run exact": ["run", "-s", "tft", "-s", "wsls", "--noise", "0.05", "--engine", "exact", "-o", "{out}.json"],
    "compare": ["compare", "-s", "tft", "-s", "random", "--turns", "50", "-r", "3", "--regime", "fine=1",
                "-o", "{out}.json"],
    "explain": ["explain", "--shadow", "0.9", "--transparency", "0.7", "-o", "{out}.json"],
    "explain --simulate": ["explain", "--noise", "0.05", "--turns", "20", "--simulate", "20", "-o", "{out}.json"],
    "evolve": ["evolve", "-s", "tft", "-s", "alld", "--steps", "10", "-o", "{out}.json"],
    "evolve simulate": ["evolve", "-s", "tft", "-s", "random", "--engine", "simulate", "--turns", "20", "-r", "2",
                        "--steps", "10", "-o", "{out}.json"],
    "society": ["society", "{society}", "-r", "2", "--periods", "20", "-o", "{out}.json"],
    "sweep": ["sweep", "-s", "tft", "-s", "alld", "--param", "fine=0,1", "--turns", "20", "-r", "2",
              "-o", "{out}.csv"],
    "plot": ["plot", "{one}", "-o", "{out}.png"],
}


def command_args(name: str, folder: Path, sweeps) -> tuple[list[str], Path]:
    out = folder / name.replace(" ", "_").replace("-", "")
    society = society_file(folder) if name == "society" else ""
    args = [arg.format(out=out, one=sweeps["one"] if sweeps else "", society=society) for arg in COMMANDS[name]]
    written = next(Path(arg) for arg in args if arg.startswith(str(out)))
    return args, written


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("limit", ["LIMIT_SECONDS", "LIMIT_BYTES"])
def test_every_command_runs_just_below_the_limit_and_is_refused_just_above_it(cli, monkeypatch, tmp_path, name, limit,
                                                                              request):
    sweeps = request.getfixturevalue("sweeps") if name == "plot" else None
    args, written = command_args(name, tmp_path, sweeps)
    estimate = estimate_of(cli, monkeypatch, args)
    assert estimate.seconds > 0 and estimate.memory > 0
    measure = estimate.seconds if limit == "LIMIT_SECONDS" else estimate.memory
    monkeypatch.setattr(workload.limit, "LIMIT_SECONDS", math.inf)  # the limit is read where it is defined
    monkeypatch.setattr(workload.limit, "LIMIT_BYTES", math.inf)

    monkeypatch.setattr(workload.limit, limit, measure * 0.99)  # the estimate is 1% above the limit
    above = cli(*args)
    assert above.exit_code == 2, above.output
    assert REFUSAL.match(above.stderr), above.stderr
    assert above.stdout == "" and not written.exists()

    monkeypatch.setattr(workload.limit, limit, measure * 1.01)  # 1% below
    below = cli(*args)
    assert below.exit_code == 0, below.output
    assert written.exists()


@pytest.mark.parametrize("name", ["run", "society", "sweep"])
def test_allow_large_runs_it_anyway_without_estimating(cli, monkeypatch, tmp_path, name):
    args, written = command_args(name, tmp_path, None)
    monkeypatch.setattr(workload.limit, "LIMIT_SECONDS", 0.0)
    monkeypatch.setattr(workload, "check_workload", lambda estimate: pytest.fail("estimated with --allow-large"))
    result = cli(*args, ALLOW_LARGE)
    assert result.exit_code == 0, result.output
    assert written.exists()


@pytest.mark.parametrize("command", ["run", "compare", "explain", "evolve", "society", "sweep", "plot"])
def test_every_commands_help_gives_the_limit_and_the_option(cli, command):
    text = " ".join(cli(command, "--help").stdout.split())
    assert "--allow-large" in text
    assert f"~{duration_text(LIMIT_SECONDS)} on one core" in text and f"{bytes_text(LIMIT_BYTES)} of memory" in text


def test_the_readme_says_what_the_limits_are_and_how_to_lift_them(cli):
    text = README.read_text()
    section = text[text.index("## Limits"):]
    section = section[: section.index("\n## ", 1)]
    for needle in ("--allow-large", "10 minutes", "4 GB", "exit status 2", "docs/performance.md"):
        assert needle in section, needle
    command, shown = re.search(r"\$ regimelab (.+)\n(Error: .+)\n", section).groups()
    result = cli(*command.split())
    assert result.exit_code == 2 and result.stderr == shown + "\n"  # the refusal as the README shows it


# -- The issue's own cases, through the console script --------------------------------------------------

#: Seconds for a refusal: Python's start-up and axelrod's import on a busy shared machine, then the estimate.
REFUSED_WITHIN = 60
#: Peak memory of a refused run: the interpreter with its imports (about 250 MB), nothing of the run.
REFUSED_MEMORY = 600e6


#: Runs the command as its own child and writes the child's peak memory (ru_maxrss, KiB) to the fd it is given. A process
#: forked from pytest would count pytest's own peak as its own (Linux keeps the high-water mark of the
#: memory it was forked with, even across exec), so the command is forked from this small launcher instead.
LAUNCHER = """
import os, sys
report = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.close(report)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(report, str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def refused(args, tmp_path, memory: float = REFUSED_MEMORY) -> tuple[str, str, float, float]:
    """Run the console script; (stdout, stderr, seconds, peak bytes), asserting exit status 2."""
    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    start = time.monotonic()
    peak_read, peak_write = os.pipe()
    process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(peak_write), str(script), *args], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, pass_fds=(peak_write,),
                               start_new_session=True)
    os.close(peak_write)
    timer = threading.Timer(REFUSED_WITHIN * 2, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    try:
        stdout, stderr = process.communicate()
    finally:
        timer.cancel()
    with os.fdopen(peak_read, "rb") as peak_file:
        peak = int(peak_file.read() or 0) * 1024
    seconds = time.monotonic() - start
    assert process.returncode == 2, (process.returncode, stderr)
    assert seconds < REFUSED_WITHIN, seconds
    assert 0 < peak < memory, peak
    assert stdout == "" and stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    return stdout, stderr, seconds, peak


def test_a_billion_turns_are_refused_at_once(tmp_path):
    # Once it allocated 3 GB in 11 s; a billion is now beyond --turns's range, refused as it is parsed.
    _, stderr, _, _ = refused(["run", "--turns", "1000000000", "--transparency", "0.5"], tmp_path)
    assert "--turns" in stderr


def test_ten_million_turns_with_signals_are_refused_with_the_estimate(tmp_path):
    _, stderr, _, _ = refused(["run", "--turns", "10000000", "--transparency", "0.5", "-o", "out.json"], tmp_path)
    assert REFUSAL.match(stderr) and "4.5e9 rounds" in stderr
    assert not (tmp_path / "out.json").exists()


def test_a_shadow_of_0_999999_is_refused_with_the_estimate(tmp_path):
    _, stderr, _, _ = refused(["run", "--shadow", "0.999999"], tmp_path)
    assert REFUSAL.match(stderr), stderr


def test_three_thousand_players_are_refused_with_the_estimate(tmp_path):
    players = [arg for k in range(3000) for arg in ("-s", ("tft", "random", "alld")[k % 3])]
    _, stderr, _, _ = refused(["run", *players], tmp_path)
    assert REFUSAL.match(stderr), stderr


def test_a_thousand_actor_society_is_refused_with_the_estimate(tmp_path):
    scenario = tmp_path / "crowd.toml"
    scenario.write_text(
        'name = "crowd"\ntitle = "A thousand states"\nsummary = "Too many to play."\n'
        "[regime]\nturns = 100\n"
        '[[actors]]\nname = "State"\nstrategy = "Tit For Tat"\ncount = 1000\n'
    )
    # The society itself is read and checked to be estimated (1,000 actors, 499,500 edges): about
    # 300 MB above the interpreter, where the run would take 8 GB.
    _, stderr, _, _ = refused(["society", str(scenario)], tmp_path, memory=1e9)
    assert REFUSAL.match(stderr) and "GB" in stderr, stderr


# -- Progress with an ETA ---------------------------------------------------------------------------------


class RecordingBar:
    """A stand-in for tqdm that records its total and updates."""

    def __init__(self, total, show, desc, unit, initial=0):
        self.total, self.show, self.desc, self.unit, self.n, self.refreshed = total, show, desc, unit, initial, 0
        RecordingBar.made.append(self)

    def update(self, n):
        self.n += n

    def refresh(self):
        self.refreshed += 1

    def close(self):
        pass


@pytest.fixture
def bars(monkeypatch):
    RecordingBar.made = []
    import regimelab.exact_tournament
    import regimelab.society.engine

    monkeypatch.setattr(regimelab.society.engine, "progress_bar", RecordingBar)
    monkeypatch.setattr(regimelab.exact_tournament, "progress_bar", RecordingBar)
    return RecordingBar.made


def test_the_society_counts_its_progress_in_periods_so_one_long_repetition_has_an_eta(bars):
    society = Society(actors=[Actor("a", "Tit For Tat"), Actor("b", "Random")], regime=rl.Regime(turns=7))
    run_society(society, repetitions=3, seed=1, progress=True)
    (bar,) = [bar for bar in bars if bar.show]  # a society this small is seated without a bar
    assert (bar.desc, bar.unit, bar.total, bar.n) == ("Playing the society", "period", 21, 21)


def test_a_large_society_shows_its_seating_on_a_bar_of_its_own(bars, monkeypatch):
    import regimelab.society.engine

    monkeypatch.setattr(regimelab.society.engine, "SEATING_BAR_EDGES", 3)  # three actors: three edges
    society = Society(actors=[Actor(f"s{k}", "Tit For Tat") for k in range(3)], regime=rl.Regime(turns=4))
    run_society(society, repetitions=2, seed=1, progress=True)
    seating = [bar for bar in bars if bar.desc == "Seating the actors"]
    assert [(bar.show, bar.unit, bar.total, bar.n) for bar in seating] == [(True, "instance", 6, 6)] * 2


def test_under_a_shadow_the_societys_total_follows_the_periods_played(bars):
    society = Society(actors=[Actor("a", "Tit For Tat"), Actor("b", "Random")], regime=rl.Regime(shadow=0.9))
    result = run_society(society, repetitions=5, seed=2, progress=True)
    (bar,) = [bar for bar in bars if bar.show]
    played = sum(run.periods for run in result.runs)
    assert bar.n == played and bar.total == played  # the expectation (10 per repetition) replaced as they end
    assert bar.refreshed == 5


def test_the_exact_engine_counts_pairings_with_a_total(bars):
    from regimelab.exact_tournament import run_exact_tournament

    run_exact_tournament(make_players(["tft", "alld", "wsls"]), rl.Regime(noise=0.05), progress=True)
    (bar,) = bars
    assert (bar.unit, bar.total, bar.n) == ("pairing", 6, 6)


def test_a_long_society_run_draws_its_bar_with_an_eta_on_a_terminal(tmp_path):
    """Through the console script on a pseudo-terminal (the bar is drawn only on one)."""
    pty_fork = pytest.importorskip("pty")
    del pty_fork
    import fcntl
    import struct
    import termios

    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # tqdm needs a width
    process = subprocess.Popen([str(script), "society", str(society_file(tmp_path)), "--periods", "3000", "-r", "3", "-o",
                                "out.json"], cwd=tmp_path, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    output = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        output.extend(data)
    assert process.wait(timeout=300) == 0
    text = output.decode(errors="replace")
    assert re.search(r"Playing the society: +\d+%.*\| *\d+/9000 \[\d\d:\d\d<\d\d:\d\d", text), text[-2000:]
    assert json.loads((tmp_path / "out.json").read_text())["summary"]["mean_periods"] == 3000
