"""Declarative strategies (TOML): each kind plays as its table says, and every
bad file is refused with its file, line and a way to fix it."""

import ast
import pickle
import subprocess
import sys
from pathlib import Path

import axelrod as axl
import pytest

import regimelab as rl
import regimelab.declarative as declarative
from regimelab import players as registry
from regimelab.declarative import load_strategy_dir, load_strategy_file
from regimelab.match import RegimeMatch
from regimelab.strategy_registry import registrations_undone
from regimelab.toml_files import TomlError

C, D = axl.Action.C, axl.Action.D
NOISY = rl.Regime(turns=100, transparency=0.6, false_alarm=0.1, noise=0.05)

TFT = """\
name = "Table Tit For Tat"
description = "Tit For Tat as a memory-one table."
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""

GRIM = """\
name = "Machine Grim"
description = "Grim Trigger as a state machine."
citation = "002_23e75709fca61684.txt:61"
kind = "state_machine"

[state_machine]
initial = "trusting"

[state_machine.states.trusting]
play = "C"
on_C = "trusting"
on_D = "punishing"

[state_machine.states.punishing]
play = "D"
on_C = "punishing"
on_D = "punishing"
"""

TF2T = """\
name = "Lookup Tit For Two Tats"
description = "Defects only after two signalled defections in a row."
kind = "lookup"

[lookup]
memory = 2
first = ["C", "C"]
default = "C"

[lookup.patterns]
"CD,CD" = "D"
"CD,DD" = "D"
"DD,CD" = "D"
"DD,DD" = "D"
"""


@pytest.fixture(autouse=True)
def restore_registry():
    """Strategies loaded by a test are forgotten after it."""
    with registrations_undone():
        yield


def write(tmp_path: Path, text: str, name: str = "strategy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "strategy.toml") -> type:
    return load_strategy_file(write(tmp_path, text, name))


def line_with(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def interactions(first, second, turns=200, seed=5, regime=None):
    if regime is None:
        return axl.Match((first, second), turns=turns, seed=seed).play()
    play = RegimeMatch((first, second), regime, rl.Game(), seed=seed).play()
    return play.interaction()


# -- Each kind plays as its table says --------------------------------------------

OPPONENTS = [axl.Random, axl.Alternator, axl.Prober, axl.SuspiciousTitForTat, axl.WinStayLoseShift]


@pytest.mark.parametrize("opponent", OPPONENTS, ids=lambda cls: cls.name)
@pytest.mark.parametrize("regime", [None, NOISY], ids=["axelrod", "noisy regime"])
def test_a_memory_one_table_equal_to_tit_for_tat_plays_exactly_like_it(tmp_path, opponent, regime):
    declared = load(tmp_path, TFT)
    assert interactions(declared(), opponent(), regime=regime) == interactions(axl.TitForTat(), opponent(), regime=regime)


@pytest.mark.parametrize("opponent", OPPONENTS, ids=lambda cls: cls.name)
@pytest.mark.parametrize("regime", [None, NOISY], ids=["axelrod", "noisy regime"])
def test_a_state_machine_equal_to_grim_plays_exactly_like_grudger(tmp_path, opponent, regime):
    declared = load(tmp_path, GRIM)
    assert interactions(declared(), opponent(), regime=regime) == interactions(axl.Grudger(), opponent(), regime=regime)


@pytest.mark.parametrize("opponent", OPPONENTS, ids=lambda cls: cls.name)
def test_a_lookup_table_equal_to_tit_for_two_tats_plays_exactly_like_it(tmp_path, opponent):
    declared = load(tmp_path, TF2T)
    assert interactions(declared(), opponent(), regime=NOISY) == interactions(axl.TitFor2Tats(), opponent(), regime=NOISY)


def test_win_stay_lose_shift_as_a_memory_one_table(tmp_path):
    text = TFT.replace("Table Tit For Tat", "Table WSLS").replace('CD = "D"', 'CD = 0').replace(
        'DC = "C"', 'DC = "D"').replace('DD = "D"', 'DD = 1')
    declared = load(tmp_path, text)
    assert interactions(declared(), axl.Random()) == interactions(axl.WinStayLoseShift(), axl.Random())


def test_lookup_plays_its_first_moves_then_reads_the_last_rounds_oldest_first(tmp_path):
    text = """\
name = "Opening Test"
description = "Opens D then C; then defects only after 'both complied, then the other defected'."
kind = "lookup"

[lookup]
memory = 2
first = ["D", "C"]
default = "C"

