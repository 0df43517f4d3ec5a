"""The picture of a comparison of regimes (`regimelab compare --plot`): matplotlib, drawn off-screen."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .files import write_atomically


def plot_comparison(comparison, path: Path) -> None:
    """Draw :func:`comparison_figure` into ``path`` (.png, .svg or .pdf), written atomically."""
    fig = comparison_figure(comparison)
    fmt = path.suffix.lower().lstrip(".")
    write_atomically(path, lambda handle: fig.savefig(handle, format=fmt, dpi=120))


def comparison_figure(comparison):
    """Grouped horizontal bars: each strategy's mean score per turn under each regime.

    The legend (one entry per regime) sits below the axes, where it covers no bar.
    A figure without pyplot: matplotlib's backend is left as it is (a notebook keeps its inline plots).
    """
    from matplotlib.figure import Figure

    frame = comparison.strategies()
    names = list(frame["name"])
    count = len(comparison.labels)
    height = 0.8 / count
    legend_height = 0.25 * count + 0.3
    fig = Figure(figsize=(8, 0.45 * len(names) * max(1, count / 2) + 1.8 + legend_height), layout="constrained")
    ax = fig.subplots()
    positions = np.arange(len(names))
    for i, (label, result) in enumerate(zip(comparison.labels, comparison.results)):
        scores = frame[f"score[{label}]"].to_numpy()
        ax.barh(
            positions + (i - (count - 1) / 2) * height, scores, height,
            label=f"{label} (cooperation {result.mean_cooperation:.2f})",
        )
    ax.set_yticks(positions, names)
    ax.invert_yaxis()
    ax.set_xlabel("mean score per turn")
    same = "exact expected values" if all(r.is_exact for r in comparison.results) else "same seed"
    ax.set_title(f"Strategies under each regime (same players, {same})")
    fig.legend(loc="outside lower center", fontsize="small", frameon=False)
    return fig
