"""The estimates of `run`, `compare` and `sweep` (regimelab/workload/round_robins.py): one round robin or several."""

from __future__ import annotations

import pytest

import regimelab as rl
from regimelab.players import make_players
from regimelab.sweeps import SweepDefinition, build_grid, parse_param
from regimelab.workload import round_robins
from regimelab.workload.exact import exact_tournament_workload
from regimelab.workload.tournament import tournament_workload

PLAYERS = ("tft", "alld", "random")


def test_run_is_the_simulated_or_the_exact_round_robin():
    players = make_players(PLAYERS[:2])
    regime = rl.Regime(turns=100, noise=0.05)
    assert round_robins.run_workload(players, regime, repetitions=3, jobs=2) == tournament_workload(
        players, regime, 3, 2)
    assert round_robins.run_workload(players, regime, engine="exact") == exact_tournament_workload(players, regime)


def test_compare_runs_its_regimes_one_after_the_other():
    players = make_players(PLAYERS)
    regimes = [rl.Regime(turns=100), rl.Regime(turns=300, transparency=0.5)]
    both = round_robins.comparison_workload(players, regimes, [rl.Game()] * 2, 5)
    first, second = (tournament_workload(players, regime, 5) for regime in regimes)
    assert both == first.then(second)


def sweep_spec(params, engine="simulate"):
    base = rl.Regime(turns=50)
    grid = build_grid([parse_param(text) for text in params], "grid", base, rl.Game())
    return SweepDefinition(tuple(make_players(PLAYERS)), base, rl.Game(), grid, 3, 1, engine)


@pytest.mark.parametrize("engine", ["simulate", "exact"])
def test_a_sweep_is_the_sum_of_its_cells_and_cells_that_differ_in_a_fine_cost_alike(engine):
    fines = round_robins.sweep_workload(sweep_spec(["fine=0,1,2"], engine))
    one = round_robins.sweep_workload(sweep_spec(["fine=0"], engine))
    assert fines.seconds == pytest.approx(3 * one.seconds)
    assert (fines.rounds, fines.pairings) == (3 * one.rounds, 3 * one.pairings)
    horizons = round_robins.sweep_workload(sweep_spec(["turns=50,500"], engine))
    assert horizons.seconds > 2 * one.seconds


def test_cells_running_at_once_hold_their_working_sets_at_once():
    spec = sweep_spec(["fine=0,1,2,3"])
    assert round_robins.sweep_workload(spec, jobs=2).transient == 2 * round_robins.sweep_workload(spec).transient
