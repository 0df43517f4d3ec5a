"""Numbers too large (or too small) to mean anything: every numeric input has a documented range.

Issue 12 §1. Each option of each command, each scenario key and each strategy
parameter is refused outside its range (regimelab/limits.py) by the same check,
with a one-line error naming the option (or the file and line), exit status 2,
no traceback, nothing written, and at once: values such as 10**30 used to hang
or overflow.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import time
from pathlib import Path

import axelrod as axl
import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab import limits
from regimelab.errors import InvalidParameter
from regimelab.game import Game, check_stage_game
from regimelab.players import PROBABILITY_PARAMETERS, all_strategy_classes, make_player

HUGE = str(10**30)
FLOATS_OUT = ["1e308", "inf", "nan"]

#: Every numeric option of every command, with values out of its range.
#: (command and the arguments it needs, option, bad values)
OPTIONS = [
    *((command, option, values)
      for command in (["run"], ["compare", "--regime", "fine=1"], ["evolve", "-s", "tft", "-s", "alld"],
                      ["sweep", "--param", "fine=0,1"])
      for option, values in (
          ("-j/--jobs", ["-1", "1025", HUGE]),
          ("--seed", ["-1", str(2**32), HUGE]),
          ("--repetitions", ["0", str(10**6 + 1), HUGE]),
          ("--turns", ["0", str(10**7 + 1), HUGE]),
          ("--fine", ["-1", "1000001", *FLOATS_OUT]),
          ("--enforcement-cost", ["1e7", *FLOATS_OUT]),
          ("--transaction-cost", ["1e7", *FLOATS_OUT]),
          ("--transparency", ["1.5", "nan"]),
          ("--shadow", ["1", "nan", "inf"]),
          ("--payoffs", ["3,0,5,1e7", "3,0,5,1e308", "1e30,0,5,1"]),
      )),
    (["explain"], "-j/--jobs", ["-1", "1025", HUGE]),
    (["explain", "--simulate", "10"], "-j/--jobs", ["-1", HUGE]),
    (["explain"], "--seed", ["-1", str(2**32), HUGE]),
    (["explain"], "--simulate", ["1", str(10**6 + 1), HUGE]),
    (["explain"], "--turns", ["0", HUGE]),
    (["explain", "--shadow", "0.9"], "--fine", ["1e308", "1e7"]),
    (["explain"], "--payoffs", ["3,0,5,1e7"]),
    (["evolve", "-s", "tft", "-s", "alld"], "--population", ["1", str(10**6 + 1), HUGE]),
    (["evolve", "-s", "tft", "-s", "alld"], "--steps", ["0", str(10**6 + 1), HUGE]),
    (["evolve", "-s", "tft", "-s", "alld"], "--time", ["0", "1e7", *FLOATS_OUT]),
    (["society", "concert-multipolar"], "--repetitions", ["0", HUGE]),
    (["society", "concert-multipolar"], "--seed", ["-1", str(2**32)]),
    (["society", "concert-multipolar"], "--periods", ["0", str(10**7 + 1), HUGE]),
    (["society", "concert-multipolar"], "--exclusion-rounds", ["-1", HUGE]),
    (["society", "concert-multipolar"], "--shadow", ["1", "nan"]),
    (["society", "concert-multipolar"], "--participation", ["2", "nan"]),
    (["strategies"], "--fine", ["1e308"]),
]
CASES = [(command, option, value) for command, option, values in OPTIONS for value in values]


def flag(option: str) -> str:
    """The long flag of an option as the messages name it (``-j/--jobs`` -> ``--jobs``)."""
    return option.split("/")[-1]


def assert_refused(result, named: str) -> str:
    """Exit status 2, one line on standard error naming ``named``, nothing on standard output."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and named in lines[0], lines[0]
    assert "Traceback" not in result.output and result.stdout == ""
    return lines[0]


