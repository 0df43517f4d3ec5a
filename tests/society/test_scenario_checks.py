"""The checks every table of a society scenario shares (regimelab/society/scenario_checks.py):
where a key stands, and whether a value is of the kind asked."""

from __future__ import annotations

import pytest

from regimelab.errors import InvalidParameter
from regimelab.society.scenario_checks import (
    Where,
    actor_names,
    array_of_tables,
    expect_table,
    expect_value,
    is_number,
)
from regimelab.toml_files import TomlDocument, TomlError

TEXT = """\
name = "x"

[society]
seed = 3
scope = "none"

[[edges]]
between = ["A", "B"]

[[edges]]
# the second edge
between = ["B", "C"]
"""
DOC = TomlDocument("scenario.toml", TEXT)


def test_a_key_is_found_in_its_table():
    assert Where(DOC, "society").line("scope") == 5
    assert Where(DOC, "society").line("missing") == 3  # the table's own line
    assert Where(DOC, "society").label == "[society]"


def test_a_key_is_found_in_its_entry_of_an_array_of_tables():
    first, second = Where(DOC, "edges", 0), Where(DOC, "edges", 1)
    assert (first.line("between"), second.line("between")) == (8, 12)
    assert second.line() == 10 and second.line("missing") == 10  # the entry's header
    assert second.label == "[[edges]]"


def test_an_error_names_the_file_the_line_and_the_message():
    error = Where(DOC, "society").error("seed must be small", "seed")
    assert isinstance(error, TomlError) and str(error) == "scenario.toml:4: seed must be small"


def test_unknown_keys_suggest_the_closest_or_list_the_valid_ones():
    where = Where(DOC, "society")
    with pytest.raises(TomlError, match=r"unknown key 'scop' in \[society\]; did you mean 'scope'\?"):
        where.check_keys({"scope": 1, "scop": 2}, ["scope", "seed"])
    with pytest.raises(TomlError, match="valid keys: scope, seed"):
        where.check_keys({"zzz": 1}, ["scope", "seed"])
    where.check_keys({"seed": 1}, ["scope", "seed"])  # nothing to refuse


def test_an_engine_error_is_located_at_its_parameter():
    error = Where(DOC, "society").invalid(InvalidParameter("scope", "one of none, collective_security", "x"))
    assert error.line == 5 and "[society]: scope must be one of none" in error.message


@pytest.mark.parametrize("value,number", [(1, True), (1.5, True), (True, False), ("1", False), (None, False)])
def test_is_number_excludes_bools(value, number):
    assert is_number(value) is number


@pytest.mark.parametrize("kind,value,ok", [
    ("int", 3, True), ("int", 3.0, False), ("int", True, False),
    ("number", 2.5, True), ("number", float("nan"), False), ("number", float("inf"), False), ("number", True, False),
    ("bool", False, True), ("bool", 0, False),
    ("str", "x", True), ("str", 3, False),
])
def test_expect_value_checks_the_kind(kind, value, ok):
    where = Where(DOC, "society")
    if ok:
        assert expect_value(where, {"seed": value}, "seed", kind, "something") is value
    else:
        with pytest.raises(TomlError, match=r"seed must be something, got .* \(in \[society\]\)") as caught:
            expect_value(where, {"seed": value}, "seed", kind, "something")
        assert caught.value.line == 4


def test_expect_value_gives_the_default_when_the_key_is_absent():
    assert expect_value(Where(DOC, "society"), {}, "seed", "int", "an integer", 7) == 7


def test_expect_table_and_array_of_tables():
    assert expect_table(Where(DOC, "society"), {"a": 1}, "a table") == {"a": 1}
    with pytest.raises(TomlError, match=r"\[society\] must be a table, got 3"):
        expect_table(Where(DOC, "society"), 3, "a table")
    assert array_of_tables(DOC, DOC.data, "edges", "tables") == DOC.data["edges"]
    assert array_of_tables(DOC, DOC.data, "payoffs", "tables") == []
    with pytest.raises(TomlError, match="name must be tables") as caught:
        array_of_tables(DOC, DOC.data, "name", "tables")
    assert caught.value.line == 1


def test_actor_names_are_a_list_of_known_names():
    where = Where(DOC, "edges", 0)
    assert actor_names(where, ["A", "B"], "between", 2, ["A", "B", "C"]) == ["A", "B"]
    assert actor_names(where, ["C"], "actors", None, ["A", "B", "C"]) == ["C"]
    with pytest.raises(TomlError, match="between must be a list of 2 actor names"):
        actor_names(where, ["A"], "between", 2, ["A", "B"])
    with pytest.raises(TomlError, match="between must be a list of 2 actor names"):
        actor_names(where, "AB", "between", 2, ["A", "B"])
    with pytest.raises(TomlError, match=r"between: 'Z' is not one of the actors \(A, B\)") as caught:
        actor_names(where, ["A", "Z"], "between", 2, ["A", "B"])
    assert caught.value.line == 8
