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

This module is the facade; one job per module behind it:

- :mod:`regimelab.declarative_format`: the kinds, the keys, and the plain data
  a validated file becomes (:class:`Definition` and its rules);
- :mod:`regimelab.declarative_reading`: a parsed file validated key by key
  (:func:`read_definition`);
- :mod:`regimelab.declarative_players`: the Player class built for a
  definition (:func:`build_strategy`);
- :mod:`regimelab.declarative_loading`: files, texts and folders loaded and
  registered by name.
"""

from __future__ import annotations

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
    C,
    D,
    Definition,
    LookupRule,
    MemoryOneRule,
    State,
    StateMachineRule,
    parse_citation,
)
from .declarative_loading import load_strategy_dir, load_strategy_file, load_strategy_text
from .declarative_players import (
    DeclaredLookup,
    DeclaredMemoryOne,
    DeclaredStateMachine,
    DeclaredStrategy,
    build_strategy,
)
from .declarative_reading import read_definition

__all__ = [
    "CITATION_EXAMPLE",
    "KINDS",
    "LOOKUP_KEYS",
    "MAX_LOOKUP_MEMORY",
    "MAX_STATES",
    "MEMORY_ONE_KEYS",
    "MOVE",
    "OUTCOMES",
    "REQUIRED_KEYS",
    "STATE_KEYS",
    "STATE_MACHINE_KEYS",
    "TOP_KEYS",
    "C",
    "D",
    "DeclaredLookup",
    "DeclaredMemoryOne",
    "DeclaredStateMachine",
    "DeclaredStrategy",
    "Definition",
    "LookupRule",
    "MemoryOneRule",
    "State",
    "StateMachineRule",
    "build_strategy",
    "load_strategy_dir",
    "load_strategy_file",
    "load_strategy_text",
    "parse_citation",
    "read_definition",
]
