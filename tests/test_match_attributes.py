"""Telling a strategy what its match is (regimelab/match_attributes.py): no numpy warning mid-run."""

import warnings

import axelrod as axl
import pytest

import regimelab as rl
from regimelab.match_attributes import tell

#: A fine of 2 makes T' = R' = 3: ZD-GTFT-2 divides by T' - l = 0 when told the game.
FINED = rl.Regime(turns=10, fine=2.0)


def test_a_strategy_dividing_by_a_payoff_difference_the_fine_made_zero_warns_nothing():
    attributes = {"length": 10, "game": FINED.expected_game(rl.Game()).to_axelrod(), "noise": 0}
    player = axl.ZDGTFT2()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        tell(player, attributes)
    assert player.match_attributes["game"].RPST() == (3, -1, 0, 3)


@pytest.mark.parametrize("engine", ["vector", "simulate"])
def test_a_tournament_with_it_under_the_fine_warns_nothing(engine):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = rl.run_tournament([axl.ZDGTFT2(), axl.TitForTat()], FINED, repetitions=1, seed=1, engine=engine)
    assert len(result.ranked_names) == 2
