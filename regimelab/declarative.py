"""Declarative strategies: a strategy written as a TOML table instead of Python.

A file gives a ``name``, a ``description``, an optional ``citation`` and a
``kind``, and the table of that kind:

- ``memory_one``: the probability of complying after each outcome of the last
  round (CC, CD, DC, DD: own move first, the opponent's seen move second) and
  on the first move;
- ``state_machine``: states that each play a move, with the next state after
  the opponent is seen complying (``on_C``) or defecting (``on_D``);
- ``lookup``: a move for each pattern of the last ``memory`` rounds, such as
  ``"CD,DD"`` (oldest round first), a default, and the first moves.

A move is ``"C"``, ``"D"`` or a probability of complying in [0, 1]. The format
is documented, with examples, in ``strategies/README.md``. Files are data:
they are parsed with ``tomllib`` and validated key by key (errors name the file
and the line), and nothing in them is ever executed.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from axelrod.action import Action
from axelrod.player import Player

from .strategy_registry import is_ours, register_strategy, strategy_index, strategy_key
from .toml_files import SpecError, TomlDocument, expect_type

C, D = Action.C, Action.D

KINDS = ("memory_one", "state_machine", "lookup")
TOP_KEYS = ("name", "description", "citation", "kind", *KINDS)
REQUIRED_KEYS = ("name", "description", "kind")
OUTCOMES = ("CC", "CD", "DC", "DD")  # own move, opponent's seen move
MEMORY_ONE_KEYS = ("first", *OUTCOMES)
STATE_MACHINE_KEYS = ("initial", "states")
STATE_KEYS = ("play", "on_C", "on_D")
LOOKUP_KEYS = ("memory", "first", "default", "patterns")
#: 4**4 = 256 patterns: more than anyone writes by hand.
MAX_LOOKUP_MEMORY = 4
MOVE = 'a move: "C", "D" or a probability of complying between 0 and 1'
CITATION_EXAMPLE = '"002_23e75709fca61684.txt:90-126"'
_CITATION = re.compile(r"^([^\s:,]+):(\d+)(?:-(\d+))?$")


# -- What a file declares ----------------------------------------------------


@dataclass(frozen=True)
class MemoryOneRule:
    """A ``[memory_one]`` table: P(C) on the first move, and after each last outcome CC, CD, DC, DD."""
    first: float
    after: tuple  # P(C) after CC, CD, DC, DD


@dataclass(frozen=True)
class State:
    """One state of a ``[state_machine]``: the P(C) it plays and the names of the next states.

    ``on_C`` and ``on_D``: where to go when the opponent is seen complying or defecting.
    """
    name: str
    play: float
    on_C: str
    on_D: str


@dataclass(frozen=True)
class StateMachineRule:
    """A ``[state_machine]`` table: the initial state's name and the states, in the file's order."""
    initial: str
    states: tuple  # of State


@dataclass(frozen=True)
class LookupRule:
    """A ``[lookup]`` table: moves for patterns of the last ``memory`` rounds, each move a P(C).

    ``first`` covers the opening ``memory`` moves; ``default`` the patterns not
    listed (None when they cover every case). Patterns are sorted.
    """
    memory: int
    first: tuple  # P(C) on each of the first `memory` moves
    default: float | None  # None when the patterns cover every case
    patterns: tuple  # of (pattern, P(C)), patterns normalised as "CD,DD"


@dataclass(frozen=True)
class Definition:
    """A validated strategy file: plain data, hashable and picklable."""

    name: str
    description: str
    citation: str
    kind: str
    rule: MemoryOneRule | StateMachineRule | LookupRule
    source: str


# -- Loading -------------------------------------------------------------------


def load_strategy_file(path) -> type:
    """The strategy declared in the TOML file ``path``, registered under its name.

    Raises :class:`SpecError` naming the file and line of the first problem.
    """
    document = TomlDocument(path)
    return _register(read_definition(document), document)


def load_strategy_text(text: str, source) -> type:
    """As :func:`load_strategy_file`, for a file's text (``source`` names it in errors)."""
    document = TomlDocument(source, text=text)
    return _register(read_definition(document), document)


