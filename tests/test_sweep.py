"""`regimelab sweep` on one machine: grids, the table and manifest, reproducibility,
resuming after an interruption (a real kill -9 included), and bad input.

The Dask side is in test_sweep_cluster.py.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from click.testing import CliRunner

import regimelab as rl
from regimelab.cli import main
from regimelab.errors import InvalidParameter
from regimelab.supergame import cooperation_margin
from regimelab.sweeps import Cell, SweepDefinition, build_grid, parse_param, run_sweep, runner
from regimelab.sweeps.runner import manifest_path, partial_path

# A small, quick sweep: 5 strategies (one of them random), 20 turns, 3 repetitions.
STRATEGIES = ("tft", "alld", "grim", "wsls", "random")
SMALL = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "-s", "random", "--turns", "20", "-r", "3",
         "--seed", "7", "--no-progress"]
SMALL_PARAMS = ["--param", "transparency=0.5:1:3", "--param", "fine=0,2"]  # 6 cells
SMALL_CELLS = 6

TABLE_COLUMNS = [
    "cell", "player", "rank", "mean_score_per_turn", "ci95_low", "ci95_high", "median_score_per_turn",
    "first_share", "mean_match_score", "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff",
    "expected_class", "winner", "winner_robust", "supergame_margin",
]


def invoke(*args):
    """The CLI in this process (stdout and stderr kept apart)."""
    return CliRunner().invoke(main, ["sweep", *args], catch_exceptions=False)


def small_sweep(*params, mode="grid", seed=7, repetitions=3, regime=None, game=None,
                engine="vector") -> SweepDefinition:
    """A small sweep's definition; the engine is the one `--engine auto` takes for the active grids used here."""
    base_regime = regime or rl.Regime(turns=20)
    base_game = game or rl.Game()
    grid = build_grid([parse_param(text) for text in params], mode, base_regime, base_game)
    return SweepDefinition(tuple(rl.make_players(STRATEGIES)), base_regime, base_game, grid, repetitions, seed,
                           engine)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def done_cells(partial: Path) -> int:
    """Complete cell lines in a partial file (the first line is the header)."""
    text = partial.read_text(encoding="utf-8") if partial.exists() else ""
    return max(0, text.count("\n") - 1)


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return lines[0]


class Interrupted(Exception):
    """Stands for Ctrl-C or a crash in the middle of a sweep."""


def interrupt_after(monkeypatch, count: int) -> None:
    """Make the next sweep stop with Interrupted after ``count`` cells are saved."""
    original = runner._execute

    def execute(*args, **kwargs):
        for number, item in enumerate(original(*args, **kwargs)):
            if number == count:
                raise Interrupted
            yield item

    monkeypatch.setattr(runner, "_execute", execute)


def count_cells_run(monkeypatch) -> list:
    """Record the seed of every cell run in this process (jobs=1)."""
    seeds = []
    original = runner.run_cell

    def run_cell(players, regime, game, repetitions, seed, engine="simulate"):
        seeds.append(seed)
        return original(players, regime, game, repetitions, seed, engine)

    monkeypatch.setattr(runner, "run_cell", run_cell)
    return seeds


@pytest.fixture(scope="module")
def small_reference(tmp_path_factory) -> pd.DataFrame:
    """The SMALL sweep's table, uninterrupted, one process."""
    out = tmp_path_factory.mktemp("reference") / "small.parquet"
    result = invoke(*SMALL, *SMALL_PARAMS, "--output", str(out))
    assert result.exit_code == 0, result.output
    return pd.read_parquet(out)


# -- 1. parsing the grid --------------------------------------------------------


