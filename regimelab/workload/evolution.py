"""The estimate of ``evolve``, :func:`evolution_workload`: the payoff matrix, the replicator path, the Moran process."""

from __future__ import annotations

import math

from ..evolution.births import INTEGRAL_TAIL, LOG_STEP
from ..evolution.population import LENGTH_TAIL, MAX_LENGTHS, MAX_SCORES
from ..game import Game
from ..regime import Regime
from .exact import exact_round_robin, machines_for
from .limit import Workload
from .rates import (
    EXACT_PAIR_SECONDS,
    EXACT_STATE_SECONDS,
    MORAN_NODE_SECONDS,
    MORAN_STATE_SECONDS,
    NONZERO_SECONDS,
    PATH_NUMBER_BYTES,
    PATH_NUMBER_SECONDS,
)
from .tournament import tournament_workload


def _moran_nodes(population: int) -> float:
    """About how many nodes :mod:`regimelab.evolution.births` integrates over: its range
    [t0, t1] spans log(1 / INTEGRAL_TAIL) + log(Zmax / Zmin) + a little, and Z grows with N."""
    return (math.log(1 / INTEGRAL_TAIL) + math.log(max(population, 2)) + 5) / LOG_STEP


def evolution_workload(players, regime: Regime, game: Game | None = None, engine: str = "auto",
                       population: int = 10, steps: int = 100, repetitions: int = 10, jobs: int = 1) -> Workload:
    """``evolve``: the payoff matrix, the replicator path and the fixation probabilities.

    The matrix is an exact tournament (``auto`` when every strategy has a
    machine) or a simulated one (:func:`tournament_workload`); with the exact
    engine, matches certain given their length also have their scores read
    for every length (at most MAX_SCORES numbers). The replicator path keeps
    (steps + 1) x strategies numbers, each also turned into the tables and
    JSON (PATH_NUMBER_SECONDS and _BYTES each). The Moran chain of each
    ordered pair has N states (MORAN_STATE_SECONDS each); where match lengths
    are random and every match certain given its length, its birth
    probabilities are integrated over about 300 nodes, arrays of
    N x nodes numbers (MORAN_NODE_SECONDS and 40 bytes each).
    """
    game = game or Game()
    players = list(players)
    size = len(players)
    machines = machines_for(players, regime, game) if engine in ("auto", "exact") else None
    if machines is not None:
        pairs, matrix = exact_round_robin(players, regime, game, "auto", machines)
        lengths = _lengths_read(regime, size)
        if lengths:  # every pair's chain is built again, and the certain ones read for every length
            scores = min(size * size * lengths, MAX_SCORES)
            rebuilt = sum(p.count * (EXACT_PAIR_SECONDS + EXACT_STATE_SECONDS * p.states) for p in pairs)
            matrix = matrix.plus(seconds=rebuilt + 2 * scores * NONZERO_SECONDS, kept=8 * scores)
    elif engine == "exact":
        return Workload()  # the engine names the strategy that has no machine
    else:
        matrix = tournament_workload(players, regime, repetitions, jobs)
    path = float(steps + 1) * size
    ordered = size * (size - 1)
    n = float(population)
    random_lengths = machines is not None and bool(_lengths_read(regime, size)) and regime.shadow is not None
    if random_lengths:
        nodes = _moran_nodes(population)
        moran_seconds = ordered * n * nodes * MORAN_NODE_SECONDS
        moran_bytes = 40 * n * nodes
    else:
        moran_seconds = ordered * n * MORAN_STATE_SECONDS
        moran_bytes = 64 * n
    return matrix.plus(seconds=path * PATH_NUMBER_SECONDS + moran_seconds, kept=path * PATH_NUMBER_BYTES,
                       transient=moran_bytes)


def _lengths_read(regime: Regime, size: int) -> int:
    """How many lengths of each certain match evolution reads its scores for (0: none are certain)."""
    if regime.noise > 0 or regime.monitoring.is_random:
        return 0
    if regime.shadow is None:
        return 1
    rounds = 1 if regime.shadow == 0 else max(1, math.ceil(math.log(LENGTH_TAIL) / math.log(regime.shadow)))
    if rounds > MAX_LENGTHS or rounds * size**2 > MAX_SCORES:
        return 0
    return rounds
