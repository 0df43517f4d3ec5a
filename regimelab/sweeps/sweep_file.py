"""Loading a sweep file: the table `regimelab sweep` wrote and its manifest, checked to be a sweep's."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InvalidParameter, RegimelabError
from ..game import Game, check_stage_game
from ..regime import Regime
from .designs import Design
from .grid import PAYOFF_KEYS, SWEEPABLE
from .labels import short_message
from .rows import LATER_COLUMNS
from .runner import ROW_COLUMNS, manifest_path

#: The suffixes of the tables `regimelab sweep` writes.
TABLE_SUFFIXES = (".parquet", ".csv")
_FORMAT_NAMES = {".parquet": "Parquet", ".csv": "CSV"}
#: Columns that must hold numbers (besides the swept parameters).
_NUMERIC_COLUMNS = ["rank", "mean_score_per_turn", "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff"]


@dataclass(frozen=True)
class Sweep:
    """A sweep table and what its manifest says about it."""

    path: Path
    table: pd.DataFrame
    params: tuple  # swept parameter names, in the sweep's order
    mode: str | None  # "grid", "oneway" or a sampled design's name; None without a manifest
    base_regime: Regime | None
    base_game: Game | None
    manifest: dict | None = field(default=None, repr=False)
    design: Design | None = None  # a sampled design (lhs, sobol, morris), from the manifest

    @property
    def ranges(self) -> dict:
        """A sampled design's parameters and their (low, high), in the sweep's order ({} for a grid)."""
        if self.design is None:
            return {}
        return {name: tuple(float(v) for v in values) for name, values in self.manifest["grid"]["params"].items()}

    @property
    def players(self) -> list[str]:
        """The players' names, in the order the sweep was given them (the manifest's)."""
        names = list(dict.fromkeys(self.table["player"]))
        listed = (self.manifest or {}).get("players")
        if isinstance(listed, list) and sorted(map(str, listed)) == sorted(names):
            return [str(name) for name in listed]
        return sorted(names)

    def values(self, name: str) -> list:
        """The distinct values of a swept parameter in the table, ascending."""
        return sorted(self.table[name].unique().tolist())

    def base_value(self, name: str):
        """The value of parameter ``name`` in the base regime or game (None without a manifest)."""
        if name in PAYOFF_KEYS:
            return None if self.base_game is None else getattr(self.base_game, name)
        return None if self.base_regime is None else getattr(self.base_regime, name)


def parameter_value(name: str, value):
    """A swept value from the table as the regime takes it: an int for ``turns``, else a float."""
    return int(round(value)) if name == "turns" else float(value)


def _not_a_sweep(path, why: str) -> InvalidParameter:
    return InvalidParameter("sweep", f"a table written by `regimelab sweep` ({why})", str(path))


def load_sweep(path) -> Sweep:
    """Read a sweep table (.parquet or .csv) and its manifest (``FILE.manifest.json``) beside it.

    Without a manifest the table can still be drawn, but without thresholds
    (they need the base regime and game).
    """
    path = Path(path)
    table, leading = _read_table(path)
    manifest, base_regime, base_game, mode, design = None, None, None, None, None
    params = tuple(leading)
    if manifest_path(path).exists():
        manifest, base_regime, base_game, mode, params, design = _read_manifest(path, leading)
    return Sweep(path, table, params, mode, base_regime, base_game, manifest, design)


def _read_table(path: Path) -> tuple[pd.DataFrame, list]:
    """The sweep table at ``path``, checked, and its leading columns (the swept parameters)."""
    if not path.exists():
        raise InvalidParameter("sweep", "an existing sweep table (.parquet or .csv)", str(path))
    if path.is_dir():
        raise InvalidParameter("sweep", "a sweep table file, not a folder", str(path))
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InvalidParameter("sweep", "a sweep table ending in .parquet or .csv", str(path))
    try:
        table = pd.read_parquet(path) if suffix == ".parquet" else pd.read_csv(path)
    except Exception as error:  # pyarrow, pandas and OS errors alike: not a table we can read
        raise _not_a_sweep(path, f"cannot read it as {_FORMAT_NAMES[suffix]}: {short_message(error)}") from None
    missing = [column for column in ROW_COLUMNS if column not in table.columns and column not in LATER_COLUMNS]
    if missing:
        raise _not_a_sweep(path, f"it lacks the columns {', '.join(missing)}")
    leading = list(table.columns[: list(table.columns).index("cell")])
    if not leading or any(name not in SWEEPABLE for name in leading):
        raise _not_a_sweep(path, "its first columns must be swept parameters, then cell")
    if table.empty:
        raise _not_a_sweep(path, "it has no rows")
    for column in leading + _NUMERIC_COLUMNS:
        if not pd.api.types.is_numeric_dtype(table[column]):
            raise _not_a_sweep(path, f"its column {column} is not numeric")
    return table.astype({"player": str}), leading


def _read_manifest(path: Path, leading: list) -> tuple:
    """(manifest, base regime, base game, mode, swept parameters, design) from the manifest beside ``path``."""
    mpath = manifest_path(path)
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        base_regime = Regime.from_dict(manifest["base_regime"])
        base_game = check_stage_game(Game(**manifest["base_game"]))
        mode = manifest["grid"]["mode"]
        params = tuple(manifest["grid"]["params"])
        design = _design(manifest["grid"])
    except (OSError, ValueError, KeyError, TypeError, RegimelabError) as error:
        raise InvalidParameter(
            "sweep",
            f"a sweep whose manifest {mpath.name} is readable ({type(error).__name__}: {short_message(error)})",
            str(path),
        ) from None
    if list(params) != leading:
        raise InvalidParameter(
            "sweep",
            f"a sweep table that matches its manifest (the manifest sweeps {', '.join(params)}, "
            f"the table {', '.join(leading)})",
            str(path),
        )
    return manifest, base_regime, base_game, mode, params, design


def _design(grid: dict) -> Design | None:
    """The sampled design a manifest's grid records, None for a grid; an error if the two disagree."""
    if "design" not in grid:
        return None
    design = Design.from_dict(grid["design"])
    if design.name != grid["mode"] or any(len(values) != 2 for values in grid["params"].values()):
        raise ValueError(f"its design {design.name} does not match its grid")
    return design
