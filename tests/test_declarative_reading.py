"""Reading a declarative strategy file (regimelab/declarative_reading.py): every bad file is refused with its
file, line and a way to fix it.
"""


import pytest
from declared_examples import GRIM, TF2T, TFT, line_with, write

from regimelab.declarative import load_strategy_file
from regimelab.strategy_registry import registrations_undone
from regimelab.toml_files import TomlError


@pytest.fixture(autouse=True)
def restore_registry():
    """Strategies loaded by a test are forgotten after it."""
    with registrations_undone():
        yield


# -- Bad files: TomlError with the file, the line and a way out -------------------------


def expect_error(tmp_path, text, fragment, *messages):
    """Loading ``text`` fails at the first line holding ``fragment``, saying ``messages``."""
    path = write(tmp_path, text)
    with pytest.raises(TomlError) as caught:
        load_strategy_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line_with(text, fragment), str(error)
    for message in messages:
        assert message in error.message, str(error)
    assert str(error).startswith(f"{path}:{error.line}")
    return error


@pytest.mark.parametrize(
    ("base", "old", "new", "fragment", "messages"),
    [
        # unknown keys, with the closest valid one
        (TFT, "description =", "descripton =", "descripton", ["unknown key 'descripton'", "did you mean 'description'"]),
        (TFT, "[memory_one]", "[memroy_one]", "[memroy_one]", ["unknown key 'memroy_one'", "did you mean 'memory_one'"]),
        (TFT, "CC = ", "CCC = ", "CCC", ["unknown key 'CCC' in [memory_one]", "did you mean 'CC'"]),
        (GRIM, 'on_D = "punishing"\n\n', 'on_d = "punishing"\n\n', "on_d", ["unknown key 'on_d'", "did you mean 'on_D'"]),
        (TF2T, "default =", "defualt =", "defualt", ["did you mean 'default'"]),
        # wrong types
        (TFT, 'name = "Table Tit For Tat"', "name = 3", "name = 3", ["name must be a string"]),
        (TFT, 'CD = "D"', "CD = true", "CD = true", ['CD must be a move: "C", "D" or a probability']),
        (TFT, 'CD = "D"', 'CD = "defect"', "CD = ", ["got 'defect'"]),
        (GRIM, 'initial = "trusting"', "initial = 1", "initial", ["initial must be the name of a state"]),
        (TF2T, "memory = 2", 'memory = "2"', "memory", ["memory must be an integer from 1 to 4"]),
        (TF2T, 'first = ["C", "C"]', 'first = "C"', "first", ["first must be a list of 2 moves"]),
        (TFT, 'kind = "memory_one"', 'kind = "memory-one"', "kind", ["kind must be one of", "did you mean 'memory_one'"]),
        # probabilities outside [0, 1]
        (TFT, 'DD = "D"', "DD = 1.5", "DD = 1.5", ["DD = 1.5: a probability must be between 0 and 1"]),
        (GRIM, 'play = "D"', "play = -0.1", "play = -0.1", ["between 0 and 1"]),
        (TF2T, '"DD,DD" = "D"', '"DD,DD" = 2', '"DD,DD"', ["between 0 and 1"]),
        (TF2T, 'first = ["C", "C"]', 'first = ["C", 7]', "first", ["between 0 and 1"]),
        # unknown states
        (GRIM, 'initial = "trusting"', 'initial = "trustng"', "initial", ["'trustng' is not a state", "did you mean 'trusting'"]),
        (GRIM, 'on_D = "punishing"', 'on_D = "punsh"', 'on_D = "punsh"', ["on_D = 'punsh' is not a state", "states: trusting, punishing"]),
        # missing transitions and moves
        (GRIM, 'on_C = "punishing"\n', "", "[state_machine.states.punishing]", ["state 'punishing' needs on_C"]),
        (GRIM, 'play = "C"\n', "", "[state_machine.states.trusting]", ["state 'trusting' needs play"]),
        (TFT, 'DD = "D"\n', "", "[memory_one]", ["missing DD"]),
        # lookup patterns
        (TF2T, '"CD,CD" = "D"', '"CD" = "D"', '"CD" =', ["pattern 'CD' has 1 round(s), memory = 2 needs 2"]),
        (TF2T, '"CD,CD" = "D"', '"CD,CD,CD" = "D"', '"CD,CD,CD"', ["has 3 round(s)"]),
        (TF2T, '"CD,CD" = "D"', '"CX,CD" = "D"', '"CX,CD"', ["two letters C or D", "got 'CX'"]),
        (TF2T, '"CD,CD" = "D"', '"cd,cd" = "D"', '"cd,cd"', ["two letters C or D"]),
        (TF2T, '"DD,DD" = "D"', '"DD, CD" = "D"', '"DD, CD"', ["repeats 'DD,CD'"]),
        (TF2T, 'default = "C"\n', "", "[lookup]", ["12 pattern(s) have no move", "or set default"]),
        (TF2T, "memory = 2", "memory = 5", "memory", ["from 1 to 4, got 5"]),
        # the kind and its table
        (TFT, 'kind = "memory_one"', 'kind = "lookup"', "kind", ["kind = 'lookup' needs a [lookup] table"]),
        (TFT + '\n[lookup]\nmemory = 1\n', "", "", "[lookup]", ["[lookup] does not go with kind = 'memory_one'"]),
        # citation
        (TFT, 'kind = "memory_one"', 'citation = "Lipson p. 12"\nkind = "memory_one"', "citation",
         ["citation: unknown bibliography key 'Lipson p. 12'", "known keys: Lipson1995",
          'write it like "Lipson1995, The Concert of Europe"']),
        (TFT, 'kind = "memory_one"', 'citation = "Lipson1995, Chapter 9"\nkind = "memory_one"', "citation",
         ["Lipson1995 has no section 'Chapter 9'", "its sections: Introduction"]),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_a_helpful_message(tmp_path, base, old, new, fragment, messages):
    text = base.replace(old, new, 1) if old else base
    assert text != base or not old
    expect_error(tmp_path, text, fragment, *messages)


def test_a_missing_required_key_names_the_file(tmp_path):
    path = write(tmp_path, TFT.replace('kind = "memory_one"\n', ""))
    with pytest.raises(TomlError, match="missing 'kind'") as caught:
        load_strategy_file(path)
    assert caught.value.path == str(path)
