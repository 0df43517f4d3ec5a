"""The rules of axelrod's strategy families and of the declarative kinds (regimelab/machines/families.py)."""

import axelrod as axl
import pytest
from declared_examples import GRIM, TF2T, TFT
from machine_walks import form, plays

import regimelab as rl
from regimelab.declarative import build_strategy, read_definition
from regimelab.machines import explore, to_machine
from regimelab.machines.families import constant, memory_one, tit_for_tat
from regimelab.toml_files import TomlDocument

C, D = axl.Action.C, axl.Action.D
OTHER_GAME = axl.Game(r=3.5, s=0.5, t=4.5, p=1.0)  # a G' a regime could tell them


# -- What the strategy is told -------------------------------------------------------------


def four_vector(machine):
    """P(C) after CC, CD, DC, DD, reached from the first state."""
    return tuple(machine.cooperate[machine.next_state[machine.initial][x][g]] for x in (0, 1) for g in (0, 1))


@pytest.mark.parametrize("cls", [axl.ZDGTFT2, axl.ZDExtort2, axl.ZDGen2, axl.ZDSet2])
def test_zero_determinant_machine_follows_the_told_game(cls):
    regime = rl.Regime(fine=1.0, transparency=0.8)
    told = regime.expected_game(rl.Game())
    default, under_regime = to_machine(cls()), to_machine(cls(), told_game=told)
    assert four_vector(default) != four_vector(under_regime)
    reference = cls()
    reference.set_match_attributes(game=told.to_axelrod())
    v = reference._four_vector
    assert four_vector(under_regime) == pytest.approx((v[C, C], v[C, D], v[D, C], v[D, D]), abs=1e-12)
    assert under_regime.cooperate[under_regime.initial] == 1.0  # ZD strategies open with C


def test_gtft_fixes_its_generosity_at_construction():
    assert to_machine(axl.GTFT()) == to_machine(axl.GTFT(), told_game=OTHER_GAME)


# -- Each family's rule ----------------------------------------------------------------------


def declared(text: str):
    """A TOML strategy built without registering it."""
    return build_strategy(read_definition(TomlDocument("example.toml", text=text)))()


def test_the_rules_named_strategies_are_built_from():
    assert explore("x", constant(0.3)).cooperate == (0.3,)
    assert plays(explore("x", tit_for_tat()), "CDDC") == "CCDD"
    assert plays(explore("x", tit_for_tat(first=D)), "CDDC") == "DCDD"
    assert plays(explore("x", memory_one(C, 1, 0, 0, 1)), "DDCC") == "CDCC"  # Win-Stay Lose-Shift


def test_a_finite_state_machine_player_maps_to_its_states():
    tft_as_fsm = axl.FSMPlayer(((1, C, 1, C), (1, D, 1, D)), 1, C)
    assert form(to_machine(tft_as_fsm)) == form(to_machine(axl.TitForTat()))


def test_a_cycler_cycles_whatever_it_sees():
    machine = to_machine(axl.Cycler("CCD"))
    assert machine.cooperate == (1.0, 1.0, 0.0)
    assert machine.next_state == (((1, 1), (1, 1)), ((2, 2), (2, 2)), ((0, 0), (0, 0)))


def test_the_declarative_kinds_map_to_the_machines_of_the_strategies_they_copy():
    assert form(to_machine(declared(TFT))) == form(to_machine(axl.TitForTat()))
    assert form(to_machine(declared(GRIM))) == form(to_machine(axl.Grudger()))
    assert form(to_machine(declared(TF2T))) == form(to_machine(axl.TitFor2Tats()))
