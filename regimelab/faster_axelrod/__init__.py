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
regimelab) is left as it is, but for the source look-up's memo when regimelab
imported axelrod itself (:func:`keep_for_the_process`, ``regimelab._fast_import``).
``tests/test_faster_axelrod.py`` checks each against axelrod's own and whole
tournaments against ``axelrod.Tournament``; docs/axelrod-internals.md says
what each replaces.
"""

from __future__ import annotations

import os
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

#: axelrod's own, taken when this module is imported (nothing is swapped in yet): what the last block
#: to end puts back, even if an interrupt once cut a swap short.
_AXELRODS = {(space, name): vars(space)[name] for space, name, _ in REPLACEMENTS}
_lock = threading.Lock()
_users = 0  # blocks inside faster_axelrod() now, over all threads


@contextmanager
def faster_axelrod():
    """Use the faster equivalents while the block runs; axelrod's own again once no block uses them (also on an error).

    Blocks may nest and may run in several threads at once: the first to
    enter swaps the replacements in, the last to leave swaps axelrod's back.
    """
    global _users
    entered = False
    try:
        with _lock:
            if not _users:
                for space, name, replacement in REPLACEMENTS:
                    setattr(space, name, replacement)
            _users += 1
            entered = True
        yield
    finally:
        if entered:
            with _lock:
                _users -= 1
                if not _users:
                    _put_back()


def _put_back() -> None:
    for space, name, _ in REPLACEMENTS:
        # vars(): a class's own attribute (the classmethod itself), not one bound by getattr
        setattr(space, name, _AXELRODS.get((space, name), vars(space)[name]))


def keep_for_the_process(space, name: str, replacement) -> None:
    """Put ``replacement`` in place for the rest of the process: the last block to end puts it back, not axelrod's."""
    with _lock:
        setattr(space, name, replacement)
        _AXELRODS[(space, name)] = replacement


def _after_fork_in_child() -> None:
    # A worker forked while another thread was inside a block: no block runs in the child, and the
    # lock may have been held at the fork.
    global _lock, _users
    _lock, _users = threading.Lock(), 0
    _put_back()


os.register_at_fork(after_in_child=_after_fork_in_child)
