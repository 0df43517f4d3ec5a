"""A strategy as a finite-state machine, and the machines built by hand (regimelab/exact_machine.py)."""

import dataclasses

import numpy as np
import pytest

from regimelab import exact


def test_a_memory_one_rule_remembers_the_last_round_in_its_state():
    machine = exact.memory_one("Rule", 0.9, 1.0, 0.0, 0.5, 0.2)
    assert machine.size == 5 and machine.initial == 0
    assert machine.cooperate == (0.9, 1.0, 0.0, 0.5, 0.2)  # first, then after CC, CD, DC, DD
    for state in range(5):
        for own in (0, 1):
            for seen in (0, 1):
                assert machine.next_state[state][own][seen] == 1 + 2 * own + seen


@pytest.mark.parametrize(
    "make, name, cooperate",
    [
        (exact.tit_for_tat, "Tit For Tat", (1, 1, 0, 1, 0)),
        (exact.win_stay_lose_shift, "Win-Stay Lose-Shift", (1, 1, 0, 0, 1)),
        (lambda: exact.generous_tit_for_tat(0.25), "GTFT: 0.25", (1, 1, 0.25, 1, 0.25)),
    ],
)
def test_the_memory_one_machines_built_by_hand(make, name, cooperate):
    machine = make()
    assert machine.name == name and machine.cooperate == cooperate


def test_grim_trigger_punishes_for_ever_after_a_signalled_defection():
    grim = exact.grim_trigger()
    assert grim.cooperate == (1.0, 0.0)
    assert [grim.next_state[0][own][1] for own in (0, 1)] == [1, 1]  # a d seen: punishing
    assert [grim.next_state[0][own][0] for own in (0, 1)] == [0, 0]  # a c seen: still trusting
    assert {grim.next_state[1][own][seen] for own in (0, 1) for seen in (0, 1)} == {1}


def test_the_unconditional_machines_have_one_state():
    for machine, p in ((exact.always_cooperate(), 1.0), (exact.always_defect(), 0.0)):
        assert machine.size == 1 and machine.cooperate == (p,)
        assert machine.next_state == (((0, 0), (0, 0)),)


def test_arrays_and_immutability():
    cooperate, next_state = exact.tit_for_tat().arrays()
    assert cooperate.dtype == float and cooperate.tolist() == [1.0, 1.0, 0.0, 1.0, 0.0]
    assert next_state.dtype == np.int64 and next_state.shape == (5, 2, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        exact.tit_for_tat().initial = 1
