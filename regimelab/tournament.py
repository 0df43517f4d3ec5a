"""A round-robin tournament under a regime.

Axelrod's conventions: every pair of players meets, each player also meets a
copy of itself, every pairing is repeated ``repetitions`` times by one match
object, and the pairings' seeds come in order from one bulk generator seeded
with the tournament's seed. The seeds are drawn before any work is handed out,
so results do not depend on the number of processes.

Two simulation engines play the pairings (model page §3, "Engines"): the
object engine (:mod:`regimelab.match`, ``engine="simulate"``) plays axelrod's
players round by round with axelrod's draws, so that under a regime axelrod
could play itself a tournament is axelrod's own; the vectorised engine
(:mod:`regimelab.vector_engine`, ``engine="vector"``) plays the pairings of
two finite-state strategies as arrays, with its own draws, and leaves the
others to the object engine. ``engine="auto"`` takes the object engine under
a regime axelrod can play (perfect monitoring, no payoff adjustments) and the
vectorised one otherwise.
"""

from __future__ import annotations

import math
from concurrent.futures import as_completed

import numpy as np
from axelrod.random_ import BulkRandomGenerator

from .checks import check_tournament
from .errors import InvalidParameter, NotFiniteState, StrategyFailed
from .faster_axelrod import faster_axelrod
from .game import Game
from .match import RegimeMatch, match_totals
from .players import as_players
from .progress import progress_bar
from .regime import Regime
from .results import TournamentResult, build_result
from .vector_engine import BATCH_ROWS, MachineTable, VectorPairing, play_pairings
from .workers import process_pool, resolve_jobs, worker_count

#: The simulation engines ``run_tournament`` takes; "exact" is :func:`regimelab.run_exact_tournament`.
SIMULATION_ENGINES = ("auto", "simulate", "vector")


def axelrod_can_play(regime: Regime) -> bool:
    """Whether axelrod's own tournament could play ``regime``: perfect monitoring and no payoff adjustments.

    Under such a regime (turns or a shadow, noise, any game) the object engine
    reproduces ``axelrod.Tournament`` draw for draw.
    """
    return regime.monitoring.is_perfect and not regime.payoff_functions


def simulation_engine(engine: str, regimes) -> str:
    """The engine that plays: ``engine``; for "auto", "simulate" if axelrod can play all ``regimes``, else "vector".

    One engine for all the regimes of a comparison or a sweep, so that their
    differences are the regimes', not the engines'.
    """
    if engine not in SIMULATION_ENGINES:
        raise InvalidParameter("engine", f"one of {', '.join(SIMULATION_ENGINES)}", engine)
    if engine != "auto":
        return engine
    return "simulate" if all(axelrod_can_play(regime) for regime in regimes) else "vector"


def round_robin(n: int) -> list[tuple[int, int]]:
    """axelrod's ``complete_graph`` order: (0,0), (0,1), ..., (1,1), ..."""
    return [(i, j) for i in range(n) for j in range(i, n)]


def play_pairing(player1, player2, regime: Regime, game: Game, repetitions: int, seed, keep_interactions=False):
    """Play one pairing ``repetitions`` times; one record per repetition.

    A record is ``(turns, scores, cooperations, signalled_defections,
    interaction)``; scores etc. are pairs (first player, second player).
    """
    try:
        return _play_pairing(player1, player2, regime, game, repetitions, seed, keep_interactions)
    except Exception as error:  # a strategy's own failure, reported as bad input
        raise StrategyFailed(
            f"{player1} against {player2} failed under this regime "
            f"({type(error).__name__}: {error}); leave it out or change the regime"
        ) from error


def _play_pairing(player1, player2, regime, game, repetitions, seed, keep_interactions):
    with faster_axelrod():  # building the clones as axelrod does, without reading source files again
        players = player1.clone(), player2.clone()
    match = RegimeMatch(players, regime, game, seed=seed)
    records = []
    for _ in range(repetitions):
        play = match.play()
        turns = play.turns
        scores = match_totals(play, game, regime)  # a chunk of per-round payoffs at a time
        cooperations = tuple(int(x) for x in turns - play.actions.sum(axis=0, dtype=np.int64))
        signalled = tuple(int(x) for x in play.signals.sum(axis=0, dtype=np.int64))
        records.append((turns, scores, cooperations, signalled, play.interaction() if keep_interactions else None))
    return records


def _play_chunk(players, chunk, regime, game, repetitions, keep_interactions):
    return [
        (index, play_pairing(players[i], players[j], regime, game, repetitions, seed, keep_interactions))
        for index, (i, j), seed in chunk
    ]


