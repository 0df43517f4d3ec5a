"""Memory (issue 12, §2): no engine holds a turns-sized array it does not need.

A match once drew all its signals at once, ``random((turns, 2))`` turned into a
Python list (about 130 bytes per round), and scored every round into float
arrays before adding them up: ``run --turns 1000000000 --transparency 0.5``
allocated 3 GB in 11 s. Now the draws and the payoffs are made a chunk at a
time, with the same numbers in the same order (so every result is unchanged),
and what a match holds per round is what it needs: the players' histories
(strategies read them) and one byte per player for its actions and signals.
The size guard's estimate counts exactly that (``workload.HISTORY_BYTES``).
"""

from __future__ import annotations

import tracemalloc

import axelrod as axl
import numpy as np
import pytest

import regimelab as rl
from regimelab import match, workload
from regimelab.match import RegimeMatch, match_totals, realised_payoffs, total
from regimelab.tournament import play_pairing

SIGNALLED = rl.Regime(turns=3000, transparency=0.6, false_alarm=0.1, noise=0.05, fine=2, compensation=0.5,
                      enforcement_cost=0.3, transaction_cost=0.2)


def plays(regime, repetitions=4, seed=7):
    game = rl.Game()
    one = RegimeMatch((axl.Random(0.4), axl.GTFT()), regime, game, seed=seed)
    return [one.play() for _ in range(repetitions)]


def test_signals_drawn_a_chunk_at_a_time_are_the_draws_of_one_call(monkeypatch):
    whole = plays(SIGNALLED)
    monkeypatch.setattr(match, "DRAW_CHUNK", 7)  # many chunks, and a last one that is not full
    chunked = plays(SIGNALLED)
    for a, b in zip(whole, chunked):
        assert np.array_equal(a.actions, b.actions) and np.array_equal(a.signals, b.signals)


def test_the_chunked_draws_are_the_generators_own_stream():
    rng, reference = np.random.default_rng(3), np.random.default_rng(3)
    drawn = list(match._chunked_draws(rng, 100_003))
    assert drawn == reference.random((100_003, 2)).tolist()
    assert rng.random() == reference.random()  # nothing more was drawn


@pytest.mark.parametrize("regime", [SIGNALLED, rl.Regime(turns=3000, noise=0.1), rl.Regime(shadow=0.999)])
def test_match_totals_added_a_chunk_at_a_time_are_bit_for_bit_the_whole_sums(monkeypatch, regime):
    game = rl.Game(3, -1, 5.5, 0.25)
    for play in plays(regime):
        payoffs = realised_payoffs(play, game, regime)
        whole = (total(payoffs[:, 0]), total(payoffs[:, 1]))
        assert match_totals(play, game, regime) == whole
        monkeypatch.setattr(match, "PAYOFF_CHUNK", 13)
        assert match_totals(play, game, regime) == whole
        monkeypatch.undo()


def peak_bytes(regime, turns: int) -> float:
    """The peak traced memory of one match of ``turns`` rounds, Tit For Tat against Random."""
    play_pairing(axl.TitForTat(), axl.Random(), regime.replace(turns=10), rl.Game(), 1, 1)  # first-use caches
    tracemalloc.start()
    try:
        play_pairing(axl.TitForTat(), axl.Random(), regime.replace(turns=turns), rl.Game(), 1, 1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("regime, path", [(rl.Regime(noise=0.01), "perfect"), (rl.Regime(transparency=0.5), "signalled")])
def test_a_match_holds_its_histories_and_little_else_as_the_estimate_counts(regime, path):
    # Before: 214 bytes per round with random signals (the draws as a list of lists), 67 without
    # (the payoffs as float arrays). Now 75 and 35: the players' histories (8 bytes per move per
    # list, two lists per history; with signals also each player's view of the other's signals)
    # and the actions and signals, one byte per player each.
    # The slope between two lengths: the chunks and the players themselves cost the same for both.
    per_round = (peak_bytes(regime, 60_000) - peak_bytes(regime, 20_000)) / 40_000
    assert per_round <= 1.15 * workload.HISTORY_BYTES[path], per_round
    assert per_round < {"perfect": 45, "signalled": 90}[path]
