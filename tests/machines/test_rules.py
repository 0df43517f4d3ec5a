"""Rules, the memories they reach and the merging of alike states (regimelab/machines/rules.py)."""

import math

import axelrod as axl
import pytest
from regimelab.strategies.challengers import UnsocialisedNewcomer

from regimelab.exact import StateMachine
from regimelab.machines import to_machine
from regimelab.machines.rules import (
    EXPLORE_LIMIT,
    Memory,
    Refused,
    Rule,
    explore,
    minimise,
    probability,
    require_no_noise,
    require_unknown_length,
)

C, D = axl.Action.C, axl.Action.D


def test_machines_are_small_and_alike_strategies_share_one():
    assert to_machine(axl.TitForTat()).size == 2
    assert to_machine(axl.Grudger()).size == 2
    assert to_machine(axl.Cooperator()).size == 1
    appeaser, wsls = to_machine(axl.Appeaser()), to_machine(axl.WinStayLoseShift())
    assert (appeaser.cooperate, appeaser.next_state) == (wsls.cooperate, wsls.next_state)
    stft = to_machine(axl.SuspiciousTitForTat())
    newcomer = to_machine(UnsocialisedNewcomer(learning_rate=1))
    assert (newcomer.cooperate, newcomer.next_state) == (stft.cooperate, stft.next_state)


START = Memory(0, (), (), (), 0, 0, None)


def test_probability_reads_moves_and_clips_numbers():
    assert probability(C) == 1.0 and probability(D) == 0.0
    assert [probability(p) for p in (0.3, 1.7, -0.2, math.nan)] == [0.3, 1.0, 0.0, 0.0]


def test_choose_clips_and_keeps_the_extra_that_act_leaves():
    p, memory = Rule(act=lambda m: (1.5, "flag")).choose(START)
    assert p == 1.0 and memory.extra == "flag"


def test_advance_keeps_windows_caps_counts_and_cycles_turns():
    saturating, cycling = Rule(act=lambda m: 1, cap=2), Rule(act=lambda m: 1, cap=1, period=3)
    counting = Rule(act=lambda m: 1, own=1, opp=2, first=1, count_d=2)
    turns, cycled, memory = [], [], (START, START, START)
    for seen in (D, C, D, D, D, C):
        memory = (saturating.advance(memory[0], C, seen), cycling.advance(memory[1], C, seen),
                  counting.advance(memory[2], D, seen))
        turns.append(memory[0].turn)
        cycled.append(memory[1].turn)
    assert turns == [1, 2, 2, 2, 2, 2]
    assert cycled == [1, 2, 3, 1, 2, 3]
    assert memory[2].own == (D,) and memory[2].opp == (D, C) and memory[2].first == (D,)
    assert memory[2].opp_d == 2 and memory[2].opp_c == 0  # counted up to their caps (count_c = 0)


def test_explore_numbers_the_memories_breadth_first():
    tft = explore("TFT", Rule(act=lambda m: (1 if m.opp[-1] == C else 0) if m.opp else 1, own=1, opp=1))
    # the start, then after CC, CD, DC, DD (own move, seen move)
    assert tft.cooperate == (1, 1, 0, 1, 0)
    assert tft.next_state == (((1, 2), (3, 4)),) * 5


def test_explore_refuses_an_unbounded_memory():
    counter = Rule(act=lambda m: 1, extra=0, record=lambda m, own, seen: m.extra + 1)
    with pytest.raises(Refused, match=f"more than {EXPLORE_LIMIT} states"):
        explore("Counter", counter)


def test_minimise_merges_alike_states_and_drops_unreachable_ones():
    # Tit For Tat as five memory-one states, and a sixth state that is never reached
    machine = StateMachine("TFT", (1, 1, 0, 1, 0, 0.5), (((1, 2), (3, 4)),) * 5 + (((5, 5), (5, 5)),))
    small = minimise(machine)
    assert small.cooperate == (1.0, 0.0)
    assert small.next_state == (((0, 1), (0, 1)), ((0, 1), (0, 1)))


def test_the_requirements_refuse_a_known_length_and_noise():
    player = axl.TitForTat()
    player.set_match_attributes(length=50, noise=0.1)
    with pytest.raises(Refused, match=r"length it knows \(50 rounds\)"):
        require_unknown_length(player)
    with pytest.raises(Refused, match=r"under noise \(0.1\)"):
        require_no_noise(player)
    player.set_match_attributes(length=-1, noise=0)
    require_unknown_length(player)
    require_no_noise(player)
