"""The vectorised simulation: finite-state pairings played as arrays.

A pairing of two strategies that both have a finite-state form
(:mod:`regimelab.machines`) needs no strategy code to play: in each round a
player's machine state gives its probability of intending C, noise flips the
intention, the realised action emits a signal (model page §3), and the state
moves on from the realised action and the opponent's signal. So every
repetition of every such pairing advances together, one numpy step per round
over all of them, and the round's payoffs, which depend only on the round's
outcome (both actions and both signals, 16 outcomes), are summed at the end
from the counts of the outcomes.

It draws the same *distribution* of matches as the object simulation
(:mod:`regimelab.match`), not the same numbers: each pairing draws from its
own stream, seeded from the pairing's seed, in a fixed order (the
repetitions' lengths, then per block of ``BLOCK`` rounds four uniforms per
repetition and round: two actions, two signals). So a pairing's matches do
not depend on which other pairings share its batch, on the batch size or on
the number of processes. ``tests/test_vector_engine.py`` checks the
distributions against the object simulation and against the exact engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .exact_chain import OUTCOMES, outcome_payoffs
from .exact_machine import StateMachine
from .game import Game
from .regime import Regime

#: Rounds drawn and played per block (the draws of one block are held at a time).
BLOCK = 64
#: Repetitions (rows) played together at most; larger work is split into batches.
BATCH_ROWS = 8_192
#: Mixed into each pairing's seed so that its stream differs from the object engine's signal stream.
STREAM_KEY = 0x7EC7


@dataclass(frozen=True)
class MachineTable:
    """Several machines in one table, so that one array of states can index them all.

    ``realised_c[s]``: the probability of *realising* C in global state ``s``
    (the intention to C, after noise); ``next_state[4 * s + 2 * x + g]``: the
    global state after own realised action ``x`` and the opponent's signal
    ``g``; ``initial[m]``: machine ``m``'s initial global state;
    ``deterministic[m]``: whether machine ``m`` never randomises.
    """

    realised_c: np.ndarray
    next_state: np.ndarray
    initial: np.ndarray
    deterministic: np.ndarray

    @classmethod
    def build(cls, machines: list[StateMachine], noise: float) -> "MachineTable":
        """Stack ``machines`` (offsetting their states) under a regime with ``noise``."""
        offsets = np.cumsum([0] + [m.size for m in machines])
        cooperate = [np.asarray(m.cooperate, dtype=float) for m in machines]
        nexts = [np.asarray(m.next_state, dtype=np.int64).reshape(-1) + offset for m, offset in zip(machines, offsets)]
        intend = np.concatenate(cooperate) if machines else np.zeros(0)
        return cls(
            realised_c=intend * (1 - noise) + (1 - intend) * noise,
            next_state=np.concatenate(nexts) if machines else np.zeros(0, dtype=np.int64),
            initial=np.array([m.initial + offset for m, offset in zip(machines, offsets)], dtype=np.int64),
            deterministic=np.array([bool(np.all((c == 0) | (c == 1))) for c in cooperate], dtype=bool),
        )


@dataclass(frozen=True)
class VectorPairing:
    """One pairing for the vectorised engine: the two machines' indices in the table, and its seed."""

    first: int
    second: int
    seed: int


