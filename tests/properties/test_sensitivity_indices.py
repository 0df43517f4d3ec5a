"""Sensitivity indices through the whole pipeline (a sampled design, the sweep's runner, its table and
manifest, the analysis) against known answers:

- the Ishigami function, a test-only metric put in the cells in place of a tournament, whose Sobol'
  indices are known analytically: the plumbing is proven apart from the model;
- Grim Trigger against Always Defect, whose super-game margin has a closed form without false alarms
  or noise (model page §5): the indices of the sweep's margin are those of the closed form on the same
  design.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol

import regimelab as rl
from regimelab.sensitivity.indices import analyse_file
from regimelab.sweeps import SweepDefinition, runner
from regimelab.sweeps.designs import Design, build_design, parse_range, salib_problem
from regimelab.sweeps.sweep_file import load_sweep

# -- Ishigami -----------------------------------------------------------------------------------------

A, B = 7.0, 0.1
#: Three probabilities of the model, each mapped from [0, 1] onto Ishigami's [-pi, pi].
ISHIGAMI_RANGES = ("transparency=0:1", "false_alarm=0:1", "noise=0:1")


def ishigami(x1, x2, x3):
    return math.sin(x1) + A * math.sin(x2) ** 2 + B * x3**4 * math.sin(x1)


def analytic_ishigami():
    """Sobol' (1990); Saltelli et al. (2008), Global Sensitivity Analysis, §4.9: S1 and ST of x1, x2, x3."""
    v1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * math.pi**8 * 8 / 225
    total = v1 + v2 + v13
    return {"S1": [v1 / total, v2 / total, 0.0], "ST": [(v1 + v13) / total, v2 / total, v13 / total]}


def ishigami_cell(players, regime, game, repetitions, seed, engine="simulate"):
    """A cell's rows with Ishigami's value (of the cell's three probabilities) as the mean payoff."""
    x = [-math.pi + 2 * math.pi * value for value in (regime.transparency, regime.false_alarm, regime.noise)]
    value = ishigami(*x)
    common = {"cell_mean_cooperation": 0.5, "cell_mean_payoff": value, "expected_class": "prisoners_dilemma",
              "winner": str(players[0]), "winner_robust": None, "supergame_margin": 0.0}
    return [{"player": str(player), "rank": number, "mean_score_per_turn": value, "ci95_low": None,
             "ci95_high": None, "median_score_per_turn": value, "first_share": None, "mean_match_score": value,
             "cooperation_rate": 0.5, **common} for number, player in enumerate(players, 1)]


@pytest.fixture(scope="module")
def ishigami_sweep(tmp_path_factory):
    """A Sobol' sweep (N = 512, 2,560 cells) whose cells hold the Ishigami function, written by run_sweep."""
    patch = pytest.MonkeyPatch()
    patch.setattr(runner, "run_cell", ishigami_cell)
    try:
        base, game = rl.Regime(turns=5), rl.Game()
        grid = build_design([parse_range(text) for text in ISHIGAMI_RANGES], Design("sobol", 512, 3), base, game)
        definition = SweepDefinition(tuple(rl.make_players(["tft", "alld"])), base, game, grid, 1, 3)
        path = tmp_path_factory.mktemp("ishigami") / "ishigami.parquet"
        runner.run_sweep(definition, path, jobs=1)
    finally:
        patch.undo()
    return path


def test_ishigami_indices_through_the_pipeline_match_the_analytic_ones(ishigami_sweep):
    result = analyse_file(ishigami_sweep, "payoff")
    indices = result.table.set_index("parameter")
    expected = analytic_ishigami()
    for position, name in enumerate(("transparency", "false_alarm", "noise")):
        for key in ("S1", "ST"):
            estimate, conf = indices.loc[name, key], indices.loc[name, key + "_conf"]
            # Within the 95% interval (with a small floor: x3's S1 is exactly 0, its interval narrow).
            assert abs(estimate - expected[key][position]) <= max(conf, 0.02), (name, key, estimate, conf)
            assert conf < 0.15  # and the intervals are informative at N = 512
    assert list(indices.index[:2]) == ["transparency", "false_alarm"]  # ranked by ST: 0.558, 0.442, 0.244


