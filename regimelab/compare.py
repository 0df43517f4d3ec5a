"""The same players under several regimes, side by side.

A change against the baseline is the difference of mean scores per turn; its
95% interval comes from the paired repetitions (the same seed gives each
regime the same match seeds), so noise shared by the two regimes cancels.
With ``engine="exact"`` every value is an expectation and has no interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InvalidParameter
from .exact_tournament import run_exact_tournament
from .game import Game
from .json_parts import game_summary, versions
from .players import as_players
from .regime import PARAMETERS, Regime
from .results import PLAYER_COLUMNS, TournamentResult
from .statistics import TIE_TOLERANCE, excludes_zero, mean_intervals
from .tournament import SIMULATION_ENGINES, run_tournament, simulation_engine


@dataclass
class Comparison:
    """Tournaments of the same players and seed under several regimes; the first is the baseline."""

    labels: list[str]
    results: list[TournamentResult]

    def __repr__(self) -> str:
        """A summary on one line: the regimes and their winners (``str`` adds the tables)."""
        sampling = "" if self.is_exact else f", repetitions={self.baseline.repetitions}, seed={self.baseline.seed}"
        return (
            f"Comparison(engine={self.baseline.engine!r}, players={len(self.baseline.names)}{sampling}, "
            f"regimes={list(self.labels)!r}, winners={[result.ranked_names[0] for result in self.results]!r})"
        )

    def __str__(self) -> str:
        tables = (self.regimes(), self.strategies())
        return "\n\n".join([repr(self), *(table.to_string(index=False) for table in tables)])

    @property
    def table(self) -> pd.DataFrame:
        """Every regime's ranking in one tidy table: one row per regime and strategy.

        Columns: ``regime`` (the label), the columns of a result's ``players``
        table (``rank``, ``name``, ``mean_score_per_turn``, ``ci95_low``,
        ``ci95_high``, ...), then the regime's parameters (``PARAMETERS``;
        ``turns`` empty under a shadow) and its stage game's payoffs ``R``,
        ``S``, ``T``, ``P``. Rows come regime by regime, in rank order.
        """
        frames = [
            result.players.assign(**result.regime.to_dict(), **result.game.to_dict()).assign(regime=label)
            for label, result in zip(self.labels, self.results)
        ]
        table = pd.concat(frames, ignore_index=True)
        for name in PARAMETERS:  # numbers, not objects: a horizon's unset half is None
            table[name] = pd.to_numeric(table[name])
        table["turns"] = table["turns"].astype("Int64")  # whole numbers, empty under a shadow
        columns = ["regime", *PLAYER_COLUMNS, *PARAMETERS, *self.baseline.game.to_dict()]
        return table[columns]

    @property
    def baseline(self) -> TournamentResult:
        """The first regime's tournament, against which changes are measured."""
        return self.results[0]

    @property
    def is_exact(self) -> bool:
        """Whether the values are expectations of the exact engine (no intervals)."""
        return self.baseline.is_exact

    def strategies(self) -> pd.DataFrame:
        """One row per strategy: score and rank under each regime, change against the baseline.

        Each change has its paired 95% interval (``change_ci95_low[label]``,
        ``change_ci95_high[label]``; NaN for exact results or one repetition)
        and ``distinguishable[label]``: whether that interval excludes 0
        (an exact change is distinguishable when it is not 0).
        """
        base = self.baseline.players.set_index("name")
        frame = pd.DataFrame(index=list(self.baseline.names))
        frame.index.name = "name"
        for label, result in zip(self.labels, self.results):
            players = result.players.set_index("name")
            frame[f"score[{label}]"] = players["mean_score_per_turn"]
            frame[f"rank[{label}]"] = players["rank"]
            if result is not self.baseline:
                change = players["mean_score_per_turn"] - base["mean_score_per_turn"]
                frame[f"change[{label}]"] = change
                intervals = self._change_intervals(result)
                frame[f"change_ci95_low[{label}]"] = intervals[:, 0]
                frame[f"change_ci95_high[{label}]"] = intervals[:, 1]
                if self.is_exact:
                    frame[f"distinguishable[{label}]"] = (change.abs() > TIE_TOLERANCE).to_numpy()
                else:
                    frame[f"distinguishable[{label}]"] = [excludes_zero(pair) for pair in intervals]
        return frame.sort_values(f"rank[{self.labels[0]}]").reset_index()

    def _change_intervals(self, result: TournamentResult) -> np.ndarray:
        """Paired 95% intervals of each player's change, in the baseline's player order."""
        if self.is_exact:
            return np.full((len(result.names), 2), np.nan)
        return mean_intervals(result.normalised_scores - self.baseline.normalised_scores)

    def regimes(self) -> pd.DataFrame:
        """One row per regime: mean cooperation, mean payoff, the class of G' and the winner."""
        rows = []
        for label, result in zip(self.labels, self.results):
            rows.append(
                {
                    "regime": label,
                    "mean_cooperation": result.mean_cooperation,
                    "mean_payoff": result.mean_payoff,
                    "expected_class": result.expected_game.classify(),
                    "winner": result.ranked_names[0],
                    "winner_robust": result.winner_robust,
                    "winner_first_share": float(result.players.first_share.iloc[0]),
                }
            )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
        """The JSON contract of ``regimelab compare``: each regime's ranking and summary, by label.

        Also the regimes' parameters, the baseline's base game, engine, seed and
        repetitions (null for the exact engine), and the versions.
        """
        results = []
        for label, result in zip(self.labels, self.results):
            data = result.to_dict()
            results.append(
                {
                    "label": label,
                    "regime": data["regime"],
                    "game": data["game"],
                    "ranking": data["ranking"],
                    "mean_cooperation": data["mean_cooperation"],
                    "mean_cooperation_ci95": data["mean_cooperation_ci95"],
                    "mean_payoff": data["mean_payoff"],
                    "mean_payoff_ci95": data["mean_payoff_ci95"],
                    "winner_robust": data["winner_robust"],
                }
            )
        first = self.baseline
        return {
            "regimes": [result.regime.to_dict() for result in self.results],
            "labels": list(self.labels),
            "results": results,
            "game": game_summary(first.game, first.regime)["base"],
            "engine": first.engine,
            "seed": None if self.is_exact else int(first.seed),
            "repetitions": None if self.is_exact else first.repetitions,
            "versions": versions(),
        }


