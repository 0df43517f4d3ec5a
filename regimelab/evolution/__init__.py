"""Evolution under a regime: which strategies spread, and which resist invasion.

One algorithm per module:

- :mod:`.population`: the payoff matrix of a population under a regime
  (exact engine when every strategy is finite-state, else simulation);
- :mod:`.replicator`: replicator dynamics (shares over time, the end state);
- :mod:`.moran`: fixation probabilities of the Moran process (axelrod's
  ``MoranProcess`` semantics, exact birth-death formula; exact also when
  match lengths are random, else with each fitness replaced by its mean,
  and it says which);
- :mod:`.plot`: shares over time as a picture.

    >>> from regimelab import Regime, make_players
    >>> from regimelab.evolution import evolve
    >>> outcome = evolve(make_players(["tft", "alld"]), Regime(turns=200), population=10)
    >>> outcome.replicator.final_shares(), outcome.fixation.matrix

See docs/evolution.md for the formulas and their sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidParameter
from ..game import Game
from ..json_parts import game_summary, versions
from ..regime import Regime
from .moran import (
    FitnessNotPositive,
    FixationResult,
    MatchLaw,
    birth_probabilities,
    check_population,
    check_selection,
    fitnesses,
    fixation_matrix,
    fixation_method,
    fixation_probability,
    match_laws,
    simulate_fixation,
    transition_probabilities,
    verdict,
)
from .population import ENGINES, LengthScores, PayoffMatrix, payoff_matrix
from .replicator import ReplicatorResult, check_time, replicator_dynamics, replicator_rate


@dataclass(frozen=True)
class Evolution:
    """A population's payoff matrix, its replicator path and its fixation probabilities."""

    payoffs: PayoffMatrix
    replicator: ReplicatorResult
    fixation: FixationResult

    def to_dict(self) -> dict:
        """The JSON contract of ``regimelab evolve``."""
        payoffs = self.payoffs
        data = {
            "strategies": list(payoffs.names),
            "engine": payoffs.engine,
            "engine_reason": payoffs.reason,
            "payoffs": payoffs.to_dict(),
        }
        data.update(self.replicator.to_dict())
        data["trajectory"] = {"times": data.pop("times"), "shares": data.pop("shares")}
        data["fixation"] = self.fixation.to_dict()
        data["fixation_method"] = self.fixation.method
        data["fixation_method_reason"] = self.fixation.method_reason
        if payoffs.regime is not None:
            data["regime"] = payoffs.regime.to_dict()
        if payoffs.game is not None:
            data["game"] = game_summary(payoffs.game, payoffs.regime or Regime())
        data["versions"] = versions()
        return data


def evolve(
    players,
    regime: Regime | None = None,
    game: Game | None = None,
    engine: str = "auto",
    population: int = 10,
    selection: float = 1.0,
    initial=None,
    time: float = 100.0,
    steps: int = 100,
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
) -> Evolution:
    """The payoff matrix of ``players`` under ``regime``, then both dynamics on it.

    ``initial``: replicator shares (a sequence in the players' order, or a
    dict by name with unnamed strategies at 0); default uniform.
    """
    check_population(population)
    check_selection(selection)
    check_time(time, steps)
    payoffs = payoff_matrix(players, regime, game, engine, repetitions=repetitions, seed=seed, jobs=jobs,
                            progress=progress)
    if isinstance(initial, dict):
        initial = shares_by_name(initial, payoffs.names)
    run = replicator_dynamics(payoffs, initial, time=time, steps=steps)
    fixation = fixation_matrix(payoffs, population, selection)
    return Evolution(payoffs, run, fixation)


def shares_by_name(shares: dict, names) -> list[float]:
    """Shares in the order of ``names`` from a dict by name (exact names); unnamed ones are 0."""
    unknown = [name for name in shares if name not in names]
    if unknown:
        raise InvalidParameter("initial", f"names of the population ({', '.join(names)})", unknown[0])
    return [float(shares.get(name, 0.0)) for name in names]


__all__ = [
    "ENGINES",
    "Evolution",
    "FitnessNotPositive",
    "FixationResult",
    "LengthScores",
    "MatchLaw",
    "PayoffMatrix",
    "ReplicatorResult",
    "birth_probabilities",
    "evolve",
    "fitnesses",
    "fixation_matrix",
    "fixation_method",
    "fixation_probability",
    "match_laws",
    "payoff_matrix",
    "replicator_dynamics",
    "replicator_rate",
    "shares_by_name",
    "simulate_fixation",
    "transition_probabilities",
    "verdict",
]
