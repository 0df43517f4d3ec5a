"""axelrod's named strategies: grudgers, probers and the strategies that
watch the opponent's opening or its last few moves (Capri, Detective,
Resurrection, Go By Majority, Once Bitten, ...).
"""

from __future__ import annotations

from typing import Callable

import axelrod as axl
from axelrod.action import Action, str_to_actions

from .families import memory_one
from .registry import builds, register
from .rules import MAX_STATES, Refused, Rule, require_no_noise

C, D = Action.C, Action.D


# -- Named strategies: axelrod ---------------------------------------------------------
#
# Each rule follows the strategy's source line by line; comments name the
# source's tests where they are not obvious. `m.turn` is len(history).
# `@builds(cls)` registers a builder for exactly that class.


@builds(axl.Grudger)
def _grudger(player):
    return Rule(act=lambda m: D if m.opp_d else C, count_d=1)


@builds(axl.ForgetfulGrudger)
def _forgetful_grudger(player):
    memory = player.mem_length

    def act(m):  # extra = (grudged, grudge memory)
        grudged, count = m.extra
        if count == memory:
            grudged, count = False, 0
        if m.opp[-1:] == (D,):
            grudged = True
        return (D, (True, count + 1)) if grudged else (C, (False, count))

    return Rule(act=act, opp=1, extra=(False, 0))


@builds(axl.OppositeGrudger)
def _opposite_grudger(player):
    return Rule(act=lambda m: C if m.opp_c else D, count_c=1)


@builds(axl.Aggravater)
def _aggravater(player):
    return Rule(act=lambda m: D if m.turn < 3 or m.opp_d else C, count_d=1, cap=3)


@builds(axl.SoftGrudger)
def _soft_grudger(player):
    return _soft_grudge((D, D, D, C, C), lambda m: m.opp[-1:] == (D,), opp=1)


@builds(axl.GeneralSoftGrudger)
def _general_soft_grudger(player):
    n, grudge = player.n, tuple(player.grudge)
    if n < 0 or not grudge:
        raise Refused("its grudge parameters are out of range")
    if n == 0:  # [] == opponent.history[-0:], the whole history: only on the first move
        return _soft_grudge(grudge, lambda m: m.turn == 0, cap=1)
    return _soft_grudge(grudge, lambda m: m.opp == (D,) * n, opp=n)


def _soft_grudge(grudge: tuple, trigger: Callable, **memory) -> Rule:
    """Play ``grudge`` once ``trigger`` fires, then forgive. extra = (grudged, position)."""

    def act(m):
        grudged, position = m.extra
        if grudged:
            position += 1
            return grudge[position - 1], (position < len(grudge), position % len(grudge))
        if trigger(m):
            return D, (True, 0)
        return C

    return Rule(act=act, extra=(False, 0), **memory)


@builds(axl.GrudgerAlternator)
def _grudger_alternator(player):
    return Rule(act=lambda m: D if m.opp_d and m.own[-1] == C else C, own=1, count_d=1)


@builds(axl.EasyGo)
def _easy_go(player):
    return Rule(act=lambda m: C if m.opp_d else D, count_d=1)


@builds(axl.SpitefulCC)
def _spiteful_cc(player):
    return Rule(act=lambda m: C if m.turn < 2 else D if m.opp_d else C, count_d=1, cap=2)


#: Capri's last three rounds that it answers with C, as (own moves, seen moves),
#: oldest first; fewer than three rounds are padded with CC in front.
CAPRI_COOPERATES = {
    tuple(zip(str_to_actions(own), str_to_actions(seen)))
    for own, seen in (
        ("CCC", "CCC"), ("CCD", "CCC"), ("CDC", "CCD"), ("DCC", "CDC"), ("CCC", "DCC"),
        ("CCD", "CDC"), ("CDC", "DCC"), ("DCC", "CCC"), ("DDD", "DDC"), ("DDC", "DCC"),
        ("DDC", "DDD"), ("DCC", "DDC"), ("DDC", "DDC"), ("DCC", "DCC"),
    )
}


@builds(axl.Capri)
def _capri(player):
    def act(m):
        history = ((C, C),) * (3 - len(m.own)) + tuple(zip(m.own, m.opp))
        return C if history in CAPRI_COOPERATES else D

    return Rule(act=act, own=3, opp=3)


@builds(axl.CollectiveStrategy)
def _collective_strategy(player):
    def act(m):
        if m.turn < 2:
            return (C, D)[m.turn]
        if m.opp_d > 1:
            return D
        return C if m.first == (C, D) else D

    return Rule(act=act, first=2, count_d=2, cap=2)


@builds(axl.Detective)
def _detective(player):
    opening = tuple(player.initial_actions)
    n = len(opening)

    def act(m):
        if m.turn < n:
            return opening[m.turn]
        return D if D not in m.first else m.opp[-1]

    return Rule(act=act, first=n, opp=1, cap=n)