def compare_regimes(
    players,
    regimes: list[Regime],
    game: Game | list[Game] | None = None,
    labels: list[str] | None = None,
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
    engine: str = "auto",
) -> Comparison:
    """Run the same tournament (players, seed) under each regime in turn.

    ``game`` is one stage game for all, or one per regime (a scenario may put
    the same regime on a security and an economic payoff structure).
    ``engine="exact"`` computes each tournament's expected values instead
    (finite-state strategies only; ``repetitions``, ``seed`` and ``jobs``
    are then unused); "auto", "simulate" and "vector" are the simulation
    engines of :func:`regimelab.run_tournament`, "auto" choosing one for all
    the regimes. ``players`` mixes strategy names, ``.toml`` files,
    axelrod strategy classes and players
    (:func:`regimelab.players.as_players`); every regime plays the same ones.
    """
    players = as_players(players)
    if engine not in (*SIMULATION_ENGINES, "exact"):
        raise InvalidParameter("engine", f"one of {', '.join(SIMULATION_ENGINES)}, exact", engine)
    games = list(game) if isinstance(game, (list, tuple)) else [game] * len(regimes)
    if len(games) != len(regimes):
        raise InvalidParameter("payoffs", "one game per regime", len(games))
    if len(regimes) < 2:
        raise InvalidParameter("regime", "at least two regimes to compare", len(regimes))
    labels = list(labels) if labels else [r.label(regimes[0]) if i else "baseline" for i, r in enumerate(regimes)]
    labels = _unique(labels)
    if engine == "exact":
        results = [
            run_exact_tournament(players, regime, one_game, progress) for regime, one_game in zip(regimes, games)
        ]
    else:
        engine = simulation_engine(engine, regimes)  # one engine for all: the changes are the regimes'
        results = [
            run_tournament(players, regime, one_game, repetitions, seed, jobs, progress, engine=engine)
            for regime, one_game in zip(regimes, games)
        ]
    return Comparison(labels, results)


def _unique(labels: list[str]) -> list[str]:
    out, seen = [], {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
