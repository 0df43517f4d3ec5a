"""A round-robin tournament computed exactly, from the strategies' machines.

The same tournament as :func:`regimelab.tournament.run_tournament` (every pair
meets, self-play included, axelrod's order), but each pairing's outcome is the
expectation from the joint Markov chain of the two strategies
(:mod:`regimelab.exact`) instead of an average over simulated matches. So the
tables carry the values that the simulation's means estimate: the expected
match total, the expected length (n, or 1 / (1 - w) under ``shadow`` w), and
the expected score per turn E[total / length] (a simulation averages each
match's total over its length; under ``shadow`` that is not the expected
total over the expected length). There is no seed and no repetition. The pairs
table has one more column than the simulation's, ``long_run_score_per_turn``:
the payoff per round in the long run (the limit as n -> infinity or w -> 1).
"""

from __future__ import annotations

from concurrent.futures import as_completed

from .checks import check_tournament
from .exact import evaluate
from .game import Game
from .machines import to_machine
from .players import as_players
from .progress import progress_bar
from .regime import Regime
from .results import TournamentResult, build_result
from .tournament import round_robin
from .workers import process_pool, resolve_jobs, worker_count

#: Pairings per task handed to a worker process: enough to make a task's overhead small, few enough
#: that the processes finish together.
CHUNKS_PER_WORKER = 16


def run_exact_tournament(
    players, regime: Regime | None = None, game: Game | None = None, progress: bool = False, jobs: int = 1,
) -> TournamentResult:
    """The expected outcome of a round robin (with self-play) of ``players`` under ``regime``.

    ``players`` mixes strategy names (as ``-s`` takes them, ``.toml`` files
    included), axelrod strategy classes and players
    (:func:`regimelab.players.as_players`). ``jobs`` processes share the
    pairings (0: all cores); the values do not depend on it. Raises
    :class:`regimelab.machines.NotFiniteState`, naming the strategy, when a
    player has no finite-state form (or, naming the pair, when a joint chain
    is above the engine's limit).
    """
    regime = regime or Regime()
    game = game or Game()
    players = as_players(players)
    check_tournament(players, regime, game)
    jobs = resolve_jobs(jobs)
    machines = _machines(players, regime, game)
    pairs = round_robin(len(players))
    # The largest joint chains first: a pair above the engine's limit stops the run at once, not at
    # its end, and the processes share out the many small pairs that remain.
    order = sorted(range(len(pairs)), key=lambda k: -machines[pairs[k][0]].size * machines[pairs[k][1]].size)
    values: list = [None] * len(pairs)
    bar = progress_bar(len(pairs), progress, "Computing pairings", "pairing")
    try:
        _evaluate_all(machines, pairs, order, values, regime, game, worker_count(jobs, len(pairs)), bar)
    finally:
        bar.close()
    outcomes, long_run = [], {}
    for (i, j), value in zip(pairs, values):
        long_run[(i, j)], long_run[(j, i)] = value.long_run
        cooperations = tuple(c * value.length for c in value.cooperation)
        outcomes.append([(value.length, value.totals, cooperations, value.signalled, None, value.per_turn)])
    result = build_result(players, pairs, outcomes, regime, game, repetitions=1, seed=None, engine="exact")
    # Beyond the simulation's columns: what each pair earns per round once the
    # match has run long enough to forget its start (NaN for very large chains).
    # The pairs table holds every ordered pair, sorted by player then opponent.
    n = len(players)
    result.pairs["long_run_score_per_turn"] = [long_run[(i, j)] for i in range(n) for j in range(n)]
    return result


def _machines(players, regime: Regime, game: Game) -> list:
    """Each player's machine as the tournament tells it the match, built once per distinct strategy."""
    told = regime.expected_game(game)
    made: dict = {}
    for player in players:
        key = (type(player), str(player))
        if key not in made:
            made[key] = to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)
    return [made[(type(player), str(player))] for player in players]


def _evaluate_all(machines, pairs, order, values, regime, game, workers, bar) -> None:
    """Each pair's :class:`~regimelab.exact.PairValue` into ``values``, in this process or in ``workers``."""
    if workers == 1:
        for k in order:
            i, j = pairs[k]
            values[k] = evaluate(machines[i], machines[j], regime, game, long_run="auto")
            bar.update(1)
        return
    size = max(1, len(order) // (workers * CHUNKS_PER_WORKER))
    with process_pool(workers) as pool:
        futures = []
        for start in range(0, len(order), size):
            chunk = [(k, *pairs[k]) for k in order[start : start + size]]
            needed = {m: machines[m] for _, i, j in chunk for m in (i, j)}  # only the machines it plays
            futures.append(pool.submit(_evaluate_chunk, needed, chunk, regime, game))
        for future in as_completed(futures):
            done = future.result()
            for k, value in done:
                values[k] = value
            bar.update(len(done))


def _evaluate_chunk(machines: dict, chunk, regime: Regime, game: Game) -> list:
    return [(k, evaluate(machines[i], machines[j], regime, game, long_run="auto")) for k, i, j in chunk]
