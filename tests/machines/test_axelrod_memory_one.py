"""axelrod's named memory-one and constant strategies (regimelab/machines/axelrod_memory_one.py): a row each."""

import axelrod as axl
import pytest

from regimelab.machines import to_machine
from regimelab.machines.axelrod_memory_one import CONSTANT, MEMORY_ONE
from regimelab.machines.rules import probability


def after_first_round(machine):
    """P(C) after CC, CD, DC, DD (own move, seen move) in the first round."""
    return tuple(machine.cooperate[machine.next_state[machine.initial][x][g]] for x in (0, 1) for g in (0, 1))


@pytest.mark.parametrize("cls", list(MEMORY_ONE), ids=lambda cls: cls.__name__)
def test_a_named_memory_one_strategy_plays_its_row(cls):
    first, *after = (probability(p) for p in MEMORY_ONE[cls])
    machine = to_machine(cls())
    assert machine.cooperate[machine.initial] == first
    assert after_first_round(machine) == pytest.approx(tuple(after), abs=1e-12)


@pytest.mark.parametrize("cls", list(CONSTANT), ids=lambda cls: cls.__name__)
def test_a_constant_strategy_is_one_state(cls):
    assert to_machine(cls()).cooperate == (probability(CONSTANT[cls]),)


def test_the_rows_by_hand():
    assert MEMORY_ONE[axl.TitForTat] == (axl.Action.C, 1, 0, 1, 0)
    assert MEMORY_ONE[axl.WinStayLoseShift] == (axl.Action.C, 1, 0, 0, 1)
    assert to_machine(axl.SuspiciousTitForTat()).cooperate[0] == 0.0  # opens with D