def load_strategy_dir(path) -> list[type]:
    """Every ``*.toml`` strategy in the folder ``path`` (sorted by file name)."""
    folder = Path(path)
    if not folder.is_dir():
        raise SpecError(path, "no such folder")
    classes: list[type] = []
    used: dict[str, Path] = {}
    for file in sorted(folder.glob("*.toml")):
        document = TomlDocument(file)
        definition = read_definition(document)
        other = used.get(strategy_key(definition.name))
        if other is not None:
            raise SpecError(file, f"name {definition.name!r} is already used by {other.name}; "
                            "each strategy needs its own name", _locate(document, "name"))
        used[strategy_key(definition.name)] = file
        classes.append(_register(definition, document))
    return classes


def _register(definition: Definition, document: TomlDocument) -> type:
    """Register the strategy; a file may replace a file (reloading), not a Python strategy."""
    existing = strategy_index().get(strategy_key(definition.name))
    if existing is not None and not issubclass(existing, DeclaredStrategy):
        owner = "regimelab's" if is_ours(existing) else "axelrod's"
        raise SpecError(document.path, f"name {definition.name!r} is already {owner} strategy "
                        f"{existing.name!r}; choose another name", _locate(document, "name"))
    return register_strategy(build_strategy(definition))


def parse_citation(text: str) -> list[tuple[str, int, int]]:
    """``"FILE:LINE"`` or ``"FILE:START-END"``, several separated by commas, as
    (file, first line, last line) triples; ValueError if malformed."""
    citations = []
    for part in text.split(","):
        match = _CITATION.match(part.strip())
        if not match:
            raise ValueError(f"{part.strip()!r} is not FILE:LINE or FILE:START-END")
        first = int(match.group(2))
        last = int(match.group(3) or first)
        if not 1 <= first <= last:
            raise ValueError(f"{part.strip()!r}: lines must count from 1 and the range must not run backwards")
        citations.append((match.group(1), first, last))
    return citations


# -- Validation ----------------------------------------------------------------


def read_definition(doc: TomlDocument) -> Definition:
    """Validate a parsed strategy file, strictly."""
    data = doc.data
    _check_keys(doc, data, TOP_KEYS, "a strategy file", "")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise SpecError(doc.path, f"missing {key!r}: a strategy file needs {', '.join(REQUIRED_KEYS)} "
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
                            "(several separated by commas)", "citation", "") from None
    kind = expect_type(doc, data["kind"], (str,), "kind", "", f"one of {', '.join(KINDS)}")
    if kind not in KINDS:
        raise doc.error(f"kind must be one of {', '.join(repr(k) for k in KINDS)}, got {kind!r}"
                        f"{_did_you_mean(kind, KINDS)}", "kind", "")
    others = [other for other in KINDS if other != kind and other in data]
    if kind not in data:
        has = f"; this file has [{others[0]}]: did you mean kind = {others[0]!r}?" if others else ""
        raise doc.error(f"kind = {kind!r} needs a [{kind}] table{has}", "kind", "")
    if others:
        raise SpecError(doc.path, f"[{others[0]}] does not go with kind = {kind!r}; remove it or change kind",
                        _locate(doc, others[0]))
    table = data[kind]
    if not isinstance(table, dict):
        raise SpecError(doc.path, f"{kind} must be a table: [{kind}]", _locate(doc, kind))
    rule = {"memory_one": _memory_one, "state_machine": _state_machine, "lookup": _lookup}[kind](doc, table)
    return Definition(name, description, citation, kind, rule, str(doc.path))


