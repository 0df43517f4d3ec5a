"""axelrod's named strategies that are memory-one with fixed probabilities, or
play the same move every round (Tit For Tat, Win-Stay Lose-Shift, Bully,
Desperate, Cooperator, Defector, ...): a row of numbers each, registered for
exactly its class.
"""

from __future__ import annotations

import axelrod as axl
from axelrod.action import Action

from .families import constant, memory_one
from .registry import register

C, D = Action.C, Action.D

#: Named memory-one strategies: class -> (first, CC, CD, DC, DD), P(C) after (own, seen).
MEMORY_ONE = {
    axl.TitForTat: (C, 1, 0, 1, 0),
    axl.SuspiciousTitForTat: (D, 1, 0, 1, 0),  # C if opponent.history[-1:] == [C]
    axl.AntiTitForTat: (C, 0, 1, 0, 1),
    axl.Bully: (D, 0, 1, 0, 1),
    axl.WinStayLoseShift: (C, 1, 0, 0, 1),
    axl.Appeaser: (C, 1, 0, 0, 1),  # answers a D by changing its move: Win-Stay Lose-Shift
    axl.Alternator: (C, 0, 0, 1, 1),
    axl.ALLCorALLD: (0.6, 1, 1, 0, 0),  # repeats its own (realised) last move
    axl.FirstByGrofman: (C, 1, 2 / 7, 2 / 7, 1),
    axl.Desperate: (0.5, 0, 0, 0, 1),
    axl.Hopeless: (0.5, 0, 1, 1, 1),
    axl.Willing: (0.5, 1, 1, 1, 0),
    axl.Negation: (0.5, 0, 1, 0, 1),
    axl.BurnBothEnds: (C, 0.9, 0, 0.9, 0),
}

#: Named strategies that intend C with the same probability every round.
CONSTANT = {
    axl.Cooperator: C,
    axl.Defector: D,
    axl.FirstByAnonymous: 0.5,  # C with probability U(0.3, 0.7): 0.5 each round
}


def _memory_one_builder(row: tuple):
    """The builder of a named memory-one strategy with the probabilities ``row``."""
    return lambda player: memory_one(*row)


def _constant_builder(p):
    """The builder of a named strategy that intends C with probability ``p`` every round."""
    return lambda player: constant(p)


for _cls, _row in MEMORY_ONE.items():
    register(_cls, _memory_one_builder(_row))
for _cls, _p in CONSTANT.items():
    register(_cls, _constant_builder(_p))
del _cls, _row, _p
