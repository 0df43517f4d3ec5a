"""Small sweeps written as `regimelab sweep` writes them, shared by the tests of pictures of
sweeps (tests/sweeps/, tests/cli/test_plot.py; the fixtures are in tests/conftest.py)."""

from __future__ import annotations

import json

import regimelab as rl
from regimelab.sweeps import SweepDefinition, build_grid, parse_param, run_sweep
from regimelab.sweeps.overlays import threshold_overlays
from regimelab.sweeps.selection import choose_axes
from regimelab.sweeps.sweep_file import load_sweep

PLAYERS = ("tft", "alld", "grim")
PLAYERS_NAMES = ("Tit For Tat", "Defector", "Grudger")
SHADOW = 0.9
GAME = rl.Game()  # R=3 S=0 T=5 P=1
GRIM_PAIR = ("grim", "alld")  # explain's default pair, whose w* and p* have closed forms


def make_sweep(path, params, base=None, mode="grid", players=PLAYERS, repetitions=2):
    """A small sweep through the API, written like `regimelab sweep` writes it."""
    base = base or rl.Regime(shadow=SHADOW)
    grid = build_grid([parse_param(text) for text in params], mode, base, GAME)
    spec = SweepDefinition(tuple(rl.make_players(players)), base, GAME, grid, repetitions, 1)
    run_sweep(spec, path)
    return path


def example_sweeps(folder) -> dict:
    """Four sweeps in ``folder``: two parameters, one, three (CSV), and a one-at-a-time sweep."""
    return {
        "two": make_sweep(folder / "two.parquet", ["transparency=0:1:5", "fine=0,1,2,4"]),
        "one": make_sweep(folder / "one.parquet", ["transparency=0:1:11"]),
        "three": make_sweep(folder / "three.csv", ["transparency=0,0.5,1", "fine=0,2", "noise=0,0.05"]),
        "oneway": make_sweep(
            folder / "oneway.parquet", ["fine=0,2,4", "transparency=0.5,1"], mode="oneway",
            base=rl.Regime(shadow=SHADOW, transparency=0.5, fine=2),
        ),
    }


def heatmap_overlays_of(path):
    """The default heatmap of a two-parameter sweep and its curves: (sweep, selection, overlays)."""
    sweep = load_sweep(path)
    selection = choose_axes(sweep)
    return sweep, selection, threshold_overlays(sweep, selection)


def p_star_closed_form(w, game=GAME):
    """Model page §5 (a = 0, no fines): w >= (T-R)/((T-R) + p(R-P)) solved for p."""
    return (1 - w) / w * (game.T - game.R) / (game.R - game.P)


def explain_thresholds(cli, *args):
    """`regimelab explain ... --format json`'s thresholds: what the plot must agree with."""
    result = cli("explain", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["thresholds"]
