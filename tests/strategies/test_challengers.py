"""Unsocialised Newcomer and Spoiler (strategies/challengers.py): each one's defining behaviour."""

import axelrod as axl
import pytest
from match_scripts import C, D, moves, scripted, with_history
from regimelab.strategies.challengers import Spoiler, UnsocialisedNewcomer

import regimelab as rl


def test_newcomer_tests_first_and_never_learns_from_a_partner_that_punishes_the_test():
    assert moves(UnsocialisedNewcomer(), axl.Grudger()) == "D" * 50


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_newcomer_becomes_a_reliable_partner_after_ten_compliances(seed):
    mine = moves(UnsocialisedNewcomer(), axl.Cooperator(), seed=seed)
    assert mine[0] == "D"
    assert mine[10:] == "C" * 40


def test_newcomer_learns_slowly():
    # Against a complier, round k (1..9) complies with probability k / 10: 4.5 of 9 expected
    # (standard deviation of one match 1.28; of the mean of 200, 0.09).
    early = [moves(UnsocialisedNewcomer(), axl.Cooperator(), seed=seed)[1:10].count("C") for seed in range(200)]
    assert sum(early) / len(early) == pytest.approx(4.5, abs=0.3)


def test_newcomer_halves_its_experience_when_it_sees_a_defection():
    player, opponent = with_history(UnsocialisedNewcomer(), "DC CC CC CC CC CC")
    player.experience = 5
    opponent.history.append(D, C)
    assert player.strategy(opponent) == D
    assert player.experience == 2


@pytest.mark.parametrize(("turns", "endgame"), [(20, 2), (30, 3), (200, 20), (5, 1)])
def test_spoiler_defects_in_the_last_tenth_of_a_known_horizon(turns, endgame):
    assert moves(Spoiler(), axl.Cooperator(), rl.Regime(turns=turns)) == "C" * (turns - endgame) + "D" * endgame


def test_spoiler_reciprocates_before_the_endgame():
    assert moves(Spoiler(), scripted("CCDCC" + "C" * 45))[:8] == "CCCDCCCC"


def test_an_uncertain_end_disarms_the_spoiler():
    for seed in range(5):
        assert "D" not in moves(Spoiler(), axl.Cooperator(), rl.Regime(shadow=0.95), seed=seed)
