"""axelrod's named strategies: Tit For Tat's variants, and the strategies
axelrod wraps in its FinalTransformer (Alexei, EugineNier, Michaelos,
BackStabber, DoubleCrosser), mapped only when the length is unknown.
"""

from __future__ import annotations

from typing import Callable

import axelrod as axl
from axelrod.action import Action

from .families import tit_for_tat
from .registry import builds
from .rules import Rule, require_no_noise, require_unknown_length

C, D = Action.C, Action.D


# -- Named strategies: axelrod ---------------------------------------------------------
#
# Each rule follows the strategy's source line by line; comments name the
# source's tests where they are not obvious. `m.turn` is len(history).
# `@builds(cls)` registers a builder for exactly that class.


def _final_then(rule: Callable) -> Callable:
    """A strategy wrapped in axelrod's FinalTransformer: its rule when the length is unknown."""

    def build(player):
        require_unknown_length(player)
        return rule(player)

    return build


@builds(axl.Alexei)
@_final_then
def _alexei(player):
    return tit_for_tat()


@builds(axl.EugineNier)
@_final_then
def _eugine_nier(player):
    # Turns defector for good once the opponent has defected 5 times.
    return Rule(
        act=lambda m: C if m.turn == 0 else D if m.opp_d >= 5 else m.opp[-1], opp=1, count_d=5, cap=1
    )


@builds(axl.Michaelos)
@_final_then
def _michaelos(player):
    require_no_noise(player)

    def act(m):  # extra = (defector, a coin was tossed this turn)
        if m.turn == 0:
            return C
        if m.extra[0]:
            return D, (True, False)
        if m.own[-1] == D and m.opp[-1] == C:
            return 0.5, (False, True)  # D on the coin makes it a defector
        return m.opp[-1], (False, False)

    def record(m, own, seen):
        return (m.extra[0] or (m.extra[1] and own == D), False)

    return Rule(act=act, record=record, own=1, opp=1, cap=1, extra=(False, False))


@builds(axl.BackStabber)
@_final_then
def _back_stabber(player):
    return Rule(act=lambda m: C if m.turn == 0 else D if m.opp_d > 3 else C, count_d=4, cap=1)


@builds(axl.DoubleCrosser)
@_final_then
def _double_crosser(player):
    # Without a signalled D in the first 7 rounds, from round 8 to 180 it
    # plays Tit For Two Tats; otherwise Back Stabber. extra: D seen in the first 7.
    def act(m):
        if not m.extra and 7 <= m.turn <= 179:
            return D if m.opp == (D, D) else C
        return C if m.turn == 0 else D if m.opp_d > 3 else C

    def record(m, own, seen):
        return m.extra or (m.turn < 7 and seen == D)

    return Rule(act=act, record=record, opp=2, count_d=4, cap=180, extra=False)


@builds(axl.TitFor2Tats)
def _tit_for_2_tats(player):
    return Rule(act=lambda m: D if m.opp == (D, D) else C, opp=2)


@builds(axl.TwoTitsForTat)
def _two_tits_for_tat(player):
    return Rule(act=lambda m: D if D in m.opp else C, opp=2)


@builds(axl.HardTitForTat)
def _hard_tit_for_tat(player):
    return Rule(act=lambda m: D if D in m.opp else C, opp=3)


@builds(axl.HardTitFor2Tats)
def _hard_tit_for_2_tats(player):
    return Rule(act=lambda m: D if any(a == b == D for a, b in zip(m.opp, m.opp[1:])) else C, opp=3)


@builds(axl.SneakyTitForTat)
def _sneaky_tit_for_tat(player):
    def act(m):
        if m.turn < 2:
            return C
        if not m.opp_d:  # D not in opponent.history
            return D
        if m.opp[-1] == D and m.own[-2] == D:
            return C
        return m.opp[-1]

    return Rule(act=act, own=2, opp=1, count_d=1, cap=2)


@builds(axl.SpitefulTitForTat)
def _spiteful_tit_for_tat(player):
    def act(m):  # extra: retaliating for good
        if m.turn == 0:
            return C
        retaliating = m.extra or m.opp == (D, D)
        return (D if retaliating or m.opp[-1] == D else C), retaliating

    return Rule(act=act, opp=2, cap=1, extra=False)


@builds(axl.SlowTitForTwoTats2)
def _slow_tit_for_two_tats_2(player):
    def act(m):
        if m.turn < 2:
            return C
        return m.opp[-1] if m.opp[-2] == m.opp[-1] else m.own[-1]

    return Rule(act=act, own=1, opp=2, cap=2)


@builds(axl.ContriteTitForTat)
def _contrite_tit_for_tat(player):
    # TrackHistoryTransformer records the intended moves; a realised move that
    # differs from the intended one was noise. extra = (contrite, last intended move).
    def act(m):
        contrite, intended = m.extra
        if not m.opp:
            return C, (contrite, C)
        if contrite and m.own[-1] == C:
            return C, (False, C)
        if intended != m.own[-1] and m.own[-1] == D and m.opp[-1] == C:
            contrite = True
        return m.opp[-1], (contrite, m.opp[-1])

    return Rule(act=act, own=1, opp=1, extra=(False, None))


@builds(axl.NTitsForMTats)
def _n_tits_for_m_tats(player):
    n, m_tats = player.N, player.M

    def act(m):  # extra: retaliations left
        count = n if not m_tats or m.opp.count(D) == m_tats else m.extra
        return (D, count - 1) if count else (C, count)

    return Rule(act=act, opp=m_tats, extra=0)


@builds(axl.RandomTitForTat)
def _random_tit_for_tat(player):
    p = player.p

    def act(m):  # extra: the next move after the first is random
        if m.turn == 0:
            return C
        return (p, False) if m.extra else (m.opp[-1], True)

    return Rule(act=act, opp=1, cap=1, extra=False)
