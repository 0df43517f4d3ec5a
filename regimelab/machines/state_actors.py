"""regimelab's own Python strategies (state actors) as rules, for the
parameters under which they are finite-state; refused otherwise.
"""

from __future__ import annotations

import math

from axelrod.action import Action

from .families import constant, tit_for_tat
from .rules import Rule, _Refused

C, D = Action.C, Action.D


# -- Named strategies: regimelab's state actors ---------------------------------------


def _spoiler(player):
    length = player.match_attributes["length"]
    if 0 < length < math.inf and math.ceil(round(player.endgame * length, 9)) > 0:
        raise _Refused(f"it defects in the endgame of a match whose length it knows ({length} rounds)")
    return tit_for_tat()


def _status_quo_power(player):
    if player.tolerance >= 1:
        return constant(C)  # a share of defections never exceeds 1
    if player.tolerance == 0:
        return tit_for_tat()  # after a D the share of defections is above 0
    raise _Refused("it compares the opponent's share of defections with its tolerance")


def _unsocialised_newcomer(player):
    if player.learning_rate >= 1:
        return tit_for_tat(first=D)  # one compliance seen makes trust 1
    raise _Refused("its experience counts the opponent's compliances")


def _hedger(player):
    if player.reserve >= 1:
        return constant(D)
    raise _Refused("it follows the opponent's share of compliances")


def _revisionist(player):
    probe = player.probe

    def act(m):
        if m.turn == 0:
            return C
        if m.opp[-1] == D:
            caught = len(m.own) >= 2 and m.own[-2] == D
            return C if caught else D
        if m.own[-1] == D:
            return D
        return 1 - probe

    return Rule(act=act, own=2, opp=1, cap=1)


def _myopic_state(player):
    from ..strategies.realists import ROUNDING

    R, P, S, T = player.match_attributes["game"].RPST()
    return constant(C if R >= T - ROUNDING else D)


def _zero_sum_realist(player):
    from ..strategies.realists import ROUNDING

    R, P, S, T = player.match_attributes["game"].RPST()
    gain = T - S
    if gain < -ROUNDING:
        return constant(C)
    if gain == 0:
        return constant(D)  # its lead is always 0
    raise _Refused("it keeps a running score difference")