def play_pairings(
    table: MachineTable, pairings: list[VectorPairing], regime: Regime, game: Game, repetitions: int,
    keep_interactions: bool = False,
) -> list[list[tuple]]:
    """Play ``repetitions`` matches of each pairing; per pairing, one record per repetition.

    A record is what :func:`regimelab.tournament.play_pairing` gives:
    ``(turns, scores, cooperations, signalled_defections, interaction)``,
    each of the middle three a pair (first player, second player).
    """
    outcomes = []
    per_batch = max(1, BATCH_ROWS // repetitions)
    for start in range(0, len(pairings), per_batch):
        batch = pairings[start : start + per_batch]
        outcomes += _play_batch(table, batch, regime, game, repetitions, keep_interactions)
    return outcomes


def _is_random(table: MachineTable, pairing: VectorPairing, regime: Regime) -> bool:
    """Whether a pairing's matches can differ: noise, a randomising machine or random signals."""
    return bool(
        regime.noise or regime.monitoring.is_random
        or not table.deterministic[pairing.first] or not table.deterministic[pairing.second]
    )


class _Batch:
    """The rows (repetitions) of a batch of pairings and the streams that draw for them."""

    def __init__(self, table, pairings, regime, repetitions):
        self.pairings = pairings
        prob_end = regime.horizon.prob_end
        self.random = [_is_random(table, p, regime) for p in pairings]
        # A deterministic pairing of known length plays once; its repetitions are copies.
        self.rows_of = [repetitions if (r or prob_end) else 1 for r in self.random]
        streams = [np.random.default_rng([STREAM_KEY, int(p.seed)]) for p in pairings]
        if prob_end:  # the lengths come first in every pairing's stream, random or not
            lengths = [stream.geometric(prob_end, size=rows) for stream, rows in zip(streams, self.rows_of)]
            self.lengths = np.concatenate(lengths).astype(np.int64)
        else:
            self.lengths = np.full(sum(self.rows_of), regime.horizon.turns, dtype=np.int64)
        # A deterministic pairing draws nothing more.
        self.streams = [stream if r else None for stream, r in zip(streams, self.random)]
        self.first = np.repeat([table.initial[p.first] for p in pairings], self.rows_of)
        self.second = np.repeat([table.initial[p.second] for p in pairings], self.rows_of)
        self.owner = np.repeat(np.arange(len(pairings)), self.rows_of)
        self.pairing_end = np.zeros(len(pairings), dtype=np.int64)
        np.maximum.at(self.pairing_end, self.owner, self.lengths)

    def draws(self, start: int, size: int, alive: np.ndarray) -> np.ndarray:
        """The uniforms of rounds ``start .. start + size`` for the rows still ``alive``: shape (size, rows, 4).

        Each random pairing whose longest match reaches ``start`` draws a block
        for all its rows, alive or not, so that what a row gets does not depend
        on the other rows; deterministic pairings get 0.5, which decides the
        same way as any draw when every probability is 0 or 1.
        """
        blocks = []
        for index, (stream, rows) in enumerate(zip(self.streams, self.rows_of)):
            if stream is not None and self.pairing_end[index] > start:
                blocks.append(stream.random((size, rows, 4)))
            else:
                blocks.append(np.full((size, rows, 4), 0.5))
        return np.concatenate(blocks, axis=1)[:, alive, :]


def _play_batch(table, pairings, regime, game, repetitions, keep_interactions):
    batch = _Batch(table, pairings, regime, repetitions)
    outcome_counts, actions = _play_rows(table, batch, regime, keep_interactions)
    payoffs = outcome_counts @ outcome_payoffs(regime, game)  # (rows, 2)
    a1, a2, g1, g2 = OUTCOMES.T
    cooperations = np.column_stack([outcome_counts[:, a1 == 0].sum(axis=1), outcome_counts[:, a2 == 0].sum(axis=1)])
    signalled = np.column_stack([outcome_counts[:, g1 == 1].sum(axis=1), outcome_counts[:, g2 == 1].sum(axis=1)])
    records, row = [], 0
    for index, rows in enumerate(batch.rows_of):
        pairing_records = []
        for offset in range(rows):
            r = row + offset
            turns = int(batch.lengths[r])
            interaction = None if actions is None else _interaction(actions, r, turns)
            pairing_records.append((
                turns, (float(payoffs[r, 0]), float(payoffs[r, 1])),
                (int(cooperations[r, 0]), int(cooperations[r, 1])),
                (int(signalled[r, 0]), int(signalled[r, 1])), interaction,
            ))
        row += rows
        records.append(pairing_records * repetitions if rows == 1 and repetitions > 1 else pairing_records)
    return records


def _play_rows(table: MachineTable, batch: _Batch, regime: Regime, keep_interactions: bool):
    """Play every row of ``batch`` to its length; the count of each of the 16 outcomes per row."""
    total_rows = len(batch.lengths)
    counts = np.zeros((total_rows, 16), dtype=np.int64)
    flat_counts = counts.reshape(-1)
    history = [] if keep_interactions else None
    state1, state2 = batch.first.copy(), batch.second.copy()
    realised_c, next_state = table.realised_c, table.next_state
    signal_d = regime.monitoring.signal_d().astype(float)
    perfect = regime.monitoring.is_perfect
    end = int(batch.lengths.max()) if total_rows else 0
    rows = np.arange(total_rows)
    for start in range(0, end, BLOCK):
        alive = batch.lengths > start  # rows that play at least one round of this block
        index = rows[alive]
        size = min(BLOCK, end - start)
        uniforms = batch.draws(start, size, alive)
        s1, s2 = state1[index], state2[index]
        live_until = batch.lengths[index] - start  # a row plays the block's rounds t < live_until
        all_live_until = int(live_until.min())
        cells = 16 * index  # each row's first cell in the flat counts
        block_actions = np.zeros((size, len(index), 2), dtype=np.int8) if keep_interactions else None
        for t in range(size):
            u = uniforms[t]
            a1 = u[:, 0] >= realised_c[s1]  # True: D
            a2 = u[:, 1] >= realised_c[s2]
            if perfect:
                g1, g2 = a1, a2
            else:
                g1 = u[:, 2] < signal_d[a1.view(np.int8)]
                g2 = u[:, 3] < signal_d[a2.view(np.int8)]
            outcome = cells + 8 * a1 + 4 * a2 + 2 * g1 + g2
            # No row repeats within ``outcome``, so a fancy-indexed += counts each once.
            flat_counts[outcome] += 1 if t < all_live_until else (live_until > t)
            if block_actions is not None:
                block_actions[t, :, 0], block_actions[t, :, 1] = a1, a2
            s1, s2 = next_state[4 * s1 + 2 * a1 + g2], next_state[4 * s2 + 2 * a2 + g1]
        state1[index], state2[index] = s1, s2
        if history is not None:
            history.append((start, index, block_actions))
    return counts, _actions_by_row(history, total_rows, end)


def _actions_by_row(history, total_rows: int, end: int):
    if history is None:
        return None
    actions = np.zeros((total_rows, end, 2), dtype=np.int8)
    for start, index, block in history:
        actions[index, start : start + block.shape[0], :] = block.transpose(1, 0, 2)
    return actions


def _interaction(actions: np.ndarray, row: int, turns: int) -> list[tuple[str, str]]:
    letters = np.array(["C", "D"])[actions[row, :turns]]
    return [tuple(pair) for pair in letters]
