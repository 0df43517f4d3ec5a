"""Loading declarative strategies (regimelab/declarative_loading.py): files, folders and names, and the errors
that name the file.
"""


import axelrod as axl
import pytest
from declared_examples import GRIM, TFT, line_with, load, write

import regimelab as rl
from regimelab import players as registry
from regimelab.declarative import load_strategy_dir, load_strategy_file
from regimelab.strategy_registry import registrations_undone
from regimelab.toml_files import TomlError


@pytest.fixture(autouse=True)
def restore_registry():
    """Strategies loaded by a test are forgotten after it."""
    with registrations_undone():
        yield


def test_a_loaded_file_is_registered_and_found_by_name_or_path(tmp_path):
    path = write(tmp_path, GRIM)
    cls = rl.find_strategy(str(path))
    assert cls.name == "Machine Grim" and cls.citation == "Lipson1995, The Study of Regimes"
    assert rl.find_strategy("machine grim") is cls
    assert registry.is_ours(cls)
    assert registry.describe(cls) == "Grim Trigger as a state machine."
    assert str(path) in cls.__doc__


def test_reloading_an_edited_file_replaces_the_strategy(tmp_path):
    old = load(tmp_path, TFT)
    new = load(tmp_path, TFT.replace('CD = "D"', "CD = 0.5"))
    assert old is not new and rl.find_strategy("Table Tit For Tat") is new


def test_a_folder_loads_every_toml_file(tmp_path):
    write(tmp_path, TFT, "a.toml")
    write(tmp_path, GRIM, "b.toml")
    write(tmp_path, "not a strategy", "notes.txt")
    assert [cls.name for cls in load_strategy_dir(tmp_path)] == ["Table Tit For Tat", "Machine Grim"]


def test_a_bad_file_in_a_folder_is_named(tmp_path):
    write(tmp_path, TFT, "a.toml")
    write(tmp_path, TFT.replace("DD = ", "DX = "), "b.toml")
    with pytest.raises(TomlError, match="unknown key 'DX'") as error:
        load_strategy_dir(tmp_path)
    assert error.value.path.endswith("b.toml") and error.value.line == line_with(TFT, "DD = ")


def test_two_files_in_a_folder_cannot_share_a_name(tmp_path):
    write(tmp_path, TFT, "a.toml")
    write(tmp_path, TFT, "b.toml")
    with pytest.raises(TomlError, match="already used by a.toml") as error:
        load_strategy_dir(tmp_path)
    assert error.value.path.endswith("b.toml") and error.value.line == 1


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(TomlError, match="no such folder"):
        load_strategy_dir(tmp_path / "nowhere")


@pytest.mark.parametrize(("name", "owner"), [("Tit For Tat", "axelrod's"), ("titfortat", "axelrod's"),
                                             ("Hedger", "regimelab's")])
def test_a_file_cannot_take_the_name_of_an_axelrod_or_python_strategy(tmp_path, name, owner):
    with pytest.raises(TomlError, match=f"already {owner} strategy") as error:
        load(tmp_path, TFT.replace("Table Tit For Tat", name))
    assert error.value.line == 1
    assert rl.find_strategy("Tit For Tat") is axl.TitForTat


@pytest.mark.parametrize(("broken", "line", "column"), [
    ('name = "Unclosed\n', 1, None),
    ('name = "A"\ndescription = "B"\nkind = memory_one\n', 3, 8),
    ('name = "A"\n[memory_one\nCC = 1\n', 2, None),
])
def test_a_toml_syntax_error_gives_file_line_and_column(tmp_path, broken, line, column):
    path = write(tmp_path, broken)
    with pytest.raises(TomlError, match="TOML syntax error") as caught:
        load_strategy_file(path)
    assert caught.value.path == str(path) and caught.value.line == line
    assert caught.value.column is not None
    if column is not None:
        assert caught.value.column == column


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(TomlError, match="no such file"):
        load_strategy_file(tmp_path / "missing.toml")
