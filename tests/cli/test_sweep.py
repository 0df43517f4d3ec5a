"""`regimelab sweep` (regimelab/cli/sweep.py) through click's runner: the exact engine."""

import json

import pytest

import regimelab as rl


def test_sweep_engine_exact_cells_equal_exact_runs(cli, tmp_path):
    output = tmp_path / "s.csv"
    result = cli("sweep", "-s", "tft", "-s", "wsls", "-s", "alld", "--param", "noise=0,0.1", "--shadow", "0.9",
                 "--engine", "exact", "--output", str(output), "--no-progress", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"] == "exact" and data["seed"] is None
    import pandas as pd

    table = pd.read_csv(output)
    for noise in (0.0, 0.1):
        run = rl.run_exact_tournament(rl.make_players(["tft", "wsls", "alld"]), rl.Regime(shadow=0.9, noise=noise))
        cell = table[table.noise == noise].set_index("player")
        for row in run.players.itertuples():
            assert cell.loc[row.name, "mean_score_per_turn"] == pytest.approx(row.mean_score_per_turn, abs=1e-12)


def test_sweep_engine_exact_refuses_a_strategy_before_writing(cli, tmp_path):
    output = tmp_path / "s.parquet"
    result = cli("sweep", "-s", "tft", "-s", "Gradual", "--param", "noise=0,0.1", "--engine", "exact",
                 "--output", str(output), "--no-progress")
    assert result.exit_code == 2 and "Gradual" in result.output
    assert not output.exists()


# -- sampled designs: --design, --samples, --second-order, and the engine they default to -------

DESIGN = ["--shadow", "0.9", "--param", "transparency=0.3:1", "--param", "fine=0:4", "--no-progress"]


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output, result.stderr
    return lines[0]


DESIGN_ERRORS = [
    (["--design", "sobol"], "Missing option '--samples': --design sobol needs its N"),
    (["--samples", "16"], "Invalid value for '--samples': it sizes a sampled design"),
    (["--design", "sobol", "--samples", "16", "--mode", "oneway"], "Invalid value for '--mode'"),
    (["--design", "lhs", "--samples", "64", "--second-order"], "Invalid value for '--second-order': used only with "
                                                                "--design sobol"),
    (["--design", "sobol", "--samples", "8"], "Invalid value for '--samples': must be an integer from 16"),
    (["--design", "sobol", "--samples", "20"], "a power of 2 for --design sobol"),
    (["--design", "morris", "--samples", "2"], "Invalid value for '--samples': must be an integer from 4"),
    (["--design", "lhs", "--samples", "10"], "Invalid value for '--samples': must be an integer from 64"),
    (["--design", "sobol", "--samples", "65536"], "at most 100,000 cells"),
    (["--design", "morris", "--samples", "4", "--param", "noise=0:0.1:3"], "noise=LOW:HIGH with a sampled design"),
    (["--design", "morris", "--samples", "4", "--param", "shadow=0.5:1"], "within the model's ranges"),
    (["--design", "lattice"], "Invalid value for '--design'"),
]


@pytest.mark.parametrize("args, says", DESIGN_ERRORS, ids=[" ".join(args) for args, _ in DESIGN_ERRORS])
def test_a_bad_design_is_one_line_exit_2_and_writes_nothing(cli, tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    line = _one_line_error(cli("sweep", "-s", "tft", "-s", "alld", *DESIGN, *args))
    assert says in line
    assert list(tmp_path.iterdir()) == []


def test_a_design_without_param_asks_for_ranges(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = _one_line_error(cli("sweep", "-s", "tft", "-s", "alld", "--design", "lhs", "--samples", "64"))
    assert "give at least one NAME=LOW:HIGH" in line


def test_a_design_runs_exact_when_every_player_can_and_takes_a_seed(cli, tmp_path):
    output = tmp_path / "s.csv"
    result = cli("sweep", "-s", "tft", "-s", "alld", *DESIGN, "--design", "morris", "--samples", "4", "--seed", "3",
                 "--output", str(output), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"] == "exact" and data["seed"] == 3 and data["grid"]["design"]["seed"] == 3
    assert "Engine: exact" in result.stderr


@pytest.mark.parametrize("extra", [["-r", "2"], ["--engine", "simulate"]])
def test_repetitions_or_an_engine_keep_the_design_off_the_exact_engine(cli, tmp_path, extra):
    result = cli("sweep", "-s", "tft", "-s", "alld", "--turns", "10", "--param", "transparency=0.3:1", "--no-progress",
                 "--design", "morris", "--samples", "4", *extra, "--output", str(tmp_path / "s.csv"), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"] != "exact" and "Engine: exact" not in result.stderr


def test_a_player_without_a_machine_keeps_the_design_on_a_simulation_engine(cli, tmp_path):
    result = cli("sweep", "-s", "tft", "-s", "Gradual", *DESIGN, "--design", "morris", "--samples", "4", "-r", "2",
                 "--output", str(tmp_path / "s.csv"), "-f", "json")
    assert result.exit_code == 0, result.output
    result = cli("sweep", "-s", "tft", "-s", "Gradual", "--shadow", "0.9", "--param", "fine=0:4", "--no-progress",
                 "--design", "morris", "--samples", "4", "--output", str(tmp_path / "t.csv"), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"] != "exact"


def test_a_grid_on_the_exact_engine_still_refuses_a_seed(cli, tmp_path):
    line = _one_line_error(cli("sweep", "-s", "tft", "-s", "alld", "--param", "fine=0,1", "--engine", "exact",
                               "--seed", "3", "--output", str(tmp_path / "s.csv")))
    assert "--seed" in line
