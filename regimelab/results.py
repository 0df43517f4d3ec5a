"""Tidy results of a tournament: one row per player, one row per ordered pair.

The per-player numbers follow axelrod's ``ResultSet``: they leave self-play
out, a player's score in a repetition is the mean of its scores per turn
against each opponent, and the ranking sorts players by the median of those
over repetitions (ties keep the order of the players).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .game import Game
from .json_parts import game_summary, versions
from .players import unique_names
from .regime import Regime
from .statistics import TIE_TOLERANCE, first_shares, leads_clearly, mean_interval, mean_intervals, ratio_interval

PLAYER_COLUMNS = [
    "rank",
    "name",
    "mean_score_per_turn",
    "ci95_low",
    "ci95_high",
    "median_score_per_turn",
    "first_share",
    "mean_match_score",
    "cooperation_rate",
]
PAIR_COLUMNS = [
    "player",
    "opponent",
    "mean_match_score",
    "mean_score_per_turn",
    "ci95_low",
    "ci95_high",
    "mean_turns",
    "cooperation_rate",
]


@dataclass
class TournamentResult:
    """What a tournament under a regime produced.

    ``players``: one row per player, in rank order (columns ``PLAYER_COLUMNS``).
    ``pairs``: one row per ordered pair, self-play included (``PAIR_COLUMNS``).
    ``records``: one row per player per match (the raw material).
    ``normalised_scores``: players x repetitions, as axelrod's ResultSet has it.
    ``engine``: "simulate" (matches played by the object engine), "vector"
    (the pairings of finite-state strategies, ``vectorised_pairings`` of them,
    played as arrays, the others by the object engine) or "exact"
    (expectations from the strategies' Markov chain: one "repetition", no seed).

    Simulated means come with a 95% interval over repetitions (``ci95_low``,
    ``ci95_high``; one ``ci95`` list in JSON) and ``first_share``, the share
    of repetitions in which the player had the top score per turn (ties
    shared). Exact values have neither: they are null.
    """

    regime: Regime
    game: Game
    names: list[str]
    repetitions: int
    seed: int
    players: pd.DataFrame
    pairs: pd.DataFrame
    records: pd.DataFrame
    normalised_scores: np.ndarray
    interactions: dict = field(default_factory=dict)
    engine: str = "simulate"
    vectorised_pairings: int = 0

    def __repr__(self) -> str:
        """A summary on one line (the tables are attributes; ``str`` adds the ranking)."""
        sampling = "" if self.is_exact else f", repetitions={self.repetitions}, seed={self.seed}"
        return (
            f"TournamentResult(engine={self.engine!r}, players={len(self.names)}{sampling}, "
            f"regime={self.regime!r}, game={self.game!r}, winner={self.ranked_names[0]!r}, "
            f"winner_robust={self.winner_robust}, mean_cooperation={summary_number(self.mean_cooperation)}, "
            f"mean_payoff={summary_number(self.mean_payoff)})"
        )

    def __str__(self) -> str:
        return f"{self!r}\n{self.players.to_string(index=False)}"

    @property
    def is_exact(self) -> bool:
        """Whether the values are expectations of the exact engine (no seed, no repetitions)."""
        return self.engine == "exact"

    @property
    def expected_game(self) -> Game:
        """The expected stage game G' that the regime makes of ``game`` (model page §4)."""
        return self.regime.expected_game(self.game)

    @property
    def ranked_names(self) -> list[str]:
        """The players' names in rank order, the winner first."""
        return list(self.players["name"])

    @property
    def mean_cooperation(self) -> float:
        """Share of C among all realised moves between different players."""
        rows = self.records[self.records.player_index != self.records.opponent_index]
        return float(rows.cooperations.sum() / rows.turns.sum())

    @property
    def mean_payoff(self) -> float:
        """Mean over players of the mean score per turn."""
        return float(self.players.mean_score_per_turn.mean())

    @property
    def mean_cooperation_ci95(self) -> tuple[float, float]:
        """95% interval over repetitions of the share of C (NaN for the exact engine)."""
        if self.is_exact:
            return (np.nan, np.nan)
        rows = self.records[self.records.player_index != self.records.opponent_index]
        by_repetition = rows.groupby("repetition")[["cooperations", "turns"]].sum()
        return ratio_interval(by_repetition.cooperations, by_repetition.turns)

    @property
    def mean_payoff_ci95(self) -> tuple[float, float]:
        """95% interval over repetitions of the mean payoff per turn (NaN for the exact engine)."""
        if self.is_exact:
            return (np.nan, np.nan)
        return mean_interval(np.nanmean(self.normalised_scores, axis=0))

    @property
    def winner_robust(self) -> bool | None:
        """Whether the winner's lead over every other player is beyond the uncertainty.

        Simulated: its paired per-repetition lead has a 95% interval above 0
        (None with one repetition). Exact: it is not tied with the runner-up.
        """
        winner = self.names.index(self.ranked_names[0])
        if self.is_exact:
            scores = self.normalised_scores[:, 0]
            lead = scores[winner] - np.max(np.delete(scores, winner))
            return bool(lead > TIE_TOLERANCE * max(1.0, abs(scores[winner])))
        return leads_clearly(self.normalised_scores, winner)

    def to_dict(self) -> dict:
        """The JSON contract of `regimelab run`."""
        return {
            "regime": self.regime.to_dict(),
            "game": game_summary(self.game, self.regime),
            "ranking": json_records(self.players),
            "pairs": json_records(self.pairs),
            "mean_cooperation": self.mean_cooperation,
            "mean_cooperation_ci95": list(self.mean_cooperation_ci95),
            "mean_payoff": self.mean_payoff,
            "mean_payoff_ci95": list(self.mean_payoff_ci95),
            "winner_robust": self.winner_robust,
            "engine": self.engine,
            "vectorised_pairings": None if self.is_exact else self.vectorised_pairings,
            "seed": None if self.is_exact else int(self.seed),
            "repetitions": None if self.is_exact else self.repetitions,
            "versions": versions(),
        }


def summary_number(value: float) -> str:
    """A result's mean as a summary prints it, to 4 significant digits (the tables keep every digit)."""
    return f"{value:.4g}"


def json_records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as plain JSON values (numpy scalars unwrapped, NaN as None).

    Interval columns come in pairs, ``..ci95_low..`` and ``..ci95_high..``
    (the flat form that CSV and Parquet need); in JSON each pair becomes one
    two-number list named without ``_low``/``_high`` (``ci95``,
    ``change_ci95[label]``), null when there is no interval.
    """
    records = []
    for row in frame.to_dict(orient="records"):
        record = {}
        for key, value in row.items():
            bound = _INTERVAL_COLUMN.match(key)
            if bound is None:
                record[key] = _plain(value)
            elif bound["bound"] == "low":
                low = _plain(value)
                high = _plain(row[f"{bound['name']}_high{bound['rest']}"])
                record[bound["name"] + bound["rest"]] = None if low is None or high is None else [low, high]
        records.append(record)
    return records


_INTERVAL_COLUMN = re.compile(r"^(?P<name>.*ci95)_(?P<bound>low|high)(?P<rest>.*)$")


def _plain(value):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if np.isnan(value) else value
    return value


def build_result(players, pairs, outcomes, regime, game, repetitions, seed, engine="simulate") -> TournamentResult:
    """Tidy the records of a round robin into a :class:`TournamentResult`.

    ``pairs``: the (i, j) player indices of each pairing, self-play included;
    ``outcomes``: per pairing, one record per repetition, ``(turns, scores,
    cooperations, signalled defections, interaction)``, the middle three each a
    pair (i's, j's) and the interaction None unless kept; the exact engine adds
    E[total / L] per side as a sixth item (model page §3, "the score per turn").
    Per-player figures leave self-play out, as the module docstring says; exact
    results get no intervals and no first shares.
    """
    names = unique_names(players)
    records, interactions = records_frame(pairs, outcomes)
    normalised = normalised_scores(records, len(players), repetitions)
    exact = engine == "exact"
    return TournamentResult(
        regime=regime,
        game=game,
        names=names,
        repetitions=repetitions,
        seed=seed,
        players=player_frame(records, normalised, names, exact),
        pairs=pair_frame(records, names, exact),
        records=records,
        normalised_scores=normalised,
        interactions=interactions,
        engine=engine,
    )


RECORD_COLUMNS = [
    "player_index", "opponent_index", "repetition", "turns", "score", "score_per_turn", "cooperations",
    "signalled_defections",
]


def records_frame(pairs, outcomes) -> tuple[pd.DataFrame, dict]:
    """One row per player per match (``RECORD_COLUMNS``), and the kept interactions by pairing."""
    rows = []
    interactions = {}
    for (i, j), records in zip(pairs, outcomes):
        for repetition, record in enumerate(records):
            turns, scores, cooperations, signalled, interaction = record[:5]
            # A played match's score per turn is its total over its length; the
            # exact engine gives E[total / length] as a sixth item.
            per_turn = record[5] if len(record) > 5 else (scores[0] / turns, scores[1] / turns)
            for side, (player, opponent) in enumerate(((i, j), (j, i))):
                rows.append(
                    (player, opponent, repetition, turns, scores[side], per_turn[side],
                     cooperations[side], signalled[side])
                )
            if interaction is not None:
                interactions.setdefault((i, j), []).append(interaction)
    return pd.DataFrame(rows, columns=RECORD_COLUMNS), interactions


def normalised_scores(records: pd.DataFrame, players: int, repetitions: int) -> np.ndarray:
    """axelrod's normalised scores: per player and repetition, the mean score per turn over its opponents."""
    others = records[records.player_index != records.opponent_index]
    per_repetition = others.groupby(["player_index", "repetition"])["score_per_turn"].mean()
    normalised = np.full((players, repetitions), np.nan)
    for (player, repetition), value in per_repetition.items():
        normalised[player, repetition] = value
    return normalised


def player_frame(records: pd.DataFrame, normalised: np.ndarray, names: list[str], exact: bool) -> pd.DataFrame:
    """One row per player (``PLAYER_COLUMNS``), ranked by the median over repetitions (axelrod's rule)."""
    n = len(names)
    medians = [np.nanmedian(normalised[i]) for i in range(n)]
    ranking = sorted(range(n), key=lambda i: -medians[i])
    # Exact values have no sampling uncertainty: no interval, no share of wins.
    intervals = np.full((n, 2), np.nan) if exact else mean_intervals(normalised)
    firsts = np.full(n, np.nan) if exact else first_shares(normalised)
    others = records[records.player_index != records.opponent_index]
    by_player = others.groupby("player_index")
    match_score = by_player["score"].mean()
    cooperation = by_player["cooperations"].sum() / by_player["turns"].sum()
    rows = [
        (rank, names[i], float(np.mean(normalised[i])), *map(float, intervals[i]), float(medians[i]),
         float(firsts[i]), float(match_score[i]), float(cooperation[i]))
        for rank, i in enumerate(ranking, start=1)
    ]
    return pd.DataFrame(rows, columns=PLAYER_COLUMNS)


def pair_frame(records: pd.DataFrame, names: list[str], exact: bool) -> pd.DataFrame:
    """One row per ordered pair, self-play included (``PAIR_COLUMNS``), sorted by player then opponent."""
    by_pair = records.groupby(["player_index", "opponent_index"])
    pair_scores = by_pair["score_per_turn"]
    pair_intervals = (
        np.full((len(pair_scores), 2), np.nan) if exact
        else np.array([mean_interval(values) for _, values in pair_scores])
    )
    frame = pd.DataFrame(
        {
            "mean_match_score": by_pair["score"].mean(),
            "mean_score_per_turn": pair_scores.mean(),
            "ci95_low": pair_intervals[:, 0],
            "ci95_high": pair_intervals[:, 1],
            "mean_turns": by_pair["turns"].mean().astype(float),
            "cooperation_rate": by_pair["cooperations"].sum() / by_pair["turns"].sum(),
        }
    ).reset_index()
    frame.insert(0, "player", [names[i] for i in frame.player_index])
    frame.insert(1, "opponent", [names[j] for j in frame.opponent_index])
    return frame[PAIR_COLUMNS]
