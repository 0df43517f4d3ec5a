"""Faster equivalents of the slowest parts of axelrod's strategies, in place while regimelab's object engine plays.

Each module computes what an axelrod function computes, with the same result
to the bit, more cheaply:

- :mod:`.dbs_search`: DBS's minimax tree search, folded into a table;
- :mod:`.player_construction`: what building a player reads from source
  files and signatures, worked out once per class;
- :mod:`.running_scores`: a match's score so far by counting outcomes;
- :mod:`.chi_squared`: the chi-squared test of an opponent's counts, once
  per pair of counts.

:func:`faster_axelrod` puts them in place while a block runs and restores
axelrod's own when the last block using them ends, so that axelrod used
directly in the same process (``benchmarks/bench_library.py`` times it beside
regimelab) is left as it is. ``tests/test_faster_axelrod.py`` checks each
against axelrod's own and whole tournaments against ``axelrod.Tournament``;
docs/axelrod-internals.md says what each replaces.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import axelrod as axl
from axelrod import makes_use_of
from axelrod.strategies import axelrod_first, axelrod_second, dbs

from . import player_construction
from .chi_squared import chisquare
from .dbs_search import dbs_move_gen
from .running_scores import compute_final_score

#: (namespace, name, replacement): what :func:`faster_axelrod` swaps in.
REPLACEMENTS = (
    (dbs, "move_gen", dbs_move_gen),
    (makes_use_of, "method_makes_use_of", player_construction.method_makes_use_of),
    (axl.Player, "init_params", classmethod(player_construction.init_params)),
    (axelrod_second, "compute_final_score", compute_final_score),
    (axelrod_first, "chisquare", chisquare),
)

_lock = threading.Lock()
_users = 0  # blocks inside faster_axelrod() now, over all threads
_saved: list = []


@contextmanager
def faster_axelrod():
    """Use the faster equivalents while the block runs; axelrod's own again once no block uses them (also on an error).

    Blocks may nest and may run in several threads at once: the first to
    enter swaps the replacements in, the last to leave swaps axelrod's back.
    """
    global _users
    with _lock:
        if not _users:
            # vars(): a class's own attribute (the classmethod itself), not one bound by getattr
            _saved[:] = [(space, name, vars(space)[name]) for space, name, _ in REPLACEMENTS]
            for space, name, replacement in REPLACEMENTS:
                setattr(space, name, replacement)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if not _users:
                for space, name, original in _saved:
                    setattr(space, name, original)
