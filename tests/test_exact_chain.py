"""The joint chain of a pair under a regime (regimelab/exact_chain.py)."""

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact
from regimelab.exact_chain import build_pair_chain
from regimelab.machines import NotFiniteState

GAME = rl.Game()


def test_only_reachable_states_are_built():
    grim, alld = exact.grim_trigger(), exact.always_defect()
    assert exact.pair_chain(grim, grim, rl.Regime(), GAME).size == 1  # (C, C) for ever
    assert exact.pair_chain(grim, alld, rl.Regime(), GAME).size == 2
    # memory-one self-play with noise: the start and the four outcomes (each side remembers the
    # same round, mirrored), not all 25 pairs of states
    tft = exact.tit_for_tat()
    assert exact.pair_chain(tft, tft, rl.Regime(noise=0.1), GAME).size == 5
    # imperfect signals decouple what each side saw: 1 + 2**4 joint states
    assert exact.pair_chain(tft, tft, rl.Regime(noise=0.1, transparency=0.8, false_alarm=0.1), GAME).size == 17


def test_a_certain_pair_is_one_state_with_the_stage_payoffs():
    chain = exact.pair_chain(exact.always_cooperate(), exact.always_defect(), rl.Regime(), GAME)
    assert chain.size == 1 and chain.states.tolist() == [[0, 0]]
    assert chain.transition.tolist() == [[1.0]]
    assert chain.rewards.tolist() == [[0.0, 5.0]]  # S to the complier, T to the defector
    assert chain.cooperation.tolist() == [[1.0, 0.0]]
    assert chain.signalled.tolist() == [[0.0, 1.0]]


def test_rewards_and_signals_follow_the_monitoring_and_the_fine():
    # p = 0.7, a = 0.1, F = 2: the complier is fined on a false alarm (S - aF), the defector when seen (T - pF)
    regime = rl.Regime(transparency=0.7, false_alarm=0.1, fine=2)
    chain = exact.pair_chain(exact.always_cooperate(), exact.always_defect(), regime, GAME)
    assert chain.rewards[0] == pytest.approx([0 - 0.1 * 2, 5 - 0.7 * 2], abs=1e-12)
    assert chain.signalled[0] == pytest.approx([0.1, 0.7], abs=1e-12)


def test_grim_against_the_defector_moves_to_punishing_for_ever():
    chain = exact.pair_chain(exact.grim_trigger(), exact.always_defect(), rl.Regime(), GAME)
    assert chain.states.tolist() == [[0, 0], [1, 0]]  # (trusting, -), then (punishing, -)
    assert chain.transition.tolist() == [[0.0, 1.0], [0.0, 1.0]]
    assert chain.rewards.tolist() == [[0.0, 5.0], [1.0, 1.0]]


def test_a_sparse_chain_is_a_distribution_and_the_state_limit_is_enforced():
    tft = exact.tit_for_tat()
    chain = build_pair_chain(tft, tft, rl.Regime(noise=0.1), GAME, dense_limit=0, max_states=100)
    assert chain.is_sparse and chain.size == 5
    assert np.asarray(chain.transition.sum(axis=1)).ravel() == pytest.approx([1.0] * 5, abs=1e-12)
    with pytest.raises(NotFiniteState, match="more than 4 states"):
        build_pair_chain(tft, tft, rl.Regime(noise=0.1), GAME, dense_limit=300, max_states=4)
