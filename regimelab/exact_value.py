"""What a pair's joint chain is worth to each player: expected values and certain paths.

A chain's rewards weighted by its occupancies (:mod:`regimelab.exact_occupancy`)
give a match's expected totals, length, score per turn, cooperation, signals
and long-run payoff (:func:`pair_value`); a chain with no randomness left is
one path, and its payoffs are read round by round (:func:`deterministic_rewards`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .exact_chain import PairChain
from .exact_occupancy import cesaro_distribution, finite_occupancy, shadow_occupancies
from .regime import Regime


@dataclass
class PairValue:
    """Expected outcome of a match between two machines."""

    totals: tuple[float, float]  # expected match totals
    length: float  # expected number of rounds
    per_turn: tuple[float, float]  # expected score per turn, E[total / length]
    cooperation: tuple[float, float]  # expected share of C among realised moves
    long_run: tuple[float, float]  # payoff per round in the long run
    signalled: tuple[float, float] = (0.0, 0.0)  # expected number of moves signalled as defections


def pair_value(chain: PairChain, regime: Regime, long_run: bool) -> PairValue:
    """Expected totals, length, cooperation and (if ``long_run``, else NaN) long-run payoffs of a chain.

    The match lasts ``regime.turns`` rounds, or under ``regime.shadow`` w a
    geometric number with mean 1 / (1 - w).
    """
    shadow = regime.shadow
    if shadow is not None:
        weights, per_turn_weights = shadow_occupancies(chain, shadow)
        length = 1.0 / (1.0 - shadow)
        per_turn = per_turn_weights @ chain.rewards
    else:
        weights = finite_occupancy(chain, regime.turns)
        length = float(regime.turns)
        per_turn = weights @ chain.rewards / length
    totals = weights @ chain.rewards
    cooperation = weights @ chain.cooperation / length
    signalled = weights @ chain.signalled
    limit = cesaro_distribution(chain) @ chain.rewards if long_run else np.full(2, np.nan)
    return PairValue(
        totals=(float(totals[0]), float(totals[1])),
        length=length,
        per_turn=(float(per_turn[0]), float(per_turn[1])),
        cooperation=(float(cooperation[0]), float(cooperation[1])),
        long_run=(float(limit[0]), float(limit[1])),
        signalled=(float(signalled[0]), float(signalled[1])),
    )


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
