"""Matplotlib figures of a sweep: a heatmap over two swept parameters, or a line per strategy over one.

The model's thresholds are drawn on them (see :mod:`regimelab.sweeps.overlays`)
and named in the legend. No pyplot and no window: a :class:`Figure` for files
and notebooks.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib
import matplotlib.patheffects as effects
import numpy as np
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter

from ..regime import Regime
from .grid import PAYOFF_KEYS
from .labels import axis_label, counted, format_value, joined_lines, parameter_symbol
from .overlays import threshold_overlays
from .selection import Metric, Selection, cell_edges, select_rows
from .sweep_file import Sweep, parameter_value
from .thresholds import is_supergame

#: The formats a picture is written in.
IMAGE_SUFFIXES = (".png", ".svg")
FIGSIZE = (11, 7)
DPI = 150
STYLE = {
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "figure.titlesize": 17,
    "svg.fonttype": "none",
}
LINE_COLOURS = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B",
]  # Okabe-Ito (its yellow swapped for brown, to show on white): told apart by colour-blind readers too
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p"]
#: Threshold lines on a line plot, by kind (stage game, super-game): (colour, dashes).
LINE_STYLES = {False: ("#C00000", "--"), True: ("#5B2A86", "-.")}
#: Threshold curves on a heatmap, by kind: light colours with a black outline, seen on any cell colour.
CURVE_STYLES = {False: ("#FFFFFF", "-"), True: ("#FF5FB0", (0, (4, 2)))}
#: The colour of a heatmap cell the sweep does not have.
MISSING_COLOUR = "#d9d9d9"
#: The longest line of a subtitle, in characters: narrower than the axes it heads, legend or colour bar beside.
SUBTITLE_WIDTH = 80


def make_figure(sweep: Sweep, metric: Metric, selection: Selection, title: str | None = None, overlays=None):
    """The picture as a matplotlib Figure (no pyplot, no window: for files and notebooks)."""
    with matplotlib.rc_context(STYLE):
        if selection.y is None:
            return _line_figure(sweep, metric, selection, title, overlays)
        return _heatmap_figure(sweep, metric, selection, title, overlays)


# -- text -----------------------------------------------------------------------


def _tick(value: float) -> str:
    """0.3 -> '0.3', 0.19444 -> '0.194', 200 -> '200'."""
    text = f"{value:g}"
    return text if len(text) <= 5 else f"{value:.3g}"


def _set_ticks(axis, values: list) -> None:
    step = max(1, math.ceil(len(values) / 11))
    shown = values[::step]
    axis.set_major_locator(FixedLocator(shown))
    axis.set_major_formatter(FuncFormatter(lambda value, _: _tick(value)))


def _metric_text(metric: Metric, per_player: bool) -> dict:
    """The metric's name for a title and its label for an axis (per player on a line plot, else per cell)."""
    if metric.kind == "cooperation":
        return {
            "name": "Cooperation",
            "axis": "cooperation rate (share of moves that complied)" if per_player
            else "cooperation (share of all moves that complied)",
        }
    if metric.kind == "payoff":
        return {
            "name": "Score per turn" if per_player else "Payoff per turn",
            "axis": "mean score per turn" if per_player else "mean payoff per turn (all players)",
        }
    return {"name": f"Rank of {metric.player}", "axis": f"rank of {metric.player} (1 = best)"}


