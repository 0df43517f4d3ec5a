"""axelrod's named strategies: the entrants of Axelrod's tournaments (First
By Davis, Feld, Nydegger, Tullock; Second By Tester, Grofman, Leyvraz,
Black) and the rest (Adaptive Pavlov, Handshake, the hunters, MEM2, Self
Steem, Worse and Worse, Random, ...).
"""

from __future__ import annotations

import math
from typing import Callable

import axelrod as axl
from axelrod.action import Action, str_to_actions

from .families import constant
from .registry import builds, register
from .rules import EXPLORE_LIMIT, Refused, Rule, probability, require_unknown_length

C, D = Action.C, Action.D


# -- Named strategies: axelrod ---------------------------------------------------------
#
# Each rule follows the strategy's source line by line; comments name the
# source's tests where they are not obvious. `m.turn` is len(history).
# `@builds(cls)` registers a builder for exactly that class.


@builds(axl.FirstByDavis)
def _davis(player):
    rounds = player._rounds_to_cooperate
    return Rule(act=lambda m: C if m.turn < rounds or not m.opp_d else D, count_d=1, cap=max(rounds, 0))


@builds(axl.FirstByFeld)
def _feld(player):
    start, end, decay = player._start_coop_prob, player._end_coop_prob, player._rounds_of_decay
    if not decay > 0:
        raise Refused("rounds_of_decay must be positive")
    slope = (end - start) / decay

    def cooperation(rounds):  # its _cooperation_probability after `rounds` moves
        return probability(max(start + slope * rounds, end))

    # Past the decay the probability is `end` (falling) or keeps rising until
    # it reaches 1: count the rounds up to where it stops changing.
    cap = math.floor(decay) + 1
    while slope > 0 and cooperation(cap) < 1:
        cap += 1
        if cap > EXPLORE_LIMIT:
            raise Refused(f"its probability keeps changing for more than {EXPLORE_LIMIT} rounds")
    table = tuple(cooperation(rounds) for rounds in range(cap + 1))

    def act(m):
        if m.turn == 0:  # not opponent.history
            return C
        return D if m.opp[-1] == D else table[m.turn]

    return Rule(act=act, opp=1, cap=cap)


@builds(axl.FirstByNydegger)
def _nydegger(player):
    bad, score = set(player.As), player.score_map

    def act(m):
        if m.turn == 0:
            return C
        if m.turn == 2 and m.opp == (D, C):  # opponent.history[0:2]
            return D
        if m.turn <= 2:
            return m.opp[-1]
        a = sum(weight * score[m.own[i], m.opp[i]] for i, weight in ((-1, 16), (-2, 4), (-3, 1)))
        return D if a in bad else C

    return Rule(act=act, own=3, opp=3, cap=3)


@builds(axl.FirstByTullock)
def _tullock(player):
    cooperate_rounds = player._rounds_to_cooperate
    rounds = cooperate_rounds - 1
    if rounds < 1:
        raise Refused("it would count the opponent's whole history")

    def act(m):
        if m.turn < cooperate_rounds:
            return C
        return max(0, m.opp.count(C) / rounds - 0.10)

    return Rule(act=act, opp=rounds, cap=cooperate_rounds)


@builds(axl.SecondByTester)
def _tester(player):
    def act(m):  # extra: playing Tit For Tat for good
        if m.turn == 0:
            return D
        if m.extra:
            return m.opp[-1]
        if m.opp[-1] == D:
            return C, True
        if m.turn in (1, 2):
            return C
        return m.own[-1].flip()

    return Rule(act=act, own=1, opp=1, cap=3, extra=False)


@builds(axl.SecondByGrofman)
def _second_by_grofman(player):
    def act(m):
        if m.turn < 2:
            return C
        if m.turn <= 6:
            return m.opp[-1]
        defections = m.opp[-8:-1].count(D)
        if m.own[-1] == C and defections <= 2:
            return C
        if m.own[-1] == D and defections <= 1:
            return C
        return D

    return Rule(act=act, own=1, opp=8, cap=7)


@builds(axl.SecondByLeyvraz)
def _leyvraz(player):
    table = player.prob_coop
    return Rule(act=lambda m: table[((C,) * (3 - len(m.opp)) + m.opp)], opp=3)


@builds(axl.SecondByBlack)
def _black(player):
    table = player.prob_coop
    return Rule(act=lambda m: C if len(m.opp) < 5 else table[m.opp.count(D)], opp=5)


def _apavlov(classify: Callable, respond: Callable) -> Callable:
    """Adaptive Pavlov: Tit For Tat for 6 rounds, then every 6 rounds it
    classifies the opponent by its last 6 moves. turn: 0-5, then 6 + (rounds mod 6)."""

    def build(player):
        def act(m):  # extra: the opponent's class
            if m.turn < 6:
                return D if m.opp[-1:] == (D,) else C
            kind = m.extra
            if m.turn % 6 == 0:
                kind = classify(m.opp, kind)
            return respond(m, kind), kind

        return Rule(act=act, opp=6, cap=6, period=6, extra=None)

    return build


def _classify_2006(last6, kind):
    for pattern, name in (("CCCCCC", "Cooperative"), ("DDDDDD", "ALLD"), ("DCDCDC", "STFT"), ("DDCDDC", "PavlovD")):
        if last6 == tuple(str_to_actions(pattern)):
            kind = name
    return kind or "Random"