def test_a_range_is_inclusive_with_exact_decimal_values():
    assert parse_param("transparency=0:1:11") == (
        "transparency", (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    )
    assert parse_param("shadow=0.5:0.95:10") == (
        "shadow", (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
    )
    assert parse_param("fine=1:0:3") == ("fine", (1.0, 0.5, 0.0))
    assert parse_param("fine=5:5:1") == ("fine", (5.0,))


def test_lists_turns_dashes_and_payoff_keys():
    assert parse_param("fine=0,1,2,4") == ("fine", (0.0, 1.0, 2.0, 4.0))
    name, values = parse_param("turns=10:50:5")
    assert (name, values) == ("turns", (10, 20, 30, 40, 50)) and all(type(v) is int for v in values)
    assert parse_param("false-alarm=0,0.1") == ("false_alarm", (0.0, 0.1))
    assert parse_param("T=4:8:5") == ("T", (4.0, 5.0, 6.0, 7.0, 8.0))
    assert parse_param("fine=-0") == ("fine", (0.0,))


def test_several_params_make_the_full_grid_in_order():
    grid = small_sweep("transparency=0:1:3", "fine=0,2").grid
    assert grid.names == ["transparency", "fine"]
    assert [cell.values for cell in grid.cells] == [
        (("transparency", t), ("fine", f)) for t in (0.0, 0.5, 1.0) for f in (0.0, 2.0)
    ]
    assert grid.to_dict() == {"mode": "grid", "params": {"transparency": [0.0, 0.5, 1.0], "fine": [0.0, 2.0]},
                              "cells": 6}
    assert len(small_sweep("transparency=0:1:3", "fine=0,2", "noise=0,0.1").grid.cells) == 12


def test_oneway_varies_one_parameter_at_a_time_from_the_base():
    base = rl.Regime(turns=20, transparency=0.8, fine=1)
    grid = small_sweep("transparency=0.5,0.8,1", "fine=0,1,2", mode="oneway", regime=base).grid
    assert [cell.as_dict() for cell in grid.cells] == [
        {"transparency": 0.5, "fine": 1.0},
        {"transparency": 0.8, "fine": 1.0},  # the base point, once
        {"transparency": 1.0, "fine": 1.0},
        {"transparency": 0.8, "fine": 0.0},
        {"transparency": 0.8, "fine": 2.0},
    ]
    with pytest.raises(InvalidParameter, match="--shadow"):  # oneway needs a base value for each
        small_sweep("shadow=0.5,0.9", "transparency=0.5,1", mode="oneway")


def test_payoff_keys_sweep_the_game_and_regime_keys_the_regime():
    spec = small_sweep("T=5,7", "fine=0,3")
    regime, game = spec.grid.cells[3].regime_and_game(spec.base_regime, spec.base_game)
    assert game == rl.Game(R=3, S=0, T=7, P=1)
    assert regime == rl.Regime(turns=20, fine=3)
    regime, game = small_sweep("shadow=0.9").grid.cells[0].regime_and_game(rl.Regime(turns=20), rl.Game())
    assert regime == rl.Regime(shadow=0.9) and game == rl.Game()  # a swept shadow replaces the base turns


def test_a_cell_seed_depends_on_its_values_and_the_sweep_seed_only():
    cell = Cell((("transparency", 0.5), ("fine", 2.0)))
    bigger = small_sweep("transparency=0:1:3", "fine=0,2,4").grid
    smaller = small_sweep("transparency=0.5", "fine=2").grid
    assert cell in bigger.cells and cell in smaller.cells
    assert cell.seed(7) == cell.seed(7) and 0 <= cell.seed(7) < 2**32
    assert cell.seed(7) != cell.seed(8)
    seeds = {c.seed(7) for c in bigger.cells}
    assert len(seeds) == len(bigger.cells)


# -- 1. the table and the manifest --------------------------------------------------


def test_the_table_has_a_row_per_cell_and_player_and_matches_run_tournament(tmp_path, monkeypatch):
    out = tmp_path / "sweep.parquet"
    command = ["regimelab", "sweep", "--param", "transparency=0.5:1:3", "--param", "T=5,6", "-f", "json"]
    monkeypatch.setattr(sys, "argv", command)  # what the console script would see
    result = invoke(*SMALL, "--param", "transparency=0.5:1:3", "--param", "T=5,6", "--output", str(out),
                    "-f", "json")
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    assert list(table.columns) == ["transparency", "T"] + TABLE_COLUMNS
    assert len(table) == SMALL_CELLS * len(STRATEGIES)
    for index, rows in table.groupby("cell"):
        assert sorted(rows["rank"]) == list(range(1, len(STRATEGIES) + 1))
        for column in ["transparency", "T", "cell_mean_cooperation", "cell_mean_payoff", "expected_class",
                       "winner"]:
            assert rows[column].nunique() == 1, column
        assert rows["winner"].iloc[0] == rows.loc[rows["rank"] == 1, "player"].iloc[0]

    # Cell 3 (transparency 0.75, T 6) is a tournament with that regime and the cell's seed.
    cell = Cell((("transparency", 0.75), ("T", 6.0)))
    expected = rl.run_tournament(rl.make_players(STRATEGIES), rl.Regime(turns=20, transparency=0.75),
                                 rl.Game(R=3, S=0, T=6, P=1), repetitions=3, seed=cell.seed(7))
    rows = table[table.cell == 3].reset_index(drop=True)
    assert (rows.transparency == 0.75).all() and (rows["T"] == 6.0).all()
    players = expected.players.rename(columns={"name": "player"})
    pdt.assert_frame_equal(rows[list(players.columns)], players, check_exact=True, check_dtype=False)
    assert rows.cell_mean_cooperation[0] == expected.mean_cooperation
    assert rows.cell_mean_payoff[0] == expected.mean_payoff
    assert rows.expected_class[0] == expected.expected_game.classify()
    assert rows.winner[0] == expected.ranked_names[0]

    # Standard output: the per-cell summary as clean JSON; the file names on standard error.
    data = json.loads(result.stdout)
    assert len(data["cells"]) == SMALL_CELLS and data["seed"] == 7
    assert data["cells"][3] == {"transparency": 0.75, "T": 6.0, "cell": 3,
                                "cell_mean_cooperation": expected.mean_cooperation,
                                "cell_mean_payoff": expected.mean_payoff,
                                "expected_class": expected.expected_game.classify(),
                                "winner": expected.ranked_names[0],
                                "winner_robust": expected.winner_robust,
                                "supergame_margin": cooperation_margin(rl.Regime(turns=20, transparency=0.75),
                                                                       rl.Game(R=3, S=0, T=6, P=1))}
    assert f"Wrote {out}" in result.stderr

    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["command"] == command
    assert manifest["base_regime"] == rl.Regime(turns=20).to_dict()
    assert manifest["base_game"] == rl.Game().to_dict()
    assert manifest["grid"] == {"mode": "grid", "params": {"transparency": [0.5, 0.75, 1.0], "T": [5.0, 6.0]},
                                "cells": SMALL_CELLS}
    assert manifest["seed"] == 7 and manifest["repetitions"] == 3
    assert manifest["players"] == [str(player) for player in rl.make_players(STRATEGIES)]
    assert manifest["versions"]["regimelab"] == rl.__version__ and manifest["versions"]["axelrod"] == "4.13.1"
    assert not partial_path(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.parquet", "sweep.parquet.manifest.json"]


def test_csv_output_holds_the_same_table(tmp_path, small_reference):
    out = tmp_path / "sweep.csv"
    assert invoke(*SMALL, *SMALL_PARAMS, "--output", str(out)).exit_code == 0
    table = pd.read_csv(out, float_precision="round_trip")
    pdt.assert_frame_equal(table, small_reference, check_exact=True)


# -- 2. reproducible ----------------------------------------------------------------------


def test_jobs_do_not_change_the_table(tmp_path, small_reference):
    spec = small_sweep("transparency=0.5:1:3", "fine=0,2")
    one = run_sweep(spec, tmp_path / "one.parquet", jobs=1)
    two = run_sweep(spec, tmp_path / "two.parquet", jobs=2)
    pdt.assert_frame_equal(one, two, check_exact=True)
    pdt.assert_frame_equal(pd.read_parquet(tmp_path / "two.parquet"), small_reference, check_exact=True)
    pdt.assert_frame_equal(one, small_reference, check_exact=True)


def test_the_order_in_which_cells_finish_does_not_matter(tmp_path, monkeypatch, small_reference):
    original = runner._execute

    def shuffled(*args, **kwargs):
        items = list(original(*args, **kwargs))
        random.Random(3).shuffle(items)
        yield from items

    monkeypatch.setattr(runner, "_execute", shuffled)
    table = run_sweep(small_sweep("transparency=0.5:1:3", "fine=0,2"), tmp_path / "s.parquet", jobs=2)
    pdt.assert_frame_equal(table, small_reference, check_exact=True)


# -- 3. safe to interrupt ------------------------------------------------------------------


def test_an_interrupted_sweep_resumes_to_the_same_table(tmp_path, monkeypatch, small_reference):
    out = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 2)
    with pytest.raises(Interrupted):
        invoke(*SMALL, *SMALL_PARAMS, "--output", str(out))
    assert not out.exists() and not manifest_path(out).exists()
    assert done_cells(partial_path(out)) == 2
    monkeypatch.undo()

    seeds = count_cells_run(monkeypatch)
    result = invoke(*SMALL, *SMALL_PARAMS, "--output", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert len(seeds) == SMALL_CELLS - 2  # the saved cells are not run again
    pdt.assert_frame_equal(pd.read_parquet(out), small_reference, check_exact=True)
    assert not partial_path(out).exists()


def test_running_again_without_resume_is_refused_and_loses_nothing(tmp_path, monkeypatch):
    out = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 2)
    with pytest.raises(Interrupted):
        invoke(*SMALL, *SMALL_PARAMS, "--output", str(out))
    monkeypatch.undo()
    before = partial_path(out).read_bytes()
    line = one_line_error(invoke(*SMALL, *SMALL_PARAMS, "--output", str(out)))
    assert str(partial_path(out)) in line and "--resume" in line
    assert partial_path(out).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [partial_path(out).name]


@pytest.mark.parametrize("change,named", [
    (["--param", "transparency=0.5:1:4", "--param", "fine=0,2"], "grid"),
    (SMALL_PARAMS + ["--transaction-cost", "0.5"], "base regime"),
    (SMALL_PARAMS + ["--seed", "8"], "seed"),
    (SMALL_PARAMS + ["--payoffs", "4,0,5,1"], "base game"),
    (SMALL_PARAMS + ["-r", "2"], "repetitions"),
    (SMALL_PARAMS + ["-s", "grudger"], "players"),
])
def test_resume_refuses_to_mix_a_different_sweep(tmp_path, monkeypatch, change, named):
    out = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 1)
    with pytest.raises(Interrupted):
        invoke(*SMALL, *SMALL_PARAMS, "--output", str(out))
    monkeypatch.undo()
    before = partial_path(out).read_bytes()
    line = one_line_error(invoke(*SMALL, *change, "--output", str(out), "--resume"))
    assert "different sweep" in line and named in line and "refusing to mix" in line
    assert partial_path(out).read_bytes() == before
    assert not out.exists()


def test_a_truncated_last_line_is_ignored_and_that_cell_run_again(tmp_path, monkeypatch, small_reference):
    out = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 3)
    with pytest.raises(Interrupted):
        invoke(*SMALL, *SMALL_PARAMS, "--output", str(out))
    monkeypatch.undo()
    partial = partial_path(out)
    lines = lines_of(partial)
    assert len(lines) == 5 and lines[-1] == ""  # header, three cells, and the final newline
    cut = json.loads(lines[3])
    partial.write_text("\n".join(lines[:3]) + "\n" + lines[3][: len(lines[3]) // 2], encoding="utf-8")

    seeds = count_cells_run(monkeypatch)
    result = invoke(*SMALL, *SMALL_PARAMS, "--output", str(out), "--resume")
    assert result.exit_code == 0, result.output
    key_of = {cell.key: cell for cell in small_sweep("transparency=0.5:1:3", "fine=0,2").grid.cells}
    assert len(seeds) == SMALL_CELLS - 2 and key_of[cut["key"]].seed(7) in seeds
    pdt.assert_frame_equal(pd.read_parquet(out), small_reference, check_exact=True)
    assert not partial.exists()


def test_resume_with_nothing_saved_runs_the_whole_sweep(tmp_path, small_reference):
    out = tmp_path / "sweep.parquet"
    assert invoke(*SMALL, *SMALL_PARAMS, "--output", str(out), "--resume").exit_code == 0
    pdt.assert_frame_equal(pd.read_parquet(out), small_reference, check_exact=True)


def test_a_partial_file_that_is_not_a_sweep_is_refused(tmp_path):
    out = tmp_path / "sweep.parquet"
    partial_path(out).write_text("not json\n")
    line = one_line_error(invoke(*SMALL, *SMALL_PARAMS, "--output", str(out), "--resume"))
    assert "not a regimelab partial sweep file" in line


# -- 3. a real kill -9, then --resume ------------------------------------------------------------

# 30 cells of about 0.1 s each: a few seconds, long enough to be caught part-way.
KILL_ARGS = ["-s", "tft", "-s", "alld", "-s", "grim", "-s", "wsls", "-s", "random", "--turns", "100", "-r", "4",
             "--seed", "11", "--param", "transparency=0.6:0.95:6", "--param", "fine=0:2:5"]
KILL_CELLS = 30


def regimelab_command() -> list[str]:
    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    return [str(script)]


def test_kill_9_part_way_then_resume_gives_the_uninterrupted_table(tmp_path, monkeypatch):
    command = regimelab_command()
    reference_path = tmp_path / "reference" / "sweep.parquet"
    reference_path.parent.mkdir()
    out = tmp_path / "sweep.parquet"
    partial = partial_path(out)

    with open(tmp_path / "killed.stderr", "w") as stderr:
        process = subprocess.Popen(command + ["sweep", *KILL_ARGS, "-j", "1", "--output", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=stderr, cwd=tmp_path)
    # Meanwhile, the same sweep uninterrupted, in a thread of this process.
    reference_run: dict = {}
    thread = threading.Thread(target=lambda: reference_run.update(
        result=invoke(*KILL_ARGS, "--no-progress", "-j", "1", "--output", str(reference_path))), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while done_cells(partial) < 3:
            assert process.poll() is None, "the sweep ended before it could be interrupted: " + (
                tmp_path / "killed.stderr").read_text()
            assert not out.exists()
            assert time.monotonic() < deadline, "the sweep saved no cells in time"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    thread.join(timeout=120)
    assert not thread.is_alive() and reference_run["result"].exit_code == 0, reference_run
    reference = pd.read_parquet(reference_path)
    saved = done_cells(partial)
    assert 3 <= saved < KILL_CELLS
    # Atomic: no table, manifest or half-written temporary file before completion.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["killed.stderr", "reference", partial.name]

    # --resume (here in this process), as on a terminal: the progress bar on standard error,
    # clean JSON on standard output.
    command_module = sys.modules["regimelab.cli.sweep"]  # (regimelab.cli.sweep is also the command's name)
    monkeypatch.setattr(command_module, "show_progress", lambda options: not options["no_progress"])
    result = invoke(*KILL_ARGS, "-j", "2", "--resume", "-f", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["cells"]) == KILL_CELLS
    assert "Sweep cells" in result.stderr and f"{saved}/{KILL_CELLS}" in result.stderr  # done, of how many

    pdt.assert_frame_equal(pd.read_parquet(out), reference, check_exact=True)
    assert not partial.exists()


# -- 5. bad input: one line, exit 2, nothing written ------------------------------------------

BAD = [
    (["--param", "transparency=0:1"], "transparency=START:STOP:COUNT"),
    (["--param", "fine=a,b"], "fine=START:STOP:COUNT"),
    (["--param", "transparency=0:1:0"], "COUNT >= 2"),
    (["--param", "transparency=0:1:x"], "COUNT"),
    (["--param", "transparency"], "NAME=START:STOP:COUNT"),
    (["--param", "fine="], "NAME=START:STOP:COUNT"),
    (["--param", "fine=0,,1"], "fine=V1,V2"),
    (["--param", "fine=1,1"], "distinct values"),
    (["--param", "turns=nan"], "finite"),
    (["--param", "turns=10.5,20"], "whole numbers"),
    (["--param", "fine=0:1:100000000"], "at most"),
    (["--param", "transparancy=0:1:3"], "did you mean 'transparency'"),
    (["--param", "t=4,6"], "did you mean 'T'"),
    (["--param", "transparency=0:2:3"], "between 0 and 1"),
    (["--param", "shadow=0.5,1"], "0 <= shadow < 1"),
    (["--param", "turns=0,10"], "turns"),
    (["--param", "fine=-1,1"], "fine"),
    (["--param", "T=1e400,1"], "finite"),
    (["--param", "turns=10,20", "--param", "shadow=0.5,0.9"], "turns or shadow, not both"),
    (["--param", "fine=0,1", "--param", "fine=2,3"], "each parameter at most once"),
    ([], "Missing option '--param'"),
    (["--param", "fine=0,1", "--output", "missing/sweep.parquet"], "does not exist"),
    (["--param", "fine=0,1", "--output", "sweep.txt"], ".parquet, .csv"),
    (["--param", "fine=0,1", "--scheduler", "10.0.0.5:8786"], "tcp://HOST:PORT"),
    (["--param", "fine=0,1", "--scheduler", "tcp://"], "tcp://HOST:PORT"),
    (["--param", "fine=0,1", "--scheduler", "tcp://host:port"], "tcp://HOST:PORT"),
    (["--param", "fine=0,1", "--scheduler", "http://host:8786"], "tcp://HOST:PORT"),
    (["--param", "fine=0,1", "-r", "0"], "--repetitions"),
    (["--param", "fine=0,1", "--seed", "-1"], "--seed"),
    (["--param", "fine=0,1", "-j", "-2"], "-j/--jobs"),
    (["--param", "fine=0,1", "--mode", "diagonal"], "--mode"),
]


@pytest.mark.parametrize("args,says", BAD, ids=[" ".join(args) or "no-param" for args, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    line = one_line_error(invoke(*SMALL, *args))
    assert says in line
    assert list(tmp_path.iterdir()) == []


def test_one_strategy_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = one_line_error(invoke("-s", "tft", "--turns", "5", "--param", "fine=0,1"))
    assert "at least two strategies" in line
    assert list(tmp_path.iterdir()) == []


def test_a_strategy_refused_in_one_cell_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Darwin reads its opponent's source: refused under imperfect monitoring
    line = one_line_error(invoke("-s", "tft", "-s", "darwin", "--turns", "5", "--param", "transparency=1,0.5"))
    assert "Darwin" in line
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_without_write_permission_is_refused(tmp_path, monkeypatch):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root may write into any folder, so the permission check cannot refuse")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        line = one_line_error(invoke(*SMALL, "--param", "fine=0,1", "--output", str(folder / "s.parquet")))
        assert "not writable" in line
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


# -- 6. progress --------------------------------------------------------------------------------


def test_no_progress_is_accepted_and_json_is_clean(tmp_path):
    out = tmp_path / "s.parquet"
    result = invoke(*SMALL, "--param", "fine=0,1", "--no-progress", "-f", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [cell["fine"] for cell in data["cells"]] == [0.0, 1.0]
    assert data["output"] == str(out) and data["manifest"] == str(manifest_path(out))
    assert "Sweep cells" not in result.output  # no terminal, no bar


# -- 7. sampled designs: each point a cell, run by the same machinery ---------------------------

DESIGN_PLAYERS = ["-s", "tft", "-s", "alld", "-s", "grim", "--shadow", "0.9", "--no-progress"]
DESIGN_PARAMS = ["--param", "transparency=0.3:1", "--param", "fine=0:4"]


def design_sweep(design: str, samples: int, seed: int = 4) -> SweepDefinition:
    from regimelab.sweeps.designs import Design, build_design, parse_range

    base, game = rl.Regime(shadow=0.9), rl.Game()
    grid = build_design([parse_range("transparency=0.3:1"), parse_range("fine=0:4")], Design(design, samples, seed),
                        base, game)
    return SweepDefinition(tuple(rl.make_players(["tft", "alld", "grim"])), base, game, grid, 1, seed, "exact")


def test_a_point_drawn_twice_runs_once_and_fills_both_cells(tmp_path, monkeypatch):
    definition = design_sweep("morris", 8)  # two parameters on four levels: trajectories share points
    keys = [cell.key for cell in definition.grid.cells]
    assert len(set(keys)) < len(keys)
    seeds = count_cells_run(monkeypatch)
    table = run_sweep(definition, tmp_path / "m.parquet")
    assert len(seeds) == len(set(keys))
    assert sorted(table["cell"].unique()) == list(range(len(keys)))
    for key in set(keys):  # the cells of one point have the same rows
        cells = [index for index, other in enumerate(keys) if other == key]
        rows = [table[table.cell == index].drop(columns="cell").reset_index(drop=True) for index in cells]
        for other in rows[1:]:
            pdt.assert_frame_equal(rows[0], other)


def test_a_design_sweep_is_the_same_for_any_jobs_and_resumes_to_the_same_table(tmp_path, monkeypatch):
    definition = design_sweep("sobol", 16)
    one = run_sweep(definition, tmp_path / "one.parquet", jobs=1)
    two = run_sweep(definition, tmp_path / "two.parquet", jobs=2)
    pdt.assert_frame_equal(one, two, check_exact=True)
    out = tmp_path / "resumed.parquet"
    interrupt_after(monkeypatch, 5)
    with pytest.raises(Interrupted):
        run_sweep(definition, out)
    monkeypatch.undo()
    seeds = count_cells_run(monkeypatch)
    pdt.assert_frame_equal(run_sweep(definition, out, resume=True), one, check_exact=True)
    assert len(seeds) == 16 * 4 - 5


def test_resume_refuses_a_design_drawn_from_another_seed(tmp_path, monkeypatch):
    out = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 2)
    with pytest.raises(Interrupted):
        invoke(*DESIGN_PLAYERS, *DESIGN_PARAMS, "--design", "lhs", "--samples", "64", "--output", str(out))
    monkeypatch.undo()
    line = one_line_error(invoke(*DESIGN_PLAYERS, *DESIGN_PARAMS, "--design", "lhs", "--samples", "64", "--seed", "2",
                                 "--output", str(out), "--resume"))
    assert "different sweep" in line and "seed" in line and "grid" in line


def test_a_design_sweep_through_the_command_line_records_its_design(tmp_path):
    out = tmp_path / "s.parquet"
    result = invoke(*DESIGN_PLAYERS, *DESIGN_PARAMS, "--design", "sobol", "--samples", "16", "--seed", "4",
                    "--output", str(out), "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Engine: exact (every player has a finite-state form")
    data = json.loads(result.stdout)
    assert data["engine"] == "exact" and data["seed"] == 4  # the seed drew the points
    assert data["grid"] == {"mode": "sobol", "params": {"transparency": [0.3, 1.0], "fine": [0.0, 4.0]},
                            "cells": 64, "design": {"name": "sobol", "samples": 16, "seed": 4, "second_order": False}}
    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["grid"] == data["grid"] and manifest["engine"] == "exact" and manifest["seed"] == 4
    pdt.assert_frame_equal(pd.read_parquet(out), run_sweep(design_sweep("sobol", 16), tmp_path / "api.parquet"),
                           check_exact=True)
