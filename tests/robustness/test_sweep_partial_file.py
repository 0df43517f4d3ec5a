"""A sweep's partial file (issue 12, §5): locked against a second process, and checked line by line.

Two real processes for the lock; crafted partial files for the checks: a bad
line is never written into the table, its cell runs again, and the run says so
in one line.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from click.testing import CliRunner

import regimelab as rl
from regimelab.cli import main
from regimelab.sweeps import SweepDefinition, build_grid, parse_param, runner
from regimelab.sweeps.definition import SweepError
from regimelab.sweeps.partial_file import PartialFile, partial_path

SMALL = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "-s", "random", "--turns", "20", "-r", "3",
         "--seed", "7", "--no-progress", "--param", "transparency=0.5:1:3", "--param", "fine=0,2"]  # 6 cells
PLAYERS = 5


def invoke(*args):
    return CliRunner().invoke(main, ["sweep", *args], catch_exceptions=False)


def regimelab() -> list[str]:
    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    return [str(script)]


class Stop(Exception):
    """Stops a sweep part-way, its first cells saved."""


def saved_part_way(monkeypatch, out: Path, cells: int) -> list[dict]:
    """Run the SMALL sweep until ``cells`` cells are saved; the partial file's records after its header."""
    original = runner._execute

    def execute(*args, **kwargs):
        for number, item in enumerate(original(*args, **kwargs)):
            if number == cells:
                raise Stop
            yield item

    monkeypatch.setattr(runner, "_execute", execute)
    with pytest.raises(Stop):
        invoke(*SMALL, "--output", str(out))
    monkeypatch.setattr(runner, "_execute", original)
    lines = partial_path(out).read_text().splitlines()
    assert len(lines) == 1 + cells
    return [json.loads(line) for line in lines[1:]]


def cells_run(monkeypatch) -> list:
    """The seeds of the cells run from now on (in this process: -j 1)."""
    seeds = []
    original = runner.run_cell

    def run_cell(players, regime, game, repetitions, seed, engine="simulate"):
        seeds.append(seed)
        return original(players, regime, game, repetitions, seed, engine)

    monkeypatch.setattr(runner, "run_cell", run_cell)
    return seeds


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("reference") / "small.parquet"
    result = invoke(*SMALL, "--output", str(out))
    assert result.exit_code == 0, result.output
    return pd.read_parquet(out)


def _missing_column(rows):
    del rows[2]["cooperation_rate"]
    return rows


def _disagreeing_winner(rows):
    rows[1]["winner"] = next(row["player"] for row in rows if row["player"] != rows[0]["winner"])
    return rows


def _with(key, value):
    def change(rows):
        rows[1][key] = value
        return rows
    return change


