"""The registry of strategies by name (regimelab/strategy_registry.py)."""

import axelrod as axl
import pytest

from regimelab.errors import InvalidParameter
from regimelab.strategy_registry import (
    is_ours,
    readable_name,
    register_strategy,
    registered_strategies,
    registrations_undone,
    strategy_index,
    strategy_key,
)


def toy(name: str) -> type:
    return type("Toy", (axl.Player,), {"name": name, "strategy": lambda self, opponent: axl.Action.C})


@pytest.mark.parametrize("name", ["Tit For Tat", "tit-for-tat", "TITFORTAT", " Tit_For Tat! "])
def test_the_key_ignores_case_and_punctuation(name):
    assert strategy_key(name) == "titfortat"


def test_names_class_names_and_aliases_are_all_found():
    index = strategy_index()
    assert index["titfortat"] is axl.TitForTat  # the name
    assert index["zdgtft2"] is axl.ZDGTFT2  # "ZD-GTFT-2"
    assert index["tft"] is axl.TitForTat and index["alld"] is axl.Defector and index["grim"] is axl.Grudger


def test_a_registered_strategy_is_found_is_ours_and_forgotten_after_the_block():
    with registrations_undone():
        cls = register_strategy(toy("Toy Reciprocator"))
        assert strategy_index()["toyreciprocator"] is cls
        assert is_ours(cls) and cls in registered_strategies()
        assert not is_ours(axl.TitForTat)
    assert "toyreciprocator" not in strategy_index() and not is_ours(cls)


def test_a_second_strategy_of_the_same_name_replaces_the_first():
    with registrations_undone():
        first, second = register_strategy(toy("Toy")), register_strategy(toy("toy"))
        assert strategy_index()["toy"] is second and first not in registered_strategies()


def test_a_name_axelrod_uses_is_refused():
    with registrations_undone():
        with pytest.raises(InvalidParameter, match="a name that axelrod does not already use"):
            register_strategy(toy("Tit For Tat"))


def test_latex_names_read_as_words_and_index_under_both_forms():
    assert readable_name("$\\phi$") == "Phi" and readable_name("$\\pi$") == "Pi" and readable_name("$e$") == "e"
    assert readable_name("GTFT: 0.33") == "GTFT: 0.33"
    index = strategy_index()
    assert index[strategy_key("$\\phi$")] is index[strategy_key("Phi")] is axl.Golden
    assert index[strategy_key("e")] is axl.e
