"""The picture of a comparison of regimes (`regimelab compare --plot`): matplotlib, drawn off-screen."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .files import write_atomically


def plot_comparison(comparison, path: Path) -> None:
    """Grouped horizontal bars: each strategy's mean score per turn under each regime."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt


    frame = comparison.strategies()
    names = list(frame["name"])
    count = len(comparison.labels)
    height = 0.8 / count
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) * max(1, count / 2) + 1.8))
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
    ax.set_title("Strategies under each regime (same players, same seed)")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    fmt = path.suffix.lower().lstrip(".")
    write_atomically(path, lambda handle: fig.savefig(handle, format=fmt, dpi=120))
    plt.close(fig)
