"""Parameter sweeps: grids and sampled designs of tournaments, run in parallel or on a cluster, resumable."""

from .designs import Design, build_design, parse_range
from .grid import Cell, SweepGrid, build_grid, parse_param

__all__ = ["Cell", "Design", "SweepGrid", "SweepDefinition", "build_design", "build_grid", "parse_param",
           "parse_range", "run_sweep"]


def __getattr__(name: str):
    """The runner's names, imported on first use: `regimelab sweep --help` needs only the grid's (PEP 562)."""
    if name in ("SweepDefinition", "run_sweep"):
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
