"""The exact engine as a tournament engine, and the thresholds for any pair.

``run_exact_tournament`` must give the values that the simulation engine's
means estimate: every ordered pair's simulated mean match total lies within 3
standard errors (of the mean over repetitions) of the exact expectation, for
regimes with noise, imperfect monitoring with false alarms, fines,
compensation, enforcement and transaction costs, under ``turns`` and
``shadow``. The seeds are fixed, so the outcome is deterministic; with about
40 cells per regime, 3 SE per cell would fail by chance about one time in ten
for a fresh seed, so the seeds are not tuned beyond the first that passes
(they are the defaults).
"""

import json

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact
from regimelab.supergame import (
    StrategyPair,
    cooperation_margin,
    critical_shadow,
    critical_supergame_fine,
    critical_transparency,
)

GAME = rl.Game()
NAMES = ["Tit For Tat", "Win-Stay Lose-Shift", "GTFT", "Grudger", "Defector", "Suspicious Tit For Tat"]
REGIMES = {
    "noise": rl.Regime(turns=20, noise=0.05),
    "monitoring-fines-costs": rl.Regime(
        turns=20, transparency=0.7, false_alarm=0.1, fine=2, compensation=0.5, enforcement_cost=0.2,
        transaction_cost=0.3, noise=0.02,
    ),
    "shadow-false-alarms": rl.Regime(shadow=0.9, transparency=0.8, false_alarm=0.05, fine=1.5),
}
REPETITIONS = 300


@pytest.mark.parametrize("label", list(REGIMES))
def test_exact_tournament_agrees_with_simulation_within_three_standard_errors(label):
    regime = REGIMES[label]
    expected = rl.run_exact_tournament(rl.make_players(NAMES), regime, GAME)
    simulated = rl.run_tournament(rl.make_players(NAMES), regime, GAME, repetitions=REPETITIONS, seed=7)
    # self-play: average the two sides of a repetition first (they are not independent)
    per_repetition = simulated.records.groupby(["player_index", "opponent_index", "repetition"])["score"].mean()
    cells = per_repetition.groupby(level=[0, 1])
    means, errors = cells.mean(), cells.std(ddof=1) / np.sqrt(REPETITIONS)
    exact_scores = expected.records.groupby(["player_index", "opponent_index"])["score"].mean()
    checked = 0
    for key, mean in means.items():
        if errors[key] == 0:  # deterministic under this regime: equal
            assert mean == pytest.approx(exact_scores[key], abs=1e-9), key
        else:
            assert abs(mean - exact_scores[key]) <= 3 * errors[key], (key, mean, exact_scores[key], errors[key])
            checked += 1
    assert checked >= 20


PER_TURN_NAMES = ["Tit For Tat", "Win-Stay Lose-Shift", "GTFT", "Grudger", "Defector"]
PER_TURN_REGIMES = {
    "shadow-noise": rl.Regime(shadow=0.9, noise=0.05),
    "shadow-monitoring": rl.Regime(shadow=0.8, transparency=0.6, false_alarm=0.1),
    "shadow-fines": rl.Regime(shadow=0.9, transparency=0.8, fine=2, compensation=0.5, enforcement_cost=0.2,
                              transaction_cost=0.3, noise=0.02),
    "short-shadow": rl.Regime(shadow=0.5, transparency=0.7, fine=1),
}
PER_TURN_REPETITIONS = 1500


