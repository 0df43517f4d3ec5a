"""The CLI through click's runner: outputs, formats, files, the JSON contract."""

import json

import pandas as pd
import pytest

import regimelab as rl

FEW = ["-s", "tft", "-s", "defector", "-s", "grudger", "-r", "3", "--turns", "20"]


def test_run_default_prints_a_ranking_of_the_default_strategies(cli):
    result = cli("run", "--repetitions", "2", "--turns", "20")
    assert result.exit_code == 0
    for name in ("Tit For Tat", "Defector", "Grudger", "Cooperator"):
        assert name in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_run_json_contract(cli):
    result = cli("run", *FEW, "--transparency", "0.5", "--fine", "1", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data["regime"]) == set(rl.PARAMETERS)
    assert data["regime"]["transparency"] == 0.5
    assert set(data["game"]) >= {"base", "expected", "class"}
    assert data["game"]["base"] == {"R": 3.0, "S": 0.0, "T": 5.0, "P": 1.0}
    assert data["game"]["expected"]["T"] == pytest.approx(5 - 1 * 0.5)
    assert data["game"]["class"] == {"base": "prisoners_dilemma", "expected": "prisoners_dilemma"}
    assert [row["rank"] for row in data["ranking"]] == [1, 2, 3]
    assert set(data["ranking"][0]) >= {"rank", "name", "mean_score_per_turn", "mean_match_score", "cooperation_rate"}
    assert len(data["pairs"]) == 9  # ordered pairs with self-play
    assert set(data["pairs"][0]) >= {"player", "opponent", "mean_match_score", "mean_score_per_turn", "mean_turns", "cooperation_rate"}
    assert data["seed"] == 1 and data["repetitions"] == 3
    assert data["versions"]["axelrod"] == "4.13.1"


def test_run_json_equals_the_python_api(cli):
    result = cli("run", *FEW, "--transparency", "0.7", "--seed", "5", "--format", "json")
    data = json.loads(result.stdout)
    api = rl.run_tournament(
        rl.make_players(["tft", "defector", "grudger"]), rl.Regime(turns=20, transparency=0.7), repetitions=3, seed=5
    )
    assert [row["name"] for row in data["ranking"]] == api.ranked_names
    assert [row["mean_score_per_turn"] for row in data["ranking"]] == list(api.players.mean_score_per_turn)


def test_run_csv_and_pairs_table(cli):
    result = cli("run", *FEW, "--format", "csv", "--table", "pairs")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "player,opponent,mean_match_score,mean_score_per_turn,ci95_low,ci95_high,mean_turns,cooperation_rate"
    assert len(lines) == 1 + 9


