"""Small sampled sweeps written as `regimelab sweep --design ...` writes them, shared by the tests of
sensitivity analysis (tests/sensitivity/, tests/cli/test_sensitivity.py; the fixture is in tests/conftest.py)."""

from __future__ import annotations

import regimelab as rl
from regimelab.sweeps import SweepDefinition, build_grid, parse_param, run_sweep
from regimelab.sweeps.designs import Design, build_design, parse_range

PLAYERS = ("tft", "alld", "grim")
BASE = rl.Regime(shadow=0.9)
GAME = rl.Game()
RANGES = ("transparency=0.3:1", "fine=0:4", "noise=0:0.1")
SEED = 2


def make_design_sweep(path, design: Design, ranges=RANGES, players=PLAYERS):
    """A sampled sweep on the exact engine through the API, written like `regimelab sweep` writes it."""
    grid = build_design([parse_range(text) for text in ranges], design, BASE, GAME)
    run_sweep(SweepDefinition(tuple(rl.make_players(players)), BASE, GAME, grid, 1, design.seed, "exact"), path)
    return path


def design_sweeps(folder) -> dict:
    """One sweep of each design in ``folder``, a second-order Sobol' one, and a grid."""
    grid = build_grid([parse_param("transparency=0.3:1:3")], "grid", BASE, GAME)
    grid_path = folder / "grid.parquet"
    run_sweep(SweepDefinition(tuple(rl.make_players(PLAYERS)), BASE, GAME, grid, 1, SEED, "exact"), grid_path)
    return {
        "sobol": make_design_sweep(folder / "sobol.parquet", Design("sobol", 16, SEED)),
        "sobol2": make_design_sweep(folder / "sobol2.parquet", Design("sobol", 16, SEED, second_order=True)),
        "morris": make_design_sweep(folder / "morris.parquet", Design("morris", 6, SEED)),
        "lhs": make_design_sweep(folder / "lhs.csv", Design("lhs", 64, SEED)),
        "grid": grid_path,
    }
