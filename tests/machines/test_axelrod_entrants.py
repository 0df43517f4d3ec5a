"""axelrod's tournament entrants and other named strategies (regimelab/machines/axelrod_entrants.py)."""

import axelrod as axl
from machine_walks import plays

from regimelab.machines import to_machine


def test_davis_cooperates_at_first_then_is_grim():
    machine = to_machine(axl.FirstByDavis(3))
    assert plays(machine, "DCCCCC") == "CCCDDD"  # three rounds of trust; the first D is not forgotten
    assert plays(machine, "CCCCCC") == "CCCCCC"


def test_random_intends_c_with_its_probability_every_round():
    machine = to_machine(axl.Random(0.3))
    assert machine.cooperate == (0.3,) and machine.next_state == (((0, 0), (0, 0)),)
