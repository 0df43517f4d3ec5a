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
from typing import TYPE_CHECKING

import numpy as np

from .errors import NotFiniteState
from .exact_machine import StateMachine
from .game import Game
from .regime import Regime

if TYPE_CHECKING:
    import scipy.sparse as sp


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
        return is_sparse(self.transition)


def is_sparse(matrix) -> bool:
    """Whether a transition matrix is scipy sparse: anything but a numpy array (scipy is not imported to ask)."""
    return not isinstance(matrix, np.ndarray)


#: The 16 outcomes of a round: own actions (a1, a2) and signals (g1, g2).
OUTCOMES = np.array([(a1, a2, g1, g2) for a1 in (0, 1) for a2 in (0, 1) for g1 in (0, 1) for g2 in (0, 1)])


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
    a1, a2, g1, g2 = OUTCOMES.T
    if size <= dense_limit:
        transition = np.zeros((size, size))
        np.add.at(transition, (rows, columns), probabilities)
    else:
        import scipy.sparse as sp  # only for large chains: scipy takes a third of a second to import

        transition = sp.csr_matrix((probabilities, (rows, columns)), shape=(size, size))
    rewards = outcome_p @ outcome_payoffs(regime, game)
    cooperation = np.column_stack([outcome_p[:, a1 == 0].sum(axis=1), outcome_p[:, a2 == 0].sum(axis=1)])
    signalled = np.column_stack([outcome_p[:, g1 == 1].sum(axis=1), outcome_p[:, g2 == 1].sum(axis=1)])
    initial = np.zeros(size)
    initial[0] = 1.0
    states = np.column_stack([keys // second.size, keys % second.size])
    return PairChain(transition, rewards, cooperation, signalled, initial, states)


def _reachable_states(first: StateMachine, second: StateMachine, regime: Regime, max_states: int):
    """The joint states reachable from the initial ones, found breadth first.

    Returns the states' keys (``first_state * second.size + second_state``)
    in the order found (each frontier's new keys in increasing order), the
    probability of each of the 16 outcomes in each of them (rows in that
    order), and the transitions as arrays ``(rows, columns, probabilities)``.
    A table from every key to its index (-1 while unseen) makes each frontier
    a few array operations.
    """
    coop1, next1 = first.arrays()
    coop2, next2 = second.arrays()
    n2 = second.size
    a1, a2, g1, g2 = OUTCOMES.T
    signal_p = _signal_probabilities(regime)
    # Per machine state and outcome, read once: the probability of its own action, and the next state.
    action1 = _realised_actions(coop1, regime.noise)[:, a1]
    action2 = _realised_actions(coop2, regime.noise)[:, a2]
    moves1, moves2 = next1[:, a1, g2] * n2, next2[:, a2, g1]
    index = np.full(first.size * n2, -1, dtype=np.int32 if max_states < 2**31 else np.int64)
    frontier = np.array([first.initial * n2 + second.initial], dtype=np.int64)
    index[frontier] = 0
    found = [frontier]
    count = 1  # states found so far
    rows, columns, probabilities, outcome_probabilities = [], [], [], []
    start = 0  # the index of the frontier's first state
    while len(frontier):
        x, y = frontier // n2, frontier % n2
        p = (action1[x] * action2[y]) * signal_p  # each outcome's probability, (frontier, 16)
        outcome_probabilities.append(p)
        successors = moves1[x] + moves2[y]
        live = p > 0
        targets = successors[live]
        fresh = np.sort(targets[index[targets] < 0])
        new = fresh[np.diff(fresh, prepend=-1) != 0]  # each new key once (keys are >= 0)
        if count + len(new) > max_states:
            raise NotFiniteState(
                f"{first.name} against {second.name}",
                f"their joint chain has more than {max_states:,} states under this regime",
            )
        index[new] = np.arange(count, count + len(new))
        rows.append(np.broadcast_to(np.arange(start, start + len(frontier))[:, None], p.shape)[live])
        columns.append(index[targets])
        probabilities.append(p[live])
        start, count = start + len(frontier), count + len(new)
        found.append(new)
        frontier = new
    transitions = tuple(np.concatenate(v) for v in (rows, columns, probabilities))
    return np.concatenate(found), np.vstack(outcome_probabilities), transitions


def _signal_probabilities(regime: Regime) -> np.ndarray:
    """P(signals g1, g2 | actions a1, a2) for each of the 16 outcomes, independent of the states."""
    signal_d = regime.monitoring.signal_d()
    a1, a2, g1, g2 = OUTCOMES.T
    return np.where(g1, signal_d[a1], 1 - signal_d[a1]) * np.where(g2, signal_d[a2], 1 - signal_d[a2])


def _realised_actions(intend: np.ndarray, noise: float) -> np.ndarray:
    """P(realised C), P(realised D) in each state, shape (states, 2): noise flips an intention with probability
    ``noise``."""
    c = intend * (1 - noise) + (1 - intend) * noise
    return np.column_stack([c, 1 - c])


def outcome_payoffs(regime: Regime, game: Game) -> np.ndarray:
    """Payoff to each player for each of the 16 outcomes (§3 step 5), shape (16, 2)."""
    base = game.matrix()
    a1, a2, g1, g2 = OUTCOMES.T
    u1, u2 = regime.round_payoffs(base[a1, a2], base[a2, a1], a1, a2, g1, g2)
    return np.column_stack([np.broadcast_to(u1, a1.shape), np.broadcast_to(u2, a2.shape)])
