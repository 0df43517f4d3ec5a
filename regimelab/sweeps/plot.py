"""`regimelab plot` from Python: draw a sweep and write the picture (a thin facade over its parts).

Two swept parameters give a heatmap of a metric (one strategy's rank,
cooperation or payoff) over the grid; one gives a line per strategy. Where the
model page (§5) gives a threshold for a parameter on an axis, it is drawn from
the sweep's base regime and game (its manifest), as `regimelab explain`
computes it. The parts, one job each:

- :mod:`.sweep_file`: loading and checking a sweep table and its manifest;
- :mod:`.selection`: the metric, the axes and the values held fixed;
- :mod:`.thresholds`: the model's thresholds at the points of a sweep;
- :mod:`.overlays`: which thresholds a picture draws;
- :mod:`.figures`: the matplotlib figures.

    >>> sweep = load_sweep("p.parquet")
    >>> selection = choose_axes(sweep)                 # or x=, y=, at={"fine": 2}
    >>> pair = strategy_pair("tft", "alld")            # the super-game's two strategies
    >>> threshold_overlays(sweep, selection, pair)     # the lines or curves drawn
    >>> plot_sweep(sweep, default_metric(sweep), selection, Path("p.png"), pair=pair)
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

from ..errors import InvalidParameter
from ..files import write_atomically
from ..supergame import StrategyPair
from .figures import DPI, FIGSIZE, IMAGE_SUFFIXES, STYLE, make_figure
from .overlays import threshold_overlays
from .selection import Metric, Selection, choose_axes, default_metric, match_player, parse_at, parse_metric, select_rows
from .sweep_file import TABLE_SUFFIXES, Sweep, load_sweep
from .thresholds import (
    THRESHOLDS,
    ThresholdCurve,
    ThresholdLine,
    format_threshold,
    strategy_pair,
    threshold_curve,
    threshold_lines,
)

__all__ = [
    "DPI", "FIGSIZE", "IMAGE_SUFFIXES", "TABLE_SUFFIXES", "THRESHOLDS", "Metric", "Selection", "Sweep",
    "ThresholdCurve", "ThresholdLine", "choose_axes", "default_metric", "format_threshold", "load_sweep",
    "make_figure", "match_player", "parse_at", "parse_metric", "plot_sweep", "plot_sweep_file", "select_rows",
    "strategy_pair", "threshold_curve", "threshold_lines", "threshold_overlays",
]


def plot_sweep(
    sweep: Sweep, metric: Metric, selection: Selection, output: Path, title: str | None = None, overlays=None,
    pair: StrategyPair | None = None,
) -> list:
    """Draw the sweep and write it atomically to ``output`` (.png or .svg); returns the overlays drawn.

    ``pair`` is the super-game whose thresholds are drawn (default: Tit For Tat against the Defector).
    """
    output = Path(output)
    fmt = output.suffix.lower().lstrip(".")
    if "." + fmt not in IMAGE_SUFFIXES:
        raise InvalidParameter("output", f"a file name ending in {', '.join(IMAGE_SUFFIXES)}", str(output))
    if overlays is None:
        overlays = threshold_overlays(sweep, selection, pair)
    with matplotlib.rc_context(STYLE):
        fig = make_figure(sweep, metric, selection, title, overlays)
        metadata = {"Date": None} if fmt == "svg" else None  # the same sweep gives the same file
        write_atomically(output, lambda handle: fig.savefig(handle, format=fmt, dpi=DPI, metadata=metadata))
    return overlays


def plot_sweep_file(
    path, output=None, metric: str | None = None, x: str | None = None, y: str | None = None, at=None,
    title: str | None = None, strategy: str | None = None, against: str | None = None,
) -> Path:
    """`regimelab plot` from Python: read ``path``, draw, write ``output`` (default: beside it, .png).

    ``metric`` None: :func:`default_metric`. ``strategy`` and ``against``: the
    super-game pair (default Tit For Tat against Defector). The entry point
    docs/sweeps.md gives for Python.
    """
    sweep = load_sweep(path)
    chosen = parse_metric(metric, sweep.players) if metric is not None else default_metric(sweep)
    selection = choose_axes(sweep, x, y, at)
    pair = strategy_pair(strategy, against, sweep.base_regime, sweep.base_game)
    output = Path(output) if output is not None else sweep.path.with_suffix(".png")
    plot_sweep(sweep, chosen, selection, output, title, pair=pair)
    return output
