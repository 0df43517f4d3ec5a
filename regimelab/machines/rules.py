"""Machines from rules: :class:`Rule`, the memories it reaches, the merging of alike states.

A strategy with bounded memory is written as a :class:`Rule` (what it
remembers in a :class:`Memory` and how it chooses); :func:`explore`
enumerates the memories it reaches from the start of a match and
:func:`minimise` merges the states that behave alike. Here too are the
limits on a machine's size (``MAX_STATES``, ``EXPLORE_LIMIT``), the refusal a
builder raises (``Refused``) and the refusals that depend on what a player
is told (a known length, noise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Hashable, NamedTuple

import numpy as np
from axelrod.action import Action

from ..exact import StateMachine

C, D = Action.C, Action.D

#: The largest machine handed to the exact engine (after merging alike states).
MAX_STATES = 4096
#: Memories explored before giving up (merging can shrink what is explored).
EXPLORE_LIMIT = 4 * MAX_STATES


class Refused(Exception):
    """Raised by a builder: this player, as told, has no finite form (the reason)."""


def require_unknown_length(player, what="plays its last moves differently") -> None:
    """Refuse a strategy that changes its last moves when it knows the length."""
    length = player.match_attributes["length"]
    if 0 < length < math.inf:
        raise Refused(f"it {what} in a match whose length it knows ({length} rounds)")


def require_no_noise(player) -> None:
    """Refuse a strategy whose state depends on the move it intended, when there is noise."""
    noise = player.match_attributes["noise"]
    if noise:
        raise Refused(
            f"under noise ({noise}) its state depends on the random move it intended, "
            "which the realised move does not reveal"
        )


# -- Machines from rules --------------------------------------------------------------


class Memory(NamedTuple):
    """What a strategy remembers before it moves (the fields its rule asks for)."""

    turn: int  # rounds played: exact below the rule's cap, then saturated (or cycling by the period)
    own: tuple  # own realised actions in the last `own` rounds (fewer at the start)
    opp: tuple  # the opponent's signals in the last `opp` rounds
    first: tuple  # the opponent's signals in the first `first` rounds
    opp_c: int  # signalled cooperations, counted up to `count_c`
    opp_d: int  # signalled defections, counted up to `count_d`
    extra: Hashable  # the strategy's own flags and counters


@dataclass(frozen=True)
class Rule:
    """A strategy with bounded memory.

    ``act(memory)`` gives the probability of intending C (a number or an
    Action), or that and the new ``extra`` when choosing changes it. After the
    round, ``record(memory, own, seen)`` may update ``extra`` (memory holds the
    extra as ``act`` left it); then the windows, counts and turn advance.
    """

    act: Callable
    own: int = 0
    opp: int = 0
    first: int = 0
    count_c: int = 0
    count_d: int = 0
    cap: int = 0
    period: int = 0
    extra: Hashable = None
    record: Callable | None = None

    def choose(self, memory: Memory) -> tuple[float, Memory]:
        """P(C) in ``memory`` (clipped to [0, 1]), and the memory with the ``extra`` that ``act`` left."""
        result = self.act(memory)
        if isinstance(result, tuple):
            p, extra = result
            memory = memory._replace(extra=extra)
        else:
            p = result
        return probability(p), memory

    def advance(self, memory: Memory, own: Action, seen: Action) -> Memory:
        """The memory after a round in which the strategy realised ``own`` and saw the signal ``seen``.

        ``record`` (if any) updates ``extra`` first; the windows and first signals
        grow to their lengths, the counts stop at their caps, and the turn stops at
        ``cap`` (or, with a ``period``, cycles after it).
        """
        extra = self.record(memory, own, seen) if self.record else memory.extra
        turn = memory.turn + 1
        if self.period:
            turn = turn if turn < self.cap else self.cap + (turn - self.cap) % self.period
        else:
            turn = min(turn, self.cap)
        return Memory(
            turn=turn,
            own=(memory.own + (own,))[-self.own :] if self.own else (),
            opp=(memory.opp + (seen,))[-self.opp :] if self.opp else (),
            first=memory.first + (seen,) if len(memory.first) < self.first else memory.first,
            opp_c=min(memory.opp_c + (seen == C), self.count_c),
            opp_d=min(memory.opp_d + (seen == D), self.count_d),
            extra=extra,
        )


def probability(p) -> float:
    """P(C) of a move: C is 1, D is 0, and a number is clipped to [0, 1] as
    ``random_choice`` does (it plays C for p >= 1 and D for p <= 0)."""
    if isinstance(p, Action):
        return 1.0 if p == C else 0.0
    p = float(p)
    return 0.0 if not p > 0 else min(p, 1.0)  # NaN: r < NaN is False, so D


def explore(name: str, rule: Rule) -> StateMachine:
    """The machine of the memories ``rule`` reaches from the start of a match."""
    start = Memory(0, (), (), (), 0, 0, rule.extra)
    index = {start: 0}
    order = [start]
    cooperate, next_state = [], []
    for memory in order:  # grows while we walk it: breadth first
        p, chosen = rule.choose(memory)
        rows = []
        for own in (C, D):
            row = []
            for seen in (C, D):
                after = rule.advance(chosen, own, seen)
                number = index.setdefault(after, len(order))
                if number == len(order):  # a new memory
                    if number >= EXPLORE_LIMIT:
                        raise Refused(f"more than {EXPLORE_LIMIT} states to explore")
                    order.append(after)
                row.append(number)
            rows.append(tuple(row))
        cooperate.append(p)
        next_state.append(tuple(rows))
    return StateMachine(name, tuple(cooperate), tuple(next_state), 0)


def minimise(machine: StateMachine) -> StateMachine:
    """The smallest equivalent machine: reachable states only, alike states merged.

    Moore's partition refinement: states are alike when they intend C with the
    same probability and, for each own action and signal, move to alike
    states. States are numbered breadth first from the initial state (0).
    """
    order = [machine.initial]
    number = {machine.initial: 0}
    for state in order:
        for row in machine.next_state[state]:
            for target in row:
                if target not in number:
                    number[target] = len(order)
                    order.append(target)
    # Reachable states renumbered breadth first; columns: (own, seen) = CC, CD, DC, DD.
    targets = np.array([[number[t] for row in machine.next_state[s] for t in row] for s in order], dtype=np.int64)
    cooperate = np.array([float(machine.cooperate[s]) for s in order])
    n = len(order)
    block = np.unique(cooperate, return_inverse=True)[1].reshape(-1)
    while True:
        refined = block
        for column in targets.T:  # label (block, blocks of the four successors) pair by pair
            refined = np.unique(refined * n + block[column], return_inverse=True)[1].reshape(-1)
        if refined.max() == block.max():
            break
        block = refined
    block = _first_appearance(block)
    first = np.unique(block, return_index=True)[1]  # a state of each block
    return StateMachine(
        machine.name,
        tuple(float(cooperate[s]) for s in first),
        tuple(tuple(tuple(int(block[targets[s, 2 * x + g]]) for g in (0, 1)) for x in (0, 1)) for s in first),
        0,
    )


def _first_appearance(labels) -> np.ndarray:
    """Relabel blocks 0, 1, ... in the order their first state appears."""
    labels = np.asarray(labels).reshape(-1)
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[labels]