def _context(sweep: Sweep, selection: Selection) -> str:
    """A subtitle: the regime and game held fixed, the players, repetitions and seed (or exact values).

    In lines of at most ``SUBTITLE_WIDTH`` characters, so that it stays within the figure.
    """
    parts = []
    if sweep.base_regime is not None:
        fixed = {k: v for k, v in selection.fixed.items() if v is not None and k not in PAYOFF_KEYS}
        regime = (sweep.base_regime.replace(**{k: parameter_value(k, v) for k, v in fixed.items()}) if fixed
                  else sweep.base_regime)
        changes = regime.changes_from(Regime())
        changes.pop("turns", None)
        changes.pop("shadow", None)
        if "shadow" not in selection.axes and "turns" not in selection.axes:
            parts.append(f"shadow w = {regime.shadow:g}" if regime.shadow is not None else f"{regime.turns} turns")
        for name, value in changes.items():
            if name not in selection.axes:
                parts.append(f"{name.replace('_', ' ')} {parameter_symbol(name)} = {format_value(value)}")
        if not parts:
            parts.append("no regime (null)")
    else:
        parts += [f"{k} = {format_value(v)}" for k, v in selection.fixed.items()
                  if v is not None and k not in PAYOFF_KEYS]
    if sweep.base_game is not None:
        game = {**sweep.base_game.to_dict(), **{k: v for k, v in selection.fixed.items() if k in PAYOFF_KEYS}}
        payoffs = " ".join(f"{k}={format_value(game[k])}" for k in PAYOFF_KEYS if k not in selection.axes)
        if payoffs:
            parts.append(f"game {payoffs}")
    details = [counted(len(sweep.players), "strategy", "strategies")]
    if sweep.manifest is not None and sweep.manifest.get("engine") == "exact":
        details.append("exact expected values")  # the manifest's repetitions and seed were not used
    elif sweep.manifest is not None:
        details += [counted(sweep.manifest.get("repetitions"), "repetition"), f"seed {sweep.manifest.get('seed')}"]
    lines = joined_lines(parts, SUBTITLE_WIDTH) + [", ".join(details)]
    if len(lines) > 1 and len(lines[-2]) + 5 + len(lines[-1]) <= SUBTITLE_WIDTH:
        lines[-2:] = [f"{lines[-2]}  |  {lines[-1]}"]
    return "\n".join(lines)


def _legend_note(text: str):
    return Line2D([], [], linestyle="none", marker="none", label=text)


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def _range_text(name: str, first: float, last: float) -> str:
    symbol = parameter_symbol(name)
    if math.isclose(first, last, rel_tol=1e-9, abs_tol=1e-12):
        return f"{symbol} = {first:.3g}"
    return f"{first:.3g} ≤ {symbol} ≤ {last:.3g}"


def _new_figure(title: str, subtitle: str):
    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    fig.suptitle(title, fontweight="bold")
    ax = fig.add_subplot()
    ax.set_title(subtitle, color="#444444", fontsize=11.5, pad=10)
    return fig, ax


# -- a line per strategy ------------------------------------------------------------


def _line_figure(sweep, metric, selection, title, overlays):
    """A line per strategy (or one player's rank) along x, the thresholds of x as vertical lines."""
    rows = select_rows(sweep, selection).sort_values(selection.x)
    x = selection.x
    text = _metric_text(metric, per_player=True)
    default_title = (
        f"{text['name']} of each strategy as {x.replace('_', ' ')} varies" if metric.kind != "rank"
        else f"{text['name']} as {x.replace('_', ' ')} varies"
    )
    fig, ax = _new_figure(title or default_title, _context(sweep, selection))
    xs_all = sorted(rows[x].unique().tolist())
    if metric.kind == "rank":
        _draw_rank_line(ax, rows, metric, x, len(sweep.players))
    else:
        _draw_strategy_lines(ax, rows, metric, x)
    ax.set_xlabel(axis_label(x))
    ax.set_ylabel(text["axis"])
    _set_ticks(ax.xaxis, xs_all)
    ax.grid(True, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)

    if overlays is None:
        overlays = threshold_overlays(sweep, selection)
    handles, labels = ax.get_legend_handles_labels()
    model = _draw_threshold_lines(ax, overlays, min(xs_all), max(xs_all))
    if sweep.base_regime is None:
        model.append(_legend_note(_wrap("no manifest beside the table: thresholds not drawn", 34)))
    first = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                      title="strategy" if metric.kind != "rank" else None, alignment="left")
    if model:
        ax.add_artist(first)
        ax.legend(handles=model, loc="lower left", bbox_to_anchor=(1.01, 0.0), frameon=False,
                  title="theory", alignment="left")
    return fig


def _draw_rank_line(ax, rows, metric: Metric, x: str, count: int) -> None:
    """One player's rank along ``x``, rank 1 at the top."""
    mine = rows[rows["player"] == metric.player]
    ax.plot(mine[x], mine["rank"], color=LINE_COLOURS[0], marker="o", linewidth=2.5, markersize=7,
            label=metric.player)
    ax.set_ylim(count + 0.5, 0.5)
    ax.set_yticks(range(1, count + 1))