def _memory_one(doc: TomlDocument, table: dict) -> MemoryOneRule:
    _check_keys(doc, table, MEMORY_ONE_KEYS, "[memory_one]", "memory_one")
    missing = [outcome for outcome in OUTCOMES if outcome not in table]
    if missing:
        raise SpecError(doc.path, f"[memory_one] needs a move after each outcome CC, CD, DC, DD "
                        f"(own move first); missing {', '.join(missing)}", _locate(doc, "memory_one"))
    first = _move(doc, table.get("first", "C"), "first", "memory_one")
    return MemoryOneRule(first, tuple(_move(doc, table[o], o, "memory_one") for o in OUTCOMES))


def _state_machine(doc: TomlDocument, table: dict) -> StateMachineRule:
    where = "state_machine"
    _check_keys(doc, table, STATE_MACHINE_KEYS, "[state_machine]", where)
    for key in STATE_MACHINE_KEYS:
        if key not in table:
            raise SpecError(doc.path, f"[state_machine] needs {key!r}", _locate(doc, where))
    states = table["states"]
    if not isinstance(states, dict) or not states:
        raise SpecError(doc.path, "states must hold one table per state: [state_machine.states.NAME] "
                        "with play, on_C and on_D", _locate(doc, "states", where))
    names = list(states)
    initial = expect_type(doc, table["initial"], (str,), "initial", where, "the name of a state")
    _check_state_name(doc, initial, names, "initial", where)
    parsed = []
    for name, body in states.items():
        here = f"{where}.states.{name}"
        if not isinstance(body, dict):
            raise SpecError(doc.path, f"state {name!r} must be a table with play, on_C and on_D",
                            _locate(doc, name, f"{where}.states"))
        _check_keys(doc, body, STATE_KEYS, f"state {name!r}", here)
        for key in STATE_KEYS:
            if key not in body:
                what = "its move" if key == "play" else f"where to go when the opponent is seen playing {key[-1]}"
                raise SpecError(doc.path, f"state {name!r} needs {key} ({what})", _locate(doc, name, f"{where}.states"))
        for key in ("on_C", "on_D"):
            expect_type(doc, body[key], (str,), key, here, "the name of a state")
            _check_state_name(doc, body[key], names, key, here)
        parsed.append(State(name, _move(doc, body["play"], "play", here), body["on_C"], body["on_D"]))
    return StateMachineRule(initial, tuple(parsed))


def _check_state_name(doc, name: str, names: list[str], key: str, table: str) -> None:
    if name not in names:
        raise SpecError(doc.path, f"{key} = {name!r} is not a state; states: {', '.join(names)}"
                        f"{_did_you_mean(name, names)}", _locate(doc, key, table))


def _lookup(doc: TomlDocument, table: dict) -> LookupRule:
    where = "lookup"
    _check_keys(doc, table, LOOKUP_KEYS, "[lookup]", where)
    if "memory" not in table:
        raise SpecError(doc.path, "[lookup] needs memory = k, the number of past rounds its patterns read",
                        _locate(doc, where))
    memory = expect_type(doc, table["memory"], (int,), "memory", where, f"an integer from 1 to {MAX_LOOKUP_MEMORY}")
    if not 1 <= memory <= MAX_LOOKUP_MEMORY:
        raise SpecError(doc.path, f"memory must be an integer from 1 to {MAX_LOOKUP_MEMORY}, got {memory}",
                        _locate(doc, "memory", where))
    first = table.get("first", ["C"] * memory)
    if not isinstance(first, list) or len(first) != memory:
        raise SpecError(doc.path, f"first must be a list of {memory} moves (one per opening round, "
                        f'e.g. {["C"] * memory}), got {first!r}', _locate(doc, "first", where))
    first = tuple(_move(doc, move, "first", where) for move in first)
    patterns = table.get("patterns", {})
    if not isinstance(patterns, dict):
        raise SpecError(doc.path, 'patterns must be a table: [lookup.patterns] with lines like "CD,DD" = "D"',
                        _locate(doc, "patterns", where))
    moves: dict[str, float] = {}
    for pattern, move in patterns.items():
        normal = _pattern(doc, pattern, memory)
        if normal in moves:
            raise SpecError(
                doc.path, f"pattern {pattern!r} repeats {normal!r}", _locate(doc, pattern, "lookup.patterns")
            )
        moves[normal] = _move(doc, move, pattern, "lookup.patterns")
    default = _move(doc, table["default"], "default", where) if "default" in table else None
    if default is None:
        missing = [p for p in _all_patterns(memory) if p not in moves]
        if missing:
            shown = ", ".join(repr(p) for p in missing[:4]) + (", ..." if len(missing) > 4 else "")
            raise SpecError(doc.path, f"{len(missing)} pattern(s) have no move ({shown}); "
                            "add them to [lookup.patterns] or set default", _locate(doc, where))
    return LookupRule(memory, first, default, tuple(sorted(moves.items())))


