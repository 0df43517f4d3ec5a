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

import numpy as np

from ..checks import check_repetitions, check_seed
from ..progress import progress_bar
from .model import Society, check_society
from .period import Repetition
from .plan import Plan
from .results import RunRecord, SocietyResult

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
    bar = progress_bar(int(repetitions), progress, "Playing the society", "repetition")
    runs = []
    try:
        for child in children:
            runs.append(simulate(plan, child, keep_actions))
            bar.update(1)
    finally:
        bar.close()
    return SocietyResult(society=society, repetitions=int(repetitions), seed=int(seed), runs=runs)


def simulate(plan: Plan, seed_sequence: np.random.SeedSequence, keep_actions: bool = False) -> RunRecord:
    """One repetition of the society, from its child of the run's SeedSequence."""
    streams = dict(zip(STREAMS, (np.random.default_rng(s) for s in seed_sequence.spawn(len(STREAMS)))))
    repetition = Repetition(plan, streams, keep_actions)
    t = 0
    while True:
        t += 1
        repetition.play_period(t)
        if not repetition.goes_on(t):
            return repetition.record(t)
