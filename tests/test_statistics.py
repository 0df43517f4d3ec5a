"""Uncertainty on simulated results: the intervals, the shares of wins, and where they appear.

The interval formulas are checked against scipy's and against their coverage
on data with a known mean; the tournament's intervals against the exact
engine's expected values (they must cover them about 95% of the time); the
paired intervals of `compare` against the unpaired ones; and the JSON and
tables of `run`, `compare` and `society` for the fields the model page
(§3, "uncertainty") promises.
"""

import json

import numpy as np
import pytest
from scipy import stats

import regimelab as rl
from regimelab.statistics import (
    excludes_zero,
    first_shares,
    leads_clearly,
    mean_interval,
    mean_intervals,
    ratio_interval,
)


def test_mean_interval_is_students_t_interval():
    samples = np.random.default_rng(1).normal(2.0, 0.5, 12)
    low, high = mean_interval(samples)
    expected = stats.t.interval(0.95, len(samples) - 1, loc=samples.mean(), scale=stats.sem(samples))
    assert (low, high) == pytest.approx(expected, abs=1e-12)


def test_mean_intervals_of_constant_rows_and_single_samples():
    intervals = mean_intervals([[1.5, 1.5, 1.5], [0.0, 1.0, 2.0]])
    assert intervals[0].tolist() == [1.5, 1.5]
    assert intervals[1][0] < 1 < intervals[1][1]
    assert np.isnan(mean_intervals([[3.0]])).all()


def test_first_shares_split_ties_and_sum_to_one():
    scores = np.array([[3.0, 1.0, 2.0, 2.0], [1.0, 3.0, 2.0, 1.0], [0.0, 0.0, 2.0, 2.0]])
    shares = first_shares(scores)
    assert shares.tolist() == pytest.approx([(1 + 0 + 1 / 3 + 1 / 2) / 4, (0 + 1 + 1 / 3 + 0) / 4,
                                             (0 + 0 + 1 / 3 + 1 / 2) / 4])
    assert shares.sum() == pytest.approx(1.0)


def test_leads_clearly_needs_every_paired_lead_above_zero():
    clear = np.array([[2.0, 2.1, 2.2, 2.0], [1.0, 1.2, 1.1, 1.0], [0.5, 0.4, 0.6, 0.5]])
    assert leads_clearly(clear, 0) is True
    tied = np.array([[2.0, 2.1, 2.2, 2.0], [2.1, 2.0, 2.2, 1.9]])
    assert leads_clearly(tied, 0) is False
    assert leads_clearly(np.array([[2.0], [1.0]]), 0) is None
    assert excludes_zero((0.1, 0.2)) and excludes_zero((-0.2, -0.1)) and not excludes_zero((-0.1, 0.1))


def test_intervals_cover_the_true_mean_about_95_percent_of_the_time():
    # 4,000 normal data sets of 10 samples with a known mean: coverage 0.95 within 3 SE (0.0034 each)
    rng = np.random.default_rng(2)
    data = rng.normal(1.0, 2.0, (4000, 10))
    intervals = mean_intervals(data)
    covered = np.mean((intervals[:, 0] <= 1.0) & (1.0 <= intervals[:, 1]))
    assert abs(covered - 0.95) < 0.011
    # the ratio estimator: C moves out of a random number of moves, true share 0.3
    hits = 0
    for _ in range(2000):
        moves = rng.geometric(0.1, 30)
        cooperations = rng.binomial(moves, 0.3)
        low, high = ratio_interval(cooperations, moves)
        hits += low <= 0.3 <= high
    assert abs(hits / 2000 - 0.95) < 0.02


def test_simulated_intervals_cover_the_exact_values():
    # The exact engine gives the expectation that each simulated mean estimates (E[total/L]
    # under a shadow): over 40 seeds, every player's 95% interval covers it about 95% of the time.
    players = ["tft", "alld", "wsls", "grudger"]
    regime = rl.Regime(shadow=0.8, noise=0.05, transparency=0.8, fine=1)
    exact = rl.run_exact_tournament(rl.make_players(players), regime).players.set_index("name")
    covered = total = 0
    for seed in range(40):
        result = rl.run_tournament(rl.make_players(players), regime, repetitions=20, seed=seed)
        for row in result.players.itertuples():
            covered += row.ci95_low <= exact.loc[row.name, "mean_score_per_turn"] <= row.ci95_high
            total += 1
    assert 0.88 <= covered / total <= 0.995, covered / total


def test_paired_changes_are_narrower_than_the_two_intervals_side_by_side():
    players = rl.make_players(["tft", "alld", "wsls", "random"])
    comparison = rl.compare_regimes(players, [rl.Regime(noise=0.05), rl.Regime(noise=0.05, fine=0.5)],
                                    repetitions=15, seed=3)
    frame = comparison.strategies().set_index("name")
    label = comparison.labels[1]
    base = comparison.baseline.players.set_index("name")
    for name, row in frame.iterrows():
        paired = row[f"change_ci95_high[{label}]"] - row[f"change_ci95_low[{label}]"]
        unpaired = base.loc[name, "ci95_high"] - base.loc[name, "ci95_low"]
        assert paired <= unpaired + 1e-12, name
    # the fine falls on each of the Defector's realised Ds (95% of its moves under noise 0.05)
    assert frame.loc["Defector", f"change[{label}]"] == pytest.approx(-0.5 * 0.95, abs=0.01)
    assert frame.loc["Defector", f"distinguishable[{label}]"]


# -- through the CLI -------------------------------------------------------------


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


def test_society_json_has_intervals_and_first_shares(cli, tmp_path):
    from pathlib import Path

    spec = Path(__file__).with_name("society_example.toml")
    result = cli("society", str(spec), "-r", "6", "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for actor in data["actors"]:
        low, high = actor["ci95"]
        assert low <= actor["mean_score_per_period"] <= high
    assert sum(actor["first_share"] for actor in data["actors"]) == pytest.approx(1.0)
    cooperation = data["summary"]["mean_member_cooperation"]
    if cooperation is not None:
        low, high = data["summary"]["mean_member_cooperation_ci95"]
        assert low <= cooperation <= high
    table = cli("society", str(spec), "-r", "6", "--no-progress").output
    assert "±95%" in table and max(len(line) for line in table.splitlines()) <= 80
