"""Exact expected payoffs of two finite-state strategies under a regime.

A strategy with finitely many states (Grim Trigger, Always Defect, any
memory-one rule, axelrod's finite-state machines: :mod:`regimelab.machines`)
and its opponent form a joint Markov chain over their states. One round
(model page §3): each state gives a probability of intending C; noise flips
the intention; each realised action emits a signal (``d`` with probability p
after D, a after C); each player moves to its next state from its own
realised action and its opponent's signal; payoffs follow §3 step 5.

Expected match totals are the finite sum over ``turns`` rounds, or under
``shadow`` w the discounted sum ``e0 (I - wM)^-1 r`` (a round t is played with
probability w^t). The expected score per turn is what a simulation's mean
estimates, E[total / L] over the random length L: under ``turns`` the total
over n, under ``shadow`` an average of the chain's Abel means
(:func:`per_turn_occupancy`), not E[total] / E[L]. The long-run payoff per round is the Cesaro mean of the
chain (the limit of the per-round mean as n -> infinity, equal to the limit
as w -> 1): the stationary distribution of each closed class of the chain,
weighted by the probability of ending up in it (:func:`cesaro_distribution`).

Only the joint states reachable from the two initial states are built, so a
pair of 32-state machines that meet in a handful of states costs a handful.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve

from .errors import NotFiniteState
from .game import Game
from .regime import Regime

#: Chains with more joint states than this are kept sparse.
DENSE_LIMIT = 300
#: Larger joint chains are refused (memory grows with 16 transitions per state).
MAX_JOINT_STATES = 500_000
#: ``long_run="auto"`` skips the long-run value of chains larger than this (its
#: class decomposition and solves grow faster than the match's own sums).
LONG_RUN_LIMIT = 20_000


@dataclass(frozen=True)
class StateMachine:
    """A strategy with finitely many states.

    ``cooperate[s]``: probability of intending C in state ``s``.
    ``next_state[s][x][g]``: the state after realising own action ``x`` and
    seeing the opponent's signal ``g`` (0 = C / c, 1 = D / d).
    """

    name: str
    cooperate: tuple
    next_state: tuple
    initial: int = 0

    @property
    def size(self) -> int:
        """The number of states."""
        return len(self.cooperate)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``cooperate`` as a float array, ``next_state`` as an int array (size, 2, 2)."""
        return np.asarray(self.cooperate, dtype=float), np.asarray(self.next_state, dtype=np.int64)


def grim_trigger() -> StateMachine:
    """Comply until a defection is signalled, then defect for ever (axelrod's Grudger)."""
    return StateMachine("Grudger", (1.0, 0.0), (((0, 1), (0, 1)), ((1, 1), (1, 1))))


def always_defect() -> StateMachine:
    """Always intend D: one state (axelrod's Defector)."""
    return StateMachine("Defector", (0.0,), (((0, 0), (0, 0)),))


def always_cooperate() -> StateMachine:
    """Always intend C: one state (axelrod's Cooperator)."""
    return StateMachine("Cooperator", (1.0,), (((0, 0), (0, 0)),))


def memory_one(name: str, first: float, cc: float, cd: float, dc: float, dd: float) -> StateMachine:
    """A memory-one rule: P(C) after (own, seen) = CC, CD, DC, DD, and on the first move.

    State 0 is the start; state 1 + 2*own + seen remembers the last round.
    """
    after = tuple(tuple(1 + 2 * x + g for g in (0, 1)) for x in (0, 1))
    return StateMachine(name, (first, cc, cd, dc, dd), (after,) * 5)


def tit_for_tat() -> StateMachine:
    """Comply first, then copy the opponent's last signal (a memory-one rule)."""
    return memory_one("Tit For Tat", 1, 1, 0, 1, 0)


def win_stay_lose_shift() -> StateMachine:
    """Comply first, then comply iff own last move and the opponent's signal were alike (memory-one)."""
    return memory_one("Win-Stay Lose-Shift", 1, 1, 0, 0, 1)


def generous_tit_for_tat(generosity: float = 1 / 3) -> StateMachine:
    """Tit For Tat that also complies with probability ``generosity`` after a signalled defection."""
    return memory_one(f"GTFT: {generosity:g}", 1, 1, generosity, 1, generosity)


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
        """Whether ``transition`` is a scipy sparse matrix (chains above ``DENSE_LIMIT`` states)."""
        return sp.issparse(self.transition)


#: The 16 outcomes of a round: own actions (a1, a2) and signals (g1, g2).
_OUTCOMES = np.array([(a1, a2, g1, g2) for a1 in (0, 1) for a2 in (0, 1) for g1 in (0, 1) for g2 in (0, 1)])


