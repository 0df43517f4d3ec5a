"""Pieces the commands share: a run's header and the player table."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..wording import counted  # noqa: F401  (the CLI modules take it from here)
from .output import format_number, render_table, wrap

if TYPE_CHECKING:  # only named in annotations: importing results would import pandas and axelrod
    from ..game import Game
    from ..regime import Regime
    from ..results import TournamentResult


def horizon_text(regime: Regime) -> str:
    """The horizon as a header shows it: ``200 turns``, or the shadow and the expected number of rounds."""
    if regime.shadow is not None:
        return f"shadow {regime.shadow:g}, {counted(f'{regime.horizon.expected_length:.3g}', 'round')} on average"
    return counted(regime.turns, "turn")


def game_text(game: Game) -> str:
    """The stage game as ``R=3 S=0 T=5 P=1``."""
    return f"R={game.R:g} S={game.S:g} T={game.T:g} P={game.P:g}"


def expected_game_text(game: Game) -> str:
    """The expected stage game G' as ``R'=... S'=... T'=... P'=...``, to three significant figures."""
    return f"R'={game.R:.3g} S'={game.S:.3g} T'={game.T:.3g} P'={game.P:.3g}"


def header(result: TournamentResult, keys=()) -> str:
    """The lines above a tournament's tables: regime, horizon, game, and G' when it differs from the game.

    The horizon line also gives the repetitions and seed, or says the values are exact. ``keys``:
    parameters the regime line shows even at their defaults (those a scenario sets).
    """
    regime, game = result.regime, result.game
    expected = result.expected_game
    lines = [
        wrap(f"Regime:  {regime.label(keys=keys).replace(',', ', ')}", indent=9),
        f"Horizon: {horizon_text(regime)}; " + (
            "exact expected values (no seed, no repetitions)" if result.is_exact
            else f"{counted(result.repetitions, 'repetition')}; seed {result.seed}" + engine_text(result)
        ),
        f"Game:    {game_text(game)} ({game.describe()})",
    ]
    if expected != game:
        lines.append(f"G':      {expected_game_text(expected)} ({expected.describe()})")
    return "\n".join(lines)


def engine_text(result: TournamentResult) -> str:
    """For a vectorised tournament, how many pairings the vectorised engine played ("" for the object engine)."""
    if result.engine != "vector":
        return ""
    n = len(result.names)
    return f"; vector engine for {result.vectorised_pairings} of {n * (n + 1) // 2} pairings"


def interval_text(low, high, digits: int = 3) -> str:
    """The half-width of a symmetric interval, as "±0.012"; "-" where there is none."""
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return "-"
    return f"±{(high - low) / 2:.{digits}f}"


def share_text(share) -> str:
    """A share as a whole percentage (``42%``); ``-`` where there is none (None or NaN)."""
    return "-" if share is None or math.isnan(share) else f"{share:.0%}"


def ranking_table(result: TournamentResult) -> str:
    """The player table, ranked by median score per turn as axelrod ranks.

    Exact results have no median, interval or share of wins, so those columns are left out.
    """
    rows = [
        {
            "rank": row["rank"],
            "name": row["name"],
            "median": format_number(row["median_score_per_turn"]),
            "score": format_number(row["mean_score_per_turn"]),
            "ci": interval_text(row["ci95_low"], row["ci95_high"]),
            "first": share_text(row["first_share"]),
            "match": format_number(row["mean_match_score"], 1),
            "coop": format_number(row["cooperation_rate"], 2),
        }
        for row in result.players.to_dict(orient="records")
    ]
    # Ranked by the median over repetitions (axelrod's rule), so show it beside the mean.
    columns = [
        ("rank", "rank", 4, ">"),
        ("name", "strategy", 24, "<"),
        ("median", "median", 7, ">"),
        ("score", "mean", 7, ">"),
        ("ci", "±95%", 6, ">"),
        ("first", "first", 5, ">"),
        ("match", "match", 8, ">"),
        ("coop", "coop", 5, ">"),
    ]
    if result.is_exact:  # expected values: no interval and no share of wins to show
        columns = [column for column in columns if column[0] not in ("median", "ci", "first")]
        columns[1] = ("name", "strategy", 26, "<")
        columns[2] = ("score", "score", 8, ">")
    return render_table(columns, rows)


def pairs_table(result: TournamentResult) -> str:
    """The table of ordered pairs: score per turn, mean turns, cooperation rate.

    Simulated results add the 95% interval; exact ones the long-run payoff per round.
    """
    rows = [
        {
            "player": row["player"],
            "opponent": row["opponent"],
            "score": format_number(row["mean_score_per_turn"]),
            "ci": interval_text(row["ci95_low"], row["ci95_high"]),
            "turns": format_number(row["mean_turns"], 1),
            "coop": format_number(row["cooperation_rate"], 2),
            "long": format_number(row.get("long_run_score_per_turn", float("nan"))),
        }
        for row in result.pairs.to_dict(orient="records")
    ]
    columns = [
        ("player", "player", 24, "<"),
        ("opponent", "opponent", 24, "<"),
        ("score", "score/turn", 10, ">"),
        ("turns", "turns", 7, ">"),
        ("coop", "coop", 5, ">"),
    ]
    if result.is_exact:  # the exact engine also knows the payoff per round in the long run
        columns.append(("long", "long run", 8, ">"))
    else:
        columns[0] = ("player", "player", 22, "<")
        columns[1] = ("opponent", "opponent", 22, "<")
        columns.insert(3, ("ci", "±95%", 6, ">"))
    return render_table(columns, rows)
