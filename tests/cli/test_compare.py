"""`regimelab compare` (regimelab/cli/compare.py) through click's runner: the table, the picture, the JSON
contract, scenarios, paired change intervals and the exact engine.
"""

import json

import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab.tournament_scenario import read_tournament_scenario

FEW = ["-s", "tft", "-s", "defector", "-s", "grudger", "-r", "3", "--turns", "20"]


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


def test_compare_scenario_compares_its_regimes_in_order(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("compare", str(path), "--regime", "fine=5", "--format", "json").stdout)
    assert data["labels"] == ["baseline", "regime", "fine=5"]
    assert [r["transparency"] for r in data["regimes"]] == [0.5, 0.9, 0.5]  # --regime changes the baseline
    assert data["results"][1]["game"]["base"]["S"] == -2.0
    api = rl.compare_regimes(
        read_tournament_scenario(path).make_players(),
        [rl.Regime(turns=20, transparency=0.5), rl.Regime(turns=20, transparency=0.9, fine=2)],
        [rl.Game(), rl.Game(3, -2, 6, 1)], repetitions=3, seed=7,
    )
    assert data["results"][1]["ranking"] == api.to_dict()["results"][1]["ranking"]


def test_compare_json_has_paired_change_intervals_and_robust_winners(cli):
    result = cli("compare", "-s", "tft", "-s", "alld", "-s", "wsls", "--noise", "0.05", "-r", "12",
                 "--regime", "fine=1", "--regime", "transparency=0.9", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for row in data["strategies"]:
        for label in data["labels"][1:]:
            low, high = row[f"change_ci95[{label}]"]
            assert low <= row[f"change[{label}]"] <= high
            assert row[f"distinguishable[{label}]"] == (low > 0 or high < 0)
    for summary in data["summary"]:
        assert isinstance(summary["winner_robust"], bool)
        assert 0 < summary["winner_first_share"] <= 1


def test_compare_marks_changes_and_winners_within_the_uncertainty(cli):
    # a fine of 0.01 changes little; with GTFT's random generosity the changes are not all distinguishable
    result = cli("compare", "-s", "tft", "-s", "gtft", "-s", "wsls", "--noise", "0.05", "-r", "10",
                 "--regime", "base", "--regime", "transaction_cost=0.001")
    assert result.exit_code == 0, result.output
    assert "~" in result.output and "not distinguishable" in result.output


def test_compare_engine_exact(cli):
    result = cli("compare", "-s", "tft", "-s", "alld", "-s", "grudger", "--shadow", "0.9",
                 "--regime", "base", "--regime", "transparency=0.6", "--engine", "exact", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["engine"] == "exact" and data["seed"] is None and data["repetitions"] is None
    expected = rl.run_exact_tournament(rl.make_players(["tft", "alld", "grudger"]),
                                       rl.Regime(shadow=0.9, transparency=0.6)).players.set_index("name")
    label = data["labels"][1]
    for row in data["strategies"]:
        assert row[f"score[{label}]"] == pytest.approx(expected.loc[row["name"], "mean_score_per_turn"], abs=1e-12)
        assert row[f"change_ci95[{label}]"] is None
    table = cli("compare", "-s", "tft", "-s", "alld", "--regime", "fine=1", "--engine", "exact")
    assert "exact expected values" in table.output


@pytest.mark.parametrize("flag", ["--seed", "--repetitions"])
def test_compare_engine_exact_refuses_seed_and_repetitions(cli, flag):
    result = cli("compare", "-s", "tft", "-s", "alld", "--regime", "fine=1", "--engine", "exact", flag, "3")
    assert result.exit_code == 2 and flag in result.output and "Traceback" not in result.output


def test_compare_engine_exact_names_a_strategy_without_a_machine(cli):
    result = cli("compare", "-s", "tft", "-s", "Gradual", "--regime", "fine=1", "--engine", "exact")
    assert result.exit_code == 2 and "Gradual" in result.output


def test_a_scenarios_regimes_show_every_key_the_scenario_sets(cli):
    # intrusive-inspections sets transparency = 1.0, the null regime's value: shown all the same
    result = cli("compare", "arms-control-verification", "-r", "2")
    assert result.exit_code == 0, result.output
    assert "  [1] on-site-inspections: shadow=0.75, transparency=0.9\n" in result.stdout
    assert "  [2] intrusive-inspections: shadow=0.75, transparency=1, transaction_cost=0.5\n" in result.stdout


def test_a_regime_shows_the_keys_its_regime_option_sets(cli):
    result = cli("compare", *FEW, "--regime", "fine=0", "--regime", "fine=2,transparency=1")
    assert result.exit_code == 0, result.output
    assert "  [0] turns=20, fine=0\n" in result.stdout  # not "turns=20" alone: fine=0 was asked for
    assert "  [1] turns=20, transparency=1, fine=2\n" in result.stdout