@pytest.mark.parametrize("command,option,value", CASES, ids=lambda v: v if isinstance(v, str) else None)
def test_a_number_out_of_range_is_refused_at_once_naming_the_option(cli, tmp_path, command, option, value):
    output = tmp_path / ("out.parquet" if command[0] == "sweep" else "out.json")
    write_option = [] if command[0] in ("explain", "society", "strategies") else ["--output", str(output)]
    started = time.monotonic()
    result = cli(*command, f"{flag(option)}={value}", "--no-progress" if command[0] not in
                 ("explain", "strategies") else "--format=table", *write_option)
    line = assert_refused(result, option)
    assert "must be" in line  # the range is stated
    assert time.monotonic() - started < 30  # refused before any work (the work would take hours)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["run"], ["compare"], ["evolve"], ["sweep", "--param", "fine=0,1"],
                                     ["explain"], ["society", "concert-multipolar"]])
def test_jobs_seed_and_repetitions_are_checked_alike_in_every_command(cli, command):
    """The same value gets the same refusal, word for word, whichever command it is given to."""
    for option, value in (("-j/--jobs", "1025"), ("--seed", "-1"), ("--repetitions", "0")):
        if (command[0] == "explain" and option == "--repetitions") or (command[0] == "society" and option == "-j/--jobs"):
            continue
        line = assert_refused(cli(*command, flag(option), value), option)
        assert line == assert_refused(cli("run", flag(option), value), option)


@pytest.mark.parametrize("spec", ["turns=1e30", "turns=inf", "turns=nan", "turns=10000001", "fine=1e308",
                                  "enforcement_cost=1e7", "shadow=nan", "transparency=inf"])
def test_compare_regime_values_are_checked_by_the_same_ranges(cli, spec):
    line = assert_refused(cli("compare", "-s", "tft", "-s", "alld", "--regime", spec), "--regime")
    assert "must be" in line


@pytest.mark.parametrize("param", ["turns=5,1e30", "turns=1:1e30:3", "fine=0,1e300", "T=4,1e30",
                                   "enforcement_cost=0,2e6", "turns=5,10000001"])
def test_sweep_values_out_of_range_are_refused_before_any_cell_runs(cli, tmp_path, param):
    out = tmp_path / "sweep.parquet"
    assert_refused(cli("sweep", "-s", "tft", "-s", "alld", "--param", param, "--output", str(out)), "--param")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("key, change, words", [
    ("base_regime", {"turns": 1e30}, "turns must be an integer from 1 to 10,000,000"),
    ("base_game", {"T": 1e300}, "payoffs"),
])
def test_plot_refuses_a_manifest_whose_numbers_are_out_of_range(cli, tmp_path, key, change, words):
    out = tmp_path / "s.parquet"
    assert cli("sweep", "-s", "tft", "-s", "alld", "-r", "2", "--turns", "5", "--param", "fine=0,1",
               "--output", str(out), "--no-progress").exit_code == 0
    manifest = Path(f"{out}.manifest.json")
    data = json.loads(manifest.read_text())
    data[key].update(change)
    manifest.write_text(json.dumps(data))
    line = assert_refused(cli("plot", str(out)), "SWEEP")
    assert words in line
    assert not out.with_suffix(".png").exists()


# -- the ranges in the library: one check, whatever asks ---------------------------------------


@pytest.mark.parametrize("values", [{"turns": 10**30}, {"turns": 10**7 + 1}, {"turns": 1e21}, {"fine": 1e308},
                                    {"fine": 1e6 + 1}, {"enforcement_cost": float("inf")},
                                    {"transaction_cost": 2e6}, {"shadow": float("nan")}])
def test_a_regime_refuses_values_out_of_range(values):
    with pytest.raises(InvalidParameter) as caught:
        rl.Regime(**values)
    assert caught.value.parameter == next(iter(values))


def test_the_largest_values_in_range_are_accepted_and_keep_the_arithmetic_finite():
    regime = rl.Regime(turns=limits.MAX_TURNS, fine=1e6, enforcement_cost=1e6, transaction_cost=1e6,
                       compensation=1, transparency=0.5, false_alarm=0.5)
    game = Game.from_sequence([1e6, -1e6, 1e6, -1e6])
    expected = regime.expected_game(game)  # G' is derived: beyond ±1e6, and finite
    assert all(abs(value) < 1e7 for value in expected.payoffs)
    total = max(abs(value) for value in expected.payoffs) * regime.turns
    assert total < 1e15  # a match's total, far from overflowing a float


