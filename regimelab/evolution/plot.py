"""A picture of the replicator dynamics: each strategy's share over time."""

from __future__ import annotations

from pathlib import Path

from ..files import write_atomically

#: Strategies whose share never exceeds this are drawn but left out of the legend.
LEGEND_FLOOR = 1e-3


def plot_shares(run, path: Path, title: str | None = None) -> None:
    """Draw ``run`` (a :class:`ReplicatorResult`) to ``path`` (.png, .svg or .pdf), atomically.

    A figure without pyplot: matplotlib's backend is left as it is (a notebook keeps its inline plots).
    """
    from matplotlib.figure import Figure

    path = Path(path)
    fig = Figure(figsize=(8, 4.8))
    ax = fig.subplots()
    peaks = run.shares.max(axis=0)
    order = sorted(range(len(run.names)), key=lambda i: -run.final[i])
    styles = ("-", "--", ":", "-.")
    for rank, i in enumerate(order):
        label = f"{run.names[i]} ({run.final[i]:.2f})" if peaks[i] > LEGEND_FLOOR else None
        ax.plot(run.times, run.shares[:, i], label=label, linestyle=styles[(rank // 10) % len(styles)],
                linewidth=1.6 if peaks[i] > LEGEND_FLOOR else 0.8)
    ax.set_xlim(float(run.times[0]), float(run.times[-1]))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("time (replicator dynamics)")
    ax.set_ylabel("share of the population")
    rest = "at rest" if run.at_rest else f"not settled (max |dx/dt| = {run.max_rate:.2g})"
    ax.set_title(title or f"Replicator dynamics: shares over time ({rest})", fontsize="medium")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", title="final share")
    fig.tight_layout()
    fmt = path.suffix.lower().lstrip(".")
    write_atomically(path, lambda handle: fig.savefig(handle, format=fmt, dpi=120))


__all__ = ["plot_shares"]
