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
