"""The declarative strategy format: its kinds and keys, and the plain data a validated file becomes.

A file gives a ``name``, a ``description``, an optional ``citation`` (bibliography
keys with a section or a quotation, see :func:`regimelab.bibliography.parse_citation`)
and a ``kind``, and the table of that kind (:class:`MemoryOneRule`,
:class:`StateMachineRule`, :class:`LookupRule`); the whole is a
:class:`Definition`. See :mod:`regimelab.declarative`.
"""

from __future__ import annotations

from dataclasses import dataclass

from axelrod.action import Action

from .bibliography import parse_citation  # noqa: F401  (re-exported: a citation is read by the bibliography)

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
#: States of a state machine: far more than anyone writes by hand (a file of 10,000 is
#: read and checked in about a second; checking is linear in the states).
MAX_STATES = 10_000
MOVE = 'a move: "C", "D" or a probability of complying between 0 and 1'
CITATION_EXAMPLE = '"Lipson1995, The Concert of Europe"'


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
