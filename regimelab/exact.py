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

This module is the facade: :func:`evaluate` and :func:`pair_chain` with the
engine's limits (kept here and read at each call, so one assignment changes
them everywhere), and the names of the parts, one job per module:

- :mod:`regimelab.exact_machine`: a strategy as a :class:`StateMachine`, and
  the small machines built by hand;
- :mod:`regimelab.exact_chain`: the joint chain of a pair under a regime
  (:func:`build_pair_chain`);
- :mod:`regimelab.exact_occupancy`: the time a chain spends in each state
  (finite, discounted, per turn, long run);
- :mod:`regimelab.exact_solve`: the shifted systems behind the discounted
  and per-turn weights, solved together (a Schur form, or class by class);
- :mod:`regimelab.exact_value`: what a chain is worth to each player
  (:func:`pair_value`, :func:`deterministic_rewards`).
"""

from __future__ import annotations

from .exact_chain import PairChain, build_pair_chain
from .exact_machine import (
    StateMachine,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    memory_one,
    tit_for_tat,
    win_stay_lose_shift,
)
from .exact_occupancy import cesaro_distribution, discounted_occupancy, finite_occupancy, per_turn_occupancy
from .exact_value import PairValue, deterministic_rewards, pair_value
from .game import Game
from .regime import Regime

#: Chains with more joint states than this are kept sparse.
DENSE_LIMIT = 300
#: Larger joint chains are refused (memory grows with 16 transitions per state).
MAX_JOINT_STATES = 500_000
#: ``long_run="auto"`` skips the long-run value of chains larger than this (its
#: class decomposition and solves grow faster than the match's own sums).
LONG_RUN_LIMIT = 20_000

__all__ = [
    "DENSE_LIMIT",
    "LONG_RUN_LIMIT",
    "MAX_JOINT_STATES",
    "PairChain",
    "PairValue",
    "StateMachine",
    "always_cooperate",
    "always_defect",
    "build_pair_chain",
    "cesaro_distribution",
    "deterministic_rewards",
    "discounted_occupancy",
    "evaluate",
    "finite_occupancy",
    "generous_tit_for_tat",
    "grim_trigger",
    "memory_one",
    "pair_chain",
    "pair_value",
    "per_turn_occupancy",
    "tit_for_tat",
    "win_stay_lose_shift",
]


def pair_chain(first: StateMachine, second: StateMachine, regime: Regime, game: Game) -> PairChain:
    """Build the joint chain, breadth first from the initial states (``DENSE_LIMIT``, ``MAX_JOINT_STATES``)."""
    return build_pair_chain(first, second, regime, game, dense_limit=DENSE_LIMIT, max_states=MAX_JOINT_STATES)


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
    if long_run == "auto":
        long_run = chain.size <= LONG_RUN_LIMIT
    return pair_value(chain, regime, long_run)
