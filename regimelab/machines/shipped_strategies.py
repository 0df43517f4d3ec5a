"""regimelab's own Python strategies (state actors, ``strategies/*.py``) as
rules, for the parameters under which they are finite-state; refused otherwise.

The strategy modules import only axelrod, so they are imported here directly
and each builder is registered for its class object: a renamed or removed
class fails at import, naming it, instead of dropping out of the exact engine.
"""

from __future__ import annotations

import math

from axelrod.action import Action

from ..strategies import alliances, challengers, great_powers, realists
from .families import constant, tit_for_tat
from .registry import builds
from .rules import Refused, Rule

C, D = Action.C, Action.D


# -- Named strategies: regimelab's state actors ---------------------------------------


@builds(challengers.Spoiler)
def _spoiler(player):
    length = player.match_attributes["length"]
    if 0 < length < math.inf and math.ceil(round(player.endgame * length, 9)) > 0:
        raise Refused(f"it defects in the endgame of a match whose length it knows ({length} rounds)")
    return tit_for_tat()


@builds(great_powers.StatusQuoPower)
def _status_quo_power(player):
    if player.tolerance >= 1:
        return constant(C)  # a share of defections never exceeds 1
    if player.tolerance == 0:
        return tit_for_tat()  # after a D the share of defections is above 0
    raise Refused("it compares the opponent's share of defections with its tolerance")


@builds(challengers.UnsocialisedNewcomer)
def _unsocialised_newcomer(player):
    if player.learning_rate >= 1:
        return tit_for_tat(first=D)  # one compliance seen makes trust 1
    raise Refused("its experience counts the opponent's compliances")


@builds(alliances.Hedger)
def _hedger(player):
    if player.reserve >= 1:
        return constant(D)
    raise Refused("it follows the opponent's share of compliances")


@builds(great_powers.Revisionist)
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


@builds(realists.MyopicState)
def _myopic_state(player):
    R, P, S, T = player.match_attributes["game"].RPST()
    return constant(C if R >= T - realists.ROUNDING else D)


@builds(realists.ZeroSumRealist)
def _zero_sum_realist(player):
    R, P, S, T = player.match_attributes["game"].RPST()
    gain = T - S
    if gain < -realists.ROUNDING:
        return constant(C)
    if gain == 0:
        return constant(D)  # its lead is always 0
    raise Refused("it keeps a running score difference")
