"""Reading a declarative strategy file: validated key by key into a :class:`Definition`, strictly.

Every error is a :class:`TomlError` naming the file and the line (found by
:func:`key_line`) and, where it can, the closest valid word.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re

from .declarative_format import (
    CITATION_EXAMPLE,
    KINDS,
    LOOKUP_KEYS,
    MAX_LOOKUP_MEMORY,
    MAX_STATES,
    MEMORY_ONE_KEYS,
    MOVE,
    OUTCOMES,
    REQUIRED_KEYS,
    STATE_KEYS,
    STATE_MACHINE_KEYS,
    TOP_KEYS,
    Definition,
    LookupRule,
    MemoryOneRule,
    State,
    StateMachineRule,
    parse_citation,
)
from .strategy_registry import strategy_key
from .toml_files import TomlDocument, TomlError, expect_type


def read_definition(doc: TomlDocument) -> Definition:
    """Validate a parsed strategy file, strictly."""
    data = doc.data
    _check_keys(doc, data, TOP_KEYS, "a strategy file", "")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise TomlError(doc.path, f"missing {key!r}: a strategy file needs {', '.join(REQUIRED_KEYS)} "
                            "(see strategies/README.md)")
    name = expect_type(doc, data["name"], (str,), "name", "", "a string").strip()
    if not strategy_key(name):
        raise doc.error("name must contain letters or digits", "name", "")
    description = expect_type(doc, data["description"], (str,), "description", "", "a string").strip()
    if not description:
        raise doc.error("description must say in a sentence what the strategy does", "description", "")
    citation = expect_type(
        doc, data.get("citation", ""), (str,), "citation", "", f"a string such as {CITATION_EXAMPLE}"
    )
    if citation:
        try:
            parse_citation(citation)
        except ValueError as error:
            raise doc.error(f"citation: {error}; write it like {CITATION_EXAMPLE} "
                            "(several separated by semicolons)", "citation", "") from None
    kind = expect_type(doc, data["kind"], (str,), "kind", "", f"one of {', '.join(KINDS)}")
    if kind not in KINDS:
        raise doc.error(f"kind must be one of {', '.join(repr(k) for k in KINDS)}, got {kind!r}"
                        f"{_did_you_mean(kind, KINDS)}", "kind", "")
    others = [other for other in KINDS if other != kind and other in data]
    if kind not in data:
        has = f"; this file has [{others[0]}]: did you mean kind = {others[0]!r}?" if others else ""
        raise doc.error(f"kind = {kind!r} needs a [{kind}] table{has}", "kind", "")
    if others:
        raise TomlError(doc.path, f"[{others[0]}] does not go with kind = {kind!r}; remove it or change kind",
                        key_line(doc, others[0]))
    table = data[kind]
    if not isinstance(table, dict):
        raise TomlError(doc.path, f"{kind} must be a table: [{kind}]", key_line(doc, kind))
    rule = {"memory_one": _memory_one, "state_machine": _state_machine, "lookup": _lookup}[kind](doc, table)
    return Definition(name, description, citation, kind, rule, str(doc.path))


def _memory_one(doc: TomlDocument, table: dict) -> MemoryOneRule:
    _check_keys(doc, table, MEMORY_ONE_KEYS, "[memory_one]", "memory_one")
    missing = [outcome for outcome in OUTCOMES if outcome not in table]
    if missing:
        raise TomlError(doc.path, f"[memory_one] needs a move after each outcome CC, CD, DC, DD "
                        f"(own move first); missing {', '.join(missing)}", key_line(doc, "memory_one"))
    first = _move(doc, table.get("first", "C"), "first", "memory_one")
    return MemoryOneRule(first, tuple(_move(doc, table[o], o, "memory_one") for o in OUTCOMES))


def _state_machine(doc: TomlDocument, table: dict) -> StateMachineRule:
    where = "state_machine"
    _check_keys(doc, table, STATE_MACHINE_KEYS, "[state_machine]", where)
    for key in STATE_MACHINE_KEYS:
        if key not in table:
            raise TomlError(doc.path, f"[state_machine] needs {key!r}", key_line(doc, where))
    states = table["states"]
    if not isinstance(states, dict) or not states:
        raise TomlError(doc.path, "states must hold one table per state: [state_machine.states.NAME] "
                        "with play, on_C and on_D", key_line(doc, "states", where))
    if len(states) > MAX_STATES:
        raise TomlError(doc.path, f"a state machine has at most {MAX_STATES:,} states, this one {len(states):,}",
                        key_line(doc, "states", where))
    names = dict.fromkeys(states)  # ordered, and a name is found at once (checking stays linear)
    initial = expect_type(doc, table["initial"], (str,), "initial", where, "the name of a state")
    _check_state_name(doc, initial, names, "initial", where)
    parsed = []
    for name, body in states.items():
        here = f"{where}.states.{name}"
        if not isinstance(body, dict):
            raise TomlError(doc.path, f"state {name!r} must be a table with play, on_C and on_D",
                            key_line(doc, name, f"{where}.states"))
        _check_keys(doc, body, STATE_KEYS, f"state {name!r}", here)
        for key in STATE_KEYS:
            if key not in body:
                what = "its move" if key == "play" else f"where to go when the opponent is seen playing {key[-1]}"
                raise TomlError(doc.path, f"state {name!r} needs {key} ({what})",
                                key_line(doc, name, f"{where}.states"))
        for key in ("on_C", "on_D"):
            expect_type(doc, body[key], (str,), key, here, "the name of a state")
            _check_state_name(doc, body[key], names, key, here)
        parsed.append(State(name, _move(doc, body["play"], "play", here), body["on_C"], body["on_D"]))
    return StateMachineRule(initial, tuple(parsed))


def _check_state_name(doc, name: str, names: dict, key: str, table: str) -> None:
    """``name`` must be one of the states ``names`` (a dict for lookups in constant time)."""
    if name not in names:
        shown = ", ".join(itertools.islice(names, 12)) + (", ..." if len(names) > 12 else "")
        raise TomlError(doc.path, f"{key} = {name!r} is not a state; states: {shown}"
                        f"{_did_you_mean(name, names)}", key_line(doc, key, table))


def _lookup(doc: TomlDocument, table: dict) -> LookupRule:
    where = "lookup"
    _check_keys(doc, table, LOOKUP_KEYS, "[lookup]", where)
    if "memory" not in table:
        raise TomlError(doc.path, "[lookup] needs memory = k, the number of past rounds its patterns read",
                        key_line(doc, where))
    memory = expect_type(doc, table["memory"], (int,), "memory", where, f"an integer from 1 to {MAX_LOOKUP_MEMORY}")
    if not 1 <= memory <= MAX_LOOKUP_MEMORY:
        raise TomlError(doc.path, f"memory must be an integer from 1 to {MAX_LOOKUP_MEMORY}, got {memory}",
                        key_line(doc, "memory", where))
    first = table.get("first", ["C"] * memory)
    if not isinstance(first, list) or len(first) != memory:
        raise TomlError(doc.path, f"first must be a list of {memory} moves (one per opening round, "
                        f'e.g. {["C"] * memory}), got {first!r}', key_line(doc, "first", where))
    first = tuple(_move(doc, move, "first", where) for move in first)
    patterns = table.get("patterns", {})
    if not isinstance(patterns, dict):
        raise TomlError(doc.path, 'patterns must be a table: [lookup.patterns] with lines like "CD,DD" = "D"',
                        key_line(doc, "patterns", where))
    moves: dict[str, float] = {}
    for pattern, move in patterns.items():
        normal = _pattern(doc, pattern, memory)
        if normal in moves:
            raise TomlError(
                doc.path, f"pattern {pattern!r} repeats {normal!r}", key_line(doc, pattern, "lookup.patterns")
            )
        moves[normal] = _move(doc, move, pattern, "lookup.patterns")
    default = _move(doc, table["default"], "default", where) if "default" in table else None
    if default is None:
        missing = [p for p in _all_patterns(memory) if p not in moves]
        if missing:
            shown = ", ".join(repr(p) for p in missing[:4]) + (", ..." if len(missing) > 4 else "")
            raise TomlError(doc.path, f"{len(missing)} pattern(s) have no move ({shown}); "
                            "add them to [lookup.patterns] or set default", key_line(doc, where))
    return LookupRule(memory, first, default, tuple(sorted(moves.items())))


def _pattern(doc: TomlDocument, pattern: str, memory: int) -> str:
    rounds = [part.strip() for part in pattern.split(",")]
    example = ",".join(["CD", "DD", "CC", "DC"][:memory])
    if len(rounds) != memory:
        raise TomlError(doc.path, f"pattern {pattern!r} has {len(rounds)} round(s), memory = {memory} needs "
                        f"{memory} (e.g. {example!r}: oldest round first, each own move then the "
                        "opponent's seen move)", key_line(doc, pattern, "lookup.patterns"))
    for part in rounds:
        if not re.fullmatch(r"[CD]{2}", part):
            raise TomlError(doc.path, f"pattern {pattern!r}: each round is two letters C or D (own move, then "
                            f"the opponent's seen move), got {part!r}", key_line(doc, pattern, "lookup.patterns"))
    return ",".join(rounds)


def _all_patterns(memory: int) -> list[str]:
    return [",".join(rounds) for rounds in itertools.product(OUTCOMES, repeat=memory)]


def _move(doc: TomlDocument, value, key: str, table: str) -> float:
    """A move as a probability of complying: "C" is 1, "D" is 0."""
    if isinstance(value, str):
        if value in ("C", "D"):
            return 1.0 if value == "C" else 0.0
        raise TomlError(doc.path, f"{key} must be {MOVE}, got {value!r}", key_line(doc, key, table))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TomlError(doc.path, f"{key} must be {MOVE}, got {value!r}", key_line(doc, key, table))
    if not 0 <= value <= 1:
        raise TomlError(doc.path, f"{key} = {value!r}: a probability must be between 0 and 1",
                        key_line(doc, key, table))
    return float(value)


def _check_keys(doc: TomlDocument, mapping: dict, allowed, where: str, table: str) -> None:
    try:
        doc.check_keys(mapping, allowed, where, table)
    except TomlError as error:
        if error.line is not None:
            raise
        unknown = next(key for key in mapping if key not in allowed)  # e.g. a misspelt [table]
        raise TomlError(doc.path, error.message, key_line(doc, unknown, table)) from None


def key_line(doc: TomlDocument, key: str, table: str = "") -> int | None:
    """The line of ``key`` in ``table`` ("" is the top level) or of its ``[table.key]``
    header; failing that (dotted or inline keys), of the nearest enclosing table."""
    while True:
        line = doc.line_of(key, table) or doc.line_of(None, f"{table}.{key}" if table else key)
        if line is not None or not table:
            return line
        table, _, key = table.rpartition(".")


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""

