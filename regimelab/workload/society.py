"""The estimate of the multilateral engine (``society``), :func:`society_workload`."""

from __future__ import annotations

import math

from ..society.plan import expected_periods
from .limit import Workload
from .rates import INSTANCE_BYTES, INSTANCE_SECONDS, PERIOD_BYTES, SOCIETY_HISTORY_BYTES, SOCIETY_ROUND_SECONDS
from .tournament import harmonic


def _edges(society) -> int:
    n = len(society.actors)
    if society.graph == "complete":
        return n * (n - 1) // 2
    if society.graph == "hub":
        return n - 1
    return len(society.edges)


def _society_monitoring(society) -> tuple[str, bool]:
    """("perfect" or "signalled", whether instances keep views): as the engine's plan decides (§7.4)."""
    regime, options = society.regime, society.options
    outsider = options.outsider_transparency
    p_outsider = regime.transparency if outsider is None else outsider
    varies = any(a.joins is not None or a.leaves is not None for a in society.actors)
    outsiders = varies or not all(a.member for a in society.actors)
    perfect = regime.false_alarm == 0.0 and regime.transparency == 1.0 and (p_outsider == 1.0 or not outsiders)
    turnover = society.turnover is not None and society.turnover.probability > 0
    return ("perfect" if perfect else "signalled"), (not perfect or turnover)


def society_workload(society, repetitions: int) -> Workload:
    """``society``: n actors on E edges (n (n - 1) / 2 for the complete graph), T periods on average.

        rounds  = E x T x repetitions                     (one per edge per period)
        seconds = rounds x SOCIETY_ROUND_SECONDS + 2 E x repetitions x INSTANCE_SECONDS
        memory  = 2 E x INSTANCE_BYTES + E x SOCIETY_HISTORY_BYTES x T_max + 8 n^2 (exclusions)
                  + repetitions x T x PERIOD_BYTES (kept)

    Every edge holds a strategy instance for each of its actors, each with a
    history of the whole run (and, with imperfect signals or turnover, a view
    of its partner's signals). T: :func:`regimelab.society.plan.expected_periods`; T_max, the longest
    repetition's, is T x H_repetitions under a random length.
    """
    n = len(society.actors)
    edges = _edges(society)
    repetitions = max(1, int(min(repetitions, 10**15)))
    periods = expected_periods(society)
    if math.isinf(periods):
        return Workload(rounds=math.inf, seconds=math.inf, transient=math.inf)
    path, _ = _society_monitoring(society)
    random_length = society.regime.shadow is not None or bool(society.schedule)
    longest = periods * harmonic(repetitions) if random_length else periods
    if society.regime.turns is not None:
        longest = min(longest, float(society.regime.turns))
    rounds = edges * periods * repetitions
    seconds = rounds * SOCIETY_ROUND_SECONDS[path] + 2 * edges * repetitions * INSTANCE_SECONDS
    transient = 2 * edges * INSTANCE_BYTES + edges * SOCIETY_HISTORY_BYTES[path] * longest
    if society.options.excludes:
        transient += 8 * n * n
    kept = repetitions * periods * PERIOD_BYTES + repetitions * n * 64
    return Workload(rounds=rounds, seconds=seconds, kept=kept, transient=transient)