@pytest.mark.parametrize("label", list(PER_TURN_REGIMES))
def test_exact_score_per_turn_is_what_the_simulation_estimates(label):
    # Under a shadow the match length is random: the simulation averages total/length over
    # matches, and the exact engine gives E[total/length]. Every ordered pair's simulated mean
    # over 1,500 matches lies within 4 standard errors of it (4 SE: with ~20 cells per regime
    # a fair test fails by chance about once in 800 regimes; the seed is not tuned).
    regime = PER_TURN_REGIMES[label]
    expected = rl.run_exact_tournament(rl.make_players(PER_TURN_NAMES), regime, GAME)
    simulated = rl.run_tournament(
        rl.make_players(PER_TURN_NAMES), regime, GAME, repetitions=PER_TURN_REPETITIONS, seed=11
    )
    per_repetition = simulated.records.groupby(["player_index", "opponent_index", "repetition"])[
        "score_per_turn"].mean()  # self-play: both sides of a repetition averaged first
    cells = per_repetition.groupby(level=[0, 1])
    means, errors = cells.mean(), cells.std(ddof=1) / np.sqrt(PER_TURN_REPETITIONS)
    exact_per_turn = expected.records.groupby(["player_index", "opponent_index"])["score_per_turn"].mean()
    exact_ratio = expected.records.groupby(["player_index", "opponent_index"]).apply(
        lambda rows: rows.score.mean() / rows.turns.mean())
    far_from_ratio = 0
    for key, mean in means.items():
        if errors[key] == 0:  # the same payoff every round (Defector against itself): equal
            assert mean == pytest.approx(exact_per_turn[key], abs=1e-9), key
            continue
        assert abs(mean - exact_per_turn[key]) <= 4 * errors[key], (key, mean, exact_per_turn[key], errors[key])
        far_from_ratio += abs(mean - exact_ratio[key]) > 4 * errors[key]
    # the test can tell the two conventions apart: E[total]/E[length] misses most cells
    assert far_from_ratio >= len(means) // 3


def test_exact_tournament_tables_have_the_simulation_columns_and_the_expected_values():
    regime = rl.Regime(shadow=0.9, noise=0.05, transparency=0.8)
    players = rl.make_players(["tft", "alld", "wsls"])
    result = rl.run_exact_tournament(players, regime, GAME)
    simulated = rl.run_tournament(rl.make_players(["tft", "alld", "wsls"]), regime, GAME, repetitions=2, seed=1)
    assert list(result.players.columns) == list(simulated.players.columns)
    assert list(result.pairs.columns) == list(simulated.pairs.columns) + ["long_run_score_per_turn"]
    row = result.pairs[(result.pairs.player == "Tit For Tat") & (result.pairs.opponent == "Defector")].iloc[0]
    value = exact.evaluate(exact.tit_for_tat(), exact.always_defect(), regime, GAME)
    assert row.mean_match_score == pytest.approx(value.totals[0], abs=1e-12)
    assert row.mean_turns == pytest.approx(10.0)  # expected length 1 / (1 - w)
    # per turn: E[total / length], what the simulation's mean of total/length estimates
    assert row.mean_score_per_turn == pytest.approx(value.per_turn[0], abs=1e-12)
    assert row.mean_score_per_turn != pytest.approx(value.totals[0] / 10.0, abs=1e-3)
    assert row.cooperation_rate == pytest.approx(value.cooperation[0], abs=1e-12)
    assert row.long_run_score_per_turn == pytest.approx(value.long_run[0], abs=1e-12)
    # without noise, TFT answers the Defector's D when it is seen (p) and is fooled otherwise:
    # per round TFT earns pP + (1-p)S, the Defector pP + (1-p)T
    quiet = rl.run_exact_tournament(rl.make_players(["tft", "alld"]), regime.replace(noise=0.0), GAME).pairs
    assert quiet.long_run_score_per_turn.tolist() == pytest.approx([3.0, 0.8, 1.8, 1.0], abs=1e-9)
    data = result.to_dict()
    assert data["engine"] == "exact" and data["seed"] is None and data["repetitions"] is None


def test_a_strategy_without_a_finite_state_form_is_named():
    from regimelab.machines import NotFiniteState

    with pytest.raises(NotFiniteState, match="Gradual"):
        rl.run_exact_tournament(rl.make_players(["tft", "Gradual"]), rl.Regime(), GAME)


# -- CLI -----------------------------------------------------------------


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


# -- thresholds for any pair ---------------------------------------------


def pair(cooperator, challenger):
    return StrategyPair(rl.make_players([cooperator])[0], rl.make_players([challenger])[0])


@pytest.mark.parametrize("game", [GAME, rl.Game(4, 0, 6, 1), rl.Game(3, -1, 4, 2)])
def test_tft_against_always_defect_has_grims_closed_form(game):
    # V(TFT,TFT) = R/(1-w), V(AllD,TFT) = T + wP/(1-w): w* = (T-R)/(T-P), as for Grim
    R, S, T, P = game.payoffs
    assert critical_shadow(rl.Regime(), game, pair("tft", "alld")) == pytest.approx((T - R) / (T - P), abs=1e-9)


