"""The estimate of a simulated round robin, :func:`tournament_workload`.

:class:`PlayerCosts` reads once what the estimate needs of the players (who
randomises, who is slow), so that ``compare`` and ``sweep``, which estimate
the same players under many regimes, cost them once and call
:func:`simulated_round_robin` for each regime.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import RegimelabError
from ..regime import Regime
from ..workers import worker_count
from .limit import Workload
from .rates import (
    HISTORY_BYTES,
    MATCH_SECONDS,
    PAIRING_BYTES,
    PAIRING_SECONDS,
    RECORD_BYTES,
    ROUND_SECONDS,
    SLOW_MOVE_SECONDS,
    TEAM_MOVE_SECONDS,
    VECTOR_ROUND_SECONDS,
    VECTOR_STEP_SECONDS,
)

_EULER = 0.5772156649015329


@dataclass(frozen=True)
class PlayerCosts:
    """What a tournament's estimate needs of its players: who randomises, their extra seconds per move,
    and who has a finite-state form (the vectorised engine plays their pairings)."""

    count: int
    stochastic: np.ndarray  # bool per player
    move_seconds: np.ndarray  # extra seconds per move, per player
    finite: np.ndarray  # bool per player

    @classmethod
    def of(cls, players) -> "PlayerCosts":
        """The costs of ``players``, read from axelrod's classifiers and their teams."""
        import axelrod as axl  # here, not at the top: `explain` estimates its work without axelrod

        from ..machines import builder_for  # a builder, not the machine: the estimate builds nothing

        players = list(players)
        stochastic = np.array([bool(axl.Classifiers["stochastic"](p)) for p in players], dtype=bool)
        finite = np.array([builder_for(type(p)) is not None for p in players], dtype=bool)
        return cls(len(players), stochastic, np.array([_move_seconds(p) for p in players], dtype=float), finite)


def _move_seconds(player) -> float:
    """Extra seconds per move beyond a typical strategy's: a meta strategy asks its team, slow ones are marked."""
    import axelrod as axl

    team = getattr(player, "team", None)
    if isinstance(team, (list, tuple)):
        return len(team) * TEAM_MOVE_SECONDS
    return SLOW_MOVE_SECONDS if axl.Classifiers["long_run_time"](player) else 0.0


def _path(regime: Regime) -> str:
    return "perfect" if regime.monitoring.is_perfect else "signalled"


def expected_length(regime: Regime) -> float:
    """The expected number of rounds of a match: ``turns``, or 1 / (1 - w) under ``shadow`` w."""
    if regime.shadow is None:
        return float(regime.turns)
    return 1.0 / (1.0 - regime.shadow)


def harmonic(count: float) -> float:
    """H_count, the expected maximum of ``count`` exponential draws in units of their mean."""
    count = max(1.0, float(count))
    if count < 1000:
        return float(np.sum(1.0 / np.arange(1, int(count) + 1)))
    return math.log(count) + _EULER + 1 / (2 * count)


def _replays(repetitions: int) -> float:
    """Expected rounds played, in mean match lengths, of a pairing that is certain under a shadow.

    Such a pairing is replayed only when a repetition draws a length longer
    than any before (the engine reuses its longest play): the sum of the
    record values of ``repetitions`` draws, (H_r^2 + sum 1/k^2) / 2 means for
    exponential lengths (E[M^2] / 2 with M their maximum).
    """
    r = max(1, int(min(repetitions, 10**6)))
    k = np.arange(1, r + 1, dtype=float)
    return float(min(repetitions, (np.sum(1 / k) ** 2 + np.sum(1 / k**2)) / 2))


def tournament_workload(players, regime: Regime, repetitions: int, jobs: int = 1, engine: str = "simulate") -> Workload:
    """A simulated round robin (:func:`regimelab.tournament.run_tournament`).

    With n players there are P = n (n + 1) / 2 pairings (self-play included,
    as axelrod plays them), each ``repetitions`` matches of L rounds on
    average (``turns``, or 1 / (1 - w) under ``shadow`` w). A pairing that is
    certain under the regime (two deterministic strategies, no noise, signals
    with probability 0 or 1) is played once and reused: L rounds under
    ``turns``, the record lengths of :func:`_replays` under a shadow.

        rounds  = sum over pairings of its plays x L
        seconds = rounds x ROUND_SECONDS + (moves of slow strategies) x their extra
                  + matches x MATCH_SECONDS + P x PAIRING_SECONDS
        memory  = 2 P repetitions x RECORD_BYTES + P x PAIRING_BYTES          (kept)
                  + workers x HISTORY_BYTES x the longest match's length     (in flight)

    The longest match is ``turns``, or under a shadow the expected longest of
    all matches, L x H_M. Workers: ``-j`` capped as the pool caps it. With
    the vectorised engine (``engine`` "vector", or "auto" choosing it), the
    pairings of players with a finite-state form cost
    ``repetitions x L x VECTOR_ROUND_SECONDS`` each instead (the memory of
    its arrays is small beside the records), plus ``VECTOR_STEP_SECONDS`` per
    round of each batch of up to ``BATCH_ROWS`` repetitions.
    """
    costs = PlayerCosts.of(players)
    workers = workers_for(jobs, costs.count * (costs.count + 1) / 2)
    return simulated_round_robin(costs, regime, repetitions, workers, engine)