def _outcome_payoffs(regime: Regime, game: Game) -> np.ndarray:
    """Payoff to each player for each of the 16 outcomes (§3 step 5), shape (16, 2)."""
    base = game.matrix()
    a1, a2, g1, g2 = _OUTCOMES.T
    u1, u2 = regime.round_payoffs(base[a1, a2], base[a2, a1], a1, a2, g1, g2)
    return np.column_stack([np.broadcast_to(u1, a1.shape), np.broadcast_to(u2, a2.shape)])


def pair_chain(first: StateMachine, second: StateMachine, regime: Regime, game: Game) -> PairChain:
    """Build the joint chain, breadth first from the initial states."""
    coop1, next1 = first.arrays()
    coop2, next2 = second.arrays()
    n2 = second.size
    e = regime.noise
    signal_d = regime.monitoring.signal_d()
    a1, a2, g1, g2 = _OUTCOMES.T
    # P(signal g | action a) for each outcome, independent of the states.
    signal_p = np.where(g1, signal_d[a1], 1 - signal_d[a1]) * np.where(g2, signal_d[a2], 1 - signal_d[a2])

    def realised_c(p):  # probability of realising C, given the probability of intending it
        return p * (1 - e) + (1 - p) * e

    keys = [first.initial * n2 + second.initial]
    index = {keys[0]: 0}
    rows, columns, probabilities, outcome_probabilities = [], [], [], []
    start = 0
    while start < len(keys):
        frontier = np.array(keys[start:], dtype=np.int64)
        positions = np.arange(start, len(keys))
        start = len(keys)
        x, y = frontier // n2, frontier % n2
        c1, c2 = realised_c(coop1[x]), realised_c(coop2[y])
        action_p1 = np.stack([c1, 1 - c1])  # (2, frontier)
        action_p2 = np.stack([c2, 1 - c2])
        # (frontier, 16): probability of each outcome in each state
        p = (action_p1[a1].T * action_p2[a2].T) * signal_p
        outcome_probabilities.append(p)
        successors = next1[x[:, None], a1, g2] * n2 + next2[y[:, None], a2, g1]
        live = p > 0
        for key in np.unique(successors[live]):
            key = int(key)
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
        if len(keys) > MAX_JOINT_STATES:
            raise NotFiniteState(
                f"{first.name} against {second.name}",
                f"their joint chain has more than {MAX_JOINT_STATES:,} states under this regime",
            )
        targets = np.vectorize(index.__getitem__, otypes=[np.int64])(successors[live]) if live.any() else []
        rows.append(np.broadcast_to(positions[:, None], p.shape)[live])
        columns.append(np.asarray(targets, dtype=np.int64))
        probabilities.append(p[live])

    size = len(keys)
    outcome_p = np.vstack(outcome_probabilities)  # rows in state order: frontiers were appended in order
    rows, columns, probabilities = (np.concatenate(v) for v in (rows, columns, probabilities))
    if size <= DENSE_LIMIT:
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
    states = np.column_stack([keys_array // n2, keys_array % n2])
    return PairChain(transition, rewards, cooperation, signalled, initial, states)


@dataclass
class PairValue:
    """Expected outcome of a match between two machines."""

    totals: tuple[float, float]  # expected match totals
    length: float  # expected number of rounds
    per_turn: tuple[float, float]  # expected score per turn, E[total / length]
    cooperation: tuple[float, float]  # expected share of C among realised moves
    long_run: tuple[float, float]  # payoff per round in the long run
    signalled: tuple[float, float] = (0.0, 0.0)  # expected number of moves signalled as defections


def evaluate(
    first: StateMachine,
    second: StateMachine,
    regime: Regime,
    game: Game | None = None,
    long_run: bool | str = True,
) -> PairValue:
    """Expected totals, length, cooperation and long-run payoffs for a pair.

    ``long_run=False`` skips the long-run value (reported as NaN) where only
    the match is wanted; ``"auto"`` computes it for chains of at most
    ``LONG_RUN_LIMIT`` joint states.
    """
    game = game or Game()
    chain = pair_chain(first, second, regime, game)
    shadow = regime.shadow
    if shadow is not None:
        weights = discounted_occupancy(chain, shadow)
        length = 1.0 / (1.0 - shadow)
        per_turn = per_turn_occupancy(chain, shadow) @ chain.rewards
    else:
        weights = finite_occupancy(chain, regime.turns)
        length = float(regime.turns)
        per_turn = weights @ chain.rewards / length
    totals = weights @ chain.rewards
    cooperation = weights @ chain.cooperation / length
    signalled = weights @ chain.signalled
    if long_run == "auto":
        long_run = chain.size <= LONG_RUN_LIMIT
    limit = cesaro_distribution(chain) @ chain.rewards if long_run else np.full(2, np.nan)
    return PairValue(
        totals=(float(totals[0]), float(totals[1])),
        length=length,
        per_turn=(float(per_turn[0]), float(per_turn[1])),
        cooperation=(float(cooperation[0]), float(cooperation[1])),
        long_run=(float(limit[0]), float(limit[1])),
        signalled=(float(signalled[0]), float(signalled[1])),
    )


def discounted_occupancy(chain: PairChain, w: float) -> np.ndarray:
    """sum_t w^t e0 M^t: expected discounted time spent in each state."""
    if chain.is_sparse:
        system = (sp.identity(chain.size, format="csc") - w * chain.transition).T.tocsc()
        return np.asarray(spsolve(system, chain.initial)).reshape(-1)
    return np.linalg.solve((np.eye(chain.size) - w * chain.transition).T, chain.initial)


#: Gauss-Legendre nodes per panel of :func:`per_turn_occupancy` (see there for the error).
_PANEL_NODES = np.polynomial.legendre.leggauss(16)


def per_turn_occupancy(chain: PairChain, w: float) -> np.ndarray:
    """The state weights whose product with the rewards is E[total / L].

    L is the geometric match length, P(L = n) = (1 - w) w^(n-1). Writing 1/n
    as the integral of x^(n-1) over [0, 1] and summing the series,

        E[total / L] = (1/Y) * integral_0^Y  e0 (I + y (I - M))^-1 r  dy,
        Y = w / (1 - w),

    an average over y of the chain's Abel means (the discounted mean at
    z = y / (1 + y)). Each weight vector e0 (I + y(I - M))^-1 sums to 1,
    so this is a distribution over the states. The integrand is rational in
    y with its poles at y = -1/(1 - lambda) for the eigenvalues lambda of M,
    all with real part <= -1/2. On the dyadic panels [0, 1], [1, 2], [2, 4],
    ..., [2^m, Y] every pole lies at least one panel length from the panel's
    centre's ellipse of convergence (ratio >= 2 + sqrt 3), so 16
    Gauss-Legendre nodes per panel leave an error of order (2 + sqrt 3)^-32,
    about 1e-18 of the payoffs' scale: exact to round-off
    (``tests/test_exact_engine.py`` checks it against the series).
    """
    if w == 0:
        return chain.initial.copy()
    span = w / (1.0 - w)
    edges, step = [0.0], 1.0
    while step < span:
        edges.append(step)
        step *= 2
    edges = np.array(edges + [span])
    nodes, node_weights = _PANEL_NODES
    lows, highs = edges[:-1, None], edges[1:, None]
    ys = ((highs - lows) / 2 * nodes + (highs + lows) / 2).reshape(-1)
    quadrature = ((highs - lows) / 2 * node_weights).reshape(-1) / span
    size = chain.size
    if chain.is_sparse:
        identity = sp.identity(size, format="csc")
        generator = (identity - chain.transition).T.tocsc()
        result = np.zeros(size)
        for y, q in zip(ys, quadrature):
            result += q * np.asarray(spsolve((identity + y * generator).tocsc(), chain.initial)).reshape(-1)
        return result
    generator = (np.eye(size) - chain.transition).T
    systems = np.eye(size)[None] + ys[:, None, None] * generator[None]
    solutions = np.linalg.solve(systems, np.broadcast_to(chain.initial, (len(ys), size))[..., None])[..., 0]
    return quadrature @ solutions


def deterministic_rewards(chain: PairChain, rounds: int) -> np.ndarray | None:
    """Each player's payoff in rounds 1 .. ``rounds`` when the match is certain, else None.

    Certain: in every reachable joint state each player's realised action and
    its signal have probability 0 or 1 (``cooperation`` and ``signalled``),
    as with deterministic strategies, no noise and transparency and false
    alarm each 0 or 1. The chain is then one path, a prefix and a cycle of
    joint states, and the payoffs are read along it: shape (rounds, 2).
    (:mod:`regimelab.evolution.population` uses it for the score per turn as
    a function of the match length.)
    """
    certain = np.concatenate([chain.cooperation.ravel(), chain.signalled.ravel()])
    if not np.all((certain == 0) | (certain == 1)):
        return None
    transition = chain.transition
    order, seen, state = [], {}, 0
    while state not in seen:
        seen[state] = len(order)
        order.append(state)
        if chain.is_sparse:
            state = int(transition.indices[transition.indptr[state]])
        else:
            state = int(np.argmax(transition[state]))
    order = np.array(order, dtype=np.int64)
    start, period = seen[state], len(order) - seen[state]
    rounds_index = np.arange(rounds)
    position = np.where(rounds_index < len(order), rounds_index, start + (rounds_index - start) % period)
    return chain.rewards[order[position]]


def finite_occupancy(chain: PairChain, turns: int) -> np.ndarray:
    """sum_{t<n} e0 M^t: the expected number of rounds spent in each state.

    Small chains: by doubling (log n matrix products); large ones: round by
    round with the sparse matrix (n sparse products).
    """
    if chain.is_sparse or turns <= 4 * chain.size:
        transition_t = chain.transition.T
        occupancy = np.zeros(chain.size)
        distribution = chain.initial.copy()
        for _ in range(turns):
            occupancy += distribution
            distribution = transition_t @ distribution
        return occupancy
    size = chain.size
    total_sum = np.zeros((size, size))  # sum of M^t over the rounds counted so far
    power = np.eye(size)  # M^(rounds counted so far)
    block_sum, block_power = np.eye(size), chain.transition.copy()  # block of 2^k rounds
    n = turns
    while n:
        if n & 1:
            total_sum = total_sum + power @ block_sum
            power = power @ block_power
        block_sum = block_sum + block_power @ block_sum
        block_power = block_power @ block_power
        n >>= 1
    return chain.initial @ total_sum


def cesaro_distribution(chain: PairChain) -> np.ndarray:
    """lim_{n->oo} (1/n) sum_{t<n} e0 M^t, the long-run share of time in each state.

    The standard decomposition of a finite chain (Kemeny & Snell, *Finite
    Markov Chains*, ch. 3): the long run is spent in the closed communicating
    classes; each contributes its stationary distribution, weighted by the
    probability of being absorbed into it from the initial state. Exact up to
    the round-off of the linear solves, however slowly the chain mixes, and
    periodic classes included (the Cesaro mean of a periodic class is its
    stationary distribution).
    """
    transition = chain.transition
    pattern = sp.csr_matrix(transition != 0) if not chain.is_sparse else (transition != 0).tocsr()
    count, labels = connected_components(pattern, directed=True, connection="strong")
    source, target = pattern.nonzero()
    leaving = labels[source] != labels[target]
    closed = np.ones(count, dtype=bool)
    closed[labels[source[leaving]]] = False

    def block(rows, columns):
        return transition[rows][:, columns]

    transient = ~closed[labels]
    start = int(np.argmax(chain.initial))
    distribution = np.zeros(chain.size)
    closed_classes = np.flatnonzero(closed)
    if transient[start]:
        # probability of ending in each closed class: (I - Q) X = B over transient states
        t_index = np.flatnonzero(transient)
        into = np.column_stack([
            np.asarray(block(t_index, np.flatnonzero(labels == c)).sum(axis=1)).reshape(-1)
            for c in closed_classes
        ])
        absorbed = _solve(_identity_minus(block(t_index, t_index)), into)
        weights = absorbed.reshape(len(t_index), -1)[np.searchsorted(t_index, start)]
    else:
        weights = (closed_classes == labels[start]).astype(float)
    for weight, c in zip(weights, closed_classes):
        if weight <= 0:
            continue
        members = np.flatnonzero(labels == c)
        distribution[members] += weight * _stationary(block(members, members))
    return distribution / distribution.sum()


def _identity_minus(matrix):
    if sp.issparse(matrix):
        return (sp.identity(matrix.shape[0], format="csc") - matrix).tocsc()
    return np.eye(len(matrix)) - matrix


def _solve(system, rhs: np.ndarray) -> np.ndarray:
    if sp.issparse(system):
        solution = spsolve(system, rhs)
        return np.asarray(solution.toarray() if sp.issparse(solution) else solution)
    return np.linalg.solve(system, rhs)


def _stationary(block) -> np.ndarray:
    """The stationary distribution of an irreducible stochastic block."""
    size = block.shape[0]
    if size == 1:
        return np.ones(1)
    system = -_identity_minus(block).T
    system = system.tolil() if sp.issparse(system) else system.copy()
    system[-1, :] = np.ones(size)  # replace one (redundant) balance equation by sum(pi) = 1
    rhs = np.zeros(size)
    rhs[-1] = 1.0
    pi = np.clip(_solve(system.tocsc() if sp.issparse(system) else system, rhs).reshape(-1), 0.0, None)
    return pi / pi.sum()
