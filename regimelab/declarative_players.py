"""The players of declarative strategies: one axelrod ``Player`` class built per :class:`Definition`."""

from __future__ import annotations

import re
from functools import lru_cache

from axelrod.action import Action
from axelrod.player import Player

from .declarative_format import OUTCOMES, C, D, Definition, LookupRule, MemoryOneRule, StateMachineRule


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