def _pattern(doc: TomlDocument, pattern: str, memory: int) -> str:
    rounds = [part.strip() for part in pattern.split(",")]
    example = ",".join(["CD", "DD", "CC", "DC"][:memory])
    if len(rounds) != memory:
        raise SpecError(doc.path, f"pattern {pattern!r} has {len(rounds)} round(s), memory = {memory} needs "
                        f"{memory} (e.g. {example!r}: oldest round first, each own move then the "
                        "opponent's seen move)", _locate(doc, pattern, "lookup.patterns"))
    for part in rounds:
        if not re.fullmatch(r"[CD]{2}", part):
            raise SpecError(doc.path, f"pattern {pattern!r}: each round is two letters C or D (own move, then "
                            f"the opponent's seen move), got {part!r}", _locate(doc, pattern, "lookup.patterns"))
    return ",".join(rounds)


def _all_patterns(memory: int) -> list[str]:
    return [",".join(rounds) for rounds in itertools.product(OUTCOMES, repeat=memory)]


def _move(doc: TomlDocument, value, key: str, table: str) -> float:
    """A move as a probability of complying: "C" is 1, "D" is 0."""
    if isinstance(value, str):
        if value in ("C", "D"):
            return 1.0 if value == "C" else 0.0
        raise SpecError(doc.path, f"{key} must be {MOVE}, got {value!r}", _locate(doc, key, table))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SpecError(doc.path, f"{key} must be {MOVE}, got {value!r}", _locate(doc, key, table))
    if not 0 <= value <= 1:
        raise SpecError(doc.path, f"{key} = {value!r}: a probability must be between 0 and 1",
                        _locate(doc, key, table))
    return float(value)


def _check_keys(doc: TomlDocument, mapping: dict, allowed, where: str, table: str) -> None:
    try:
        doc.check_keys(mapping, allowed, where, table)
    except SpecError as error:
        if error.line is not None:
            raise
        unknown = next(key for key in mapping if key not in allowed)  # e.g. a misspelt [table]
        raise SpecError(doc.path, error.message, _locate(doc, unknown, table)) from None


def _locate(doc: TomlDocument, key: str, table: str = "") -> int | None:
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


# -- The players -----------------------------------------------------------------


