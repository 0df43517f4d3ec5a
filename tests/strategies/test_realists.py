"""Zero-Sum Realist and Myopic State (strategies/realists.py): each one's defining behaviour."""

import axelrod as axl
import pytest
from match_scripts import moves
from regimelab.strategies.realists import MyopicState, ZeroSumRealist

import regimelab as rl


def test_zero_sum_realist_defects_unless_it_can_afford_to_be_cheated():
    assert moves(ZeroSumRealist(), axl.TitForTat()) == "D" * 50  # never ahead by more than T - S
    # against a complier: two exploitations put it 10 ahead, more than T - S = 5
    assert moves(ZeroSumRealist(), axl.Cooperator()) == "DD" + "C" * 48


def test_zero_sum_realist_complies_when_the_regime_makes_cheating_a_relative_loss():
    # (p - a)(F(1 + k) - s) > T - S + c: here F(1 + k) > 5
    complied = rl.Regime(turns=50, fine=2.6, compensation=1)
    tie = rl.Regime(turns=50, fine=2.5, compensation=1)  # T' = S': not strictly ahead, so it defects
    assert moves(ZeroSumRealist(), axl.Defector(), complied) == "C" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), tie) == "D" * 50


def test_compensation_moves_the_realist_but_not_the_myopic_state():
    # F = 3 >= F* = 2 makes compliance a best reply to compliance, with or without compensation
    for k in (0, 1):
        regime = rl.Regime(turns=50, fine=3, compensation=k)
        assert moves(MyopicState(), axl.Defector(), regime) == "C" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), rl.Regime(turns=50, fine=3)) == "D" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), rl.Regime(turns=50, fine=3, compensation=1)) == "C" * 50


def test_myopic_state_defects_in_a_prisoners_dilemma_whatever_the_other_does():
    for opponent in (axl.Cooperator(), axl.TitForTat(), axl.Defector()):
        assert set(moves(MyopicState(), opponent, rl.Regime(shadow=0.99), seed=2)) == {"D"}


@pytest.mark.parametrize("transparency", [1.0, 0.5])
def test_myopic_state_complies_exactly_from_the_fine_threshold_on(transparency):
    f_star = rl.thresholds(rl.Regime(transparency=transparency))["fine"]
    at = rl.Regime(turns=20, transparency=transparency, fine=f_star)
    below = rl.Regime(turns=20, transparency=transparency, fine=f_star * 0.99)
    assert moves(MyopicState(), axl.Defector(), at) == "C" * 20
    assert moves(MyopicState(), axl.Cooperator(), below) == "D" * 20