[lookup.patterns]
"CC,CD" = "D"
"""
    declared = load(tmp_path, text)
    seen = [C, C, D, D, C, C] * 2
    mine = "".join(str(own) for own, _ in interactions(declared(), axl.MockPlayer(seen[:6]), turns=12))
    expected = ["D", "C"]
    for turn in range(2, 12):
        pattern = ",".join(f"{expected[t]}{seen[t]}" for t in (turn - 2, turn - 1))
        expected.append("D" if pattern == "CC,CD" else "C")
    assert mine == "".join(expected)
    assert "D" in mine[2:]  # the pattern does occur


def test_a_state_machine_with_a_mixed_state_is_stochastic_and_reproducible(tmp_path):
    text = GRIM.replace("Machine Grim", "Forgiving Machine").replace(
        '[state_machine.states.punishing]\nplay = "D"\non_C = "punishing"',
        '[state_machine.states.punishing]\nplay = 0.2\non_C = "trusting"')
    declared = load(tmp_path, text)
    assert axl.Classifiers["stochastic"](declared())
    first = interactions(declared(), axl.Random(), regime=NOISY, seed=3)
    assert first == interactions(declared(), axl.Random(), regime=NOISY, seed=3)
    assert first != interactions(declared(), axl.Random(), regime=NOISY, seed=4)


def test_the_shipped_stochastic_tables_are_reproducible_for_a_seed():
    for name in ("Concert Diplomat", "Cautious Ally"):
        cls = rl.find_strategy(name)
        runs = [interactions(cls(), axl.Random(), regime=NOISY, seed=seed) for seed in (8, 8, 9)]
        assert runs[0] == runs[1] != runs[2]


@pytest.mark.parametrize(
    ("text", "stochastic", "memory_depth"),
    [
        (TFT, False, 1),
        (TFT.replace('CD = "D"', "CD = 0.3"), True, 1),
        (TFT.replace('CD = "D"', 'CD = "C"').replace('DD = "D"', "DD = 1"), False, 0),  # always complies
        (GRIM, False, float("inf")),
        (TF2T, False, 2),
        (TF2T.replace('first = ["C", "C"]', 'first = [0.5, "C"]'), True, 2),
    ],
)
def test_the_classifier_follows_the_table(tmp_path, text, stochastic, memory_depth):
    player = load(tmp_path, text)()
    assert axl.Classifiers["stochastic"](player) is stochastic
    assert axl.Classifiers["memory_depth"](player) == memory_depth
    assert axl.Classifiers["makes_use_of"](player) == set()
    assert not any(axl.Classifiers[key](player) for key in ("inspects_source", "manipulates_source", "manipulates_state"))


# -- Loading, names, registration --------------------------------------------------


def test_a_loaded_file_is_registered_and_found_by_name_or_path(tmp_path):
    path = write(tmp_path, GRIM)
    cls = rl.find_strategy(str(path))
    assert cls.name == "Machine Grim" and cls.citation == "002_23e75709fca61684.txt:61"
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


def test_a_declared_player_survives_pickling_into_a_fresh_interpreter(tmp_path):
    player = load(tmp_path, TF2T)()
    player.history.append(C, D)
    data = pickle.dumps(player)
    assert pickle.loads(data) == player
    script = ("import pickle, sys; p = pickle.loads(sys.stdin.buffer.read()); "
              "print(p.name, len(p.history), type(p).__name__)")
    out = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True)
    assert out.stdout.decode().strip() == "Lookup Tit For Two Tats 1 LookupTitForTwoTats"


def test_a_tournament_with_declared_players_runs_in_several_processes(tmp_path):
    players = [load(tmp_path, TFT, "a.toml")(), load(tmp_path, GRIM, "b.toml")(), axl.Random(), axl.Defector()]
    serial = rl.run_tournament(players, NOISY, repetitions=2, seed=4)
    parallel = rl.run_tournament(players, NOISY, repetitions=2, seed=4, jobs=2)
    assert serial.records.equals(parallel.records)


def test_files_are_data_never_code():
    # every module of the declarative format (the facade and the modules it re-exports)
    for path in sorted(Path(declarative.__file__).parent.glob("declarative*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not called & {"eval", "exec", "compile", "__import__"}, path.name
        assert "importlib" not in imported, path.name


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
         ["citation:", 'write it like "002_23e75709fca61684.txt:90-126"']),
        (TFT, 'kind = "memory_one"', 'citation = "002_23e75709fca61684.txt:126-90"\nkind = "memory_one"', "citation",
         ["range must not run backwards"]),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_a_helpful_message(tmp_path, base, old, new, fragment, messages):
    text = base.replace(old, new, 1) if old else base
    assert text != base or not old
    expect_error(tmp_path, text, fragment, *messages)


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


def test_a_missing_required_key_names_the_file(tmp_path):
    path = write(tmp_path, TFT.replace('kind = "memory_one"\n', ""))
    with pytest.raises(TomlError, match="missing 'kind'") as caught:
        load_strategy_file(path)
    assert caught.value.path == str(path)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(TomlError, match="no such file"):
        load_strategy_file(tmp_path / "missing.toml")
