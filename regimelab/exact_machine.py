"""A strategy as a finite-state machine, and the small machines built by hand.

The exact engine (:mod:`regimelab.exact`) reads a strategy as a
:class:`StateMachine`: in each state a probability of intending C, and the
next state after each own realised action and opponent's signal. The
machines of axelrod's and regimelab's strategies are built in
:mod:`regimelab.machines`; the few here (Grudger, the unconditional rules,
memory-one rules such as Tit For Tat) serve the closed forms and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
