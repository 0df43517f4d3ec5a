"""Pre-flight checks shared by every engine: refuse bad input before any work.

The simulation, the exact engine, sweeps and the society engine all check
their seed, repetitions and players here, so each rule and its message is
written once (the numbers' ranges themselves are in :mod:`regimelab.limits`,
whose seed, repetitions and jobs checks this module re-exports).
"""

from __future__ import annotations

from .errors import InvalidParameter, StrategyFailed
from .game import Game, check_stage_game
from .limits import MAX_PLAYERS, check_jobs, check_repetitions, check_seed, number_text  # noqa: F401 (re-exported)
from .match_attributes import tell
from .players import check_players
from .regime import Regime


def check_told_game(players, regime: Regime, game: Game) -> None:
    """Fail early, naming every strategy that cannot accept the game G' it is told.

    Some strategies (the zero-determinant family, and axelrod's meta
    strategies whose teams include one) derive probabilities from the game;
    some regimes push those outside [0, 1]. All of them are named at once, so
    that one correction leaves them all out.
    """
    told = regime.expected_game(game)
    attributes = {"length": regime.horizon.known_length, "game": told.to_axelrod(), "noise": regime.noise}
    failed = []  # (name, error), each name once
    for player in players:
        try:
            tell(player.clone(), attributes)
        except Exception as error:
            if str(player) not in (name for name, _ in failed):
                failed.append((str(player), error))
    if failed:
        error = failed[0][1]
        names = ", ".join(name for name, _ in failed)
        it = "them" if len(failed) > 1 else "it"
        raise StrategyFailed(
            f"{names} cannot play the expected stage game G' = "
            f"({', '.join(f'{value:g}' for value in told.payoffs)}) of this regime "
            f"({type(error).__name__}: {error}); leave {it} out or change the regime"
        ) from error


def check_tournament(players, regime: Regime, game: Game, repetitions=None, seed=None) -> None:
    """Everything a round robin of ``players`` under ``regime`` needs before it starts.

    From two to ``MAX_PLAYERS`` players, none that would see through imperfect monitoring,
    all able to take the game they are told, a stage game within its range;
    ``repetitions`` and ``seed`` when given (the exact engine has neither).
    """
    if len(players) < 2:
        raise InvalidParameter("strategy", "at least two strategies for a tournament", len(players))
    if len(players) > MAX_PLAYERS:
        raise InvalidParameter("strategy", f"at most {number_text(MAX_PLAYERS)} players for a tournament",
                               len(players))
    if repetitions is not None:
        check_repetitions(repetitions)
    if seed is not None:
        check_seed(seed)
    check_stage_game(game)
    check_players(players, regime)
    check_told_game(players, regime, game)
