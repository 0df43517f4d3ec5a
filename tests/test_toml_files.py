"""Reading TOML strictly (regimelab/toml_files.py): errors that name the file, the line and the fix."""

import pickle

import pytest

from regimelab.toml_files import TomlDocument, TomlError, expect_type

TEXT = """\
name = "example"
turns = 20

[regime]
fine = 2
"quoted" = 1

[regimes.strict]
fine = 3
"""


def test_the_error_message_says_where():
    assert str(TomlError("a.toml", "bad", 3, 7)) == "a.toml:3:7: bad"
    assert str(TomlError("a.toml", "bad", 3)) == "a.toml:3: bad"
    assert str(TomlError("a.toml", "bad")) == "a.toml: bad"
    copy = pickle.loads(pickle.dumps(TomlError("a.toml", "bad", 3, 7)))
    assert (copy.path, copy.message, copy.line, copy.column) == ("a.toml", "bad", 3, 7)


def test_a_key_is_found_on_its_line_in_its_table():
    doc = TomlDocument("example.toml", text=TEXT)
    assert doc.data["regime"]["fine"] == 2
    assert doc.line_of("turns") == 2
    assert doc.line_of("fine", "regime") == 5 and doc.line_of("fine", "regimes.strict") == 9
    assert doc.line_of("quoted", "regime") == 6
    assert doc.line_of("strict", "regimes") == 8  # a [table.key] header
    assert doc.line_of(None, "regime") == 4
    assert doc.line_of("missing") is None and doc.line_of(None) is None


def test_an_unknown_key_suggests_the_closest_or_lists_the_valid_ones():
    doc = TomlDocument("example.toml", text=TEXT)
    with pytest.raises(TomlError, match="unknown key 'fien' in \\[regime\\]; did you mean 'fine'") as info:
        doc.check_keys({"fien": 1}, ("fine", "noise"), "[regime]", "regime")
    assert info.value.line is None  # "fien" is not in the text
    with pytest.raises(TomlError, match="valid keys: fine, noise") as info:
        doc.check_keys({"turns": 1}, ("fine", "noise"), "[top]")
    assert info.value.line == 2


def test_syntax_errors_and_missing_files_name_the_file(tmp_path):
    with pytest.raises(TomlError, match="TOML syntax error") as info:
        TomlDocument("broken.toml", text='name = "a"\nturns = = 3\n')
    assert info.value.path == "broken.toml" and info.value.line == 2 and info.value.column is not None
    with pytest.raises(TomlError, match="no such file"):
        TomlDocument(tmp_path / "missing.toml")


@pytest.mark.parametrize("value, kinds", [(True, (int, float)), ("3", (int,)), (float("inf"), (float,))])
def test_expect_type_refuses_bools_strings_and_infinities(value, kinds):
    doc = TomlDocument("example.toml", text=TEXT)
    with pytest.raises(TomlError, match="turns must be a number") as info:
        expect_type(doc, value, kinds, "turns", None, "a number")
    assert info.value.line == 2
    assert expect_type(doc, 3, (int,), "turns", None, "a number") == 3
