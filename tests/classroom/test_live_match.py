"""A live match plays the rounds RegimeMatch plays, one call at a time (model page §3)."""

import axelrod as axl
import numpy as np
import pytest

from regimelab import Game, Regime
from regimelab.classroom.live_match import LiveMatch, Student, replay
from regimelab.match import RegimeMatch, realised_payoffs

SCRIPT = "CCDCDDCCCDCDCCDDDCCCDCCDDCDCCCDCDDCDCCCDCCDDCCDCDCCDCDDCCDCCCDCD" * 40

REGIMES = [
    Regime(turns=30),
    Regime(shadow=0.9),
    Regime(shadow=0.95, transparency=0.6, false_alarm=0.1, noise=0.05, fine=3, compensation=0.5,
           enforcement_cost=0.2, transaction_cost=0.3),
    Regime(turns=25, transparency=0.5, noise=0.1),
]
OPPONENTS = [axl.TitForTat, axl.Random, axl.GTFT, axl.WinStayLoseShift, axl.Grudger]


@pytest.mark.parametrize("regime", REGIMES, ids=lambda r: r.label())
@pytest.mark.parametrize("opponent", OPPONENTS, ids=lambda c: c.name)
@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_a_live_match_plays_the_rounds_of_regime_match_with_the_same_seed(regime, opponent, seed):
    game = Game()
    expected = RegimeMatch([Student([axl.Action.from_char(m) for m in SCRIPT]), opponent()], regime, game,
                           seed=seed).play()
    live = LiveMatch(regime, game, seed, opponent())
    assert live.length == expected.turns
    while not live.finished:
        live.play_round(SCRIPT[len(live.rounds)])
    assert np.array_equal([r.realised for r in live.rounds], expected.actions)
    assert np.array_equal([r.signals for r in live.rounds], expected.signals)
    assert np.allclose([r.payoffs for r in live.rounds], realised_payoffs(expected, game, regime))


def test_two_students_play_the_moves_they_choose_and_noise_flips_them_as_regime_match_does():
    regime, game = Regime(turns=40, noise=0.2, transparency=0.7), Game()
    moves2 = SCRIPT[5:45]
    expected = RegimeMatch([Student([axl.Action.from_char(m) for m in SCRIPT]),
                            Student([axl.Action.from_char(m) for m in moves2])], regime, game, seed=3).play()
    live = LiveMatch(regime, game, 3)
    for t in range(40):
        played = live.play_round(SCRIPT[t], moves2[t])
        assert played.intended == (SCRIPT[t] == "D", moves2[t] == "D")
    assert live.finished and not live.against_strategy
    assert np.array_equal([r.realised for r in live.rounds], expected.actions)
    assert np.array_equal([r.signals for r in live.rounds], expected.signals)
    assert any(r.intended != r.realised for r in live.rounds)  # noise 0.2 over 40 rounds flips some


def test_adjustments_are_the_regime_part_of_the_payoff_from_own_action_and_signals():
    regime = Regime(turns=1, fine=4, compensation=0.5, enforcement_cost=1, transaction_cost=0.25)
    live = LiveMatch(regime, Game(), 1, axl.Defector())
    played = live.play_round("C")
    # C against D, perfect monitoring: side 1 pays c, receives kF - s; side 2 pays F.
    assert played.adjustments == pytest.approx((-0.25 + 2 - 1, -4))
    assert played.payoffs == pytest.approx((0 - 0.25 + 1, 5 - 4))


def test_replay_after_a_restart_gives_the_same_match():
    regime = Regime(shadow=0.9, transparency=0.6, noise=0.05)
    first = LiveMatch(regime, Game(), 11, axl.GTFT())
    moves = []
    for t in range(min(first.length, 12)):
        first.play_round(SCRIPT[t])
        moves.append((SCRIPT[t], None))
    again = replay(regime, Game(), 11, axl.GTFT(), moves)
    assert again.rounds == first.rounds and again.length == first.length


def test_a_finished_match_refuses_another_round():
    live = LiveMatch(Regime(turns=1), Game(), 1, axl.Cooperator())
    live.play_round("C")
    with pytest.raises(ValueError, match="over"):
        live.play_round("C")
