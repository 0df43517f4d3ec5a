"""The metric of a sensitivity analysis: one number per cell of a sweep, read from its table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..sweeps.selection import match_player
from ..sweeps.sweep_file import Sweep
from . import METRICS_TEXT

#: The metrics of a whole cell: (column, what it is).
CELL_METRICS = {
    "cooperation": ("cell_mean_cooperation", "cooperation (share of compliant moves)"),
    "payoff": ("cell_mean_payoff", "mean payoff per turn"),
    "margin": ("supergame_margin", "the super-game's margin, V(Grim vs Grim) - V(Always Defect vs Grim)"),
}
#: The metrics of one player: (column, what it is).
PLAYER_METRICS = {
    "rank": ("rank", "the rank of {player} (1 = first)"),
    "score": ("mean_score_per_turn", "the score per turn of {player}"),
}


@dataclass(frozen=True)
class Metric:
    """A metric: a cell's (``cooperation``, ``payoff``, ``margin``) or a player's (``rank``, ``score``)."""

    kind: str
    player: str | None = None

    @property
    def text(self) -> str:
        """The metric as ``--metric`` takes it: 'cooperation' or 'rank:Defector'."""
        return self.kind if self.player is None else f"{self.kind}:{self.player}"

    @property
    def column(self) -> str:
        """The table's column it is read from."""
        return (CELL_METRICS if self.player is None else PLAYER_METRICS)[self.kind][0]

    @property
    def label(self) -> str:
        """What it is, in words, for a picture's title."""
        if self.player is None:
            return CELL_METRICS[self.kind][1]
        return PLAYER_METRICS[self.kind][1].format(player=self.player)


def parse_metric(text: str, sweep: Sweep) -> Metric:
    """``text`` as a metric of ``sweep``; refused (naming ``metric``) if unknown or the sweep lacks it."""
    cleaned = (text or "").strip()
    kind, sep, name = cleaned.partition(":")
    kind = kind.strip().lower()
    if kind in CELL_METRICS and not sep:
        metric = Metric(kind)
    elif kind in PLAYER_METRICS:
        player = match_player(name, sweep.players) if name.strip() else None
        if player is None:
            raise InvalidParameter(
                "metric", f"{kind}:NAME with NAME one of the sweep's players ({', '.join(sweep.players)})", text
            )
        metric = Metric(kind, player)
    else:
        raise InvalidParameter("metric", METRICS_TEXT, text)
    if metric.column not in sweep.table.columns:
        raise InvalidParameter("metric", f"a metric the sweep records ({sweep.path.name} has no column "
                               f"{metric.column}: it was written by an older regimelab; run the sweep again)", text)
    return metric


def metric_values(sweep: Sweep, metric: Metric) -> np.ndarray:
    """The metric in every cell, in the order of the cells (the sampler's), as floats."""
    table = sweep.table
    if metric.player is not None:
        table = table[table["player"] == metric.player]
    cells = table.drop_duplicates("cell").sort_values("cell")
    return cells[metric.column].to_numpy(dtype=float)
