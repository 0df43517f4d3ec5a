"""The sandbox's numbers: what a regime does to the game and to a tournament, from regimelab's engines.

For a regime and stage game: the expected stage game G', its class and the
thresholds w*, p*, F*, F*sg (:func:`regimelab.explanation.explain_regime`,
the numbers of ``regimelab explain``); the tournament of the chosen strategies
(the exact engine when every one has a finite-state form, otherwise a quick
simulation, each score with its 95% interval); and the replicator dynamics on
that tournament's payoff matrix. Results are cached by their inputs, so
moving a control back and forth costs nothing the second time.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache

from ..errors import RegimelabError
from ..evolution import PayoffMatrix, replicator_dynamics
from ..exact_tournament import run_exact_tournament
from ..explanation import explain_regime
from ..functions import regime_functions
from ..game import Game
from ..machines import exact_strategies
from ..players import default_players, find_strategy, make_player
from ..regime import Regime
from ..scenarios import builtin_scenario_kinds, load_tournament_scenario
from ..tournament import run_tournament

#: A quick simulation: repetitions and seed (when a strategy has no finite-state form).
QUICK_REPETITIONS = 10
QUICK_SEED = 1
#: Replicator dynamics: up to this time, reported at this many steps.
EVOLUTION_TIME = 50.0
EVOLUTION_STEPS = 50
#: One computation at a time: a projector needs one answer, and the machine's cores are for it.
_computing = threading.Lock()


def options() -> dict:
    """What the controls offer: the regime's parameters, the strategies, the tournament scenarios."""
    parameters = [
        {"name": p.name, "symbol": p.symbol, "default": p.default, "accepted": p.accepted, "help": p.help,
         "lipson": p.lipson, "integer": p.kind is int}
        for function in regime_functions() for p in function.PARAMETERS
    ]
    scenarios = []
    for name, kind in builtin_scenario_kinds().items():
        if kind == "tournament":
            scenario = load_tournament_scenario(name)
            scenarios.append({"name": name, "title": scenario.title})
    return {
        "parameters": parameters,
        "default_strategies": [player.name for player in default_players()],
        "exact_strategies": exact_strategies(),
        "scenarios": scenarios,
    }


def scenario_details(name: str) -> dict:
    """A tournament scenario's texts, sources, players and regimes (its ``to_dict``)."""
    return load_tournament_scenario(name).to_dict()


def evaluate(regime: Regime, game: Game, strategies: tuple, scenario: str | None, baseline: Regime | None) -> dict:
    """The sandbox's numbers for ``regime`` (and for ``baseline`` beside them when given).

    ``strategies``: names, or empty with a ``scenario`` to play the scenario's own players.
    """
    with _computing:
        data = _evaluate(json.dumps(regime.to_dict()), _payoffs(game), strategies, scenario)
        if baseline is not None:
            data = dict(data, baseline=_evaluate(json.dumps(baseline.to_dict()), _payoffs(game), strategies,
                                                 scenario))
    return data


def _payoffs(game: Game) -> tuple:
    return (game.R, game.S, game.T, game.P)


@lru_cache(maxsize=128)
def _evaluate(regime_json: str, payoffs: tuple, strategies: tuple, scenario: str | None) -> dict:
    regime, game = Regime(**json.loads(regime_json)), Game(*payoffs)
    players = (load_tournament_scenario(scenario).make_players() if scenario and not strategies
               else [make_player(find_strategy(name)) for name in strategies])
    result = {"label": regime.label(), "explain": _explanation(regime, game)}
    result.update(_tournament(players, regime, game))
    return result


def _explanation(regime: Regime, game: Game) -> dict:
    try:
        data = explain_regime(regime, game)
    except RegimelabError as error:
        return {"error": str(error)}
    return {key: data[key] for key in ("game", "thresholds", "meanings", "supergame")}


def _tournament(players, regime: Regime, game: Game) -> dict:
    try:
        result, reason = run_exact_tournament(players, regime, game), None
    except RegimelabError as error:
        reason = str(error)
        try:
            result = run_tournament(players, regime, game, repetitions=QUICK_REPETITIONS, seed=QUICK_SEED)
        except RegimelabError as failure:
            return {"tournament": {"error": str(failure)}, "evolution": None}
    ranking = [
        {"name": row["name"], "per_turn": row["mean_score_per_turn"], "cooperation": row["cooperation_rate"],
         "ci95": None if result.is_exact else [row["ci95_low"], row["ci95_high"]]}
        for row in result.players.to_dict("records")
    ]
    tournament = {"engine": result.engine, "reason": reason, "ranking": ranking,
                  "repetitions": None if result.is_exact else result.repetitions,
                  "cooperation": result.mean_cooperation, "payoff": result.mean_payoff}
    matrix = result.pairs.pivot(index="player", columns="opponent", values="mean_score_per_turn")
    matrix = matrix.loc[result.names, result.names].to_numpy()
    run = replicator_dynamics(PayoffMatrix.from_array(matrix, result.names), time=EVOLUTION_TIME,
                              steps=EVOLUTION_STEPS)
    evolution = {"names": list(result.names), "times": run.times.tolist(), "shares": run.shares.tolist(),
                 "final": {name: float(share) for name, share in zip(result.names, run.final)}}
    return {"tournament": tournament, "evolution": evolution}