def _draw_strategy_lines(ax, rows, metric: Metric, x: str) -> None:
    """A line per strategy (best overall first in the legend) and the mean of all strategies, dashed."""
    column = "cooperation_rate" if metric.kind == "cooperation" else "mean_score_per_turn"
    # Order the legend by how each strategy does overall: best first.
    order = rows.groupby("player", sort=False)[column].mean().sort_values(ascending=False).index.tolist()
    for i, player in enumerate(order):
        mine = rows[rows["player"] == player]
        ax.plot(
            mine[x], mine[column], label=player, color=LINE_COLOURS[i % len(LINE_COLOURS)],
            marker=MARKERS[i % len(MARKERS)], linewidth=2.2, markersize=6.5, alpha=0.9,
            linestyle="-" if i < len(LINE_COLOURS) else "--",
        )
    cells = rows.drop_duplicates("cell").sort_values(x)
    cell_column = "cell_mean_cooperation" if metric.kind == "cooperation" else "cell_mean_payoff"
    ax.plot(cells[x], cells[cell_column], color="#555555", linewidth=3, linestyle=(0, (4, 2)),
            label=_wrap("all strategies (mean)" if metric.kind == "payoff"
                        else "all strategies (share of all moves)", 24), zorder=1)
    if metric.kind == "cooperation":
        ax.set_ylim(-0.04, 1.04)


def _draw_threshold_lines(ax, overlays, low: float, high: float) -> list:
    """A vertical line at each threshold inside the swept range [low, high]; returns their legend entries."""
    model = []
    span = (high - low) or 1.0
    for line in overlays:
        # Named in the legend only: a label on the axes would hide the strategies' lines.
        if line.value is None:
            model.append(_legend_note(_wrap(f"{line.symbol}: none here ({line.none})", 34)))
            continue
        colour, dashes = LINE_STYLES[is_supergame(line)]
        inside = low - 0.02 * span <= line.value <= high + 0.02 * span
        if inside:
            ax.axvline(line.value, color=colour, linewidth=2.2, linestyle=dashes, zorder=3)
        note = "" if inside else " (outside the swept range)"
        model.append(Line2D([], [], color=colour, linewidth=2.2, linestyle=dashes,
                            label=_wrap(f"{line.label}{note}: {line.meaning}", 34)))
    return model


# -- a heatmap -----------------------------------------------------------------------


def _heatmap_figure(sweep, metric, selection, title, overlays):
    """The metric over the x-y grid, numbers in the cells, the thresholds as curves across it."""
    rows = select_rows(sweep, selection)
    x, y = selection.x, selection.y
    xs, ys = sorted(rows[x].unique().tolist()), sorted(rows[y].unique().tolist())
    text = _metric_text(metric, per_player=False)
    values = _heatmap_values(rows, metric, x, y, xs, ys)

    default_title = f"{text['name']} across {x.replace('_', ' ')} and {y.replace('_', ' ')}"
    fig, ax = _new_figure(title or default_title, _context(sweep, selection))
    mesh = _draw_cells(fig, ax, metric, xs, ys, values, text["axis"], len(sweep.players))
    if len(xs) <= 21 and len(ys) <= 21:  # the numbers in the cells, when they fit
        _write_cell_numbers(ax, mesh, metric, xs, ys, values)

    ax.set_xlabel(axis_label(x))
    ax.set_ylabel(axis_label(y))
    _set_ticks(ax.xaxis, xs)
    _set_ticks(ax.yaxis, ys)
    ex, ey = cell_edges(xs), cell_edges(ys)
    ax.set_xlim(ex[0], ex[-1])
    ax.set_ylim(ey[0], ey[-1])

    if overlays is None:
        overlays = threshold_overlays(sweep, selection)
    handles = _draw_threshold_curves(ax, overlays, y, ex, ey)
    if np.ma.is_masked(values) and np.ma.count_masked(values):
        handles.append(Patch(facecolor=MISSING_COLOUR, edgecolor="#999999", label="no cell in the sweep"))
    if sweep.base_regime is None:
        handles.append(_legend_note("no manifest beside the table: thresholds not drawn"))
    if handles:
        fig.legend(handles=handles, loc="outside lower center", frameon=False, ncols=1, handlelength=3.2,
                   title="theory" if overlays else None)
    return fig


