"""Strategies as finite-state machines for the exact engine (:mod:`regimelab.exact`).

The exact engine needs a strategy as a :class:`~regimelab.exact.StateMachine`:
a probability of intending C in each state, and the next state after each
realised own action and each signal of the opponent. :func:`to_machine`
builds that machine for a player, exactly as the player behaves in a
regimelab match (:mod:`regimelab.match`): its own history holds its realised
actions (after noise), its opponent's history the opponent's signals, and
before play it is told the length, the expected stage game G' and the noise.

Each strategy that has such a form is written below as a :class:`Rule`, read
from its source (axelrod 4.13.1, ``regimelab.declarative`` and
``strategies/*.py``): what it remembers (the last rounds, the opponent's
opening, capped counts of the opponent's signals, a turn counter that
saturates or cycles, and flags or counters of its own) and how it chooses.
:func:`explore` enumerates the reachable memories; :func:`minimise` merges the
states that behave alike. A strategy is refused (:class:`NotFiniteState`)
when what it remembers is unbounded (shares, scores, counts that matter at
every size, the turn number for ever), when its machine would have more than
``MAX_STATES`` states, or when its state depends on a random move it intended
rather than the move that was realised (then only without noise).

``tests/test_machines.py`` drives every mapped player and its machine with the
same scripted signals and noise flips and checks that they agree move by move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable, NamedTuple

import axelrod as axl
import numpy as np
from axelrod.action import Action, str_to_actions

from .errors import StrategyFailed, StrategyRefused
from .exact import StateMachine

C, D = Action.C, Action.D

#: The largest machine handed to the exact engine (after merging alike states).
MAX_STATES = 4096
#: Memories explored before giving up (merging can shrink what is explored).
EXPLORE_LIMIT = 4 * MAX_STATES


class NotFiniteState(StrategyRefused):
    """A strategy that the exact engine cannot play: it has no (small enough) finite-state form."""

    def __init__(self, name: str, reason: str = ""):
        self.name = name
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"{name} has no finite-state form the exact engine knows{why}; "
            "use the simulation engine (--engine simulate) or leave it out"
        )

    def __reduce__(self):  # errors raised in worker processes must unpickle
        return (type(self), (self.name, self.reason))


class _Refused(Exception):
    """Raised by a builder: this player, as told, has no finite form (the reason)."""


# -- The public API ---------------------------------------------------------------


def to_machine(player, told_game=None, noise: float = 0.0, length=None) -> StateMachine:
    """The finite-state machine of ``player`` as it plays in a regimelab match.

    ``told_game`` (an ``axelrod.Game`` or a regimelab ``Game``, normally G'),
    ``noise`` and ``length`` (``regime.horizon.known_length``; None: not told)
    are what the tournament tells each player before play. With none of them
    given, the player keeps the attributes it has been told already. The
    player itself is not changed: a clone is told and read.

    Raises :class:`NotFiniteState` naming the strategy when it has no
    finite-state form, and :class:`StrategyFailed` when it cannot accept the
    game it is told.
    """
    builder = _builder(type(player))
    if builder is None:
        raise NotFiniteState(str(player))
    told = _told(player, told_game, noise, length)
    name = str(told)
    try:
        built = builder(told)
        machine = built if isinstance(built, StateMachine) else explore(name, built)
    except _Refused as refusal:
        raise NotFiniteState(name, str(refusal)) from None
    machine = minimise(machine)
    if machine.size > MAX_STATES:
        raise NotFiniteState(name, f"{machine.size} states, more than {MAX_STATES}")
    return machine


def has_machine(player) -> bool:
    """True if :func:`to_machine` maps ``player`` with the attributes it has been told."""
    if _builder(type(player)) is None:
        return False
    try:
        to_machine(player)
    except (NotFiniteState, StrategyFailed):
        return False
    return True


def exact_strategies() -> list[str]:
    """Names of the axelrod and regimelab strategies that map, as constructed by default.

    "As constructed": default parameters, the default game, no noise and an
    unknown length. Some depend on what they are told: under a known finite
    length Alexei, EugineNier, Michaelos, BackStabber, DoubleCrosser (their
    final defections), Spoiler and Knowledgeable Worse and Worse are refused;
    under noise Michaelos and Remorseful Prober; Zero-Sum Realist maps only
    for some games (and is refused under the default one).
    """
    from .players import all_strategy_classes

    names = []
    for cls in all_strategy_classes():
        if _builder(cls) is None:
            continue
        try:
            player = cls()
        except Exception:  # a class that needs arguments has no default machine
            continue
        if has_machine(player):
            names.append(cls.name)
    return names


def _told(player, told_game, noise, length):
    """A clone of ``player`` told the match attributes, as the tournament tells them."""
    clone = player.clone()
    if told_game is None and length is None and not noise:
        attributes = dict(player.match_attributes)
    else:
        game = told_game.to_axelrod() if hasattr(told_game, "to_axelrod") else told_game
        attributes = {"length": -1 if length is None else length, "game": game, "noise": noise}
    try:
        clone.set_match_attributes(**attributes)
    except Exception as error:
        raise StrategyFailed(
            f"{player} cannot play the stage game it is told ({type(error).__name__}: {error}); "
            "leave it out or change the regime"
        ) from error
    return clone


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
        result = self.act(memory)
        if isinstance(result, tuple):
            p, extra = result
            memory = memory._replace(extra=extra)
        else:
            p = result
        return probability(p), memory

    def advance(self, memory: Memory, own: Action, seen: Action) -> Memory:
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
                        raise _Refused(f"more than {EXPLORE_LIMIT} states to explore")
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


# -- Rules of the families -----------------------------------------------------------


def constant(p) -> Rule:
    return Rule(act=lambda m: p)


def memory_one(first, cc, cd, dc, dd) -> Rule:
    """P(C) on the first move, then after (own, seen) = CC, CD, DC, DD."""
    after = {(C, C): cc, (C, D): cd, (D, C): dc, (D, D): dd}
    return Rule(own=1, opp=1, act=lambda m: after[m.own[-1], m.opp[-1]] if m.opp else first)


def _memory_one_player(player) -> Rule:
    """axelrod's MemoryOnePlayer (GTFT, ZD strategies, Joss, ...): first move
    ``_initial``, then the four-vector it holds once told the game."""
    v = player._four_vector
    return memory_one(player._initial, v[C, C], v[C, D], v[D, C], v[D, D])


def _memory_two_player(player) -> Rule:
    initial, vector = player._initial, player._sixteen_vector

    def act(m):
        return initial[m.turn] if m.turn <= 1 else vector[m.own, m.opp]

    return Rule(act=act, own=2, opp=2, cap=2)


def _fsm_player(player) -> Rule:
    """axelrod's FSMPlayer: plays ``initial_action`` first, then the action of
    the transition on the opponent's last move. extra = (FSM state, next action)."""
    transitions = player.fsm.state_transitions  # (state, seen) -> (next state, action)
    return Rule(
        act=lambda m: m.extra[1],
        extra=(player.fsm.state, player.initial_action),
        record=lambda m, own, seen: transitions[m.extra[0], seen],
    )


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


def _cycler(player) -> Rule:
    cycle = tuple(str_to_actions(player.cycle))
    if not cycle:
        raise _Refused("an empty cycle")
    return Rule(act=lambda m: cycle[m.turn], period=len(cycle))


# -- regimelab's declarative strategies -----------------------------------------------


def _declared_memory_one(player) -> Rule:
    rule = player.definition.rule
    return memory_one(rule.first, *rule.after)


def _declared_state_machine(player) -> StateMachine:
    """Moves on the opponent's signal only; the first move is the initial state's."""
    rule = player.definition.rule
    index = {state.name: i for i, state in enumerate(rule.states)}
    cooperate = tuple(probability(state.play) for state in rule.states)
    next_state = tuple(((index[s.on_C], index[s.on_D]),) * 2 for s in rule.states)
    return StateMachine(str(player), cooperate, next_state, index[rule.initial])


def _declared_lookup(player) -> Rule:
    rule = player.definition.rule
    patterns = player.patterns

    def act(m):
        if m.turn < rule.memory:
            return rule.first[m.turn]
        pattern = ",".join(f"{own}{seen}" for own, seen in zip(m.own, m.opp))
        return patterns.get(pattern, rule.default)

    return Rule(act=act, own=rule.memory, opp=rule.memory, cap=rule.memory)


# -- Named strategies: axelrod ---------------------------------------------------------
#
# Each rule follows the strategy's source line by line; comments name the
# source's tests where they are not obvious. `m.turn` is len(history).


def tit_for_tat(first=C) -> Rule:
    return memory_one(first, 1, 0, 1, 0)


def _unknown_length(player, what="plays its last moves differently") -> None:
    """Refuse a strategy that changes its last moves when it knows the length."""
    length = player.match_attributes["length"]
    if 0 < length < math.inf:
        raise _Refused(f"it {what} in a match whose length it knows ({length} rounds)")


def _without_noise(player) -> None:
    noise = player.match_attributes["noise"]
    if noise:
        raise _Refused(
            f"under noise ({noise}) its state depends on the random move it intended, "
            "which the realised move does not reveal"
        )


def _final_then(rule: Callable) -> Callable:
    """A strategy wrapped in axelrod's FinalTransformer: its rule when the length is unknown."""

    def build(player):
        _unknown_length(player)
        return rule(player)

    return build


def _alexei(player):
    return tit_for_tat()


def _eugine_nier(player):
    # Turns defector for good once the opponent has defected 5 times.
    return Rule(
        act=lambda m: C if m.turn == 0 else D if m.opp_d >= 5 else m.opp[-1], opp=1, count_d=5, cap=1
    )


def _michaelos(player):
    _without_noise(player)

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


def _back_stabber(player):
    return Rule(act=lambda m: C if m.turn == 0 else D if m.opp_d > 3 else C, count_d=4, cap=1)


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


def _tit_for_2_tats(player):
    return Rule(act=lambda m: D if m.opp == (D, D) else C, opp=2)


def _two_tits_for_tat(player):
    return Rule(act=lambda m: D if D in m.opp else C, opp=2)


def _hard_tit_for_tat(player):
    return Rule(act=lambda m: D if D in m.opp else C, opp=3)


def _hard_tit_for_2_tats(player):
    return Rule(act=lambda m: D if any(a == b == D for a, b in zip(m.opp, m.opp[1:])) else C, opp=3)


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


def _spiteful_tit_for_tat(player):
    def act(m):  # extra: retaliating for good
        if m.turn == 0:
            return C
        retaliating = m.extra or m.opp == (D, D)
        return (D if retaliating or m.opp[-1] == D else C), retaliating

    return Rule(act=act, opp=2, cap=1, extra=False)


def _slow_tit_for_two_tats_2(player):
    def act(m):
        if m.turn < 2:
            return C
        return m.opp[-1] if m.opp[-2] == m.opp[-1] else m.own[-1]

    return Rule(act=act, own=1, opp=2, cap=2)


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


def _n_tits_for_m_tats(player):
    n, m_tats = player.N, player.M

    def act(m):  # extra: retaliations left
        count = n if not m_tats or m.opp.count(D) == m_tats else m.extra
        return (D, count - 1) if count else (C, count)

    return Rule(act=act, opp=m_tats, extra=0)


def _random_tit_for_tat(player):
    p = player.p

    def act(m):  # extra: the next move after the first is random
        if m.turn == 0:
            return C
        return (p, False) if m.extra else (m.opp[-1], True)

    return Rule(act=act, opp=1, cap=1, extra=False)


def _grudger(player):
    return Rule(act=lambda m: D if m.opp_d else C, count_d=1)


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


def _opposite_grudger(player):
    return Rule(act=lambda m: C if m.opp_c else D, count_c=1)


def _aggravater(player):
    return Rule(act=lambda m: D if m.turn < 3 or m.opp_d else C, count_d=1, cap=3)


def _soft_grudger(player):
    return _soft_grudge((D, D, D, C, C), lambda m: m.opp[-1:] == (D,), opp=1)


def _general_soft_grudger(player):
    n, grudge = player.n, tuple(player.grudge)
    if n < 0 or not grudge:
        raise _Refused("its grudge parameters are out of range")
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


def _grudger_alternator(player):
    return Rule(act=lambda m: D if m.opp_d and m.own[-1] == C else C, own=1, count_d=1)


def _easy_go(player):
    return Rule(act=lambda m: C if m.opp_d else D, count_d=1)


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


def _capri(player):
    def act(m):
        history = ((C, C),) * (3 - len(m.own)) + tuple(zip(m.own, m.opp))
        return C if history in CAPRI_COOPERATES else D

    return Rule(act=act, own=3, opp=3)


def _collective_strategy(player):
    def act(m):
        if m.turn < 2:
            return (C, D)[m.turn]
        if m.opp_d > 1:
            return D
        return C if m.first == (C, D) else D

    return Rule(act=act, first=2, count_d=2, cap=2)


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


def _naive_prober(player):
    q = 1 - player.p
    return memory_one(C, q, 0, q, 0)


def _remorseful_prober(player):
    q = 1 - player.p  # cooperates after a signalled C if random() < q
    if 0 < q < 1:
        _without_noise(player)

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


def _resurrection(player):
    def act(m):
        if m.turn == 0:
            return C
        return D if m.own == (D,) * 5 else m.opp[-1]

    return Rule(act=act, own=5, opp=1, cap=1)


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


def _go_by_majority(player):
    memory = player.memory
    if not isinstance(memory, int) or memory < 1:
        raise _Refused("it counts the opponent's whole history")
    if 2**memory > MAX_STATES:  # a sliding majority needs the whole window
        raise _Refused(f"its window of {memory} rounds needs about 2**{memory} states, more than {MAX_STATES}")
    tie = C if player.soft else D

    def act(m):
        defections, cooperations = m.opp.count(D), m.opp.count(C)
        return D if defections > cooperations else tie if defections == cooperations else C

    return Rule(act=act, opp=memory)


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


def _fool_me_once(player):
    return Rule(act=lambda m: C if m.turn == 0 else D if m.opp_d > 1 else C, count_d=2, cap=1)


def _davis(player):
    rounds = player._rounds_to_cooperate
    return Rule(act=lambda m: C if m.turn < rounds or not m.opp_d else D, count_d=1, cap=max(rounds, 0))


def _feld(player):
    start, end, decay = player._start_coop_prob, player._end_coop_prob, player._rounds_of_decay
    if not decay > 0:
        raise _Refused("rounds_of_decay must be positive")
    slope = (end - start) / decay

    def cooperation(rounds):  # its _cooperation_probability after `rounds` moves
        return probability(max(start + slope * rounds, end))

    # Past the decay the probability is `end` (falling) or keeps rising until
    # it reaches 1: count the rounds up to where it stops changing.
    cap = math.floor(decay) + 1
    while slope > 0 and cooperation(cap) < 1:
        cap += 1
        if cap > EXPLORE_LIMIT:
            raise _Refused(f"its probability keeps changing for more than {EXPLORE_LIMIT} rounds")
    table = tuple(cooperation(rounds) for rounds in range(cap + 1))

    def act(m):
        if m.turn == 0:  # not opponent.history
            return C
        return D if m.opp[-1] == D else table[m.turn]

    return Rule(act=act, opp=1, cap=cap)


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


def _tullock(player):
    cooperate_rounds = player._rounds_to_cooperate
    rounds = cooperate_rounds - 1
    if rounds < 1:
        raise _Refused("it would count the opponent's whole history")

    def act(m):
        if m.turn < cooperate_rounds:
            return C
        return max(0, m.opp.count(C) / rounds - 0.10)

    return Rule(act=act, opp=rounds, cap=cooperate_rounds)


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


def _leyvraz(player):
    table = player.prob_coop
    return Rule(act=lambda m: table[((C,) * (3 - len(m.opp)) + m.opp)], opp=3)


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


def _handshake(player):
    opening = tuple(player.initial_plays)
    n = len(opening)
    return Rule(
        act=lambda m: opening[m.turn] if m.turn < n else C if m.first == opening else D, first=n, cap=n
    )


def _gradual_killer(player):
    opening = (D, D, D, D, D, C, C)  # its InitialTransformer
    return Rule(act=lambda m: opening[m.turn] if m.turn < 7 else D if m.first[5:7] == (D, D) else C, first=7, cap=7)


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


def _tricky_defector(player):
    return Rule(act=lambda m: C if m.opp_c and m.opp == (D, D, D) else D, opp=3, count_c=1)


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


def _alternator_hunter(player):
    def act(m):  # extra: the opponent alternated in its first 6 moves
        if m.turn < 6:
            return C
        alternating = m.extra
        if m.turn == 6:
            alternating = all(a != b for a, b in zip(m.first, m.first[1:]))
        return (D if alternating else C), alternating

    return Rule(act=act, first=6, cap=7, extra=False)


def _defector_hunter(player):
    return Rule(act=lambda m: D if m.turn >= 4 and not m.opp_c else C, count_c=1, cap=4)


def _cooperator_hunter(player):
    return Rule(act=lambda m: D if m.turn >= 4 and not m.opp_d else C, count_d=1, cap=4)


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


def _worse_and_worse(player):
    return Rule(act=lambda m: 1 - (m.turn + 1) / 1000, cap=1000)


def _better_and_better(player):
    return Rule(act=lambda m: (m.turn + 1) / 1000, cap=1000)


def _knowledgeable_worse_and_worse(player):
    _unknown_length(player, "defects more and more often")
    return constant(C)  # 1 - t / length >= 1 when the length is -1 or infinite


def _random(player):
    return constant(player.p)


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
    from .strategies.realists import ROUNDING

    R, P, S, T = player.match_attributes["game"].RPST()
    return constant(C if R >= T - ROUNDING else D)


def _zero_sum_realist(player):
    from .strategies.realists import ROUNDING

    R, P, S, T = player.match_attributes["game"].RPST()
    gain = T - S
    if gain < -ROUNDING:
        return constant(C)
    if gain == 0:
        return constant(D)  # its lead is always 0
    raise _Refused("it keeps a running score difference")


# -- Dispatch ----------------------------------------------------------------------------


def _memory_one_table():
    """Named memory-one strategies: class -> (first, CC, CD, DC, DD), P(C) after own, seen."""
    return {
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


@lru_cache(maxsize=1)
def _named() -> dict:
    """Strategies by exact class (a subclass may change what it does)."""
    table = {cls: (lambda row: lambda player: memory_one(*row))(row) for cls, row in _memory_one_table().items()}
    table.update({
        axl.Cooperator: lambda player: constant(C),
        axl.Defector: lambda player: constant(D),
        axl.Random: _random,
        axl.FirstByAnonymous: lambda player: constant(0.5),  # C with probability U(0.3, 0.7): 0.5 each round
        axl.Alexei: _final_then(_alexei),
        axl.EugineNier: _final_then(_eugine_nier),
        axl.Michaelos: _final_then(_michaelos),
        axl.BackStabber: _final_then(_back_stabber),
        axl.DoubleCrosser: _final_then(_double_crosser),
        axl.TitFor2Tats: _tit_for_2_tats,
        axl.TwoTitsForTat: _two_tits_for_tat,
        axl.HardTitForTat: _hard_tit_for_tat,
        axl.HardTitFor2Tats: _hard_tit_for_2_tats,
        axl.SneakyTitForTat: _sneaky_tit_for_tat,
        axl.SpitefulTitForTat: _spiteful_tit_for_tat,
        axl.SlowTitForTwoTats2: _slow_tit_for_two_tats_2,
        axl.ContriteTitForTat: _contrite_tit_for_tat,
        axl.NTitsForMTats: _n_tits_for_m_tats,
        axl.RandomTitForTat: _random_tit_for_tat,
        axl.Grudger: _grudger,
        axl.ForgetfulGrudger: _forgetful_grudger,
        axl.OppositeGrudger: _opposite_grudger,
        axl.Aggravater: _aggravater,
        axl.SoftGrudger: _soft_grudger,
        axl.GeneralSoftGrudger: _general_soft_grudger,
        axl.GrudgerAlternator: _grudger_alternator,
        axl.EasyGo: _easy_go,
        axl.SpitefulCC: _spiteful_cc,
        axl.Capri: _capri,
        axl.CollectiveStrategy: _collective_strategy,
        axl.Detective: _detective,
        axl.Prober: _prober_like((D, C, C), slice(1, 3), (C, C), D),
        axl.Prober2: _prober_like((D, C, C), slice(1, 3), (D, C), C),
        axl.Prober3: _prober_like((D, C), slice(1, 2), (C,), D),
        axl.HardProber: _prober_like((D, D, C, C), slice(1, 3), (C, C), D),
        axl.Prober4: _prober4,
        axl.NaiveProber: _naive_prober,
        axl.RemorsefulProber: _remorseful_prober,
        axl.Resurrection: _resurrection,
        axl.DoubleResurrection: _double_resurrection,
        axl.OnceBitten: _once_bitten,
        axl.FoolMeOnce: _fool_me_once,
        axl.FirstByDavis: _davis,
        axl.FirstByFeld: _feld,
        axl.FirstByNydegger: _nydegger,
        axl.FirstByTullock: _tullock,
        axl.SecondByTester: _tester,
        axl.SecondByGrofman: _second_by_grofman,
        axl.SecondByLeyvraz: _leyvraz,
        axl.SecondByBlack: _black,
        axl.APavlov2006: _apavlov(_classify_2006, _respond_2006),
        axl.APavlov2011: _apavlov(_classify_2011, _respond_2011),
        axl.Handshake: _handshake,
        axl.GradualKiller: _gradual_killer,
        axl.ShortMem: _short_mem,
        axl.TrickyCooperator: _tricky_cooperator,
        axl.TrickyDefector: _tricky_defector,
        axl.MEM2: _mem2,
        axl.AlternatorHunter: _alternator_hunter,
        axl.DefectorHunter: _defector_hunter,
        axl.CooperatorHunter: _cooperator_hunter,
        axl.SelfSteem: _self_steem,
        axl.WorseAndWorse: _worse_and_worse,
        axl.BetterAndBetter: _better_and_better,
        axl.KnowledgeableWorseAndWorse: _knowledgeable_worse_and_worse,
    })
    for cls in vars(axl).values():  # Go By Majority and its fixed-memory versions
        if isinstance(cls, type) and issubclass(cls, axl.GoByMajority) and cls.strategy is axl.GoByMajority.strategy:
            table[cls] = _go_by_majority
    table.update(_state_actors())
    return table


def _state_actors() -> dict:
    """regimelab's Python strategies that are finite for some parameters."""
    import importlib

    builders = {
        ("alliances", "Hedger"): _hedger,
        ("challengers", "Spoiler"): _spoiler,
        ("challengers", "UnsocialisedNewcomer"): _unsocialised_newcomer,
        ("great_powers", "StatusQuoPower"): _status_quo_power,
        ("great_powers", "Revisionist"): _revisionist,
        ("realists", "MyopicState"): _myopic_state,
        ("realists", "ZeroSumRealist"): _zero_sum_realist,
    }
    table = {}
    for (module, name), builder in builders.items():
        try:
            cls = getattr(importlib.import_module(f"regimelab.strategies.{module}"), name)
        except (ImportError, AttributeError):  # renamed or removed: refused, not broken
            continue
        table[cls] = builder
    return table


@lru_cache(maxsize=1)
def _families() -> tuple:
    """(base class, the strategy methods it may have, builder): families read by isinstance."""
    from .declarative import DeclaredLookup, DeclaredMemoryOne, DeclaredStateMachine

    return (
        (axl.MemoryOnePlayer, (axl.MemoryOnePlayer.strategy,), _memory_one_player),
        (axl.MemoryTwoPlayer, (axl.MemoryTwoPlayer.strategy,), _memory_two_player),
        (axl.FSMPlayer, (axl.FSMPlayer.strategy,), _fsm_player),
        (axl.LookerUp, (axl.LookerUp.strategy, axl.Gambler.strategy), _lookerup),
        (axl.Cycler, (axl.Cycler.strategy,), _cycler),
        (DeclaredMemoryOne, (DeclaredMemoryOne.strategy,), _declared_memory_one),
        (DeclaredStateMachine, (DeclaredStateMachine.strategy,), _declared_state_machine),
        (DeclaredLookup, (DeclaredLookup.strategy,), _declared_lookup),
    )


def _builder(cls):
    """The builder for a strategy class, or None (then it is refused)."""
    builder = _named().get(cls)
    if builder is not None:
        return builder
    for base, strategies, family_builder in _families():
        if issubclass(cls, base) and cls.strategy in strategies:
            return family_builder
    return None


__all__ = [
    "MAX_STATES",
    "NotFiniteState",
    "Rule",
    "exact_strategies",
    "explore",
    "has_machine",
    "minimise",
    "to_machine",
]
