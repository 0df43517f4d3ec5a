"""``[[actors]]`` of a society scenario (regimelab/society/scenario_actors.py): each actor, its
copies (``count``), and the strategy it plays (a name with params, or a strategy file beside it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regimelab.society import load_society_scenario
from regimelab.society.scenario_actors import read_actors, read_strategy
from regimelab.society.scenario_checks import Where
from regimelab.toml_files import TomlDocument, TomlError

STRATEGIES = Path(__file__).resolve().parents[2] / "strategies"


def test_count_expands_an_actor_and_variants_address_copies_by_name(tmp_path):
    path = tmp_path / "count.toml"
    path.write_text("""
name = "count"
title = "Counted"
summary = "Nine members."

[society]
scope = "collective_security"

[[actors]]
name = "Member"
strategy = "Tit For Tat"
count = 9

[[actors]]
name = "Rebel"
strategy = "Defector"
member = false

[regimes.baseline]

[regimes.split]
[regimes.split.actors."Member 9"]
leaves = 50
strategy = "Random"
params = [0.4]
""")
    scenario = load_society_scenario(path)
    base, split = scenario.society("baseline"), scenario.society("split")
    assert base.names == [f"Member {k}" for k in range(1, 10)] + ["Rebel"]
    assert len(base.edge_indices()) == 45
    changed = split.actors[split.index("Member 9")]
    assert changed.leaves == 50 and changed.strategy.name == "Random: 0.4"
    assert scenario.default == "split"


def actors(text: str, path: str = "society.toml"):
    doc = TomlDocument(path, text)
    return read_actors(doc, doc.data["actors"])


def test_actors_keep_their_keys():
    read = actors("""
[[actors]]
name = "Patron"
strategy = "Random"
params = { p = 0.2 }
benefit = 4
cost = 1.5

[[actors]]
name = "Late"
strategy = "tft"
joins = 3
leaves = 9

[[actors]]
name = "Raider"
strategy = "Defector"
member = false
""")
    assert [a.name for a in read] == ["Patron", "Late", "Raider"]
    assert read[0].strategy_name == "Random: 0.2" and (read[0].benefit, read[0].cost) == (4.0, 1.5)
    assert (read[1].joins, read[1].leaves) == (3, 9) and read[1].member
    assert not read[2].member and read[2].joins is None


@pytest.mark.parametrize("text,line,words", [
    ('[[actors]]\nname = "A"\nstrategy = "tft"\n', None, "at least two actors"),  # the whole table: no line
    ('[[actors]]\nname = "A"\nstrategy = "tft"\n\n[[actors]]\nstrategy = "tft"\n', 5, "#2 needs name"),
    ('[[actors]]\nname = "A"\nstrategy = "tft"\ncount = 2\n\n[[actors]]\nname = "A 1"\nstrategy = "tft"\n', 7,
     "'A 1' is already used by [[actors]] #1"),
    ('[[actors]]\nname = "A"\nstrategy = "tft"\ncount = 0\n', 4, "count must be"),
    ('[[actors]]\nname = "A"\nstrategy = "tft"\nmember = "no"\n', 4, "member must be true or false"),
    ('[[actors]]\nname = "A"\nstrategy = "tft"\nstrenght = 1\n', 4, "unknown key 'strenght'"),
    ('[[actors]]\nname = "A"\nstrategy = "Tit For Tatt"\n', 3, "did you mean"),
    ('[[actors]]\nname = "A"\nstrategy = "tft"\n\n[[actors]]\nname = "B"\nstrategy = "tft"\njoins = 0\n', 8,
     "joins"),
])
def test_bad_actors_are_located(text, line, words):
    with pytest.raises(TomlError) as caught:
        actors(text)
    assert words in caught.value.message
    assert line is None or caught.value.line == line


def test_actors_must_be_tables():
    doc = TomlDocument("society.toml", 'actors = ["A", "B"]\n')
    with pytest.raises(TomlError, match=r"actors must be one or more \[\[actors\]\] tables") as caught:
        read_actors(doc, doc.data["actors"])
    assert caught.value.line == 1


def test_a_strategy_file_is_found_beside_the_scenario():
    place = Where(TomlDocument(STRATEGIES / "society.toml", "x = 1\n"), "actors", 0)
    choice = read_strategy(place, "cautious_ally.toml", None, STRATEGIES)
    assert choice.name == "Cautious Ally"


@pytest.mark.parametrize("value,params,words", [
    ("", None, "strategy must be a strategy name"),
    (3, None, "strategy must be a strategy name"),
    ("Random", "0.2", "params must be a list"),
    ("Random", [0.2, 3, 4], "params"),
    ("missing.toml", None, "strategy 'missing.toml'"),
])
def test_bad_strategies_are_refused_naming_the_key(value, params, words):
    place = Where(TomlDocument("society.toml", "x = 1\n"), "actors", 0)
    with pytest.raises(TomlError, match=words):
        read_strategy(place, value, params, Path("."))
