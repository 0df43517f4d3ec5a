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


import numpy as np
import pytest

import regimelab as rl
from regimelab import exact

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


def test_players_may_be_names_toml_files_classes_or_players_mixed(tmp_path):
    import axelrod as axl
    from declared_examples import TFT

    path = tmp_path / "table_tft.toml"
    path.write_text(TFT)
    regime = rl.Regime(turns=20, noise=0.05, transparency=0.8)
    mixed = rl.run_exact_tournament([path, "tft", axl.Defector, axl.Grudger()], regime)
    made = rl.run_exact_tournament(rl.make_players([str(path), "tft", "Defector", "Grudger"]), regime)
    assert mixed.names == ["Table Tit For Tat", "Tit For Tat", "Defector", "Grudger"]
    assert (mixed.normalised_scores == made.normalised_scores).all()
    # the table is Tit For Tat: the same expected score
    assert mixed.normalised_scores[0, 0] == pytest.approx(mixed.normalised_scores[1, 0], abs=1e-12)
    with pytest.raises(TypeError, match="strategy names .*axelrod strategy classes or axelrod players; got 2.5"):
        rl.run_exact_tournament(["tft", 2.5])


def test_processes_share_the_pairings_and_change_no_value():
    # Prober 4 against the others makes sparse chains (its machine has 247 states), swept by classes.
    names = ["Tit For Tat", "Grudger", "Prober 4", "Second by Black", "Defector"]
    regime = rl.Regime(shadow=0.99, noise=0.05, transparency=0.8, fine=1)
    one = rl.run_exact_tournament(rl.make_players(names), regime, GAME, jobs=1)
    two = rl.run_exact_tournament(rl.make_players(names), regime, GAME, jobs=2)
    assert one.to_dict() == two.to_dict()
    assert one.pairs.mean_turns.tolist() == pytest.approx([100.0] * 25)


def test_a_chain_above_the_engines_limit_is_refused_first_naming_the_pair(monkeypatch):
    from regimelab.machines import NotFiniteState

    monkeypatch.setattr(exact, "MAX_JOINT_STATES", 1_000)  # Prober 4 (247 states) against itself: more
    with pytest.raises(NotFiniteState, match="Prober 4 against Prober 4"):
        rl.run_exact_tournament(rl.make_players(["tft", "Prober 4"]), rl.Regime(shadow=0.9, noise=0.05), GAME)
