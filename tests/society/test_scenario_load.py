"""A whole society scenario (regimelab/society/scenario_load.py): the texts and top-level keys,
the variants and the default, and loading by path or by built-in name."""

from __future__ import annotations

from pathlib import Path

import pytest
from society_helpers import EXAMPLE

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import load_society, load_society_scenario
from regimelab.society.scenario import is_society_scenario
from regimelab.toml_files import TomlError


def test_the_example_scenario_loads_with_its_variants():
    scenario = load_society_scenario(EXAMPLE)
    assert scenario.variant_names == ["baseline", "exclusion"] and scenario.default == "exclusion"
    assert (scenario.repetitions, scenario.seed) == (4, 11)
    exclusion = scenario.society()
    assert exclusion.options.scope == "collective_security" and exclusion.options.exclusion_rounds == 5
    assert exclusion.options.outsider_transparency == 0.6 and exclusion.options.enforcement_cost == 0.1
    assert scenario.society("baseline").options.scope == "none"
    assert exclusion.regime == rl.Regime(turns=60, transparency=0.9, noise=0.01, fine=0.5)
    assert [a.name for a in exclusion.actors if not a.member] == ["Raider"]
    first, second = exclusion.edge_matrices()
    assert first[0].tolist() == [[0.5, -1.5], [2.0, 0.0]]  # the Patron: R = 2 - 1.5, S = -1.5, T = 2, P = 0
    assert is_society_scenario(EXAMPLE) and not is_society_scenario(Path(rl.__file__).parent.parent / "tournaments" / "anarchy.toml")


MINI = """\
name = "mini"
title = "Mini"
summary = "Two actors."

[[actors]]
name = "A"
strategy = "Tit For Tat"

[[actors]]
name = "B"
strategy = "Defector"
"""


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(text)
    return path


def test_without_regimes_there_is_one_variant_the_base(tmp_path):
    scenario = load_society_scenario(write(tmp_path, MINI))
    assert scenario.variant_names == ["base"] and scenario.default == "base"
    assert scenario.baseline is scenario.variant() and scenario.narrative == "" and scenario.sources == ()
    assert (scenario.repetitions, scenario.seed) == (10, 1)
    assert scenario.society().names == ["A", "B"] and scenario.society().regime == rl.Regime()
    assert scenario.path == str(tmp_path / "mini.toml")


def test_the_default_is_the_last_variant_unless_named(tmp_path):
    text = MINI + "\n[regimes.first]\n\n[regimes.second]\nfine = 1\n"
    assert load_society_scenario(write(tmp_path, text)).default == "second"
    chosen = load_society_scenario(write(tmp_path, 'default = "first"\n' + text))
    assert chosen.default == "first" and chosen.society().regime.fine == 0
    assert chosen.society("second").regime.fine == 1


def test_an_unknown_variant_names_the_variants():
    scenario = load_society_scenario(EXAMPLE)
    with pytest.raises(InvalidParameter, match="baseline, exclusion") as caught:
        scenario.variant("nope")
    assert caught.value.parameter == "variant"


def test_to_dict_has_the_texts_and_the_variants():
    data = load_society_scenario(EXAMPLE).to_dict()
    assert data["name"] == "society-example" and data["default"] == "exclusion"
    assert (data["repetitions"], data["seed"]) == (4, 11)
    assert [v["name"] for v in data["variants"]] == ["baseline", "exclusion"]
    assert data["variants"][1]["description"].startswith("Collective security")
    assert data["sources"][0]["key"] == "Lipson1995" and data["sources"][0]["section"] == "The Study of Regimes"


@pytest.mark.parametrize("change,words", [
    (('title = "Mini"\n', ""), "missing required key 'title'"),
    (('title = "Mini"', 'title = "  "'), "title must be a non-empty string"),
    (('summary = "Two actors."', 'summary = "Two actors."\ntitel = "x"'), "did you mean 'title'"),
    (('summary = "Two actors."', 'summary = "Two actors."\ndefault = "nope"'), "default must name one of"),
])
def test_bad_top_level_keys_are_located(tmp_path, change, words):
    path = write(tmp_path, MINI.replace(*change))
    with pytest.raises(TomlError, match=words) as caught:
        load_society_scenario(path)
    assert caught.value.path == str(path)


def test_a_tournament_scenario_is_sent_to_regimelab_run(tmp_path):
    path = write(tmp_path, 'name = "t"\ntitle = "T"\nsummary = "S"\n\n[tournament]\nstrategies = ["tft", "alld"]\n')
    with pytest.raises(TomlError, match="regimelab run"):
        load_society_scenario(path)


def test_a_society_that_does_not_hold_together_is_refused_as_a_whole(tmp_path):
    path = write(tmp_path, MINI.replace('strategy = "Defector"\n', 'strategy = "Defector"\nbenefit = 2\ncost = 1\n'))
    with pytest.raises(TomlError, match=r"the society: benefit .*'A' has none and plays 'B'") as caught:
        load_society_scenario(path)
    assert caught.value.line == MINI.splitlines().index('strategy = "Defector"') + 2  # benefit = 2


def test_load_society_finds_a_built_in_scenario_by_name():
    scenario = load_society("cis-1992")
    assert scenario.name == "cis-1992" and Path(scenario.path).name == "cis-1992.toml"
    assert load_society(str(EXAMPLE)).name == "society-example"
