"""`regimelab run` (regimelab/cli/run.py) through click's runner: outputs, formats, files, the JSON contract,
the exact engine, scenarios and variants, intervals and first shares.
"""

import json
import re

import pandas as pd
import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab import exact

FEW = ["-s", "tft", "-s", "defector", "-s", "grudger", "-r", "3", "--turns", "20"]
GAME = rl.Game()


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


# -- the exact engine ---------------------------------------------------------


def test_run_engine_exact_json(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "-s", "grudger", "--noise", "0.05", "--engine", "exact",
                 "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["engine"] == "exact" and data["seed"] is None and data["repetitions"] is None
    pair = next(p for p in data["pairs"] if p["player"] == "Grudger" and p["opponent"] == "Tit For Tat")
    value = exact.evaluate(exact.grim_trigger(), exact.tit_for_tat(), rl.Regime(noise=0.05), GAME)
    assert pair["mean_match_score"] == pytest.approx(value.totals[0], abs=1e-9)
    assert {row["name"] for row in data["ranking"]} == {"Tit For Tat", "Defector", "Grudger"}


def test_run_engine_exact_table_says_no_seed(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "--engine", "exact", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "exact expected values (no seed, no repetitions)" in result.output


@pytest.mark.parametrize("flag, value", [("--seed", "3"), ("--repetitions", "5")])
def test_run_engine_exact_refuses_seed_and_repetitions(cli, flag, value):
    result = cli("run", "-s", "tft", "-s", "alld", "--engine", "exact", flag, value)
    assert result.exit_code == 2
    assert flag in result.output and "Traceback" not in result.output


def test_run_engine_exact_names_a_strategy_it_cannot_compute(cli):
    result = cli("run", "-s", "tft", "-s", "Gradual", "--engine", "exact", "--no-progress")
    assert result.exit_code == 2
    assert "Gradual" in result.output and "--engine simulate" in result.output
    assert "Traceback" not in result.output


# -- scenarios and variants ----------------------------------------------------


def test_run_scenario_uses_the_default_regime_and_the_scenario_numbers(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("run", str(path), "--format", "json").stdout)
    assert data["scenario"] == {"name": "tiny", "title": "A tiny scenario", "variant": "regime"}
    assert data["regime"]["fine"] == 2.0 and data["regime"]["turns"] == 20
    assert data["game"]["base"] == {"R": 3.0, "S": -2.0, "T": 6.0, "P": 1.0}
    assert data["seed"] == 7 and data["repetitions"] == 3
    assert len(data["ranking"]) == 4


def test_command_line_options_override_the_scenario(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("run", str(path), "--variant", "baseline", "--transparency", "0.2", "--shadow", "0.8",
                          "--seed", "3", "-r", "2", "-s", "tft", "-s", "grudger", "--payoffs", "4,0,5,1",
                          "--format", "json").stdout)
    assert data["regime"]["transparency"] == 0.2
    assert data["regime"]["shadow"] == 0.8 and data["regime"]["turns"] is None
    assert data["seed"] == 3 and data["repetitions"] == 2
    assert {row["name"] for row in data["ranking"]} == {"Tit For Tat", "Grudger"}
    assert data["game"]["base"]["R"] == 4.0


def test_without_leaves_strategies_out_of_a_set_so_that_it_can_play_under_a_fine(cli):
    # ZD-Extort-2 cannot take the G' a fine makes: the error names it, and --without leaves it out.
    # Nor can a meta team with it among its members: the error names both, so that one --without each does.
    args = ("run", "--set", "axelrod-first", "-s", "ZD-Extort-2", "-s", "Meta Majority Memory One", "--fine", "2",
            "--turns", "5", "--repetitions", "1", "--format", "json")
    refused = cli(*args)
    assert refused.exit_code == 2
    assert ("ZD-Extort-2: 0.1111111111111111, 0.5, Meta Majority Memory One: 37 players cannot play the expected "
            "stage game" in refused.stderr)
    result = cli(*args, "--without", "zd-extort-2", "--without", "meta majority memory one")
    assert result.exit_code == 0, result.stderr
    names = {row["name"] for row in json.loads(result.stdout)["ranking"]}
    assert len(names) == len(rl.make_players(sets=["axelrod-first"]))
    assert not any(name.startswith(("ZD", "Meta")) for name in names)


@pytest.mark.parametrize("name, message", [
    ("Tit For Tot", "Invalid value for '--without': unknown strategy 'Tit For Tot'; did you mean 'Tit For Tat'"),
    ("Defector", "Invalid value for '--without': must be a strategy among the players (got 'Defector')"),
])
def test_without_a_strategy_that_is_not_playing_is_refused(cli, name, message):
    result = cli("run", "-s", "tft", "-s", "grudger", "-s", "random", "--without", name, "--turns", "5")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_cli_unknown_scenario_suggests_a_close_one(cli):
    result = cli("run", "anarchi")
    assert result.exit_code == 2 and "did you mean 'anarchy'" in result.stderr


def test_cli_unknown_variant(cli, tmp_path):
    result = cli("run", str(write(tmp_path, GOOD)), "--variant", "nope")
    assert result.exit_code == 2 and "--variant" in result.stderr and "baseline, regime" in result.stderr


def test_variant_without_a_scenario_is_refused(cli):
    result = cli("run", "--variant", "regime")
    assert result.exit_code == 2 and "--variant" in result.stderr


def test_a_declared_society_kind_is_sent_to_the_society_command(cli, tmp_path):
    path = write(tmp_path, 'kind = "society"\n' + GOOD)
    result = cli("run", str(path))
    assert result.exit_code == 2 and "regimelab society" in result.stderr
    result = cli("society", str(path))
    assert result.exit_code == 2 and f"{path}:1" in result.stderr and "kind" in result.stderr


# -- uncertainty -----------------------------------------------------------------


def test_run_json_has_intervals_first_shares_and_winner_robust(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "-s", "wsls", "--noise", "0.05", "-r", "12", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for row in data["ranking"]:
        low, high = row["ci95"]
        assert low <= row["mean_score_per_turn"] <= high
        assert 0 <= row["first_share"] <= 1
        assert "ci95_low" not in row
    assert sum(row["first_share"] for row in data["ranking"]) == pytest.approx(1.0)
    assert isinstance(data["winner_robust"], bool)
    assert len(data["mean_payoff_ci95"]) == 2 and len(data["mean_cooperation_ci95"]) == 2
    for row in data["pairs"]:
        assert row["ci95"][0] <= row["mean_score_per_turn"] <= row["ci95"][1]


def test_run_table_shows_intervals_first_shares_and_says_whether_the_win_is_clear(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "--noise", "0.05", "-r", "12")
    assert result.exit_code == 0, result.output
    assert "±95%" in result.output and "first" in result.output
    assert "Winner: " in result.output and "repetitions" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_run_csv_has_flat_interval_columns(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "--format", "csv")
    header = result.output.splitlines()[0].split(",")
    assert {"ci95_low", "ci95_high", "first_share"} <= set(header)


def test_exact_results_have_no_interval(cli):
    data = json.loads(cli("run", "-s", "tft", "-s", "alld", "--engine", "exact", "--format", "json").output)
    assert all(row["ci95"] is None and row["first_share"] is None for row in data["ranking"])
    assert data["winner_robust"] is True and data["mean_payoff_ci95"] == [None, None]


def test_a_deterministic_tie_is_no_clear_win(cli):
    # TFT and Grudger play identically against these opponents: level in every repetition
    data = json.loads(cli("run", "-s", "tft", "-s", "grudger", "-s", "allc", "-r", "3", "--format", "json").output)
    assert data["winner_robust"] is False
    exact = json.loads(cli("run", "-s", "tft", "-s", "grudger", "-s", "allc", "--engine", "exact",
                           "--format", "json").output)
    assert exact["winner_robust"] is False


def test_counts_of_one_are_singular(cli):
    result = cli("run", "-s", "tft", "-s", "alld", "-r", "1", "--turns", "1")
    assert result.exit_code == 0, result.output
    assert "Horizon: 1 turn; 1 repetition; seed 1\n" in result.stdout
    shadow = cli("run", "-s", "tft", "-s", "alld", "-r", "2", "--shadow", "0")
    assert "Horizon: shadow 0, 1 round on average; 2 repetitions; seed 1\n" in shadow.stdout


def test_latex_strategies_play_under_readable_names(cli):
    result = cli("run", "-s", "phi", "-s", "$\\pi$", "-s", "e", "-r", "2", "--turns", "10", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {row["name"] for row in json.loads(result.stdout)["ranking"]} == {"Phi", "Pi", "e"}


def test_a_variant_shows_every_key_its_scenario_sets(cli):
    result = cli("run", "arms-control-verification", "--variant", "intrusive-inspections", "-r", "2")
    assert result.exit_code == 0, result.output
    assert "Regime:  shadow=0.75, transparency=1, transaction_cost=0.5\n" in result.stdout


def test_a_strategies_dir_alone_adds_its_strategies_to_the_default_players(cli, tmp_path):
    from regimelab.players import DEFAULT_STRATEGIES, find_strategy
    from regimelab.strategy_registry import registrations_undone

    (tmp_path / "mine.toml").write_text(MEMORY_ONE, encoding="utf-8")
    with registrations_undone():
        alone = cli("run", "--strategies-dir", str(tmp_path), "-r", "2", "--turns", "10", "--format", "json")
        named = cli("run", "--strategies-dir", str(tmp_path), "-s", "tft", "-s", "alld", "-r", "2", "--turns", "10",
                    "--format", "json")
        by_name = cli("run", "--strategies-dir", str(tmp_path), "-s", "folder reciprocator", "-s", "alld",
                      "-r", "2", "--turns", "10", "--format", "json")
    assert alone.exit_code == named.exit_code == by_name.exit_code == 0, alone.output + named.output
    default = {str(find_strategy(name)()) for name in DEFAULT_STRATEGIES}
    assert {row["name"] for row in json.loads(alone.stdout)["ranking"]} == default | {"Folder Reciprocator"}
    assert {row["name"] for row in json.loads(named.stdout)["ranking"]} == {"Tit For Tat", "Defector"}
    assert {row["name"] for row in json.loads(by_name.stdout)["ranking"]} == {"Folder Reciprocator", "Defector"}


MEMORY_ONE = """
name = "Folder Reciprocator"
description = "Complies first, then repeats the other side's last seen move."
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""


def test_the_engine_that_played_is_in_the_header_and_the_json(cli):
    active = cli("run", *FEW, "--transparency", "0.8", "-s", "adaptive")
    assert active.exit_code == 0
    assert "; vector engine for 6 of 10 pairings" in active.stdout  # Adaptive has no finite-state form
    objects = cli("run", *FEW, "--transparency", "0.8", "--engine", "simulate")
    assert objects.exit_code == 0 and "vector engine" not in objects.stdout
    null = cli("run", *FEW)
    assert null.exit_code == 0 and "vector engine" not in null.stdout  # auto keeps axelrod's draws
    data = json.loads(cli("run", *FEW, "--fine", "1", "--format", "json").stdout)
    assert data["engine"] == "vector" and data["vectorised_pairings"] == 6
    data = json.loads(cli("run", *FEW, "--fine", "1", "--engine", "simulate", "--format", "json").stdout)
    assert data["engine"] == "simulate" and data["vectorised_pairings"] == 0


def test_the_vectorised_engine_gives_the_same_output_for_any_number_of_processes(cli):
    one = cli("run", *FEW, "--noise", "0.05", "--engine", "vector", "--format", "json")
    two = cli("run", *FEW, "--noise", "0.05", "--engine", "vector", "-j", "2", "--format", "json")
    assert one.exit_code == 0 and one.stdout == two.stdout


def test_the_whole_library_at_the_defaults_is_refused_with_its_estimate(cli):
    # --set all: 251 strategies, 31,626 pairings, among them axelrod's meta strategies (each move
    # asks a team of about 200): hours, not minutes, so the guard refuses before anything is played.
    result = cli("run", "--set", "all")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert re.search(r"this run is about .+ rounds \(~[\d.]+ (hours|days) on one core", result.stderr)
    assert result.stderr.rstrip().endswith("pass --allow-large to run it anyway")
