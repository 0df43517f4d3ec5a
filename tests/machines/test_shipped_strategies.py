"""regimelab's own strategies as machines (regimelab/machines/shipped_strategies.py): finite under some
parameters, refused under the others."""

import axelrod as axl
import pytest
from machine_walks import form, plays
from regimelab.strategies.alliances import Hedger
from regimelab.strategies.challengers import Spoiler, UnsocialisedNewcomer
from regimelab.strategies.great_powers import Revisionist, StatusQuoPower
from regimelab.strategies.realists import MyopicState, ZeroSumRealist

from regimelab.machines import NotFiniteState, to_machine


def test_the_parameters_that_make_a_state_actor_a_classic():
    assert to_machine(StatusQuoPower(tolerance=1)).cooperate == (1.0,)  # never sees a pattern
    assert form(to_machine(StatusQuoPower(tolerance=0))) == form(to_machine(axl.TitForTat()))
    assert form(to_machine(UnsocialisedNewcomer(learning_rate=1))) == form(to_machine(axl.SuspiciousTitForTat()))
    assert to_machine(Hedger(reserve=1)).cooperate == (0.0,)
    assert form(to_machine(Spoiler())) == form(to_machine(axl.TitForTat()))  # the length unknown


def test_the_revisionist_is_caught_or_keeps_defecting():
    assert plays(to_machine(Revisionist(probe=0)), "CCCCDC") == "CCCCCD"  # an unprovoked D answered
    assert plays(to_machine(Revisionist(probe=1)), "CCDDCC") == "CDDCCD"  # probes, is caught, complies


def test_the_realists_read_the_game_they_are_told():
    assert to_machine(MyopicState()).cooperate == (0.0,)  # T > R in the default game
    assert to_machine(MyopicState(), told_game=axl.Game(r=3, s=0, t=2.5, p=1)).cooperate == (1.0,)
    assert to_machine(ZeroSumRealist(), told_game=axl.Game(r=3, s=2, t=1, p=0)).cooperate == (1.0,)  # T < S
    with pytest.raises(NotFiniteState, match="running score difference"):
        to_machine(ZeroSumRealist())
