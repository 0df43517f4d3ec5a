"""The vectorised engine plays the same distribution as the object engine, and as the exact engine expects.

It draws its own numbers, so the two simulations agree in distribution, not
draw for draw. For a grid of pairs and regimes, with fixed seeds: each side's
mean score per turn and cooperation agree between the engines within 4
combined standard errors and with the exact engine's expectation within 4
standard errors; and the per-repetition scores pass a two-sample
Kolmogorov-Smirnov test at the 0.001 level (conservative for these discrete
scores). With fixed seeds each check either passes or fails for good: the
levels bound how likely a correct engine was to fail when the seeds were
chosen (about 1 in 1,000 over the grid), not flakiness.
"""

import numpy as np
import pytest
from scipy import stats

import regimelab as rl
from regimelab import vector_engine
from regimelab.machines import has_machine
from regimelab.tournament import _machines, axelrod_can_play, simulation_engine
from regimelab.vector_engine import MachineTable, VectorPairing, play_pairings

REPETITIONS = 400
PAIRS = [
    ("Tit For Tat", "Defector"),
    ("Win-Stay Lose-Shift", "Suspicious Tit For Tat"),
    ("GTFT", "Grudger"),
    ("Random", "Tit For Tat"),
    ("Prober", "Cooperator"),
]
REGIMES = {
    "monitoring and a fine": dict(turns=40, transparency=0.8, fine=2),
    "noise under a shadow": dict(shadow=0.95, noise=0.05, transparency=0.9),
    "false alarms and compensation": dict(turns=30, transparency=0.7, false_alarm=0.1, fine=1, compensation=0.5),
    "noisy, costly": dict(turns=25, noise=0.1, transparency=0.6, enforcement_cost=0.2, transaction_cost=0.3),
}


def _pair_samples(result):
    """Per repetition, each side's score per turn, cooperations and turns in the pairing (0, 1)."""
    records = result.records
    samples = {}
    for side, (player, opponent) in enumerate(((0, 1), (1, 0))):
        rows = records[(records.player_index == player) & (records.opponent_index == opponent)]
        rows = rows.sort_values("repetition")
        samples[side] = (rows.score_per_turn.to_numpy(), rows.cooperations.to_numpy(), rows.turns.to_numpy())
    return samples


def _standard_error(values):
    return values.std(ddof=1) / np.sqrt(len(values))


def _cooperation(cooperations, turns):
    """The cooperation rate as the tables give it (all cooperations over all turns), and its standard error.

    The error by the delta method: a ratio of two means varies as the mean of
    ``cooperations - rate * turns``, over the mean of ``turns``.
    """
    rate = cooperations.sum() / turns.sum()
    return rate, _standard_error(cooperations - rate * turns) / turns.mean()


@pytest.mark.parametrize("regime_name", list(REGIMES))
@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: " v ".join(pair))
def test_the_vectorised_engine_draws_the_object_engines_distribution(pair, regime_name):
    regime = rl.Regime(**REGIMES[regime_name])
    vector = rl.run_tournament(list(pair), regime, repetitions=REPETITIONS, seed=11, engine="vector")
    objects = rl.run_tournament(list(pair), regime, repetitions=REPETITIONS, seed=12, engine="simulate")
    exact = rl.run_exact_tournament(list(pair), regime)
    assert vector.engine == "vector" and vector.vectorised_pairings == 3
    assert objects.engine == "simulate" and objects.vectorised_pairings == 0
    v, o = _pair_samples(vector), _pair_samples(objects)
    expected = exact.pairs.set_index(["player", "opponent"])
    names = exact.names
    for side in (0, 1):
        (v_score, *v_counts), (o_score, *o_counts) = v[side], o[side]
        spread = np.hypot(_standard_error(v_score), _standard_error(o_score))
        assert abs(v_score.mean() - o_score.mean()) <= 4 * spread + 1e-12
        (v_coop, v_error), (o_coop, o_error) = _cooperation(*v_counts), _cooperation(*o_counts)
        assert abs(v_coop - o_coop) <= 4 * np.hypot(v_error, o_error) + 1e-12
        if v_score.std() > 0 or o_score.std() > 0:
            assert stats.ks_2samp(v_score, o_score).pvalue > 0.001
        row = expected.loc[(names[side], names[1 - side])]
        assert abs(v_score.mean() - row.mean_score_per_turn) <= 4 * _standard_error(v_score) + 1e-9
        assert abs(v_coop - row.cooperation_rate) <= 4 * v_error + 1e-9


def test_a_deterministic_pairing_plays_the_same_match_in_both_engines():
    # Perfect monitoring, a fine, no noise: nothing is drawn, so the engines agree exactly.
    regime = rl.Regime(turns=60, fine=2, compensation=1)
    players = ["Tit For Tat", "Alternator", "Suspicious Tit For Tat", "Grudger"]
    vector = rl.run_tournament(players, regime, repetitions=3, seed=5, engine="vector")
    objects = rl.run_tournament(players, regime, repetitions=3, seed=5, engine="simulate")
    assert vector.vectorised_pairings == 10
    np.testing.assert_allclose(vector.records.score.to_numpy(), objects.records.score.to_numpy(), rtol=1e-12)
    assert vector.records.cooperations.tolist() == objects.records.cooperations.tolist()
    assert vector.records.signalled_defections.tolist() == objects.records.signalled_defections.tolist()


