"""The declarative strategy format (regimelab/declarative_format.py): citations, and the plain data a file becomes."""

import pickle

import pytest
from declared_examples import GRIM, TF2T, TFT

from regimelab.declarative import read_definition
from regimelab.declarative_format import LookupRule, MemoryOneRule, State, StateMachineRule, parse_citation
from regimelab.toml_files import TomlDocument


def definition(text):
    return read_definition(TomlDocument("example.toml", text=text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lipson1995", [("Lipson1995", "", "")]),
        ("Lipson1995, The Concert of Europe", [("Lipson1995", "The Concert of Europe", "")]),
        ('Sun2007, Abstract; Istomin2021, "an inconsistent partner"',
         [("Sun2007", "Abstract", ""), ("Istomin2021", "", "an inconsistent partner")]),
    ],
)
def test_a_citation_is_bibliography_keys_with_a_section_or_a_quotation(text, expected):
    assert [tuple(citation) for citation in parse_citation(text)] == expected


@pytest.mark.parametrize("text", ["Lipson p. 12", "a.txt:3", "002_23e75709fca61684.txt:61", "Lipson1995, Chapter 9",
                                  "Lipson1995;", 'Sun2007, "', ""])
def test_a_malformed_citation_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_citation(text)


def test_each_kind_becomes_its_rule_with_moves_as_probabilities_of_complying():
    assert definition(TFT).rule == MemoryOneRule(first=1.0, after=(1.0, 0.0, 1.0, 0.0))
    assert definition(GRIM).rule == StateMachineRule(
        initial="trusting",
        states=(State("trusting", 1.0, "trusting", "punishing"), State("punishing", 0.0, "punishing", "punishing")),
    )
    assert definition(TF2T).rule == LookupRule(
        memory=2, first=(1.0, 1.0), default=1.0,
        patterns=(("CD,CD", 0.0), ("CD,DD", 0.0), ("DD,CD", 0.0), ("DD,DD", 0.0)),  # sorted
    )


def test_a_definition_is_hashable_and_picklable_data():
    tft = definition(TFT)
    assert (tft.name, tft.kind, tft.citation, tft.source) == ("Table Tit For Tat", "memory_one", "", "example.toml")
    copy = pickle.loads(pickle.dumps(tft))
    assert copy == tft and hash(copy) == hash(tft)
    assert definition(GRIM).citation == "Lipson1995, The Study of Regimes"
