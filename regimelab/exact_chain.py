"""The joint Markov chain of two state machines under a regime.

One round (model page §3): each state gives a probability of intending C;
noise flips the intention; each realised action emits a signal (``d`` with
probability p after D, a after C); each player moves to its next state from
its own realised action and its opponent's signal; payoffs follow §3 step 5.
Only the joint states reachable from the two initial states are built,
breadth first, so a pair of 32-state machines that meet in a handful of
states costs a handful.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .errors import NotFiniteState
from .exact_machine import StateMachine
from .game import Game
from .regime import Regime


@dataclass
class PairChain:
    """The joint chain of two machines under a regime, over its reachable states.

    ``transition``: joint-state transition matrix (dense, or scipy sparse CSR
    when large); ``rewards``: expected payoff per round to each player in each
    joint state (columns 0 and 1); ``cooperation``: probability that each
    player realises C; ``signalled``: probability that each player's move is
    signalled as a defection; ``states``: the (first, second) machine states.
    """

    transition: np.ndarray | sp.csr_matrix
    rewards: np.ndarray
    cooperation: np.ndarray
    signalled: np.ndarray
    initial: np.ndarray
    states: np.ndarray

    @property
    def size(self) -> int:
        """The number of reachable joint states."""
        return len(self.initial)

    @property
    def is_sparse(self) -> bool:
        """Whether ``transition`` is a scipy sparse matrix (chains above ``regimelab.exact.DENSE_LIMIT`` states)."""
        return sp.issparse(self.transition)


#: The 16 outcomes of a round: own actions (a1, a2) and signals (g1, g2).
_OUTCOMES = np.array([(a1, a2, g1, g2) for a1 in (0, 1) for a2 in (0, 1) for g1 in (0, 1) for g2 in (0, 1)])


def build_pair_chain(
    first: StateMachine, second: StateMachine, regime: Regime, game: Game, *, dense_limit: int, max_states: int
) -> PairChain:
    """Build the joint chain, breadth first from the initial states.

    Its transition matrix is dense up to ``dense_limit`` joint states and
    sparse above; a chain of more than ``max_states`` is refused
    (:class:`NotFiniteState`, naming the pair). :func:`regimelab.exact.pair_chain`
    calls it with the engine's limits.
    """
    keys, outcome_p, (rows, columns, probabilities) = _reachable_states(first, second, regime, max_states)
    size = len(keys)
    a1, a2, g1, g2 = _OUTCOMES.T
    if size <= dense_limit:
        transition = np.zeros((size, size))
        np.add.at(transition, (rows, columns), probabilities)
    else:
        transition = sp.csr_matrix((probabilities, (rows, columns)), shape=(size, size))
    rewards = outcome_p @ _outcome_payoffs(regime, game)
    cooperation = np.column_stack([outcome_p[:, a1 == 0].sum(axis=1), outcome_p[:, a2 == 0].sum(axis=1)])
    signalled = np.column_stack([outcome_p[:, g1 == 1].sum(axis=1), outcome_p[:, g2 == 1].sum(axis=1)])
    initial = np.zeros(size)
    initial[0] = 1.0
    keys_array = np.array(keys, dtype=np.int64)
    states = np.column_stack([keys_array // second.size, keys_array % second.size])
    return PairChain(transition, rewards, cooperation, signalled, initial, states)


def _reachable_states(first: StateMachine, second: StateMachine, regime: Regime, max_states: int):
    """The joint states reachable from the initial ones, found breadth first.

    Returns the states' keys (``first_state * second.size + second_state``)
    in the order found, the probability of each of the 16 outcomes in each of
    them (rows in that order: the frontiers are appended in order), and the
    transitions as arrays ``(rows, columns, probabilities)``.
    """
    coop1, next1 = first.arrays()
    coop2, next2 = second.arrays()
    n2 = second.size
    a1, a2, g1, g2 = _OUTCOMES.T
    signal_p = _signal_probabilities(regime)
    keys = [first.initial * n2 + second.initial]
    index = {keys[0]: 0}
    rows, columns, probabilities, outcome_probabilities = [], [], [], []
    start = 0
    while start < len(keys):
        frontier = np.array(keys[start:], dtype=np.int64)
        positions = np.arange(start, len(keys))
        start = len(keys)
        x, y = frontier // n2, frontier % n2
        p = _outcome_probabilities(coop1[x], coop2[y], regime.noise, signal_p)  # (frontier, 16)
        outcome_probabilities.append(p)
        successors = next1[x[:, None], a1, g2] * n2 + next2[y[:, None], a2, g1]
        live = p > 0
        for key in np.unique(successors[live]):
            key = int(key)
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
        if len(keys) > max_states:
            raise NotFiniteState(
                f"{first.name} against {second.name}",
                f"their joint chain has more than {max_states:,} states under this regime",
            )
        targets = np.vectorize(index.__getitem__, otypes=[np.int64])(successors[live]) if live.any() else []
        rows.append(np.broadcast_to(positions[:, None], p.shape)[live])
        columns.append(np.asarray(targets, dtype=np.int64))
        probabilities.append(p[live])
    transitions = tuple(np.concatenate(v) for v in (rows, columns, probabilities))
    return keys, np.vstack(outcome_probabilities), transitions


def _signal_probabilities(regime: Regime) -> np.ndarray:
    """P(signals g1, g2 | actions a1, a2) for each of the 16 outcomes, independent of the states."""
    signal_d = regime.monitoring.signal_d()
    a1, a2, g1, g2 = _OUTCOMES.T
    return np.where(g1, signal_d[a1], 1 - signal_d[a1]) * np.where(g2, signal_d[a2], 1 - signal_d[a2])


def _outcome_probabilities(intend1: np.ndarray, intend2: np.ndarray, noise: float, signal_p: np.ndarray) -> np.ndarray:
    """The probability of each outcome in each state, shape (states, 16).

    ``intend1``, ``intend2``: each player's probability of intending C in
    each state; noise flips an intention with probability ``noise``.
    """
    a1, a2 = _OUTCOMES[:, 0], _OUTCOMES[:, 1]
    c1 = intend1 * (1 - noise) + (1 - intend1) * noise  # probability of realising C
    c2 = intend2 * (1 - noise) + (1 - intend2) * noise
    action_p1 = np.stack([c1, 1 - c1])  # (2, states)
    action_p2 = np.stack([c2, 1 - c2])
    return (action_p1[a1].T * action_p2[a2].T) * signal_p


def _outcome_payoffs(regime: Regime, game: Game) -> np.ndarray:
    """Payoff to each player for each of the 16 outcomes (§3 step 5), shape (16, 2)."""
    base = game.matrix()
    a1, a2, g1, g2 = _OUTCOMES.T
    u1, u2 = regime.round_payoffs(base[a1, a2], base[a2, a1], a1, a2, g1, g2)
    return np.column_stack([np.broadcast_to(u1, a1.shape), np.broadcast_to(u2, a2.shape)])
