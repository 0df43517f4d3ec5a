"""The estimates of the super-game's thresholds (regimelab/workload/thresholds.py): `explain` and `plot`."""

from __future__ import annotations

from types import SimpleNamespace

import regimelab as rl
from regimelab import workload
from regimelab.supergame import StrategyPair
from regimelab.sweeps.selection import choose_axes
from regimelab.sweeps.sweep_file import load_sweep
from regimelab.workload import thresholds
from regimelab.workload.limit import Workload


def test_explain_counts_its_threshold_searches():
    closed = workload.explain_workload(rl.Regime(shadow=0.9, transparency=0.7))
    searched = workload.explain_workload(rl.Regime(shadow=0.9, noise=0.05))  # w* has no closed form with noise
    assert closed.pairings == 4 + 2 * workload.SEARCH_EVALUATIONS
    assert searched.pairings == 4 + 3 * workload.SEARCH_EVALUATIONS
    simulated = workload.explain_workload(rl.Regime(noise=0.05), simulate=1000)
    assert simulated.rounds == 3 * 1000 * 200


def test_a_line_plot_searches_once_and_a_heatmap_about_twice_per_value(sweeps):
    one = load_sweep(sweeps["one"])
    line = thresholds.plot_workload(one, choose_axes(one), StrategyPair())
    assert line.pairings == thresholds.SEARCH_EVALUATIONS
    two = load_sweep(sweeps["two"])
    heatmap = thresholds.plot_workload(two, choose_axes(two), StrategyPair())
    assert heatmap.pairings == (2 * 5 + 2 * 4 + 1) * thresholds.SEARCH_EVALUATIONS  # a fine axis of four values


def test_without_a_base_regime_or_a_machine_the_command_says_why_itself():
    without_base = SimpleNamespace(base_regime=None, base_game=None)
    assert thresholds.plot_workload(without_base, None, StrategyPair()) == Workload()
    pair = StrategyPair(cooperator="Random", challenger="Defector")
    assert thresholds.explain_workload(rl.Regime(shadow=0.9), pair=pair) == Workload()
