"""The super-game of two strategies (regimelab/supergame.py, model page §5)."""

import numpy as np
import pytest

import regimelab as rl
from regimelab.supergame import StrategyPair, super_game

# -- the default pair ----------------------------------------------------------


def test_the_default_super_game_is_grim_against_always_defect():
    # w = 0.9: Grim vs Grim R/(1-w) = 30; Grim vs Defector S + wP/(1-w) = 9; Defector vs Grim T + 9 = 14; P/(1-w) = 10
    game = super_game(rl.Regime(shadow=0.9))
    assert game.strategies == ("Grudger", "Defector")
    assert game.matrix == pytest.approx(np.array([[30.0, 9.0], [14.0, 10.0]]), abs=1e-9)
    assert game.to_dict()["class"] == "stag_hunt"


def test_a_pairs_repr_names_its_strategies_with_their_numbers_rounded():
    import axelrod as axl

    assert repr(StrategyPair()) == "StrategyPair(cooperator='Grudger', challenger='Defector')"
    pair = StrategyPair(axl.Random(0.1 + 0.2), axl.Defector())  # axelrod names it "Random: 0.30000000000000004"
    assert repr(pair) == "StrategyPair(cooperator='Random: 0.3', challenger='Defector')"
    assert pair.names[0] == "Random: 0.30000000000000004"  # the name itself is kept
