"""The same players under several regimes, side by side."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import InvalidParameter
from .game import Game
from .regime import Regime
from .results import TournamentResult, game_summary, versions
from .tournament import run_tournament


@dataclass
class Comparison:
    """Tournaments of the same players and seed under several regimes; the first is the baseline."""

    labels: list[str]
    results: list[TournamentResult]

    @property
    def baseline(self) -> TournamentResult:
        return self.results[0]

    def strategies(self) -> pd.DataFrame:
        """One row per strategy: score and rank under each regime, change against the baseline."""
        base = self.baseline.players.set_index("name")
        frame = pd.DataFrame(index=list(self.baseline.names))
        frame.index.name = "name"
        for label, result in zip(self.labels, self.results):
            players = result.players.set_index("name")
            frame[f"score[{label}]"] = players["mean_score_per_turn"]
            frame[f"rank[{label}]"] = players["rank"]
            if result is not self.baseline:
                frame[f"change[{label}]"] = players["mean_score_per_turn"] - base["mean_score_per_turn"]
        return frame.sort_values(f"rank[{self.labels[0]}]").reset_index()

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
                }
            )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
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
                    "mean_payoff": data["mean_payoff"],
                }
            )
        first = self.baseline
        return {
            "regimes": [result.regime.to_dict() for result in self.results],
            "labels": list(self.labels),
            "results": results,
            "game": game_summary(first.game, first.regime)["base"],
            "seed": int(first.seed),
            "repetitions": first.repetitions,
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
) -> Comparison:
    """Run the same tournament (players, seed) under each regime in turn.

    ``game`` is one stage game for all, or one per regime (a scenario may put
    the same regime on a security and an economic payoff structure).
    """
    games = list(game) if isinstance(game, (list, tuple)) else [game] * len(regimes)
    if len(games) != len(regimes):
        raise InvalidParameter("payoffs", "one game per regime", len(games))
    if len(regimes) < 2:
        raise InvalidParameter("regime", "at least two regimes to compare", len(regimes))
    labels = list(labels) if labels else [r.label(regimes[0]) if i else "baseline" for i, r in enumerate(regimes)]
    labels = _unique(labels)
    results = [
        run_tournament(players, regime, one_game, repetitions, seed, jobs, progress)
        for regime, one_game in zip(regimes, games)
    ]
    return Comparison(labels, results)


def _unique(labels: list[str]) -> list[str]:
    out, seen = [], {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
