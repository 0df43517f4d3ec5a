"""Pre-flight checks shared by every engine (regimelab/checks.py): bad input refused before any work."""

import axelrod as axl
import numpy as np
import pytest

import regimelab as rl
from regimelab.checks import check_repetitions, check_seed, check_told_game, check_tournament
from regimelab.errors import InvalidParameter, StrategyFailed, StrategyRefused


@pytest.mark.parametrize("seed", [0, 1, 2**32 - 1, np.int64(7)])
def test_a_seed_is_an_integer_from_0_to_2_to_the_32_minus_1(seed):
    check_seed(seed)


@pytest.mark.parametrize("seed", [-1, 2**32, 1.0, "1", True, None])
def test_a_bad_seed_is_refused_naming_seed(seed):
    with pytest.raises(InvalidParameter) as info:
        check_seed(seed)
    assert info.value.parameter == "seed"


@pytest.mark.parametrize("repetitions", [0, -3, 2.0, True, "5"])
def test_repetitions_must_be_an_integer_of_at_least_one(repetitions):
    with pytest.raises(InvalidParameter) as info:
        check_repetitions(repetitions)
    assert info.value.parameter == "repetitions"
    check_repetitions(1)
    check_repetitions(np.int32(3))


def test_a_strategy_that_cannot_take_the_told_game_is_named():
    # ZD-GTFT-2 derives probabilities from the game it is told; this G' pushes them past 1
    regime = rl.Regime(transaction_cost=0.5, false_alarm=0.2)
    with pytest.raises(StrategyFailed, match=r"ZD-GTFT-2.* cannot play the expected stage game G' = \(2.5, -0.5, 5, 1\)"):
        check_told_game([axl.TitForTat(), axl.ZDGTFT2()], regime, rl.Game())
    check_told_game([axl.ZDGTFT2()], rl.Regime(), rl.Game())


def test_every_strategy_that_cannot_take_the_told_game_is_named_at_once():
    # A fine makes G' = (3, 0, 3, -1): ZD-Extort-2 cannot take it, nor a meta team with it among its members
    regime = rl.Regime(fine=2.0)
    players = [axl.TitForTat(), axl.ZDExtort2(), axl.MetaMajority(), axl.ZDExtort2()]
    with pytest.raises(StrategyFailed) as info:
        check_told_game(players, regime, rl.Game())
    message = str(info.value)
    assert message.startswith("ZD-Extort-2: 0.1111111111111111, 0.5, Meta Majority: ")
    assert message.count("ZD-Extort-2:") == 1 and "Tit For Tat" not in message
    assert message.endswith("leave them out or change the regime")


def test_a_tournament_needs_two_players_who_respect_the_monitoring():
    regime, game = rl.Regime(), rl.Game()
    with pytest.raises(InvalidParameter, match="at least two strategies"):
        check_tournament([axl.TitForTat()], regime, game)
    with pytest.raises(StrategyRefused, match="Darwin"):
        check_tournament([axl.TitForTat(), axl.Darwin()], rl.Regime(transparency=0.5), game)
    with pytest.raises(InvalidParameter, match="seed"):
        check_tournament([axl.TitForTat(), axl.Defector()], regime, game, repetitions=2, seed=-1)
    check_tournament([axl.TitForTat(), axl.Darwin()], regime, game, repetitions=2, seed=1)  # perfect monitoring