def test_the_ishigami_sweep_holds_the_sampled_points_in_the_samplers_order(ishigami_sweep):
    sweep = load_sweep(ishigami_sweep)
    assert sweep.design == Design("sobol", 512, 3)
    assert sweep.manifest["grid"]["design"] == {"name": "sobol", "samples": 512, "seed": 3, "second_order": False}
    cells = sweep.table.drop_duplicates("cell")
    assert len(cells) == 512 * 5
    x = -math.pi + 2 * math.pi * cells[["transparency", "false_alarm", "noise"]].to_numpy()
    assert np.allclose(cells["cell_mean_payoff"], [ishigami(*row) for row in x], rtol=0, atol=1e-12)


# -- Grim Trigger against Always Defect: the super-game margin's closed form ---------------------------

#: Six regime parameters; no false alarms, no noise: the closed form holds.
MARGIN_RANGES = ("shadow=0.5:0.95", "transparency=0.2:1", "fine=0:3", "compensation=0:1",
                 "enforcement_cost=0:1", "transaction_cost=0:1")


def closed_form_margin(shadow, transparency, fine, compensation, enforcement_cost, transaction_cost, game=rl.Game()):
    """V(G vs G) - V(D vs G) under shadow w: Grim complies for ever against itself (R'/(1-w)); the Defector earns T'
    until a defection is seen (probability p a round), P' after: T'/(1-w(1-p)) + P'(1/(1-w) - 1/(1-w(1-p)))."""
    expected = rl.Regime(shadow=shadow, transparency=transparency, fine=fine, compensation=compensation,
                         enforcement_cost=enforcement_cost, transaction_cost=transaction_cost).expected_game(game)
    r, t, p = expected.R, expected.T, expected.P
    w, seen = shadow, transparency
    unseen = 1 / (1 - w * (1 - seen))
    return r / (1 - w) - t * unseen - p * (1 / (1 - w) - unseen)


@pytest.fixture(scope="module")
def margin_sweeps(tmp_path_factory):
    """Sobol' and Morris sweeps of Grim against Always Defect on the exact engine, through the command line."""
    from click.testing import CliRunner

    from regimelab.cli import main

    folder = tmp_path_factory.mktemp("margin")
    paths = {}
    for design, samples in (("sobol", 32), ("morris", 12)):
        path = folder / f"{design}.parquet"
        args = ["sweep", "-s", "grim", "-s", "alld", "--design", design, "--samples", str(samples), "--seed", "5",
                "--output", str(path), "--no-progress", "-f", "csv"]
        for text in MARGIN_RANGES:
            args += ["--param", text]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        paths[design] = path
    return paths


def closed_form_values(path):
    cells = load_sweep(path).table.drop_duplicates("cell").sort_values("cell")
    names = [text.split("=")[0] for text in MARGIN_RANGES]
    points = cells[names].to_numpy(dtype=float)
    return cells, points, np.array([closed_form_margin(*row) for row in points])


def test_every_cells_margin_is_the_closed_form(margin_sweeps):
    cells, _, expected = closed_form_values(margin_sweeps["sobol"])
    assert len(cells) == 32 * 8 and load_sweep(margin_sweeps["sobol"]).manifest["engine"] == "exact"
    assert np.allclose(cells["supergame_margin"], expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("design", ["sobol", "morris"])
def test_the_margins_indices_are_those_of_the_closed_form_on_the_same_design(margin_sweeps, design):
    result = analyse_file(margin_sweeps[design], "margin")
    _, points, expected = closed_form_values(margin_sweeps[design])
    problem = salib_problem([parse_range(text) for text in MARGIN_RANGES])
    if design == "sobol":
        direct = salib_sobol.analyze(problem, expected, calc_second_order=False, num_resamples=1000, seed=5)
        keys = ("S1", "S1_conf", "ST", "ST_conf")
    else:
        direct = salib_morris.analyze(problem, points, expected, num_resamples=1000, num_levels=4, seed=5)
        keys = ("mu_star", "mu_star_conf", "sigma", "mu")
    table = result.table.set_index("parameter")
    for position, name in enumerate(problem["names"]):
        for key in keys:
            assert table.loc[name, key] == pytest.approx(float(direct[key][position]), rel=1e-6, abs=1e-9), (name, key)
    # What the closed form says: the shadow matters most (the margin grows as 1/(1 - w)).
    assert result.leader()["parameter"] == "shadow"
