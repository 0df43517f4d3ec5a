"""What a sweep is (regimelab/sweeps/definition.py): everything that fixes its results, as JSON,
and its fingerprint."""

import dataclasses
import re

import pytest

import regimelab as rl
from regimelab.sweeps import build_grid, parse_param
from regimelab.sweeps.definition import SweepDefinition, SweepError

BASE = rl.Regime(shadow=0.9)


def sweep(players=("tft", "alld"), params=("fine=0,1",), **changes) -> SweepDefinition:
    grid = build_grid([parse_param(text) for text in params], "grid", BASE, rl.Game())
    values = dict(players=tuple(rl.make_players(list(players))), base_regime=BASE, base_game=rl.Game(), grid=grid,
                  repetitions=3, seed=7)
    return SweepDefinition(**{**values, **changes})


def test_the_identity_is_everything_that_fixes_the_results():
    identity = sweep().identity()
    assert identity == {
        "players": ["Tit For Tat", "Defector"],
        "base_regime": BASE.to_dict(),
        "base_game": rl.Game().to_dict(),
        "grid": {"mode": "grid", "params": {"fine": [0.0, 1.0]}},
        "repetitions": 3,
        "seed": 7,
        "engine": "simulate",
    }


def test_the_fingerprint_is_16_hex_digits_of_the_identity():
    one = sweep()
    assert re.fullmatch(r"[0-9a-f]{16}", one.fingerprint)
    assert sweep().fingerprint == one.fingerprint  # new players, same sweep


@pytest.mark.parametrize("changes", [{"seed": 8}, {"repetitions": 4}, {"engine": "exact"},
                                     {"base_regime": rl.Regime(shadow=0.8)}, {"base_game": rl.Game(4, 0, 6, 1)}])
def test_anything_that_changes_the_results_changes_the_fingerprint(changes):
    assert dataclasses.replace(sweep(), **changes).fingerprint != sweep().fingerprint


def test_the_grid_and_the_players_are_part_of_the_fingerprint():
    assert sweep(params=("fine=0,2",)).fingerprint != sweep().fingerprint
    assert sweep(players=("alld", "tft")).fingerprint != sweep().fingerprint


def test_player_names_are_made_unique_as_a_tournament_makes_them():
    assert sweep(players=("tft", "tft", "alld")).player_names == ["Tit For Tat", "Tit For Tat (2)", "Defector"]


def test_a_sweep_error_is_a_regimelab_error():
    assert issubclass(SweepError, rl.RegimelabError)