def _heatmap_values(rows, metric: Metric, x: str, y: str, xs: list, ys: list) -> np.ma.MaskedArray:
    """The metric at each cell, rows ``ys`` by columns ``xs``; masked where the sweep has no cell."""
    if metric.kind == "rank":
        data, column = rows[rows["player"] == metric.player], "rank"
    else:
        data = rows.drop_duplicates("cell")
        column = "cell_mean_cooperation" if metric.kind == "cooperation" else "cell_mean_payoff"
    grid = data.pivot_table(index=y, columns=x, values=column, aggfunc="mean").reindex(index=ys, columns=xs)
    return np.ma.masked_invalid(grid.to_numpy(dtype=float))


def _draw_cells(fig, ax, metric: Metric, xs: list, ys: list, values, label: str, count: int):
    """The coloured cells and their colour bar (ranks 1 to ``count`` in steps, best at the top)."""
    if metric.kind == "rank":
        cmap = matplotlib.colormaps["viridis_r"].resampled(count).with_extremes(bad=MISSING_COLOUR)
        norm = BoundaryNorm(np.arange(0.5, count + 1), cmap.N)
        mesh = ax.pcolormesh(cell_edges(xs), cell_edges(ys), values, cmap=cmap, norm=norm)
    else:
        cmap = matplotlib.colormaps["viridis"].with_extremes(bad=MISSING_COLOUR)
        limits = {"vmin": 0.0, "vmax": 1.0} if metric.kind == "cooperation" else {}
        mesh = ax.pcolormesh(cell_edges(xs), cell_edges(ys), values, cmap=cmap, **limits)
    bar = fig.colorbar(mesh, ax=ax, pad=0.02, fraction=0.05)
    bar.set_label(label)
    if metric.kind == "rank":
        bar.set_ticks(range(1, count + 1))
        bar.ax.invert_yaxis()
    return mesh


def _write_cell_numbers(ax, mesh, metric: Metric, xs: list, ys: list, values) -> None:
    """The metric's value in each cell, dark on light cells and light on dark ones."""
    size = 11 if len(xs) <= 11 else 8.5
    for i, yv in enumerate(ys):
        for j, xv in enumerate(xs):
            value = values[i, j]
            if np.ma.is_masked(value):
                continue
            r, g, b, _ = mesh.cmap(mesh.norm(value))
            light = 0.299 * r + 0.587 * g + 0.114 * b > 0.5
            label = f"{value:.0f}" if metric.kind == "rank" else f"{value:.2f}"
            # Above the threshold curves, with a halo, so that a curve never hides a number.
            halo = [effects.withStroke(linewidth=2, foreground="white" if light else "#111111")]
            ax.text(xv, yv, label, ha="center", va="center", fontsize=size,
                    color="#111111" if light else "white", zorder=8, path_effects=halo)


def _draw_threshold_curves(ax, overlays, y: str, ex, ey) -> list:
    """Each ThresholdCurve over the cells (edges ``ex``, ``ey``); returns their legend entries."""
    handles = []
    for curve in overlays:
        colour, dashes = CURVE_STYLES[is_supergame(curve)]
        outline = [effects.Stroke(linewidth=5.5, foreground="black"), effects.Normal()]
        along = np.array(curve.along_values, dtype=float)
        thresh = np.array([np.nan if v is None else v for v in curve.values], dtype=float)
        px, py = (along, thresh) if curve.parameter == y else (thresh, along)
        ax.plot(px, py, color=colour, linewidth=2.8, linestyle=dashes, path_effects=outline, zorder=5)
        # Named in the legend only: a label on the cells would cover their numbers.
        low, high = (ey[0], ey[-1]) if curve.parameter == y else (ex[0], ex[-1])
        visible = np.isfinite(thresh) & (thresh >= low) & (thresh <= high)
        where = " (outside the plotted range)" if np.isfinite(thresh).any() and not visible.any() else ""
        handles.append(Line2D(
            [], [], color=colour, linewidth=2.8, linestyle=dashes, path_effects=outline,
            label=_wrap(f"{curve.label}{where}: {curve.meaning}", 70),
        ))
        runs = curve.missing_runs()
        if runs:
            ranges = ", ".join(_range_text(curve.along, a, b) for a, b in runs[:3])
            handles.append(_legend_note(_wrap(f"no {curve.symbol} at {ranges}: {curve.none}", 70)))
    return handles
