"""The rules of strategy families, read from a player's parameters.

axelrod's families (MemoryOnePlayer, MemoryTwoPlayer, FSMPlayer, LookerUp and
Gambler, Cycler) and regimelab's declarative kinds (memory-one, state
machine, lookup), each registered for its base class and strategy method, in
the order they are tried; also :func:`constant`, :func:`memory_one` and
:func:`tit_for_tat`, the rules the named strategies are built from.
"""

from __future__ import annotations

import axelrod as axl
from axelrod.action import Action, str_to_actions

from ..declarative import DeclaredLookup, DeclaredMemoryOne, DeclaredStateMachine
from ..exact import StateMachine
from .registry import builds_family
from .rules import Refused, Rule, probability

C, D = Action.C, Action.D


# -- Rules of the families -----------------------------------------------------------


def constant(p) -> Rule:
    """The same P(C) (or Action) every round."""
    return Rule(act=lambda m: p)


def memory_one(first, cc, cd, dc, dd) -> Rule:
    """P(C) on the first move, then after (own, seen) = CC, CD, DC, DD."""
    after = {(C, C): cc, (C, D): cd, (D, C): dc, (D, D): dd}
    return Rule(own=1, opp=1, act=lambda m: after[m.own[-1], m.opp[-1]] if m.opp else first)


def tit_for_tat(first=C) -> Rule:
    """Tit For Tat, opening with ``first``."""
    return memory_one(first, 1, 0, 1, 0)


@builds_family(axl.MemoryOnePlayer)
def _memory_one_player(player) -> Rule:
    """axelrod's MemoryOnePlayer (GTFT, ZD strategies, Joss, ...): first move
    ``_initial``, then the four-vector it holds once told the game."""
    v = player._four_vector
    return memory_one(player._initial, v[C, C], v[C, D], v[D, C], v[D, D])


@builds_family(axl.MemoryTwoPlayer)
def _memory_two_player(player) -> Rule:
    initial, vector = player._initial, player._sixteen_vector

    def act(m):
        return initial[m.turn] if m.turn <= 1 else vector[m.own, m.opp]

    return Rule(act=act, own=2, opp=2, cap=2)


@builds_family(axl.FSMPlayer)
def _fsm_player(player) -> Rule:
    """axelrod's FSMPlayer: plays ``initial_action`` first, then the action of
    the transition on the opponent's last move. extra = (FSM state, next action)."""
    transitions = player.fsm.state_transitions  # (state, seen) -> (next state, action)
    return Rule(
        act=lambda m: m.extra[1],
        extra=(player.fsm.state, player.initial_action),
        record=lambda m, own, seen: transitions[m.extra[0], seen],
    )


@builds_family(axl.LookerUp, strategies=(axl.LookerUp.strategy, axl.Gambler.strategy))
def _lookerup(player) -> Rule:
    """axelrod's LookerUp and Gambler: the initial actions, then the table entry
    for the last own plays, the opponent's last plays and its opening."""
    table = player._lookup
    initial = tuple(player._initial_actions_pool)

    def act(m):
        if m.turn < len(initial):
            return initial[m.turn]
        return table.get(m.own, m.opp, m.first)  # an Action, or a Gambler's P(C)

    return Rule(act=act, own=table.player_depth, opp=table.op_depth, first=table.op_openings_depth, cap=len(initial))


@builds_family(axl.Cycler)
def _cycler(player) -> Rule:
    cycle = tuple(str_to_actions(player.cycle))
    if not cycle:
        raise Refused("an empty cycle")
    return Rule(act=lambda m: cycle[m.turn], period=len(cycle))


# -- regimelab's declarative strategies -----------------------------------------------


@builds_family(DeclaredMemoryOne)
def _declared_memory_one(player) -> Rule:
    rule = player.definition.rule
    return memory_one(rule.first, *rule.after)


@builds_family(DeclaredStateMachine)
def _declared_state_machine(player) -> StateMachine:
    """Moves on the opponent's signal only; the first move is the initial state's."""
    rule = player.definition.rule
    index = {state.name: i for i, state in enumerate(rule.states)}
    cooperate = tuple(probability(state.play) for state in rule.states)
    next_state = tuple(((index[s.on_C], index[s.on_D]),) * 2 for s in rule.states)
    return StateMachine(str(player), cooperate, next_state, index[rule.initial])


@builds_family(DeclaredLookup)
def _declared_lookup(player) -> Rule:
    rule = player.definition.rule
    patterns = player.patterns

    def act(m):
        if m.turn < rule.memory:
            return rule.first[m.turn]
        pattern = ",".join(f"{own}{seen}" for own, seen in zip(m.own, m.opp))
        return patterns.get(pattern, rule.default)

    return Rule(act=act, own=rule.memory, opp=rule.memory, cap=rule.memory)