def _respond_2006(m, kind):
    if kind in ("Random", "ALLD"):
        return D
    if kind == "STFT":
        if m.turn % 6 in (0, 1):
            return C
        if m.opp[-1] == D:
            return D
    if kind == "PavlovD" and m.turn % 6 == 0:
        return D
    if kind == "Cooperative" and m.opp[-1] == D:
        return D
    return C


def _classify_2011(last6, kind):
    if last6 == (C,) * 6:
        kind = "Cooperative"
    if last6.count(D) >= 4:
        kind = "ALLD"
    if last6.count(D) == 3:
        kind = "STFT"
    return kind or "Random"


def _respond_2011(m, kind):
    if kind in ("Random", "ALLD"):
        return D
    if kind == "STFT":
        return D if m.opp[-2:] == (D, D) else C
    return D if m.opp[-1] == D else C  # Cooperative


register(axl.APavlov2006, _apavlov(_classify_2006, _respond_2006))
register(axl.APavlov2011, _apavlov(_classify_2011, _respond_2011))


@builds(axl.Handshake)
def _handshake(player):
    opening = tuple(player.initial_plays)
    n = len(opening)
    return Rule(
        act=lambda m: opening[m.turn] if m.turn < n else C if m.first == opening else D, first=n, cap=n
    )


@builds(axl.GradualKiller)
def _gradual_killer(player):
    opening = (D, D, D, D, D, C, C)  # its InitialTransformer
    return Rule(act=lambda m: opening[m.turn] if m.turn < 7 else D if m.first[5:7] == (D, D) else C, first=7, cap=7)


@builds(axl.ShortMem)
def _short_mem(player):
    def act(m):
        if m.turn <= 10:
            return C
        cooperations, defections = m.opp.count(C), m.opp.count(D)
        if cooperations - defections >= 3:
            return C
        if defections - cooperations >= 3:
            return D
        return m.opp[-1]

    return Rule(act=act, opp=10, cap=11)


@builds(axl.TrickyCooperator)
def _tricky_cooperator(player):
    window = -player._max_history_depth_for_trickiness  # 10
    after = player._min_history_required_to_try_trickiness  # 3

    # extra: rounds since the last signalled D, up to `window` (no D yet: window).
    return Rule(
        act=lambda m: D if m.turn >= after and m.extra >= window else C,
        record=lambda m, own, seen: 0 if seen == D else min(m.extra + 1, window),
        cap=after,
        extra=window,
    )


@builds(axl.TrickyDefector)
def _tricky_defector(player):
    return Rule(act=lambda m: C if m.opp_c and m.opp == (D, D, D) else D, opp=3, count_c=1)


@builds(axl.MEM2)
def _mem2(player):
    def act(m):  # extra = (play as, shift counter, ALLD counter)
        play_as, shift, alld = m.extra
        shift -= 1
        if shift == 0 and alld < 2:
            shift = 2
            last_two = set(zip(m.own, m.opp))
            if last_two == {(C, C)}:
                play_as = "TFT"
            elif last_two == {(C, D), (D, C)}:
                play_as = "TFTT"
            else:
                play_as, alld = "ALLD", alld + 1
        if alld >= 2:
            shift = 0  # never looked at again
        if play_as == "TFT":
            move = C if m.turn == 0 else m.opp[-1]
        elif play_as == "TFTT":
            move = D if m.opp == (D, D) else C
        else:
            move = D
        return move, (play_as, shift, alld)

    return Rule(act=act, own=2, opp=2, cap=1, extra=("TFT", 3, 0))


@builds(axl.AlternatorHunter)
def _alternator_hunter(player):
    def act(m):  # extra: the opponent alternated in its first 6 moves
        if m.turn < 6:
            return C
        alternating = m.extra
        if m.turn == 6:
            alternating = all(a != b for a, b in zip(m.first, m.first[1:]))
        return (D if alternating else C), alternating

    return Rule(act=act, first=6, cap=7, extra=False)


@builds(axl.DefectorHunter)
def _defector_hunter(player):
    return Rule(act=lambda m: D if m.turn >= 4 and not m.opp_c else C, count_c=1, cap=4)


@builds(axl.CooperatorHunter)
def _cooperator_hunter(player):
    return Rule(act=lambda m: D if m.turn >= 4 and not m.opp_d else C, count_d=1, cap=4)


@builds(axl.SelfSteem)
def _self_steem(player):
    # sin(2 pi t / 10) puts the round t in the same branch as t mod 10
    # (checked for t up to 3 million): the branch of each phase, from its formula.
    def branch(phase):
        sine = math.sin(2 * math.pi * phase / 10)
        if sine > 0.95:
            return D
        if 0.95 > abs(sine) > 0.3:
            return "copy"
        if 0.3 > sine > -0.3:
            return 0.5
        return C

    branches = tuple(branch(phase) for phase in range(10))

    def act(m):
        move = branches[m.turn]
        return m.opp[-1] if move == "copy" else move

    return Rule(act=act, opp=1, period=10)


@builds(axl.WorseAndWorse)
def _worse_and_worse(player):
    return Rule(act=lambda m: 1 - (m.turn + 1) / 1000, cap=1000)


@builds(axl.BetterAndBetter)
def _better_and_better(player):
    return Rule(act=lambda m: (m.turn + 1) / 1000, cap=1000)


@builds(axl.KnowledgeableWorseAndWorse)
def _knowledgeable_worse_and_worse(player):
    require_unknown_length(player, "defects more and more often")
    return constant(C)  # 1 - t / length >= 1 when the length is -1 or infinite


@builds(axl.Random)
def _random(player):
    return constant(player.p)
