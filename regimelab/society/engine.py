"""The multilateral engine: every edge plays one round per period, in lock-step (model page §7).

:func:`run_society` checks a society, makes its :class:`~.plan.Plan` once, and
plays its repetitions; :func:`simulate` plays one repetition, period by
period, until the society does not go on (the steps of a period are in
:mod:`.period`).

Randomness comes from one ``numpy.random.SeedSequence(seed)``: repetition
``r`` uses its ``r``-th child, which is split into independent streams for the
length of the run, noise, signals, participation in exclusions, turnover and
the strategies' own seeds. So a repetition's outcome depends only on the seed
and ``r`` (not on how many repetitions are run), and a feature that draws
nothing (participation 0 or 1, say) leaves every other stream untouched.
"""

from __future__ import annotations

import math

import numpy as np

from ..checks import check_repetitions, check_seed
from ..progress import progress_bar, set_total
from .model import Society, check_society
from .period import Repetition
from .plan import Plan
from .results import RunRecord, SocietyResult

#: Societies with at least this many edges show the seating of their instances on a bar of its own.
SEATING_BAR_EDGES = 20_000

#: Child streams of each repetition's SeedSequence.
STREAMS = ("length", "noise", "signals", "participation", "turnover", "strategies")


def run_society(
    society: Society,
    repetitions: int = 10,
    seed: int = 1,
    progress: bool = False,
    keep_actions: bool = False,
) -> SocietyResult:
    """Play ``society`` ``repetitions`` times from ``seed``; the seed alone fixes the result.

    ``keep_actions`` keeps each repetition's realised actions and signals
    (arrays of shape (periods, edges, 2), 1 = D) in ``result.runs[r]``.
    """
    society = check_society(society)
    check_repetitions(repetitions)
    check_seed(seed)
    plan = Plan(society)
    children = np.random.SeedSequence(int(seed)).spawn(int(repetitions))
    # Counted in periods, so that one long repetition shows its progress and ETA too; under a
    # random length the total is the periods played so far plus the expected rest.
    bar = progress_bar(_periods_left(plan, int(repetitions), 0), progress, "Playing the society", "period")
    runs, played = [], 0
    try:
        for done, child in enumerate(children, start=1):
            # Seating a large society takes a while (two instances per edge): a bar of its own.
            seating = progress_bar(2 * plan.E, progress and plan.E >= SEATING_BAR_EDGES, "Seating the actors",
                                   "instance")
            try:
                runs.append(simulate(plan, child, keep_actions, bar.update, seating.update))
            finally:
                seating.close()
            played += runs[-1].periods
            if plan.random_length:
                set_total(bar, _periods_left(plan, int(repetitions) - done, played))
    finally:
        bar.close()
    return SocietyResult(society=society, repetitions=int(repetitions), seed=int(seed), runs=runs)


def _periods_left(plan: Plan, repetitions: int, played: int) -> int | None:
    """The progress bar's total: the periods ``played`` and the expected periods of ``repetitions`` more."""
    expected = plan.expected_periods
    return round(played + repetitions * expected) if math.isfinite(expected) else None


def simulate(plan: Plan, seed_sequence: np.random.SeedSequence, keep_actions: bool = False,
             period_played=None, instances_made=None) -> RunRecord:
    """One repetition of the society, from its child of the run's SeedSequence.

    ``period_played(1)`` is called after each period, ``instances_made(1)`` as
    each strategy instance is made (progress bars' ``update``).
    """
    streams = dict(zip(STREAMS, (np.random.default_rng(s) for s in seed_sequence.spawn(len(STREAMS)))))
    repetition = Repetition(plan, streams, keep_actions, instances_made)
    t = 0
    while True:
        t += 1
        repetition.play_period(t)
        if period_played is not None:
            period_played(1)
        if not repetition.goes_on(t):
            return repetition.record(t)
