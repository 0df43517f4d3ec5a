"""regimelab/match.py: one pairing played under a regime, round by round (model page §3)."""

import axelrod as axl
import numpy as np
import pytest

import regimelab as rl
from regimelab.match import Play, RegimeMatch, SignalView, realised_payoffs, total

C, D = axl.Action.C, axl.Action.D


def test_a_player_sees_its_opponents_signals_not_its_moves():
    # transparency 0: the Defector's defections are never signalled, so Grudger never retaliates
    match = RegimeMatch((axl.Grudger(), axl.Defector()), rl.Regime(turns=10, transparency=0.0), rl.Game(), seed=1)
    play = match.play()
    assert play.actions[:, 0].tolist() == [0] * 10 and play.actions[:, 1].tolist() == [1] * 10
    assert play.signals[:, 1].tolist() == [0] * 10


def test_with_perfect_monitoring_signals_are_the_actions():
    play = RegimeMatch((axl.TitForTat(), axl.Random()), rl.Regime(turns=30), rl.Game(), seed=3).play()
    assert (play.signals == play.actions).all()


def test_false_alarms_make_compliers_look_like_cheats():
    play = RegimeMatch((axl.Cooperator(), axl.Cooperator()), rl.Regime(turns=2000, false_alarm=0.3), rl.Game(),
                       seed=5).play()
    assert play.actions.sum() == 0
    share = play.signals.mean()
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / 4000)


def test_realised_payoffs_follow_the_kernel():
    play = Play(actions=np.array([[0, 1], [1, 1]], dtype=np.int8), signals=np.array([[0, 1], [0, 1]], dtype=np.int8))
    regime = rl.Regime(fine=2, compensation=0.5, transaction_cost=0.25)
    payoffs = realised_payoffs(play, rl.Game(), regime)
    # round 1: C against a signalled D: S - c + k*F; D signalled: T - F
    # round 2: D (unsignalled) against a signalled D: P + k*F; P - F
    assert payoffs.tolist() == [[0 - 0.25 + 1, 5 - 2], [1 + 1, 1 - 2]]


def test_total_adds_left_to_right_as_axelrod_does():
    values = np.array([0.1] * 10 + [1e16, -1e16])
    assert total(values) == float(np.cumsum(values)[-1])
    assert total(np.array([])) == 0.0


def test_a_deterministic_pairing_is_played_once_and_reused():
    match = RegimeMatch((axl.TitForTat(), axl.Defector()), rl.Regime(turns=20), rl.Game(), seed=1)
    first, second = match.play(), match.play()
    assert not match.stochastic
    assert (first.actions == second.actions).all()


def test_a_random_length_comes_from_the_shadow():
    match = RegimeMatch((axl.Cooperator(), axl.Cooperator()), rl.Regime(shadow=0.9), rl.Game(), seed=2)
    lengths = [match.play().turns for _ in range(2000)]
    assert min(lengths) >= 1
    assert np.mean(lengths) == pytest.approx(10, abs=4 * np.std(lengths) / np.sqrt(2000))


def test_signal_view_counts_signals():
    view = SignalView(axl.Defector())
    view.history.append(C, D)
    view.history.append(D, D)
    assert (view.cooperations, view.defections) == (1, 1)
    assert view.name == "Defector"  # anything else is the real player's


def test_interaction_is_axelrods_letters():
    play = Play(actions=np.array([[0, 1], [1, 0]], dtype=np.int8), signals=np.zeros((2, 2), dtype=np.int8))
    assert play.interaction() == [("C", "D"), ("D", "C")]
