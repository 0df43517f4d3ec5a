"""Parameter sweeps: grids of tournaments, run in parallel or on a cluster, resumable."""

from .grid import Cell, SweepGrid, build_grid, parse_param
from .runner import SweepDefinition, run_sweep

__all__ = ["Cell", "SweepGrid", "SweepDefinition", "build_grid", "parse_param", "run_sweep"]
