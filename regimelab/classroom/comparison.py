"""What a few classic strategies would have scored in a student's place, against the same opponent.

Against a strategy: each classic strategy's expected score per turn against
it under the regime, from the exact engine when both have a finite-state
form, else from a simulated tournament with its 95% interval. Against a
student: each classic strategy replays the match with the same seed against
the partner's moves as they were chosen (the partner may have chosen
differently against another player, which the page says).
"""

from __future__ import annotations

import json
from functools import lru_cache

import axelrod as axl

from ..errors import RegimelabError
from ..exact_tournament import run_exact_tournament
from ..game import Game
from ..match import RegimeMatch, realised_payoffs, total
from ..players import find_strategy, make_player
from ..regime import Regime
from ..tournament import run_tournament
from .live_match import Student

#: The strategies a student is compared with.
CLASSICS = ("Tit For Tat", "Grudger", "Win-Stay Lose-Shift", "Cooperator", "Defector")
#: Repetitions of the simulated comparison when a strategy has no finite-state form.
SIMULATED_REPETITIONS = 30


def against_strategy(regime: Regime, game: Game, opponent: str) -> list[dict]:
    """Each classic strategy's score per turn against ``opponent`` under ``regime``: name, per_turn, ci95, engine."""
    return [dict(row) for row in _against_strategy(json.dumps(regime.to_dict()), _payoffs(game),
                                                    opponent)]


@lru_cache(maxsize=256)
def _against_strategy(regime_json: str, payoffs: tuple, opponent: str) -> tuple:
    regime, game = Regime(**json.loads(regime_json)), Game(*payoffs)
    names = [name for name in CLASSICS if name != opponent] + [opponent]
    players = [make_player(find_strategy(name)) for name in names]
    try:
        result, engine = run_exact_tournament(players, regime, game), "exact"
    except RegimelabError:
        result = run_tournament(players, regime, game, repetitions=SIMULATED_REPETITIONS, seed=1)
        engine = "simulate"
    pairs = result.pairs.set_index(["player", "opponent"])
    opponent_label = result.names[-1]
    rows = []
    for name, label in zip(CLASSICS, _labels(result.names, names)):
        row = pairs.loc[(label, opponent_label)]
        interval = None if engine == "exact" else [float(row["ci95_low"]), float(row["ci95_high"])]
        rows.append({"name": name, "per_turn": float(row["mean_score_per_turn"]), "ci95": interval,
                     "engine": engine})
    return tuple(tuple(row.items()) for row in rows)


def _labels(labels: list[str], names: list[str]) -> list[str]:
    """The result's label of each classic strategy (the opponent may be one of them, played against itself)."""
    by_name = dict(zip(names, labels))
    return [by_name[name] for name in CLASSICS]


def against_moves(regime: Regime, game: Game, seed: int, partner_moves: str, side: int = 0) -> list[dict]:
    """Each classic strategy's score per turn in the same match (same seed and seat ``side``, so the same length
    and draws) against the partner's chosen moves."""
    return [dict(row) for row in _against_moves(json.dumps(regime.to_dict()), _payoffs(game), seed, partner_moves,
                                                 side)]


@lru_cache(maxsize=4096)
def _against_moves(regime_json: str, payoffs: tuple, seed: int, partner_moves: str, side: int) -> tuple:
    regime, game = Regime(**json.loads(regime_json)), Game(*payoffs)
    rows = []
    for name in CLASSICS:
        script = Student([axl.Action.from_char(move) for move in partner_moves])
        seats = [make_player(find_strategy(name)), script]
        play = RegimeMatch(seats if side == 0 else seats[::-1], regime, game, seed=seed).play()
        score = total(realised_payoffs(play, game, regime)[:, side])
        rows.append((("name", name), ("per_turn", score / play.turns), ("ci95", None), ("engine", "replay")))
    return tuple(rows)


def _payoffs(game: Game) -> tuple:
    return (game.R, game.S, game.T, game.P)