@pytest.mark.parametrize("suffix", [".json", ".csv", ".parquet"])
def test_run_writes_output_by_suffix(cli, tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    result = cli("run", *FEW, "--output", str(path))
    assert result.exit_code == 0
    assert path.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    if suffix == ".json":
        assert json.loads(path.read_text())["ranking"][0]["rank"] == 1
    elif suffix == ".csv":
        assert list(pd.read_csv(path).columns)[:2] == ["rank", "name"]
    else:
        assert len(pd.read_parquet(path)) == 3


def test_same_seed_same_output_for_one_and_two_jobs(cli):
    args = ["run", *FEW, "-s", "random", "--transparency", "0.6", "--noise", "0.05", "--format", "json"]
    one = json.loads(cli(*args, "-j", "1").stdout)
    two = json.loads(cli(*args, "-j", "2").stdout)
    assert one["ranking"] == two["ranking"] and one["pairs"] == two["pairs"]


def test_compare_side_by_side(cli, tmp_path):
    plot = tmp_path / "compare.png"
    result = cli(
        "compare", *FEW, "--regime", "transparency=0.5", "--regime", "transparency=0.5,fine=3",
        "--plot", str(plot),
    )
    assert result.exit_code == 0, result.output
    assert "transparency=0.5, fine=3" in result.stdout
    assert plot.stat().st_size > 5000
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_json_contract(cli):
    result = cli("compare", *FEW, "--regime", "fine=3", "--format", "json")
    data = json.loads(result.stdout)
    assert [r["fine"] for r in data["regimes"]] == [0.0, 3.0]  # one --regime: the base is the baseline
    assert len(data["results"]) == 2
    assert {row["name"] for row in data["results"][1]["ranking"]} == {"Tit For Tat", "Defector", "Grudger"}
    # A fine of 3 under perfect monitoring makes defecting a losing move.
    base = {r["name"]: r["mean_score_per_turn"] for r in data["results"][0]["ranking"]}
    fined = {r["name"]: r["mean_score_per_turn"] for r in data["results"][1]["ranking"]}
    assert fined["Defector"] < base["Defector"] - 2


def test_explain_json_contract_and_closed_forms(cli):
    result = cli("explain", "--shadow", "0.9", "--transparency", "0.8", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["supergame"]["strategies"] == ["Grudger", "Defector"]
    matrix = data["supergame"]["matrix"]
    assert matrix[0][0] == pytest.approx(3 / (1 - 0.9))  # Grim vs Grim: R every round
    assert matrix[1][1] == pytest.approx(1 / (1 - 0.9))  # Defector vs Defector: P every round
    assert data["thresholds"]["shadow"] == pytest.approx(1 / 1.8)
    assert data["thresholds"]["fine"] == pytest.approx(2 / 0.8)
    assert data["thresholds"]["transparency"] == pytest.approx((1 - 0.9) / 0.9, abs=1e-9)
    assert data["supergame"]["class"] == "stag_hunt"


def test_explain_unattainable_thresholds_are_null(cli):
    data = json.loads(cli("explain", "--shadow", "0.9", "--transparency", "0", "--format", "json").stdout)
    assert data["thresholds"]["shadow"] is None
    assert data["thresholds"]["fine"] is None
    text = cli("explain", "--shadow", "0.9", "--transparency", "0").stdout
    assert "w*   = none" in text and "F*   = none" in text


def test_explain_table_shows_the_games(cli):
    text = cli("explain", "--shadow", "0.9", "--transparency", "0.5", "--fine", "3").stdout
    assert "Base game G" in text and "Expected stage game G'" in text and "Super-game" in text
    assert "harmony" in text or "stag_hunt" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_strategies_search_and_flags(cli):
    result = cli("strategies", "--search", "grudger", "--format", "json")
    data = json.loads(result.stdout)
    names = {row["name"] for row in data["strategies"]}
    assert "Grudger" in names and "Tit For Tat" not in names
    grudger = next(row for row in data["strategies"] if row["name"] == "Grudger")
    assert grudger["stochastic"] is False
    darwin = json.loads(cli("strategies", "--search", "darwin", "--transparency", "0.5", "--format", "json").stdout)
    assert darwin["strategies"][0]["allowed"] is False


def test_version_names_both_packages(cli):
    result = cli("--version")
    assert "regimelab" in result.stdout and "axelrod 4.13.1" in result.stdout


@pytest.mark.parametrize("command", ["run", "compare", "explain", "strategies"])
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"regimelab {command}" in result.stdout
    assert "--format" in result.stdout and "--output" in result.stdout


def test_explain_simulation_agrees_with_the_exact_super_game(cli):
    # Imperfect monitoring with false alarms and noise: no closed form; the
    # simulated means must lie within 4 standard errors of the exact totals.
    result = cli("explain", "--shadow", "0.8", "--transparency", "0.7", "--false-alarm", "0.05",
                 "--noise", "0.02", "--fine", "1", "--simulate", "4000", "--seed", "11", "--format", "json")
    data = json.loads(result.stdout)
    exact = data["supergame"]["matrix"]
    simulated = data["simulation"]["matrix"]
    errors = data["simulation"]["standard_errors"]
    for i in range(2):
        for j in range(2):
            assert abs(simulated[i][j] - exact[i][j]) <= 4 * errors[i][j]
    assert "numerical" in data["methods"]["shadow"]
