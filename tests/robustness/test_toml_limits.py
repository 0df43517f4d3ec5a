"""TOML that breaks the parser, and strategies too large to check quickly (issue 12 §3).

Arrays or inline tables nested thousands deep used to end in a RecursionError
traceback; a state machine of 100,000 states took over a minute to check
(quadratic). Now every file that regimelab reads as TOML refuses deep nesting
with the usual one-line error naming the file, a state machine has at most
MAX_STATES states, and checking one is linear in its states.
"""

from __future__ import annotations

import time

import pytest
from tiny_scenario import GOOD, write

from regimelab.declarative import MAX_STATES, load_strategy_file, load_strategy_text, read_definition
from regimelab.scenario_files import is_society_scenario
from regimelab.toml_files import MAX_NESTING, TomlDocument, TomlError, nesting_depth, parse_toml

STRATEGY = """\
name = "Deep"
description = "A strategy file with something deep in it."
kind = "memory_one"

[memory_one]
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""

SOCIETY = """\
name = "deep-society"
title = "A society"
summary = "Two actors."

[[actors]]
name = "A"
strategy = "Tit For Tat"

[[actors]]
name = "B"
strategy = "Defector"
"""


def deep_array(depth: int) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


def deep_table(depth: int) -> str:
    return "x = " + "{a = " * depth + "1" + "}" * depth + "\n"


#: Nesting that breaks tomllib (its recursion), and nesting it parses but regimelab refuses.
DEEP = {
    "array of 100,000": deep_array(100_000),
    "inline table of 5,000": deep_table(5_000),
    "array of 150": deep_array(150),
    "inline table of 120": deep_table(120),
    # tomllib keeps every prefix of a dotted key: these would take gigabytes, not a recursion
    "dotted key of 100,000 parts": ".".join(["a"] * 100_000) + " = 1\n",
    "table name of 100,000 parts": "[" + ".".join(["a"] * 100_000) + "]\nx = 1\n",
    "quoted dotted key of 5,000 parts": ".".join(['"a b"'] * 5_000) + " = 1\n",
}


def assert_one_line_naming(result, path) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and str(path) in lines[0] and "Traceback" not in result.output
    assert result.stdout == ""
    return lines[0]


@pytest.mark.parametrize("deep", DEEP.values(), ids=DEEP.keys())
def test_a_tournament_scenario_nested_too_deep_is_one_line_naming_the_file(cli, tmp_path, deep):
    path = write(tmp_path, GOOD + deep)
    line = assert_one_line_naming(cli("run", str(path), "--no-progress"), path)
    assert "nested too deeply" in line


@pytest.mark.parametrize("deep", DEEP.values(), ids=DEEP.keys())
def test_a_society_scenario_nested_too_deep_is_one_line_naming_the_file(cli, tmp_path, deep):
    path = write(tmp_path, SOCIETY + deep)
    assert is_society_scenario(path) is False  # unreadable: the loader says why
    line = assert_one_line_naming(cli("society", str(path), "--no-progress"), path)
    assert "nested too deeply" in line


@pytest.mark.parametrize("deep", DEEP.values(), ids=DEEP.keys())
def test_a_strategy_file_nested_too_deep_is_one_line_naming_the_file(cli, tmp_path, deep):
    path = write(tmp_path, deep + STRATEGY, "deep.toml")
    line = assert_one_line_naming(cli("run", "-s", str(path), "-s", "tft", "--no-progress"), path)
    assert "nested too deeply" in line
    folder = tmp_path / "strategies"
    folder.mkdir()
    (folder / "deep.toml").write_text(deep + STRATEGY)
    line = assert_one_line_naming(cli("strategies", "--strategies-dir", str(folder)), folder / "deep.toml")
    assert "nested too deeply" in line


@pytest.mark.parametrize("where", ["[game]\npayoffs = ", "[tournament.extra]\nplayers = ", "[regimes.deep]\nfine = "])
def test_deep_nesting_inside_a_table_is_refused_too(cli, tmp_path, where):
    text = GOOD + "\n" + where + "[" * 300 + "]" * 300 + "\n"
    path = write(tmp_path, text)
    line = assert_one_line_naming(cli("run", str(path), "--no-progress"), path)
    assert "nested too deeply" in line or "TOML syntax error" in line


def test_nesting_up_to_the_limit_is_read_and_judged_by_the_usual_checks(tmp_path):
    """The limit is on nesting, not on what a file may hold: at the limit the file is read as usual."""
    data = parse_toml(deep_array(MAX_NESTING - 1), "ok.toml")
    assert nesting_depth(data) == MAX_NESTING
    with pytest.raises(TomlError, match="nested too deeply") as caught:
        parse_toml(deep_array(MAX_NESTING), "deep.toml")
    assert caught.value.path == "deep.toml"
    with pytest.raises(TomlError, match="^deep.toml: arrays or tables nested too deeply"):
        TomlDocument("deep.toml", text=deep_table(10_000))


def test_a_long_sentence_is_no_dotted_key():
    text = 'narrative = "' + "One. Two three. " * 5_000 + '"\nkey.with.dots = 1\n'
    assert parse_toml(text, "prose.toml")["key"] == {"with": {"dots": 1}}
    assert parse_toml(".".join(["a"] * (MAX_NESTING - 1)) + " = 1\n", "ok.toml")


def test_nesting_depth_counts_without_recursion():
    value: list = []
    for _ in range(50_000):
        value = [value]
    assert nesting_depth(value) == 50_001
    assert nesting_depth({"a": 1, "b": {"c": [1, 2]}}) == 3


# -- large state machines ------------------------------------------------------------------------


def state_machine(states: int, name: str = "Big") -> str:
    lines = [f'name = "{name} {states}"', 'description = "A long cycle of states."', 'kind = "state_machine"',
             "", "[state_machine]", 'initial = "s0"']
    for k in range(states):
        lines += [f"[state_machine.states.s{k}]", 'play = "C"' if k % 2 else 'play = "D"',
                  f'on_C = "s{(k + 1) % states}"', 'on_D = "s0"']
    return "\n".join(lines) + "\n"


def test_a_state_machine_above_the_cap_is_refused_quickly(cli, tmp_path):
    path = write(tmp_path, state_machine(2 * MAX_STATES), "big.toml")
    started = time.monotonic()
    result = cli("run", "-s", str(path), "-s", "tft", "--no-progress")
    elapsed = time.monotonic() - started
    line = assert_one_line_naming(result, path)
    assert f"at most {MAX_STATES:,} states" in line and "20,000" in line
    assert elapsed < 20  # used to take about a minute at 40,000 states, before the cap was even there


def test_a_state_machine_at_the_cap_loads():
    cls = load_strategy_text(state_machine(MAX_STATES), "cap.toml")
    assert len(cls.definition.rule.states) == MAX_STATES


def test_checking_five_thousand_states_takes_well_under_a_second_ish():
    document = TomlDocument("five.toml", text=state_machine(5_000))
    started = time.monotonic()
    definition = read_definition(document)
    assert time.monotonic() - started < 10  # about 0.05 s; was several seconds (quadratic)
    assert len(definition.rule.states) == 5_000


def _checking_time(states: int) -> float:
    document = TomlDocument("timed.toml", text=state_machine(states))
    best = float("inf")
    for _ in range(3):  # the least of three: the machine is shared and noisy
        started = time.perf_counter()
        read_definition(document)
        best = min(best, time.perf_counter() - started)
    return best


def test_checking_grows_linearly_with_the_states():
    """Four times the states takes about four times as long (quadratic checking took sixteen)."""
    small, large = _checking_time(2_000), _checking_time(8_000)
    assert large < 10 * small + 0.05, (small, large)


def test_a_bad_state_name_in_a_large_machine_lists_a_few_states_on_one_line(tmp_path):
    path = write(tmp_path, state_machine(3_000).replace('on_C = "s7"', 'on_C = "nowhere"'), "bad.toml")
    with pytest.raises(TomlError) as caught:
        load_strategy_file(path)
    message = str(caught.value)
    assert "'nowhere' is not a state" in message and "..." in message and len(message) < 400
    assert caught.value.line is not None
