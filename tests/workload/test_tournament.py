"""The estimate of a simulated round robin (regimelab/workload/tournament.py), against what the engine plays."""

from __future__ import annotations

import math

import axelrod as axl
import numpy as np
import pytest

import regimelab as rl
from regimelab.players import DEFAULT_STRATEGIES, make_players

# The module under test, under the name these tests had when it was all of regimelab.workload.
from regimelab.workload import tournament as workload


def test_every_repetition_of_every_pairing_is_counted_when_the_regime_randomises():
    players = make_players(DEFAULT_STRATEGIES)
    n = len(players)
    estimate = workload.tournament_workload(players, rl.Regime(turns=300, transparency=0.5), repetitions=7)
    assert estimate.rounds == n * (n + 1) / 2 * 7 * 300  # self-play included, as axelrod plays it
    assert estimate.kept == 2 * n * (n + 1) / 2 * 7 * workload.RECORD_BYTES + n * (n + 1) / 2 * workload.PAIRING_BYTES
    assert estimate.transient == workload.HISTORY_BYTES["signalled"] * 300


def test_a_pairing_certain_under_the_regime_is_counted_once_as_the_engine_plays_it_once():
    deterministic = make_players(["tft", "alld", "grudger"])
    estimate = workload.tournament_workload(deterministic, rl.Regime(turns=300), repetitions=50)
    assert estimate.rounds == 6 * 300
    with_random = workload.tournament_workload(make_players(["tft", "alld", "random"]), rl.Regime(turns=300), 50)
    assert with_random.rounds == (3 + 3 * 50) * 300  # the three pairings with Random are played every time


def test_a_certain_pairing_under_a_shadow_is_replayed_only_for_a_record_length():
    # The engine reuses its longest play; a longer draw is played from the start. The expected
    # rounds are the sum of the record values of the lengths: checked against a simulation of it.
    rng = np.random.default_rng(5)
    repetitions, w = 10, 0.99
    lengths = rng.geometric(1 - w, size=(40_000, repetitions))
    records = lengths * (lengths > np.maximum.accumulate(np.hstack([np.zeros((40_000, 1)), lengths[:, :-1]]), axis=1)
                         .astype(lengths.dtype))
    simulated = records.sum(axis=1).mean() / (1 / (1 - w))
    assert workload._replays(repetitions) == pytest.approx(simulated, rel=0.03)
    assert workload._replays(1) == 1
    estimate = workload.tournament_workload(make_players(["tft", "alld"]), rl.Regime(shadow=w), repetitions)
    assert estimate.rounds == pytest.approx(3 * 100 * workload._replays(repetitions))


def test_memory_in_flight_grows_with_the_match_and_the_processes_and_slow_strategies_take_longer():
    players = make_players(["tft", "random", "alld", "grudger"])
    one = workload.tournament_workload(players, rl.Regime(turns=10_000, noise=0.1), 5, jobs=1)
    two = workload.tournament_workload(players, rl.Regime(turns=10_000, noise=0.1), 5, jobs=2)
    longer = workload.tournament_workload(players, rl.Regime(turns=20_000, noise=0.1), 5, jobs=1)
    assert two.transient == 2 * one.transient
    assert longer.transient == 2 * one.transient
    meta = workload.tournament_workload([axl.MetaHunter(), axl.TitForTat()], rl.Regime(noise=0.1), 5)
    slow = workload.tournament_workload([axl.DBS(), axl.TitForTat()], rl.Regime(noise=0.1), 5)
    plain = workload.tournament_workload([axl.TitForTat(), axl.TitForTat()], rl.Regime(noise=0.1), 5)
    assert plain.seconds < meta.seconds < slow.seconds  # a team of 6 asked every move; axelrod's long_run_time


def test_every_strategy_at_a_million_turns_is_years_and_at_200_turns_still_hours():
    # The "all strategies at 10**6 turns (days)": axelrod's meta strategies ask a team
    # of up to 217 every move, so even the default 200 turns take hours.
    players = [cls() for cls in axl.strategies]
    million = workload.tournament_workload(players, rl.Regime(turns=10**6), 10)
    assert million.seconds > 365 * 86400 and "years" in million.describe()
    default = workload.tournament_workload(players, rl.Regime(), 10)
    assert default.too_large and "hours" in default.describe()


def test_the_expected_length_and_the_longest_of_many_matches():
    assert workload.expected_length(rl.Regime(turns=300)) == 300
    assert workload.expected_length(rl.Regime(shadow=0.9)) == pytest.approx(10)
    assert workload.harmonic(1) == 1 and workload.harmonic(3) == pytest.approx(1 + 1 / 2 + 1 / 3)
    assert workload.harmonic(10**6) == pytest.approx(sum(1 / k for k in range(1, 10**6 + 1)), rel=1e-9)
    assert workload.harmonic(0.2) == 1  # at least one match


def test_players_costed_once_give_the_same_estimate_and_a_refused_jobs_counts_one_worker():
    players = make_players(["tft", "random", "alld"])
    regime = rl.Regime(turns=100, noise=0.01)
    costs = workload.PlayerCosts.of(players)
    assert costs.count == 3 and costs.stochastic.tolist() == [False, True, False]
    assert workload.simulated_round_robin(costs, regime, 4, workload.workers_for(1, 6)) == (
        workload.tournament_workload(players, regime, 4))
    assert workload.workers_for("many", 6) == 1 and workload.workers_for(2, 6) == 2
    assert not math.isnan(workload.simulated_round_robin(costs, regime, 10**20).seconds)
