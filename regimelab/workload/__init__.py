"""The work a command will do, estimated from its inputs before it runs, and the limit above which it is refused.

An estimate is a :class:`Workload`: the rounds to simulate (a round is one
move of each player of a match, or one edge of a society in one period), the
pairings the exact engine computes, the seconds on one core and the peak
memory. Seconds come from rates measured on the development machine, taken on
the slow side (``docs/performance.md``, "The size guards"); memory from the
arrays and histories the engines keep. :attr:`Workload.too_large` is the
limit: more than :data:`LIMIT_SECONDS` on one core or :data:`LIMIT_BYTES` of
memory. The command line refuses such a run before it starts unless it is
given ``--allow-large`` (README, "Limits").

One job per module (the formulas are in each estimate's docstring):

- :mod:`.limit`: the limit, :class:`Workload`, its words and the refusal :class:`TooLarge`;
- :mod:`.rates`: the measured rates that turn work into seconds and bytes;
- :mod:`.tournament`: :func:`tournament_workload`, a simulated round robin;
- :mod:`.exact`: :func:`exact_tournament_workload`, the exact engine's round robin;
- :mod:`.round_robins`: :func:`run_workload`, :func:`comparison_workload`, :func:`sweep_workload`:
  one tournament or several;
- :mod:`.evolution`: :func:`evolution_workload`: the payoff matrix, the replicator path, the Moran process;
- :mod:`.society`: :func:`society_workload`: the multilateral engine;
- :mod:`.thresholds`: :func:`explain_workload`, :func:`plot_workload`: the super-game's thresholds
  (and ``--simulate``).

The names here are the modules' own, gathered; the limit is read where it is
defined, so it is changed (as the tests change it) on :mod:`.limit`.

They are estimates: a strategy can be slower than its class suggests, and a
random match length is taken at its mean. They are meant to tell a run of
minutes from one of hours or days, and one that fits in memory from one that
does not.
"""

from typing import TYPE_CHECKING

from ..lazy_exports import lazy_exports
from .limit import (
    LIMIT_BYTES,
    LIMIT_SECONDS,
    TooLarge,
    Workload,
    bytes_text,
    check_workload,
    duration_text,
    limit_text,
    number_text,
)
from .rates import (
    EXACT_PAIR_SECONDS,
    EXACT_STATE_BYTES,
    EXACT_STATE_SECONDS,
    EXACT_STEP_SECONDS,
    FLOP_SECONDS,
    HISTORY_BYTES,
    INSTANCE_BYTES,
    INSTANCE_SECONDS,
    MATCH_SECONDS,
    MORAN_NODE_SECONDS,
    MORAN_STATE_SECONDS,
    NONZERO_SECONDS,
    PAIRING_BYTES,
    PAIRING_SECONDS,
    PATH_NUMBER_BYTES,
    PATH_NUMBER_SECONDS,
    PERIOD_BYTES,
    RECORD_BYTES,
    ROUND_SECONDS,
    SLOW_MOVE_SECONDS,
    SOCIETY_HISTORY_BYTES,
    SOCIETY_ROUND_SECONDS,
    SPARSE_SOLVE_BYTES,
    SPARSE_SOLVE_SECONDS,
    TEAM_MOVE_SECONDS,
)

if TYPE_CHECKING:  # for type checkers and the API reference
    from .evolution import evolution_workload
    from .exact import PANEL_NODES, REFINE_SECONDS, exact_tournament_workload
    from .round_robins import comparison_workload, run_workload, sweep_workload
    from .society import society_workload
    from .thresholds import SEARCH_EVALUATIONS, explain_workload, plot_workload
    from .tournament import expected_length, tournament_workload

#: The estimates' modules, each imported on first use: `explain` estimates its searches without
#: importing the engines that the tournaments' and evolution's estimates read (axelrod, pandas).
_HOMES = {
    "evolution": ("evolution_workload",),
    "exact": ("PANEL_NODES", "REFINE_SECONDS", "exact_tournament_workload"),
    "round_robins": ("comparison_workload", "run_workload", "sweep_workload"),
    "society": ("society_workload",),
    "thresholds": ("SEARCH_EVALUATIONS", "explain_workload", "plot_workload"),
    "tournament": ("expected_length", "tournament_workload"),
}


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals())


__all__ = [
    "EXACT_PAIR_SECONDS",
    "EXACT_STATE_BYTES",
    "EXACT_STATE_SECONDS",
    "EXACT_STEP_SECONDS",
    "FLOP_SECONDS",
    "HISTORY_BYTES",
    "INSTANCE_BYTES",
    "INSTANCE_SECONDS",
    "LIMIT_BYTES",
    "LIMIT_SECONDS",
    "MATCH_SECONDS",
    "MORAN_NODE_SECONDS",
    "MORAN_STATE_SECONDS",
    "NONZERO_SECONDS",
    "PAIRING_BYTES",
    "PAIRING_SECONDS",
    "PANEL_NODES",
    "PATH_NUMBER_BYTES",
    "PATH_NUMBER_SECONDS",
    "PERIOD_BYTES",
    "RECORD_BYTES",
    "REFINE_SECONDS",
    "ROUND_SECONDS",
    "SEARCH_EVALUATIONS",
    "SLOW_MOVE_SECONDS",
    "SOCIETY_HISTORY_BYTES",
    "SOCIETY_ROUND_SECONDS",
    "SPARSE_SOLVE_BYTES",
    "SPARSE_SOLVE_SECONDS",
    "TEAM_MOVE_SECONDS",
    "TooLarge",
    "Workload",
    "bytes_text",
    "check_workload",
    "comparison_workload",
    "duration_text",
    "evolution_workload",
    "exact_tournament_workload",
    "expected_length",
    "explain_workload",
    "limit_text",
    "number_text",
    "plot_workload",
    "run_workload",
    "society_workload",
    "sweep_workload",
    "tournament_workload",
]
