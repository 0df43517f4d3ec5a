"""The players built for declarative strategies (regimelab/declarative_players.py): each kind plays as its table
says, is classified as its table is, pickles, and plays in several processes.
"""

import pickle
import subprocess
import sys

import axelrod as axl
import pytest
from declared_examples import GRIM, TF2T, TFT, load

import regimelab as rl
from regimelab.match import RegimeMatch
from regimelab.strategy_registry import registrations_undone

C, D = axl.Action.C, axl.Action.D
NOISY = rl.Regime(turns=100, transparency=0.6, false_alarm=0.1, noise=0.05)


@pytest.fixture(autouse=True)
def restore_registry():
    """Strategies loaded by a test are forgotten after it."""
    with registrations_undone():
        yield


def interactions(first, second, turns=200, seed=5, regime=None):
    if regime is None:
        return axl.Match((first, second), turns=turns, seed=seed).play()
    play = RegimeMatch((first, second), regime, rl.Game(), seed=seed).play()
    return play.interaction()


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