def workers_for(jobs, work: float) -> int:
    """The processes ``-j`` starts for ``work`` tasks, capped as the pool caps it (1 for a ``-j`` it refuses)."""
    try:
        return worker_count(jobs, int(min(max(work, 1), 10**9)))
    except (RegimelabError, TypeError, ValueError, OverflowError):
        return 1  # the engine refuses such a -j itself


def simulated_round_robin(costs: PlayerCosts, regime: Regime, repetitions: int, workers: int = 0,
                          engine: str = "simulate") -> Workload:
    """:func:`tournament_workload` of players already costed, ``workers`` at once (0: as ``-j 1`` starts)."""
    from ..tournament import simulation_engine

    if simulation_engine(engine, [regime]) == "vector" and costs.finite.any():
        return _with_vectorised_pairings(costs, regime, repetitions, workers)
    n = costs.count
    repetitions = max(1, int(min(repetitions, 10**15)))
    pairings = n * (n + 1) / 2
    length = expected_length(regime)
    random_regime = regime.noise > 0 or regime.monitoring.is_random
    certain = ~costs.stochastic if not random_regime else np.zeros(n, dtype=bool)
    n_certain = int(certain.sum())
    certain_pairings = n_certain * (n_certain + 1) / 2
    random_pairings = pairings - certain_pairings
    # Each player's extra seconds per move count once per pairing it is in (twice in self-play): (n + 1) x sum.
    extra_all = (n + 1) * float(costs.move_seconds.sum())
    extra_certain = (n_certain + 1) * float(costs.move_seconds[certain].sum())
    plays_certain = 1.0 if regime.shadow is None else _replays(repetitions)
    round_seconds = ROUND_SECONDS[_path(regime)]
    rounds = length * (random_pairings * repetitions + certain_pairings * plays_certain)
    seconds = length * (
        repetitions * (random_pairings * round_seconds + extra_all - extra_certain)
        + plays_certain * (certain_pairings * round_seconds + extra_certain)
    )
    matches = pairings * repetitions
    seconds += matches * MATCH_SECONDS + pairings * PAIRING_SECONDS
    longest = length if regime.shadow is None else length * harmonic(matches)
    workers = workers or workers_for(1, pairings)
    in_flight = min(workers, pairings) * HISTORY_BYTES[_path(regime)] * longest
    kept = 2 * matches * RECORD_BYTES + pairings * PAIRING_BYTES
    return Workload(rounds=rounds, seconds=seconds, kept=kept, transient=in_flight)


def _with_vectorised_pairings(costs: PlayerCosts, regime: Regime, repetitions: int, workers: int) -> Workload:
    """The object engine's estimate of the whole round robin, less the rounds of its finite-state pairings,
    plus the vectorised engine's cost of those."""
    whole = simulated_round_robin(costs, regime, repetitions, workers)
    finite_only = PlayerCosts(int(costs.finite.sum()), costs.stochastic[costs.finite],
                              costs.move_seconds[costs.finite], costs.finite[costs.finite])
    played_by_objects = simulated_round_robin(finite_only, regime, repetitions, workers)
    from ..vector_engine import BATCH_ROWS

    n = finite_only.count
    length = expected_length(regime)
    rows = n * (n + 1) / 2 * max(1, repetitions)
    # A batch steps until its longest match ends: ``turns``, or under a shadow about L x H_rows.
    steps = length if regime.shadow is None else length * harmonic(min(rows, BATCH_ROWS))
    vector_seconds = rows * length * VECTOR_ROUND_SECONDS + math.ceil(rows / BATCH_ROWS) * steps * VECTOR_STEP_SECONDS
    # The records and tables stay: only the object engine's rounds (and their moves) are replaced.
    match_seconds = n * (n + 1) / 2 * (max(1, repetitions) * MATCH_SECONDS + PAIRING_SECONDS)
    saved = played_by_objects.seconds - match_seconds
    return Workload(rounds=whole.rounds, seconds=whole.seconds - saved + vector_seconds, kept=whole.kept,
                    transient=whole.transient)
