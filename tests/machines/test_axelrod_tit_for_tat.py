"""axelrod's relatives of Tit For Tat (regimelab/machines/axelrod_tit_for_tat.py), walked by hand."""

import axelrod as axl
import pytest
from machine_walks import plays

from regimelab.machines import NotFiniteState, to_machine


def test_tit_for_two_tats_answers_only_two_defections_in_a_row():
    assert plays(to_machine(axl.TitFor2Tats()), "CDDCDC") == "CCCDCC"


def test_two_tits_for_tat_answers_a_defection_twice():
    assert plays(to_machine(axl.TwoTitsForTat()), "CDCCC") == "CCDDC"


def test_hard_tit_for_tat_remembers_three_rounds():
    assert plays(to_machine(axl.HardTitForTat()), "DCCCCC") == "CDDDCC"


@pytest.mark.parametrize("cls", [axl.Alexei, axl.BackStabber, axl.DoubleCrosser])
def test_final_defections_need_an_unknown_length(cls):
    to_machine(cls(), length=float("inf"))
    with pytest.raises(NotFiniteState, match="length it knows"):
        to_machine(cls(), length=200)
