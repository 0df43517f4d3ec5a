"""Exact expected payoffs of two finite-state strategies under a regime.

A strategy with finitely many states (Grim Trigger, Always Defect, any
memory-one rule) and its opponent form a joint Markov chain over their
states. One round (model page §3): each state gives a probability of intending
C; noise flips the intention; each realised action emits a signal (``d`` with
probability p after D, a after C); each player moves to its next state from
its own realised action and its opponent's signal; payoffs follow §3 step 5.

Expected match totals are the finite sum over ``turns`` rounds, or under
``shadow`` w the discounted sum ``e0 (I - wM)^-1 r`` (a round t is played with
probability w^t). The long-run payoff per round is the Cesaro mean of the
chain (the limit of the per-round mean as n -> infinity, equal to the
limit as w -> 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .game import Game
from .regime import Regime


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
        return len(self.cooperate)


def grim_trigger() -> StateMachine:
    """Comply until a defection is signalled, then defect for ever (axelrod's Grudger)."""
    return StateMachine("Grudger", (1.0, 0.0), (((0, 1), (0, 1)), ((1, 1), (1, 1))))


def always_defect() -> StateMachine:
    return StateMachine("Defector", (0.0,), (((0, 0), (0, 0)),))


def always_cooperate() -> StateMachine:
    return StateMachine("Cooperator", (1.0,), (((0, 0), (0, 0)),))


def memory_one(name: str, first: float, cc: float, cd: float, dc: float, dd: float) -> StateMachine:
    """A memory-one rule: P(C) after (own, seen) = CC, CD, DC, DD, and on the first move.

    State 0 is the start; state 1 + 2*own + seen remembers the last round.
    """
    after = tuple(tuple(1 + 2 * x + g for g in (0, 1)) for x in (0, 1))
    return StateMachine(name, (first, cc, cd, dc, dd), (after,) * 5)


def tit_for_tat() -> StateMachine:
    return memory_one("Tit For Tat", 1, 1, 0, 1, 0)


def win_stay_lose_shift() -> StateMachine:
    return memory_one("Win-Stay Lose-Shift", 1, 1, 0, 0, 1)


def generous_tit_for_tat(generosity: float = 1 / 3) -> StateMachine:
    return memory_one(f"GTFT: {generosity:g}", 1, 1, generosity, 1, generosity)


@dataclass
class PairChain:
    """The joint chain of two machines under a regime.

    ``transition``: joint-state transition matrix; ``rewards``: expected payoff
    per round to each player in each joint state (columns 0 and 1);
    ``cooperation``: probability that each player realises C in each state.
    """

    transition: np.ndarray
    rewards: np.ndarray
    cooperation: np.ndarray
    initial: np.ndarray


def pair_chain(first: StateMachine, second: StateMachine, regime: Regime, game: Game) -> PairChain:
    n1, n2 = first.size, second.size
    size = n1 * n2
    transition = np.zeros((size, size))
    rewards = np.zeros((size, 2))
    cooperation = np.zeros((size, 2))
    base = game.matrix()
    e = regime.noise
    signal_d = regime.monitoring.signal_d()
    fine = regime.fine
    transfer = regime.sanctions.partner_transfer
    cost = regime.transaction_cost
    for x in range(n1):
        for y in range(n2):
            state = x * n2 + y
            realise1 = _realise(first.cooperate[x], e)
            realise2 = _realise(second.cooperate[y], e)
            for a1 in (0, 1):
                for a2 in (0, 1):
                    p_actions = realise1[a1] * realise2[a2]
                    if p_actions == 0:
                        continue
                    cooperation[state, 0] += p_actions * (a1 == 0)
                    cooperation[state, 1] += p_actions * (a2 == 0)
                    for g1 in (0, 1):
                        for g2 in (0, 1):
                            p = p_actions * _signal(signal_d[a1], g1) * _signal(signal_d[a2], g2)
                            if p == 0:
                                continue
                            u1 = base[a1, a2] - cost * (a1 == 0) - fine * g1 + transfer * g2
                            u2 = base[a2, a1] - cost * (a2 == 0) - fine * g2 + transfer * g1
                            rewards[state, 0] += p * u1
                            rewards[state, 1] += p * u2
                            nxt = first.next_state[x][a1][g2] * n2 + second.next_state[y][a2][g1]
                            transition[state, nxt] += p
    initial = np.zeros(size)
    initial[first.initial * n2 + second.initial] = 1.0
    return PairChain(transition, rewards, cooperation, initial)


def _realise(p_cooperate: float, e: float) -> tuple[float, float]:
    c = p_cooperate * (1 - e) + (1 - p_cooperate) * e
    return (c, 1 - c)


def _signal(p_d: float, g: int) -> float:
    return p_d if g else 1 - p_d


@dataclass
class PairValue:
    """Expected outcome of a match between two machines."""

    totals: tuple[float, float]  # expected match totals
    length: float  # expected number of rounds
    cooperation: tuple[float, float]  # expected share of C among realised moves
    long_run: tuple[float, float]  # payoff per round in the long run


def evaluate(first: StateMachine, second: StateMachine, regime: Regime, game: Game | None = None) -> PairValue:
    """Expected totals, length, cooperation and long-run payoffs for a pair."""
    game = game or Game()
    chain = pair_chain(first, second, regime, game)
    shadow = regime.shadow
    if shadow is not None:
        weights = discounted_occupancy(chain, shadow)
        length = 1.0 / (1.0 - shadow)
    else:
        weights = finite_occupancy(chain, regime.turns)
        length = float(regime.turns)
    totals = weights @ chain.rewards
    cooperation = weights @ chain.cooperation / length
    long_run = cesaro_distribution(chain) @ chain.rewards
    return PairValue(
        totals=(float(totals[0]), float(totals[1])),
        length=length,
        cooperation=(float(cooperation[0]), float(cooperation[1])),
        long_run=(float(long_run[0]), float(long_run[1])),
    )


def discounted_occupancy(chain: PairChain, w: float) -> np.ndarray:
    """sum_t w^t e0 M^t: expected discounted time spent in each state."""
    size = len(chain.initial)
    return np.linalg.solve((np.eye(size) - w * chain.transition).T, chain.initial)


def finite_occupancy(chain: PairChain, turns: int) -> np.ndarray:
    """sum_{t<n} e0 M^t by doubling (log n matrix products)."""
    size = len(chain.initial)
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


def cesaro_distribution(chain: PairChain, squarings: int = 64) -> np.ndarray:
    """lim_{n->oo} (1/n) sum_{t<n} e0 M^t, the long-run share of time in each state.

    The lazy chain ``L = (I + M) / 2`` has the same Cesaro limit as ``M`` (each
    eigenvalue l of M becomes (1 + l) / 2: 1 stays 1, every other one moves
    strictly inside the unit circle), and it is aperiodic, so ``L^t`` itself
    converges to the limit. Squaring ``squarings`` times gives ``L^(2^64)``:
    exact to round-off unless the chain mixes slower than 1e-18 per round.

    (An earlier version extrapolated the Abel mean at w = 1 - 1e-6; its error
    grew with the mixing time, 1e-3 for Tit For Tat at noise 1e-5.)
    """
    lazy = 0.5 * (np.eye(len(chain.initial)) + chain.transition)
    for _ in range(squarings):
        lazy = lazy @ lazy
        lazy /= lazy.sum(axis=1, keepdims=True)  # keep rows stochastic against round-off
    return chain.initial @ lazy
