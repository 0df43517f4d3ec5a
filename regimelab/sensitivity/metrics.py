"""The metric of a sensitivity analysis: one number per cell of a sweep, read from its table."""

from __future__ import annotations

import numpy as np

from ..errors import InvalidParameter
from ..sweeps.selection import CELL_METRICS, PLAYER_METRICS, Metric, match_player
from ..sweeps.sweep_file import Sweep
from . import METRICS_TEXT


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
