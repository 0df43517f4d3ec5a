"""Cooperation over time in a society, and the exclusions in force (matplotlib, off-screen)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np

from ..files import write_atomically
from ..wording import counted
from .results import SocietyResult

SERIES = (
    ("member_cooperation", "among members", "tab:blue"),
    ("cross_cooperation", "members with outsiders", "tab:orange"),
    ("outsider_cooperation", "among outsiders", "tab:green"),
)


def plot_society(result: SocietyResult, path: Path, title: str | None = None) -> None:
    """Two panels over the periods: cooperation by kind of edge; actors excluded by members.

    Values are means over the repetitions that reach each period (so a long
    tail under a shadow rests on few repetitions). The survival period, if
    any, is marked. A figure without pyplot: matplotlib's backend is left as
    it is (a notebook keeps its inline plots).
    """
    from matplotlib.figure import Figure

    frame = result.periods
    periods = frame["period"].to_numpy()
    fig = Figure(figsize=(8, 5.5))
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.2]})
    drawn = False
    for column, label, colour in SERIES:
        values = frame[column].to_numpy(dtype=float)
        if np.all(np.isnan(values)):
            continue
        drawn = True
        top.plot(periods, values, label=label, color=colour, linewidth=1.4)
    top.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    survival = result.survival
    if survival is not None:
        top.axvline(survival, color="tab:red", linewidth=1, linestyle="--", label=f"survival: period {survival}")
    top.set_ylim(-0.02, 1.02)
    top.set_ylabel("share of moves that comply")
    if drawn or survival is not None:
        top.legend(loc="lower left", fontsize="small")
    exclusions = frame["exclusions_active"].to_numpy(dtype=float)
    bottom.fill_between(periods, exclusions, step="mid", color="tab:red", alpha=0.35, linewidth=0)
    bottom.step(periods, exclusions, where="mid", color="tab:red", linewidth=1)
    bottom.set_ylabel("actors excluded")
    bottom.set_xlabel("period")
    bottom.set_ylim(bottom=0, top=max(1.0, float(np.nanmax(exclusions)) * 1.1 if len(exclusions) else 1.0))
    heading = title or (f"{result.title} [{result.variant}]" if result.title else "Society")
    # Built-in scenario titles are long: wrap them so they stay inside the figure.
    caption = textwrap.fill(f"{heading}: {counted(result.repetitions, 'repetition')}, seed {result.seed}", 90)
    top.set_title(caption, fontsize="medium")
    fig.tight_layout()
    fmt = path.suffix.lower().lstrip(".")
    write_atomically(path, lambda handle: fig.savefig(handle, format=fmt, dpi=120))
