"""The estimate of `regimelab evolve` (regimelab/workload/evolution.py): matrix, replicator path, Moran process."""

from __future__ import annotations

import axelrod as axl

import regimelab as rl
from regimelab.players import make_players
from regimelab.workload import evolution
from regimelab.workload.limit import Workload
from regimelab.workload.rates import PATH_NUMBER_BYTES
from regimelab.workload.tournament import tournament_workload


def test_the_simulated_matrix_is_a_tournament_and_the_path_is_kept():
    players = make_players(["tft", "alld", "random"])
    regime = rl.Regime(turns=50)
    estimate = evolution.evolution_workload(players, regime, engine="simulate", steps=99, repetitions=4)
    matrix = tournament_workload(players, regime, 4)
    assert estimate.rounds == matrix.rounds and estimate.seconds > matrix.seconds
    assert estimate.kept == matrix.kept + 100 * 3 * PATH_NUMBER_BYTES


def test_the_exact_matrix_and_a_strategy_without_a_machine():
    players = make_players(["tft", "alld", "grudger"])
    exact = evolution.evolution_workload(players, rl.Regime(turns=50), engine="exact")
    assert exact.pairings == 6 and exact.rounds == 0
    assert evolution.evolution_workload([axl.TitForTat(), axl.Stalker()], rl.Regime(), engine="exact") == Workload()
    auto = evolution.evolution_workload([axl.TitForTat(), axl.Stalker()], rl.Regime(turns=20), engine="auto")
    assert auto.rounds > 0  # auto falls back to simulation


def test_random_lengths_integrate_the_moran_births_over_nodes():
    players = make_players(["tft", "alld"])
    certain = evolution.evolution_workload(players, rl.Regime(turns=50), population=100)
    shadowed = evolution.evolution_workload(players, rl.Regime(shadow=0.9), population=100)
    assert shadowed.transient > certain.transient
    assert evolution.evolution_workload(players, rl.Regime(shadow=0.9, noise=0.05), population=100).transient < (
        shadowed.transient)  # with noise no match is certain: no lengths read, no integral
