"""Parameter sweeps: grids and sampled designs of tournaments, run in parallel or on a cluster, resumable."""

from ..lazy_exports import lazy_exports
from .designs import Design, build_design, parse_range
from .grid import Cell, SweepGrid, build_grid, parse_param

__all__ = ["Cell", "Design", "SweepGrid", "SweepDefinition", "build_design", "build_grid", "parse_param",
           "parse_range", "run_sweep"]


# The runner's names are imported on first use: `regimelab sweep --help` needs only the grid's.
__getattr__, __dir__ = lazy_exports(__name__, {"runner": ("SweepDefinition", "run_sweep")}, globals())