# What a line's rows become; each is a line that must not reach the table.
BAD_ROWS = {
    "rows [1,2,3]": lambda rows: [1, 2, 3],
    "rows []": lambda rows: [],
    "one row short": lambda rows: rows[:-1],
    "rows a dict": lambda rows: {"player": "x"},
    "a column missing": _missing_column,
    "a row's own cell index": _with("cell", 99),
    "a row's own parameter value": _with("fine", 123.0),
    "a rank that is not a number": _with("rank", "first"),
    "a rank out of range": _with("rank", PLAYERS + 1),
    "a player not in the sweep": _with("player", "Nobody"),
    "a score that is text": _with("mean_score_per_turn", "high"),
    "winner_robust a number": _with("winner_robust", 1),
    "rows that disagree on the winner": _disagreeing_winner,
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_saved_cell_is_run_again_said_so_and_never_in_the_table(tmp_path, monkeypatch, reference, case):
    out = tmp_path / "sweep.parquet"
    records = saved_part_way(monkeypatch, out, 3)
    partial = partial_path(out)
    lines = partial.read_text().splitlines()
    bad = records[1]
    bad["rows"] = BAD_ROWS[case](bad["rows"])
    lines[2] = json.dumps(bad)
    partial.write_text("\n".join(lines) + "\n")

    seeds = cells_run(monkeypatch)
    result = invoke(*SMALL, "--output", str(out), "--resume")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1, result.stderr
    assert str(partial) in warnings[0] and "line 3" in warnings[0] and "run again" in warnings[0], warnings
    assert len(seeds) == 6 - 2  # the bad cell and the three never saved
    pdt.assert_frame_equal(pd.read_parquet(out), reference, check_exact=True)
    assert not partial.exists()


@pytest.mark.parametrize("line", [
    '{"key": "no such cell", "rows": []}',
    '{"rows": []}',
    '[1, 2, 3]',
    'not json at all',
    '{"key": 5, "rows": []}',
])
def test_a_line_that_is_no_cell_of_the_grid_is_ignored_and_said_so(tmp_path, monkeypatch, reference, line):
    out = tmp_path / "sweep.parquet"
    saved_part_way(monkeypatch, out, 2)
    partial = partial_path(out)
    lines = partial.read_text().splitlines()
    partial.write_text("\n".join(lines[:2] + [line] + lines[2:]) + "\n")

    seeds = cells_run(monkeypatch)
    result = invoke(*SMALL, "--output", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert sum(line.startswith("Warning:") for line in result.stderr.splitlines()) == 1, result.stderr
    assert len(seeds) == 6 - 2
    pdt.assert_frame_equal(pd.read_parquet(out), reference, check_exact=True)


def test_good_lines_say_nothing(tmp_path, monkeypatch, reference):
    out = tmp_path / "sweep.parquet"
    saved_part_way(monkeypatch, out, 2)
    result = invoke(*SMALL, "--output", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    pdt.assert_frame_equal(pd.read_parquet(out), reference, check_exact=True)


# -- the lock --------------------------------------------------------------------------------------

def small_spec() -> SweepDefinition:
    base_regime, base_game = rl.Regime(turns=20), rl.Game()
    grid = build_grid([parse_param("fine=0,1")], "grid", base_regime, base_game)
    return SweepDefinition(tuple(rl.make_players(["tft", "alld"])), base_regime, base_game, grid, 3, 7)


def test_a_partial_file_open_elsewhere_is_refused_naming_the_process(tmp_path):
    path = tmp_path / "sweep.parquet.partial.jsonl"
    first = PartialFile.open(path, small_spec(), resume=False)
    try:
        before = path.read_bytes()
        for resume in (True, False):
            with pytest.raises(SweepError, match=rf"in use by another sweep \(process {os.getpid()}\)"):
                PartialFile.open(path, small_spec(), resume=resume)
        assert path.read_bytes() == before
    finally:
        first.discard_if_unused()
    assert not path.exists()  # created by that run, nothing saved: no trace
    PartialFile.open(path, small_spec(), resume=False).discard_if_unused()  # free again


# 120 cells of about a second each: it runs while the second process starts (the test stops it then).
LONG_SWEEP = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "--turns", "500", "-r", "200",
              "--param", "fine=0:4:120", "--engine", "simulate", "--no-progress", "--output", "sweep.parquet"]


def test_a_second_process_on_the_same_output_is_refused_naming_the_first(tmp_path):
    partial = tmp_path / "sweep.parquet.partial.jsonl"
    with open(tmp_path / "first.stderr", "wb") as stderr:
        first = subprocess.Popen(regimelab() + ["sweep", *LONG_SWEEP], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                 stderr=stderr, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (partial.exists() and partial.read_text().count("\n") >= 2):  # the header and a cell
            assert first.poll() is None, (tmp_path / "first.stderr").read_text()
            assert time.monotonic() < deadline, "the first sweep saved no cell in time"
            time.sleep(0.05)

        for extra in (["--resume"], []):
            second = subprocess.run(regimelab() + ["sweep", *LONG_SWEEP, *extra], cwd=tmp_path,
                                    capture_output=True, text=True, timeout=300)
            assert second.returncode == 2, second.stderr
            lines = second.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in second.stderr, second.stderr
            assert lines[0] == (f"Error: sweep.parquet.partial.jsonl is in use by another sweep (process "
                                f"{first.pid}); wait for it to finish or stop it, then rerun"), lines[0]
        assert first.poll() is None  # the first goes on

        # Before: both computed every remaining cell and appended duplicates. Each cell is saved once.
        keys = [json.loads(line)["key"] for line in partial.read_text().splitlines()[1:] if line.endswith("}")]
        assert len(keys) == len(set(keys))

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        # The operating system released the lock with the process: nothing stale to remove.
        with open(partial, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
