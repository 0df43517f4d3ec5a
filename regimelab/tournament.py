"""A round-robin tournament under a regime.

Axelrod's conventions: every pair of players meets, each player also meets a
copy of itself, every pairing is repeated ``repetitions`` times by one match
object, and the pairings' seeds come in order from one bulk generator seeded
with the tournament's seed. The seeds are drawn before any work is handed out,
so results do not depend on the number of processes.
"""

from __future__ import annotations

from concurrent.futures import as_completed

import numpy as np
from axelrod.random_ import BulkRandomGenerator

from .checks import check_tournament
from .errors import StrategyFailed
from .game import Game
from .match import RegimeMatch, match_totals
from .players import as_players
from .progress import progress_bar
from .regime import Regime
from .results import TournamentResult, build_result
from .workers import process_pool, resolve_jobs, worker_count


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
    match = RegimeMatch((player1.clone(), player2.clone()), regime, game, seed=seed)
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


def run_tournament(
    players,
    regime: Regime | None = None,
    game: Game | None = None,
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
    keep_interactions: bool = False,
) -> TournamentResult:
    """Play a round robin (with self-play) of ``players`` under ``regime``.

    ``players`` mixes strategy names (as ``-s`` takes them, ``.toml`` files
    included), axelrod strategy classes and players
    (:func:`regimelab.players.as_players`); each pairing gets clones.
    ``jobs`` processes share the pairings (0: all cores; capped by
    :func:`regimelab.workers.worker_count`); the seed alone fixes the results.
    ``keep_interactions`` keeps every repetition's actions.
    """
    regime = regime or Regime()
    game = game or Game()
    players = as_players(players)
    check_tournament(players, regime, game, repetitions, seed)
    jobs = resolve_jobs(jobs)

    seeds = BulkRandomGenerator(seed)
    work = [(index, pair, next(seeds)) for index, pair in enumerate(round_robin(len(players)))]
    outcomes: list = [None] * len(work)
    bar = progress_bar(len(work), progress, "Playing pairings", "pairing")
    try:
        workers = worker_count(jobs, len(work))
        if workers == 1:
            for index, (i, j), pair_seed in work:
                outcomes[index] = play_pairing(
                    players[i], players[j], regime, game, repetitions, pair_seed, keep_interactions
                )
                bar.update(1)
        else:
            size = max(1, len(work) // (workers * 8))
            chunks = [work[k : k + size] for k in range(0, len(work), size)]
            with process_pool(workers) as pool:
                futures = [
                    pool.submit(_play_chunk, players, chunk, regime, game, repetitions, keep_interactions)
                    for chunk in chunks
                ]
                for future in as_completed(futures):
                    for index, records in future.result():
                        outcomes[index] = records
                    bar.update(len(future.result()))
    finally:
        bar.close()
    pairs = [pair for _, pair, _ in work]
    return build_result(players, pairs, outcomes, regime, game, repetitions, seed)
