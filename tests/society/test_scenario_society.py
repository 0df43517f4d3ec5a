"""``[society]`` and ``[[edges]]`` of a society scenario (regimelab/society/scenario_society.py):
repetitions and seed, the options, and who plays whom."""

from __future__ import annotations

import pytest

from regimelab.society import SocietyOptions
from regimelab.society.scenario_checks import Where
from regimelab.society.scenario_society import (
    DEFAULT_REPETITIONS,
    DEFAULT_SEED,
    read_edges,
    read_graph,
    read_options,
    read_society_table,
)
from regimelab.toml_files import TomlDocument, TomlError

NAMES = ["A", "B", "C"]


def society_table(text: str):
    doc = TomlDocument("society.toml", text)
    return read_society_table(doc, doc.data)


def graph(text: str):
    doc = TomlDocument("society.toml", text)
    return read_graph(doc, doc.data.get("society", {}), doc.data, NAMES)


def test_an_absent_society_table_gives_the_defaults():
    table, repetitions, seed, options = society_table('name = "x"\n')
    assert table == {} and (repetitions, seed) == (DEFAULT_REPETITIONS, DEFAULT_SEED) == (10, 1)
    assert options == SocietyOptions()


def test_the_society_table_gives_the_run_and_the_options():
    table, repetitions, seed, options = society_table(
        '[society]\nrepetitions = 4\nseed = 0\nscope = "defensive_alliance"\nexclusion_rounds = 2\n'
        "participation = 0.5\nenforcement_cost = 1\noutsider_transparency = 0.25\n")
    assert (repetitions, seed) == (4, 0) and table["scope"] == "defensive_alliance"
    assert options == SocietyOptions("defensive_alliance", 2, 0.5, 1.0, 0.25)


@pytest.mark.parametrize("line,key", [
    ("repetitions = 0", "repetitions"), ('repetitions = "4"', "repetitions"), ("seed = -1", "seed"),
    ("seed = 4294967296", "seed"), ('scope = "all"', "scope"), ("scope = 3", "scope"),
    ("exclusion_rounds = 1.5", "exclusion_rounds"), ("participation = true", "participation"),
    ("participation = 2", "participation"), ("scopes = 1", "scopes"),
])
def test_bad_society_keys_are_located(line, key):
    with pytest.raises(TomlError) as caught:
        society_table(f'name = "x"\n\n[society]\n{line}\n')
    assert key in caught.value.message and caught.value.line == 4


def test_read_options_lays_the_table_over_a_base():
    doc = TomlDocument("society.toml", "[x]\nparticipation = 0.2\n")
    base = SocietyOptions("collective_security", 3)
    options = read_options(Where(doc, "x"), doc.data["x"], base)
    assert options == SocietyOptions("collective_security", 3, participation=0.2)


def test_the_graph_is_complete_unless_edges_or_a_hub_are_given():
    assert graph('name = "x"\n') == ("complete", None, [])
    assert graph('[society]\ngraph = "hub"\nhub = "B"\n') == ("hub", "B", [])
    assert graph('[[edges]]\nbetween = ["A", "B"]\n\n[[edges]]\nbetween = ["C", "B"]\n') == (
        "edges", None, [("A", "B"), ("C", "B")])


@pytest.mark.parametrize("text,words", [
    ('[society]\ngraph = "ring"\n', "graph must be one of complete, hub, edges"),
    ('[society]\ngraph = "hub"\n', 'needs hub = "NAME"'),
    ('[society]\ngraph = "hub"\nhub = "Z"\n', "hub: 'Z' is not one of the actors"),
    ('[society]\nhub = "A"\n', 'hub is only for graph = "hub"'),
    ('[society]\ngraph = "complete"\n\n[[edges]]\nbetween = ["A", "B"]\n', 'graph must be "edges"'),
])
def test_bad_graphs_are_refused(text, words):
    with pytest.raises(TomlError, match=words):
        graph(text)


@pytest.mark.parametrize("text,line,words", [
    ('[[edges]]\nbetween = ["A", "B"]\n\n[[edges]]\nbetween = ["B", "A"]\n', 5, "already form [[edges]] #1"),
    ('[[edges]]\nbetween = ["A", "A"]\n', 2, "two different actors"),
    ('[[edges]]\nwith = ["A", "B"]\n', 2, "unknown key 'with'"),
    ('[[edges]]\n', 1, 'needs between = ["A", "B"]'),
    ('[[edges]]\nbetween = ["A", "Q"]\n', 2, "'Q' is not one of the actors"),
])
def test_bad_edges_are_located(text, line, words):
    doc = TomlDocument("society.toml", text)
    with pytest.raises(TomlError) as caught:
        read_edges(doc, doc.data["edges"], NAMES)
    assert words in caught.value.message and caught.value.line == line