@pytest.mark.parametrize("payoffs", [[1e6 + 1, 0, 5, 1], [3, 0, 5, -1e7], [3, 0, 1e308, 1]])
def test_a_stage_game_given_as_input_is_bounded(payoffs):
    with pytest.raises(InvalidParameter, match="each between -1,000,000 and 1,000,000"):
        Game.from_sequence(payoffs)
    with pytest.raises(InvalidParameter):
        check_stage_game(Game(*payoffs))
    with pytest.raises(InvalidParameter):  # the engines check it too
        rl.run_tournament(rl.make_players(["tft", "alld"]), rl.Regime(turns=5), Game(*payoffs), repetitions=1)


@pytest.mark.parametrize("check,bad", [
    (limits.check_seed, [-1, 2**32, 10**30, 1.0, True, "1"]),
    (limits.check_repetitions, [0, 10**6 + 1, 10**22, 2.0, True]),
    (limits.check_jobs, [-1, limits.MAX_JOBS + 1, 10**30, 1.5, True]),
])
def test_seed_repetitions_and_jobs_have_one_check(check, bad):
    for value in bad:
        with pytest.raises(InvalidParameter):
            check(value)


def test_a_society_refuses_counts_of_periods_and_repetitions_out_of_range():
    from regimelab.society.engine import run_society
    from regimelab.society.model import Actor, Society, SocietyOptions

    with pytest.raises(InvalidParameter, match="exclusion_rounds"):
        SocietyOptions(scope="collective_security", exclusion_rounds=10**30)
    with pytest.raises(InvalidParameter, match="joins"):
        Actor("A", joins=10**30)
    with pytest.raises(InvalidParameter, match="benefit"):
        Actor("A", benefit=1e300, cost=1)
    society = Society((Actor("A"), Actor("B", strategy="alld")), regime=rl.Regime(turns=3))
    for repetitions in (10**22, 0):
        with pytest.raises(InvalidParameter, match="repetitions"):
            run_society(society, repetitions=repetitions)
    with pytest.raises(InvalidParameter, match="at most 1,000 actors"):
        Society(tuple(Actor(f"A{k}") for k in range(limits.MAX_ACTORS + 1)))


# -- scenario files ---------------------------------------------------------------------------


TOURNAMENT_CHANGES = [
    ("turns = 20", "turns = 1000000000000000000000", "turns must be an integer from 1 to 10,000,000"),
    ("repetitions = 3", "repetitions = 10000000000000000000000", "repetitions must be an integer from 1 to"),
    ("repetitions = 3", "repetitions = 100000000000000000000000", "repetitions must be an integer from 1 to"),
    ("seed = 7", "seed = 4294967296", "seed must be an integer between 0 and 2**32 - 1"),
    ('{ strategy = "Defector", count = 2 }', '{ strategy = "Defector", count = 1000000000 }', "count must be"),
    ("fine = 2", "fine = 1e308", "fine must be a finite number >= 0 and at most 1,000,000"),
    ("payoffs = [3, -2, 6, 1]", "payoffs = [3, -2, 6, 1e7]", "each between -1,000,000 and 1,000,000"),
    ("params = [0.3]", "params = [1.5]", "a probability between 0 and 1 for Random's parameter 'p'"),
    ("params = [0.3]", "params = { p = -0.5 }", "a probability between 0 and 1"),
    ("params = [0.3]", "params = [1e300]", "within ±1,000,000"),
]