def test_supergame_fine_has_its_closed_form_for_grim():
    # a = 0, k = s = 0: F >= ((1-w)A - wpB) / (p(1-w+wp)), A = T-R+c, B = R-c-P (model page §5)
    R, S, T, P = GAME.payoffs
    for w, p, c in [(0.3, 0.8, 0.0), (0.2, 0.5, 0.4), (0.45, 1.0, 0.1), (0.1, 0.3, 0.0)]:
        regime = rl.Regime(shadow=w, transparency=p, transaction_cost=c)
        A, B = T - R + c, R - c - P
        closed = max(0.0, ((1 - w) * A - w * p * B) / (p * (1 - w + w * p)))
        assert critical_supergame_fine(regime, GAME) == pytest.approx(closed, abs=1e-9), (w, p, c)


def test_supergame_fine_is_zero_past_the_critical_shadow_and_none_when_nothing_is_seen():
    assert critical_supergame_fine(rl.Regime(shadow=0.9), GAME) == 0.0
    assert critical_supergame_fine(rl.Regime(shadow=0.2, transparency=0.0), GAME) is None


@pytest.mark.parametrize(
    "cooperator, challenger, regime",
    [
        ("tft", "alld", rl.Regime(noise=0.05)),
        ("grudger", "alld", rl.Regime(transparency=0.8, false_alarm=0.05)),
        ("wsls", "alld", rl.Regime(noise=0.02, transparency=0.9)),
        ("GTFT", "Suspicious Tit For Tat", rl.Regime(noise=0.01)),
    ],
)
def test_numerical_thresholds_bracket_the_sign_change(cooperator, challenger, regime):
    strategies = pair(cooperator, challenger)
    w = critical_shadow(regime, GAME, strategies)
    if w is not None and w > 0:
        assert cooperation_margin(regime.replace(shadow=w - 1e-6), GAME, strategies) < 0
        assert cooperation_margin(regime.replace(shadow=min(w + 1e-9, 1 - 1e-12)), GAME, strategies) >= -1e-9
    p = critical_transparency(regime.replace(shadow=0.9), GAME, strategies)
    if p is not None and p > 0:
        base = regime.replace(shadow=0.9)
        assert cooperation_margin(base.replace(transparency=p - 1e-6), GAME, strategies) < 0
        assert cooperation_margin(base.replace(transparency=min(p + 1e-9, 1.0)), GAME, strategies) >= -1e-9


def test_explain_strategy_against_json(cli):
    result = cli("explain", "--strategy", "tft", "--against", "alld", "--noise", "0.05", "--shadow", "0.9",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["supergame"]["strategies"] == ["Tit For Tat", "Defector"]
    regime = rl.Regime(noise=0.05, shadow=0.9)
    tft, alld = exact.tit_for_tat(), exact.always_defect()
    assert data["supergame"]["matrix"][1][0] == pytest.approx(exact.evaluate(alld, tft, regime).totals[0], abs=1e-9)
    assert data["methods"]["shadow"].startswith("numerical")
    assert set(data["thresholds"]) == {"shadow", "transparency", "fine", "fine_supergame"}


def test_explain_says_when_a_threshold_does_not_exist(cli):
    # Always Cooperate never resists Always Defect, whatever the shadow or the transparency
    result = cli("explain", "--strategy", "Cooperator", "--against", "Defector", "--shadow", "0.9")
    assert result.exit_code == 0, result.output
    assert "w*   = none" in result.output and "p*   = none" in result.output
    assert "no shadow w < 1 makes Cooperator a best reply to Defector" in result.output


@pytest.mark.parametrize("option", ["--strategy", "--against"])
def test_explain_refuses_unknown_and_infinite_strategies(cli, option):
    result = cli("explain", option, "Gradual")
    assert result.exit_code == 2 and "Gradual" in result.output and "Traceback" not in result.output
    result = cli("explain", option, "No Such Strategy")
    assert result.exit_code == 2 and option in result.output and "Traceback" not in result.output