def test_a_pairings_matches_depend_only_on_its_seed_not_on_its_batch(monkeypatch):
    regime = rl.Regime(shadow=0.9, noise=0.05, transparency=0.7, fine=1)
    players = rl.make_players(["Tit For Tat", "Random", "GTFT", "Grudger"])
    machines = _machines(players, regime, rl.Game())
    table = MachineTable.build(machines, regime.noise)
    pairings = [VectorPairing(i, j, 100 + 7 * i + j) for i in range(4) for j in range(i, 4)]
    together = play_pairings(table, pairings, regime, rl.Game(), repetitions=6)
    monkeypatch.setattr(vector_engine, "BATCH_ROWS", 7)  # one pairing a batch
    monkeypatch.setattr(vector_engine, "BLOCK", 5)  # and blocks that split differently
    alone = [play_pairings(table, [pairing], regime, rl.Game(), repetitions=6)[0] for pairing in pairings[::-1]]
    # Blocks of another size draw the same stream in the same order: the same matches.
    assert together == alone[::-1]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_same_seed_gives_the_same_results_for_any_number_of_processes(jobs):
    regime = rl.Regime(turns=30, noise=0.05, transparency=0.8, fine=1)
    players = ["Tit For Tat", "Random", "Adaptive", "Grudger", "Prober"]
    reference = rl.run_tournament(players, regime, repetitions=4, seed=3, engine="vector")
    again = rl.run_tournament(players, regime, repetitions=4, seed=3, engine="vector", jobs=jobs)
    assert again.records.equals(reference.records)


def test_pairings_without_a_finite_state_form_are_played_by_the_object_engine_with_its_draws():
    regime = rl.Regime(turns=30, transparency=0.8, fine=1)
    players = ["Tit For Tat", "Adaptive", "Defector"]
    assert not has_machine(rl.make_players(["Adaptive"])[0])
    vector = rl.run_tournament(players, regime, repetitions=3, seed=9, engine="vector")
    objects = rl.run_tournament(players, regime, repetitions=3, seed=9, engine="simulate")
    assert vector.vectorised_pairings == 3  # (TFT, TFT), (TFT, Defector), (Defector, Defector)
    involves_adaptive = (vector.records.player_index == 1) | (vector.records.opponent_index == 1)
    assert vector.records[involves_adaptive].equals(objects.records[involves_adaptive])


def test_interactions_are_kept_and_agree_with_the_counts():
    regime = rl.Regime(shadow=0.9, noise=0.1, transparency=0.8)
    result = rl.run_tournament(["Tit For Tat", "Random"], regime, repetitions=5, seed=2, engine="vector",
                               keep_interactions=True)
    records = result.records
    assert len(result.interactions) == 3
    for (i, j), plays in result.interactions.items():
        if i == j:  # self-play has a row per side
            continue
        rows = records[(records.player_index == i) & (records.opponent_index == j)].sort_values("repetition")
        assert [len(play) for play in plays] == rows.turns.tolist()
        assert [sum(move == "C" for move, _ in play) for play in plays] == rows.cooperations.tolist()


def test_auto_keeps_axelrods_draws_where_axelrod_could_play_the_regime():
    assert axelrod_can_play(rl.Regime()) and axelrod_can_play(rl.Regime(noise=0.1, shadow=0.9))
    assert not axelrod_can_play(rl.Regime(transparency=0.9))
    assert not axelrod_can_play(rl.Regime(fine=1))
    assert not axelrod_can_play(rl.Regime(transaction_cost=0.5))
    assert simulation_engine("auto", [rl.Regime(), rl.Regime(noise=0.1)]) == "simulate"
    assert simulation_engine("auto", [rl.Regime(), rl.Regime(fine=1)]) == "vector"
    assert simulation_engine("simulate", [rl.Regime(fine=1)]) == "simulate"
    assert rl.run_tournament(["TFT", "Defector"], rl.Regime(noise=0.1), repetitions=2).engine == "simulate"
    assert rl.run_tournament(["TFT", "Defector"], rl.Regime(fine=1), repetitions=2).engine == "vector"


def test_a_comparison_plays_every_regime_with_one_engine():
    comparison = rl.compare_regimes(["TFT", "Defector"], [rl.Regime(), rl.Regime(fine=1)], repetitions=2)
    assert [result.engine for result in comparison.results] == ["vector", "vector"]


def test_an_unknown_engine_names_the_choices():
    with pytest.raises(rl.InvalidParameter, match="engine.*auto, simulate, vector"):
        rl.run_tournament(["TFT", "Defector"], engine="fast")
