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

from .checks import check_tournament
from .exact import evaluate
from .game import Game
from .machines import to_machine
from .players import as_players
from .progress import progress_bar
from .regime import Regime
from .results import TournamentResult, build_result
from .tournament import round_robin


def run_exact_tournament(
    players, regime: Regime | None = None, game: Game | None = None, progress: bool = False
) -> TournamentResult:
    """The expected outcome of a round robin (with self-play) of ``players`` under ``regime``.

    ``players`` mixes strategy names (as ``-s`` takes them, ``.toml`` files
    included), axelrod strategy classes and players
    (:func:`regimelab.players.as_players`). Raises
    :class:`regimelab.machines.NotFiniteState`, naming the strategy, when a
    player has no finite-state form.
    """
    regime = regime or Regime()
    game = game or Game()
    players = as_players(players)
    check_tournament(players, regime, game)
    told = regime.expected_game(game)
    machines = [
        to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)
        for player in players
    ]
    pairs = round_robin(len(players))
    outcomes, long_run = [], {}
    bar = progress_bar(len(pairs), progress, "Computing pairings", "pairing")
    try:
        for i, j in pairs:
            value = evaluate(machines[i], machines[j], regime, game, long_run="auto")
            long_run[(i, j)], long_run[(j, i)] = value.long_run
            cooperations = tuple(c * value.length for c in value.cooperation)
            outcomes.append([(value.length, value.totals, cooperations, value.signalled, None, value.per_turn)])
            bar.update(1)
    finally:
        bar.close()
    result = build_result(players, pairs, outcomes, regime, game, repetitions=1, seed=None, engine="exact")
    # Beyond the simulation's columns: what each pair earns per round once the
    # match has run long enough to forget its start (NaN for very large chains).
    # The pairs table holds every ordered pair, sorted by player then opponent.
    n = len(players)
    result.pairs["long_run_score_per_turn"] = [long_run[(i, j)] for i in range(n) for j in range(n)]
    return result
