"""What a sweep is: everything that fixes its results, and its fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..errors import RegimelabError
from ..game import Game
from ..players import unique_names
from ..regime import Regime
from .grid import SweepGrid


class SweepError(RegimelabError):
    """A sweep that cannot start or continue as asked (a partial file, a scheduler)."""


@dataclass(frozen=True)
class SweepDefinition:
    """Everything that determines a sweep's results."""

    players: tuple
    base_regime: Regime
    base_game: Game
    grid: SweepGrid
    repetitions: int
    seed: int
    engine: str = "simulate"  # or "exact": expected values, repetitions unused (the seed only draws a design)

    def identity(self) -> dict:
        """What fixes the results, as JSON: players, base regime and game, grid, repetitions, seed, engine."""
        return {
            "players": [str(player) for player in self.players],
            "base_regime": self.base_regime.to_dict(),
            "base_game": self.base_game.to_dict(),
            "grid": {"mode": self.grid.mode, "params": {n: list(v) for n, v in self.grid.params},
                     **({} if self.grid.design is None else {"design": self.grid.design.to_dict()})},
            "repetitions": self.repetitions,
            "seed": self.seed,
            "engine": self.engine,
        }

    def cell_seed(self, cell) -> int:
        """The seed of a cell's tournament: derived from the sweep's seed and the cell's values in a grid; in
        a sampled design the sweep's seed itself, the same for every cell (common random numbers).

        With common random numbers a parameter that does not change play (a fine, for strategies that do
        not read payoffs) changes no draw either, so its index is 0 rather than the noise between seeds.
        """
        return self.seed if self.grid.design is not None else cell.seed(self.seed)

    @property
    def fingerprint(self) -> str:
        """16 hex digits of the SHA-256 of :meth:`identity`; a partial file must carry the same to resume."""
        return hashlib.sha256(json.dumps(self.identity(), sort_keys=True).encode()).hexdigest()[:16]

    @property
    def player_names(self) -> list[str]:
        """The players' names as a cell's rows name them (made unique as the tournament makes them)."""
        return unique_names(list(self.players))
