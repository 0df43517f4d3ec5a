"""axelrod's grudgers and probers (regimelab/machines/axelrod_grudgers.py), walked by hand."""

import axelrod as axl
from machine_walks import form, plays

from regimelab import exact
from regimelab.machines import to_machine


def test_grudger_is_grim_trigger():
    assert form(to_machine(axl.Grudger())) == form(exact.grim_trigger())


def test_soft_grudger_punishes_four_rounds_then_makes_up_twice():
    assert plays(to_machine(axl.SoftGrudger()), "CDCCCCCCC") == "CCDDDDCCC"


def test_forgetful_grudger_forgets_after_ten_rounds():
    machine = to_machine(axl.ForgetfulGrudger())
    assert plays(machine, "CD" + "C" * 14) == "CC" + "D" * 10 + "CCCC"
    assert machine.size == 11  # trusting, and ten rounds of grudge
