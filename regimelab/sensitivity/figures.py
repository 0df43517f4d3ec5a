"""The conventional pictures of sensitivity indices: bars with 95% intervals, and the Morris mu*-sigma plane.

- Sobol': per parameter, S1 and ST side by side with their intervals, most
  influential first; the gap between them is what the parameter does
  through interactions.
- RBD-FAST: S1 with its interval.
- Morris: each parameter a point at (mu*, sigma) with mu*'s interval; the
  dashed rays sigma/mu* = 0.1, 0.5 and 1 (Garcia Sanchez et al. 2014) tell an
  almost linear effect (below 0.1) from a non-linear or interacting one
  (above 1).

No pyplot and no window: a :class:`Figure`, written atomically.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..errors import InvalidParameter
from ..files import write_atomically
from ..sweeps.figures import DPI, IMAGE_SUFFIXES, LINE_COLOURS, MARKERS, STYLE
from .indices import SensitivityResult

FIGSIZE = (9, 5.5)
#: The rays sigma / mu* of the Morris plane.
MORRIS_RAYS = (0.1, 0.5, 1.0)


def sensitivity_figure(result: SensitivityResult, title: str | None = None) -> Figure:
    """The picture of ``result``: bars with intervals (Sobol', RBD-FAST) or the mu*-sigma plane (Morris)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        ax = fig.add_subplot()
        if result.method == "morris":
            _morris_plane(ax, result)
        else:
            _bars(ax, result)
        fig.suptitle(title or _title(result))
        ax.set_title(_subtitle(result), fontsize=10)
        return fig


def write_sensitivity_figure(result: SensitivityResult, output, title: str | None = None) -> Path:
    """Draw ``result`` and write it atomically to ``output`` (.png or .svg)."""
    output = Path(output)
    fmt = output.suffix.lower().lstrip(".")
    if "." + fmt not in IMAGE_SUFFIXES:
        raise InvalidParameter("plot", f"a file name ending in {', '.join(IMAGE_SUFFIXES)}", str(output))
    fig = sensitivity_figure(result, title)
    metadata = {"Date": None} if fmt == "svg" else None  # the same result gives the same file
    with matplotlib.rc_context({"svg.hashsalt": "regimelab"}):  # and the same ids inside an SVG
        write_atomically(output, lambda handle: fig.savefig(handle, format=fmt, dpi=DPI, metadata=metadata))
    return output


def _title(result: SensitivityResult) -> str:
    kind = {"sobol": "Sobol' indices", "morris": "Morris screening", "rbd-fast": "First-order indices (RBD-FAST)"}
    return f"{kind[result.method]} of {result.metric.text}"


def _subtitle(result: SensitivityResult) -> str:
    design = result.design
    text = (f"{result.metric.label}; {design.name} design, N = {design.samples}, {result.cells:,} cells, "
            f"seed {design.seed}; 95% intervals from {result.resamples:,} bootstrap resamples")
    return "\n".join(textwrap.wrap(text, 95))


def _label(row: dict) -> str:
    """``false alarm a``; a payoff is its own symbol (``T``)."""
    if row["symbol"] == row["parameter"]:
        return row["parameter"]
    return f"{row['parameter'].replace('_', ' ')} {row['symbol']}"


def _bars(ax, result: SensitivityResult) -> None:
    rows = result.table.to_dict(orient="records")
    positions = np.arange(len(rows))
    shown = [("S1", "first order S1")] + ([("ST", "total ST")] if result.method == "sobol" else [])
    width = 0.8 / len(shown)
    for number, (key, name) in enumerate(shown):
        values = np.array([row[key] for row in rows])
        errors = np.array([row[key + "_conf"] for row in rows])
        ax.bar(positions + (number - (len(shown) - 1) / 2) * width, values, width, yerr=errors, capsize=4,
               color=LINE_COLOURS[number], label=name, error_kw={"elinewidth": 1.2})
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_xticks(positions, [_label(row) for row in rows], rotation=20 if len(rows) > 4 else 0,
                  ha="right" if len(rows) > 4 else "center")
    ax.set_ylabel("share of the metric's variance")
    ax.legend(frameon=False, loc="upper right")


def _morris_plane(ax, result: SensitivityResult) -> None:
    rows = result.table.to_dict(orient="records")
    mu_star = np.array([row["mu_star"] for row in rows])
    sigma = np.array([row["sigma"] for row in rows])
    conf = np.array([row["mu_star_conf"] for row in rows])
    reach = max(float(np.nanmax(mu_star + conf)), float(np.nanmax(sigma)), 1e-12) * 1.12
    for ratio in MORRIS_RAYS:
        ax.plot([0, reach], [0, ratio * reach], linestyle="--", color="#999999", linewidth=1, zorder=1)
        ax.annotate(f"σ/μ* = {ratio:g}", (0.8 * reach, 0.8 * ratio * reach), fontsize=9, color="#666666",
                    ha="left", va="bottom")
    # A colour and a marker each, named in the legend: points of close parameters overlap, labels would too.
    for number, (row, x, y, error) in enumerate(zip(rows, mu_star, sigma, conf)):
        colour = LINE_COLOURS[number % len(LINE_COLOURS)]
        ax.errorbar([x], [y], xerr=[error], fmt=MARKERS[number % len(MARKERS)], markersize=9, color=colour,
                    ecolor=colour, capsize=4, label=_label(row), zorder=3)
    ax.set_xlim(0, reach)
    ax.set_ylim(0, reach)
    ax.set_xlabel("μ*: mean absolute elementary effect (metric per whole range)")
    ax.set_ylabel("σ: standard deviation of the effects")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
