"""The variants of a society scenario (regimelab/society/scenario_variants.py): each
``[regimes.NAME]`` changes the scenario's society, its regime, options, actors, time and payoffs."""

from __future__ import annotations

import pytest
from society_helpers import EXAMPLE

import regimelab as rl
from regimelab.society import ShadowChange, load_society_scenario
from regimelab.toml_files import TomlError


def test_variants_change_actors_turnover_schedule_and_edge_payoffs(tmp_path):
    text = EXAMPLE.read_text() + """
[regimes.hedging]
shadow = 0.9
[regimes.hedging.actors.Client]
member = false
[regimes.hedging.turnover]
probability = 0.1
pool = ["Defector", { strategy = "Random", params = [0.2] }]
actors = ["Cheat"]
[[regimes.hedging.schedule]]
from = 3
shadow = 0.5
[[regimes.hedging.payoffs]]
between = ["Client", "Patron"]
game = [2, 0, 3, 1]
"""
    path = tmp_path / "variants.toml"
    path.write_text(text)
    s = load_society_scenario(path).society("hedging")
    assert s.regime.shadow == 0.9 and s.regime.turns is None
    assert not s.actors[s.index("Client")].member
    assert s.turnover.probability == 0.1 and s.turnover.actors == ("Cheat",)
    assert [c.name for c in s.turnover.pool] == ["Defector", "Random: 0.2"]
    assert s.schedule == (ShadowChange(3, 0.5),)
    first, _ = s.edge_matrices()
    assert first[0].tolist() == [[2, 0], [3, 1]]
    assert s.options.scope == "none"  # the base [society]'s, as in the baseline


def variant(tmp_path, text: str, name: str):
    path = tmp_path / "variant.toml"
    path.write_text(EXAMPLE.read_text() + text)
    return load_society_scenario(path).variant(name)


def test_a_variant_keeps_what_it_does_not_change(tmp_path):
    changed = variant(tmp_path, '\n[regimes.fined]\ndescription = "More fines."\nfine = 2\n', "fined")
    assert changed.description == "More fines."
    assert changed.society.regime == rl.Regime(turns=60, transparency=0.9, noise=0.01, fine=2)
    base = load_society_scenario(EXAMPLE).society("baseline")
    assert changed.society.actors == base.actors and changed.society.payoffs == base.payoffs


def test_payoffs_as_four_numbers_change_the_game_of_every_other_edge(tmp_path):
    changed = variant(tmp_path, "\n[regimes.stag]\npayoffs = [4, 0, 3, 1]\n", "stag").society
    assert changed.game == rl.Game(4, 0, 3, 1)
    first, _ = changed.edge_matrices()
    assert first[0].tolist() == [[0.5, -1.5], [2.0, 0.0]]  # Patron-Client keeps its exchange terms
    assert first[1].tolist() == [[4, 0], [3, 1]]


def test_params_alone_keep_the_actors_strategy(tmp_path):
    changed = variant(tmp_path, "\n[regimes.wary]\n[regimes.wary.actors.Raider]\nparams = [0.9]\n", "wary")
    assert changed.society.actors[4].strategy_name == "Random: 0.9"


@pytest.mark.parametrize("text,words", [
    ("\n[regimes.x]\nfines = 2\n", "did you mean 'fine'"),
    ("\n[regimes.x.actors.Nobody]\nmember = false\n", "'Nobody' is not one of the actors"),
    ("\n[regimes.x.actors.Cheat]\nstrength = 2\n", "unknown key 'strength'"),
    ("\n[regimes.x.society]\nscope = \"collective\"\n", "scope"),
    ("\n[regimes.x]\nschedule = 3\n", r"schedule must be \[\[regimes.x.schedule\]\] tables"),
])
def test_a_bad_variant_is_located(tmp_path, text, words):
    with pytest.raises(TomlError, match=words) as caught:
        variant(tmp_path, text, "x")
    assert caught.value.line is not None


def test_regimes_must_be_named_tables(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("regimes = 3\n" + EXAMPLE.read_text().split("[regimes.baseline]")[0])
    with pytest.raises(TomlError, match="regimes must hold one or more named tables"):
        load_society_scenario(path)