def _machines(players, regime: Regime, game: Game) -> list:
    """Each player's finite-state machine as told the match attributes; None where it has none."""
    from .machines import to_machine  # the machines' builders load only when the vectorised engine plays

    told = regime.expected_game(game)
    machines = []
    for player in players:
        try:
            machines.append(to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length))
        except (NotFiniteState, StrategyFailed):  # the object engine plays it (and reports a failure itself)
            machines.append(None)
    return machines


def _play_vector_chunk(table, chunk, regime, game, repetitions, keep_interactions):
    pairings = [VectorPairing(first, second, seed) for _, (first, second), seed in chunk]
    records = play_pairings(table, pairings, regime, game, repetitions, keep_interactions)
    return [(index, outcome) for (index, _, _), outcome in zip(chunk, records)]


def run_tournament(
    players,
    regime: Regime | None = None,
    game: Game | None = None,
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
    keep_interactions: bool = False,
    engine: str = "auto",
) -> TournamentResult:
    """Play a round robin (with self-play) of ``players`` under ``regime``.

    ``players`` mixes strategy names (as ``-s`` takes them, ``.toml`` files
    included), axelrod strategy classes and players
    (:func:`regimelab.players.as_players`); each pairing gets clones.
    ``jobs`` processes share the pairings (0: all cores; capped by
    :func:`regimelab.workers.worker_count`); the seed alone fixes the results.
    ``keep_interactions`` keeps every repetition's actions. ``engine``: one
    of ``SIMULATION_ENGINES`` (module docstring); the result's ``engine`` says
    which played and ``vectorised_pairings`` how many pairings were vectorised.
    """
    regime = regime or Regime()
    game = game or Game()
    players = as_players(players)
    check_tournament(players, regime, game, repetitions, seed)
    engine = simulation_engine(engine, [regime])
    jobs = resolve_jobs(jobs)

    seeds = BulkRandomGenerator(seed)
    work = [(index, pair, next(seeds)) for index, pair in enumerate(round_robin(len(players)))]
    table, vector_work, object_work = None, [], work
    if engine == "vector":
        machines = _machines(players, regime, game)
        mapped = [k for k, machine in enumerate(machines) if machine is not None]
        position = {k: n for n, k in enumerate(mapped)}
        table = MachineTable.build([machines[k] for k in mapped], regime.noise)
        vector_work = [(index, (position[i], position[j]), s) for index, (i, j), s in work
                       if i in position and j in position]
        object_work = [item for item in work if not (item[1][0] in position and item[1][1] in position)]
    outcomes: list = [None] * len(work)
    bar = progress_bar(len(work), progress, "Playing pairings", "pairing")
    try:
        _play_work(players, table, vector_work, object_work, outcomes, regime, game, repetitions,
                   keep_interactions, worker_count(jobs, len(work)), bar)
    finally:
        bar.close()
    pairs = [pair for _, pair, _ in work]
    result = build_result(players, pairs, outcomes, regime, game, repetitions, seed, engine=engine)
    result.vectorised_pairings = len(vector_work)
    return result


def _play_work(players, table, vector_work, object_work, outcomes, regime, game, repetitions, keep, workers, bar):
    """Play the vectorised and the object pairings into ``outcomes``, in this process or in ``workers``."""
    # Vectorised pairings go in chunks of about one batch of rows each.
    per_chunk = max(1, BATCH_ROWS // repetitions)
    vector_chunks = [vector_work[k : k + per_chunk] for k in range(0, len(vector_work), per_chunk)]
    if workers == 1:
        for chunk in vector_chunks:
            for index, records in _play_vector_chunk(table, chunk, regime, game, repetitions, keep):
                outcomes[index] = records
            bar.update(len(chunk))
        for index, (i, j), pair_seed in object_work:
            outcomes[index] = play_pairing(players[i], players[j], regime, game, repetitions, pair_seed, keep)
            bar.update(1)
        return
    # Interleaved, not consecutive: a slow strategy's pairings sit together in the round robin's order,
    # and consecutive chunks would leave them all to one process (DBS in the whole library).
    count = math.ceil(len(object_work) / max(1, len(object_work) // (workers * 8)))
    object_chunks = [object_work[k::count] for k in range(count)] if object_work else []
    with process_pool(workers) as pool:
        futures = [pool.submit(_play_vector_chunk, table, chunk, regime, game, repetitions, keep)
                   for chunk in vector_chunks]
        futures += [pool.submit(_play_chunk, players, chunk, regime, game, repetitions, keep)
                    for chunk in object_chunks]
        for future in as_completed(futures):
            done = future.result()
            for index, records in done:
                outcomes[index] = records
            bar.update(len(done))