def _prober_like(opening: tuple, watched: slice, suspicious: tuple, answer: Action) -> Callable:
    """Probers: an opening, then ``answer`` for good if the opponent's opening
    rounds ``watched`` were ``suspicious``, else Tit For Tat."""

    def build(player):
        def act(m):
            if m.turn < len(opening):
                return opening[m.turn]
            if m.first[watched] == suspicious:
                return answer
            return m.opp[-1]

        return Rule(act=act, first=watched.stop, opp=1, cap=len(opening))

    return build


register(axl.Prober, _prober_like((D, C, C), slice(1, 3), (C, C), D))
register(axl.Prober2, _prober_like((D, C, C), slice(1, 3), (D, C), C))
register(axl.Prober3, _prober_like((D, C), slice(1, 2), (C,), D))
register(axl.HardProber, _prober_like((D, D, C, C), slice(1, 3), (C, C), D))


@builds(axl.Prober4)
def _prober4(player):
    sequence = tuple(player.init_sequence)
    n = len(sequence)

    def act(m):  # extra = (just Ds - unjust Ds, turned defector)
        difference, defector = m.extra
        if m.turn == 0:
            return sequence[0]
        if m.turn < n:
            if m.opp[-1] == D:
                difference += 1 if m.own[-1] == D else -1
            return sequence[m.turn], (difference, defector)
        if m.turn == n:
            difference, defector = 0, abs(difference) <= 2
        if defector:
            return D, (difference, defector)
        move = C if m.turn < n + 5 else m.opp[-1]
        return move, (difference, defector)

    return Rule(act=act, own=1, opp=1, cap=n + 5, extra=(0, False))


@builds(axl.NaiveProber)
def _naive_prober(player):
    q = 1 - player.p
    return memory_one(C, q, 0, q, 0)


@builds(axl.RemorsefulProber)
def _remorseful_prober(player):
    q = 1 - player.p  # cooperates after a signalled C if random() < q
    if 0 < q < 1:
        require_no_noise(player)

    def act(m):  # extra = (probing, a probe was drawn this turn)
        probing = m.extra[0]
        if m.turn == 0:
            return C
        if m.opp[-1] == D:
            return (C if probing else D), (False, False)
        if q <= 0:
            return D, (True, False)
        if q >= 1:
            return C, (False, False)
        return q, (probing, True)

    def record(m, own, seen):
        probing, drawn = m.extra
        return ((own == D) if drawn else probing, False)

    return Rule(act=act, record=record, opp=1, cap=1, extra=(False, False))


@builds(axl.Resurrection)
def _resurrection(player):
    def act(m):
        if m.turn == 0:
            return C
        return D if m.own == (D,) * 5 else m.opp[-1]

    return Rule(act=act, own=5, opp=1, cap=1)


@builds(axl.DoubleResurrection)
def _double_resurrection(player):
    def act(m):
        if m.turn == 0:
            return C
        if m.own == (C,) * 5:
            return D
        if m.own == (D,) * 5:
            return C
        return m.opp[-1]

    return Rule(act=act, own=5, opp=1, cap=1)


#: Go By Majority and its fixed-memory versions: axelrod's classes that play its strategy method.
GO_BY_MAJORITY = tuple(
    cls
    for cls in vars(axl).values()
    if isinstance(cls, type) and issubclass(cls, axl.GoByMajority) and cls.strategy is axl.GoByMajority.strategy
)


@builds(*GO_BY_MAJORITY)
def _go_by_majority(player):
    memory = player.memory
    if not isinstance(memory, int) or memory < 1:
        raise Refused("it counts the opponent's whole history")
    if 2**memory > MAX_STATES:  # a sliding majority needs the whole window
        raise Refused(f"its window of {memory} rounds needs about 2**{memory} states, more than {MAX_STATES}")
    tie = C if player.soft else D

    def act(m):
        defections, cooperations = m.opp.count(D), m.opp.count(C)
        return D if defections > cooperations else tie if defections == cooperations else C

    return Rule(act=act, opp=memory)


@builds(axl.OnceBitten)
def _once_bitten(player):
    memory = player.mem_length

    def act(m):  # extra = (grudged, grudge memory)
        grudged, count = m.extra
        if count >= memory:
            grudged, count = False, 0
        if m.turn < 2:
            return C, (grudged, count)
        if grudged:
            return D, (True, count + 1)
        if C not in m.opp:
            return D, (True, count)
        return C, (grudged, count)

    return Rule(act=act, opp=2, cap=2, extra=(False, 0))


@builds(axl.FoolMeOnce)
def _fool_me_once(player):
    return Rule(act=lambda m: C if m.turn == 0 else D if m.opp_d > 1 else C, count_d=2, cap=1)