@pytest.mark.parametrize("old,new,message", TOURNAMENT_CHANGES)
def test_a_tournament_scenario_value_out_of_range_names_the_file_and_line(cli, tmp_path, old, new, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    started = time.monotonic()
    line = assert_refused(cli("run", str(path), "--no-progress"), str(path))
    assert message in line and f"{path}:" in line  # file:line
    assert time.monotonic() - started < 30


SOCIETY = """\
name = "tiny-society"
title = "A tiny society"
summary = "Two actors."

[society]
repetitions = 3
seed = 7
scope = "collective_security"
exclusion_rounds = 2

[regime]
turns = 10

[[actors]]
name = "A"
strategy = "Tit For Tat"
count = 2
benefit = 4
cost = 1

[[actors]]
name = "B"
strategy = "Random"
params = [0.5]
joins = 2
benefit = 4
cost = 1

[[actors]]
name = "C"
strategy = "Defector"
benefit = 4
cost = 1
"""

SOCIETY_CHANGES = [
    ("repetitions = 3", "repetitions = 10000000000000000000000", "repetitions must be an integer from 1 to"),
    ("seed = 7", "seed = -1", "seed must be an integer between 0 and 2**32 - 1"),
    ("count = 2", "count = 1000000000", "count must be an integer from 1 to 1,000"),
    ("exclusion_rounds = 2", "exclusion_rounds = 1000000000000000000000000000000", "exclusion_rounds must be"),
    ("turns = 10", "turns = 1000000000000000000000", "turns must be an integer from 1 to 10,000,000"),
    ("joins = 2", "joins = 100000000000", "joins must be a period from 1 to 10,000,000"),
    ("benefit = 4", "benefit = 1e300", "benefit must be a finite number between -1,000,000 and 1,000,000"),
    ("params = [0.5]", "params = [1.5]", "a probability between 0 and 1 for Random's parameter 'p'"),
]


@pytest.mark.parametrize("old,new,message", SOCIETY_CHANGES)
def test_a_society_scenario_value_out_of_range_names_the_file_and_line(cli, tmp_path, old, new, message):
    assert cli("society", str(write(tmp_path, SOCIETY, "good.toml")), "--no-progress").exit_code == 0
    path = write(tmp_path, SOCIETY.replace(old, new, 1))
    started = time.monotonic()
    line = assert_refused(cli("society", str(path), "--no-progress"), str(path))
    assert message in line and f"{path}:" in line
    assert time.monotonic() - started < 30


# -- strategies' parameters: checked whatever the strategy ----------------------------------------


def probability_parameters():
    """(strategy class, parameter) for every strategy's constructor parameter that is a probability."""
    found = []
    for cls in all_strategy_classes():
        for name, parameter in list(inspect.signature(cls.__init__).parameters.items())[1:]:
            if name in PROBABILITY_PARAMETERS and parameter.kind is parameter.POSITIONAL_OR_KEYWORD:
                found.append((cls, name))
    return found


@pytest.mark.parametrize("cls,name", probability_parameters(), ids=lambda v: getattr(v, "name", v))
def test_a_probability_parameter_out_of_0_1_is_refused_for_every_strategy(cls, name):
    for value in (1.5, -0.1, float("nan")):
        with pytest.raises(InvalidParameter) as caught:
            make_player(cls, kwargs={name: value})
        assert caught.value.parameter == "params" and cls.name in str(caught.value)


def test_the_probability_table_covers_axelrods_probability_parameters():
    """Every parameter axelrod documents as a probability is in the table (a new one would fail here)."""
    named = {name for cls, name in probability_parameters()}
    assert {"p", "q", "ep", "c_prob", "d_prob", "forget_probability", "start_coop_prob"} <= named
    assert len(probability_parameters()) >= 15


def numeric_parameters():
    """(strategy class, parameter, default) for every numeric constructor parameter with a default."""
    found = []
    for cls in all_strategy_classes():
        for name, parameter in list(inspect.signature(cls.__init__).parameters.items())[1:]:
            default = parameter.default
            if isinstance(default, (int, float)) and not isinstance(default, bool):
                found.append((cls, name, default))
    return found


@pytest.mark.parametrize("cls,name,default", numeric_parameters(), ids=lambda v: getattr(v, "name", None))
def test_every_numeric_strategy_parameter_is_bounded(cls, name, default):
    for value in (1e300, -1e300, float("inf"), -float("inf"), float("nan"), 10**400):
        if value == default:
            continue  # an infinite default (Go By Majority's memory_depth) may be given as itself
        with pytest.raises(InvalidParameter, match="params must be"):
            make_player(cls, kwargs={name: value})
    assert str(make_player(cls, kwargs={name: default}))  # the default itself is accepted


def test_random_with_a_valid_probability_still_plays_as_itself():
    assert str(make_player(axl.Random, [0.3])) == "Random: 0.3"
    with pytest.raises(InvalidParameter, match="parameters that Random accepts"):
        make_player(axl.Random, [0.3, 0.4])


@pytest.mark.parametrize("value", [True, "0.5", None, [0.5]])
def test_a_numeric_parameter_takes_a_number(value):
    with pytest.raises(InvalidParameter, match="a number for Random's parameter 'p'"):
        make_player(axl.Random, kwargs={"p": value})


def test_a_whole_number_parameter_refuses_a_fraction():
    with pytest.raises(InvalidParameter, match="a whole number for Grumpy's parameter 'grumpy_threshold'"):
        make_player(axl.Grumpy, kwargs={"grumpy_threshold": 2.5})


# -- empty names that used to mean a default -----------------------------------------------------


@pytest.mark.parametrize("command", [["run"], ["compare"], ["evolve"], ["sweep", "--param", "fine=0,1"],
                                     ["explain"], ["strategies"]])
def test_an_empty_strategies_dir_is_refused_not_read_as_the_current_folder(cli, tmp_path, monkeypatch, command):
    (tmp_path / "stray.toml").write_text("not a strategy")
    monkeypatch.chdir(tmp_path)
    line = assert_refused(cli(*command, "--strategies-dir", ""), "--strategies-dir")
    assert "empty" in line


@pytest.mark.parametrize("command", [["run", "anarchy"], ["evolve", "anarchy"], ["explain", "anarchy"],
                                     ["sweep", "anarchy", "--param", "fine=0,1"],
                                     ["society", "concert-multipolar"]])
def test_an_empty_variant_is_refused_not_read_as_the_default(cli, command):
    assert_refused(cli(*command, "--variant", ""), "--variant")


# -- the ranges are documented where the options are ----------------------------------------------


@pytest.mark.parametrize("command,texts", [
    ("run", ["1 to 10,000,000", "0 to 1,024", "1 to 1,000,000", "0 .. 2**32-1", "±1,000,000", "0 to 1,000,000"]),
    ("explain", ["2 to 1,000,000", "0 to 1,024", "0 .. 2**32-1", "1 to 10,000,000"]),
    ("evolve", ["2 to 1,000,000", "at most 1,000,000", "K from 1 to"]),
    ("society", ["1 to 10,000,000", "0 to 10,000,000", "1 to 1,000,000", "0 .. 2**32-1"]),
    ("sweep", ["0 to 1,024", "1 to 1,000,000"]),
    ("compare", ["0 to 1,024", "1 to 10,000,000"]),
])
def test_the_help_states_each_range(cli, command, texts):
    text = " ".join(cli(command, "--help").stdout.split())
    for expected in texts:
        assert expected in text, expected


def test_the_model_page_and_the_scenario_format_table_the_ranges():
    root = Path(__file__).resolve().parents[2]
    model = (root / "docs" / "model.md").read_text()
    scenarios = (root / "tournaments" / "README.md").read_text()
    assert "| `turns` | n | integer, 1 to 10,000,000 |" in model and "regimelab/limits.py" in model
    for key in ("`repetitions` | integer, 1 to 1,000,000", "`seed` | integer, 0 to 2**32 - 1",
                "`fine`, `enforcement_cost`, `transaction_cost` | 0 to 1,000,000"):
        assert key in scenarios


# -- real processes: what used to hang now ends at once ---------------------------------------------


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "regimelab"
    if not script.exists():
        pytest.skip("the regimelab console script is not installed beside the interpreter")
    return [str(script)]


@pytest.mark.parametrize("args", [
    ["run", "--turns", HUGE],
    ["run", "-r", HUGE],
    ["run", "-j", HUGE],
    ["explain", "--simulate", HUGE],
    ["explain", "--turns", HUGE],
    ["society", "concert-multipolar", "--periods", HUGE],
    ["society", "concert-multipolar", "--exclusion-rounds", HUGE],
    ["evolve", "--population", HUGE],
    ["compare", "--regime", "turns=1e30"],
])
def test_values_that_used_to_hang_end_at_once_in_a_real_process(args):
    completed = subprocess.run([*console_script(), *args], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2, completed.stderr
    assert completed.stdout == "" and len(completed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in completed.stderr


def test_a_huge_value_is_shown_shortly_in_the_message():
    error = InvalidParameter("turns", "an integer from 1 to 10,000,000", 10**5000)
    assert len(str(error)) < 120 and "digits" in str(error)
    assert len(str(InvalidParameter("x", "y", "a" * 500))) < 100