class DeclaredStrategy(Player):
    """Base of the strategies built from files; ``definition`` says what they do."""

    definition: Definition
    citation = ""
    source_file = ""
    classifier = {
        "memory_depth": float("inf"),
        "stochastic": False,
        "makes_use_of": set(),
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    def __reduce__(self):
        # The class is built at run time, so pickle (worker processes) cannot
        # find it by name: rebuild it from the definition instead.
        return (_restore_player, (self.definition, self.__dict__.copy()))

    def _choose(self, p: float) -> Action:
        if p >= 1 or p <= 0:  # no draw: deterministic players are never seeded
            return C if p >= 1 else D
        return self._random.random_choice(p)


class DeclaredMemoryOne(DeclaredStrategy):
    """A ``memory_one`` strategy: P(C) from the last round's own move and opponent's seen move."""
    def strategy(self, opponent: Player) -> Action:
        """Play ``first`` on the first move, then the P(C) for the last outcome (own, seen)."""
        rule = self.definition.rule
        if not self.history:
            return self._choose(rule.first)
        outcome = OUTCOMES.index(f"{self.history[-1]}{opponent.history[-1]}")
        return self._choose(rule.after[outcome])


class DeclaredStateMachine(DeclaredStrategy):
    """A ``state_machine`` strategy: plays its current state's move; ``state`` is its name."""
    states: dict  # name -> State, set by build_strategy

    def __init__(self) -> None:
        super().__init__()
        self.state = self.definition.rule.initial

    def strategy(self, opponent: Player) -> Action:
        """Move to the next state on the opponent's last seen move (not on the first move); play its move."""
        if self.history:
            current = self.states[self.state]
            self.state = current.on_C if opponent.history[-1] == C else current.on_D
        return self._choose(self.states[self.state].play)


class DeclaredLookup(DeclaredStrategy):
    """A ``lookup`` strategy: its move for the pattern of the last ``memory`` rounds, else the default."""
    patterns: dict  # "CD,DD" -> P(C), set by build_strategy

    def strategy(self, opponent: Player) -> Action:
        """Play ``first`` on the opening ``memory`` moves, then the pattern's move.

        The pattern is the last ``memory`` rounds, oldest first, each the own move
        then the opponent's seen move; a pattern not listed plays ``default``.
        """
        rule = self.definition.rule
        turn = len(self.history)
        if turn < rule.memory:
            return self._choose(rule.first[turn])
        pattern = ",".join(f"{own}{seen}" for own, seen in
                           zip(self.history[-rule.memory:], opponent.history[-rule.memory:]))
        return self._choose(self.patterns.get(pattern, rule.default))


_BASES = {"memory_one": DeclaredMemoryOne, "state_machine": DeclaredStateMachine, "lookup": DeclaredLookup}


@lru_cache(maxsize=None)
def build_strategy(definition: Definition) -> type:
    """The axelrod Player class for a definition (one class per definition)."""
    base = _BASES[definition.kind]
    probabilities = _probabilities(definition.rule)
    class_name = re.sub(r"\W", "", definition.name.title()) or "Declared"
    if not class_name[0].isalpha():
        class_name = f"Declared{class_name}"
    classifier = dict(DeclaredStrategy.classifier, makes_use_of=set())
    classifier["stochastic"] = any(0 < p < 1 for p in probabilities)
    classifier["memory_depth"] = _memory_depth(definition.rule)
    doc = f"{definition.description}\n\nDeclared in {definition.source} ({definition.kind})."
    if definition.citation:
        doc += f"\n\nSource: {definition.citation}"
    attributes = {
        "__doc__": doc,
        "__module__": __name__,
        "__qualname__": class_name,
        "name": definition.name,
        "citation": definition.citation,
        "source_file": definition.source,
        "definition": definition,
        "classifier": classifier,
    }
    if isinstance(definition.rule, StateMachineRule):
        attributes["states"] = {state.name: state for state in definition.rule.states}
    if isinstance(definition.rule, LookupRule):
        attributes["patterns"] = dict(definition.rule.patterns)
    return type(base)(class_name, (base,), attributes)


def _restore_player(definition: Definition, state: dict):
    cls = build_strategy(definition)
    player = cls.__new__(cls)
    player.__dict__.update(state)
    return player


def _probabilities(rule) -> list[float]:
    """Every P(C) the rule can play."""
    if isinstance(rule, MemoryOneRule):
        return [rule.first, *rule.after]
    if isinstance(rule, StateMachineRule):
        return [state.play for state in rule.states]
    return [*rule.first, *(p for _, p in rule.patterns), *([] if rule.default is None else [rule.default])]


def _memory_depth(rule) -> float:
    """How many past rounds the rule reads: 0 when every reply is the same."""
    if isinstance(rule, MemoryOneRule):
        return 0 if len(set(rule.after)) == 1 else 1
    if isinstance(rule, StateMachineRule):
        return 0 if len({state.play for state in rule.states}) == 1 else float("inf")
    replies = {p for _, p in rule.patterns} | ({rule.default} if rule.default is not None else set())
    return 0 if len(replies) == 1 else rule.memory
