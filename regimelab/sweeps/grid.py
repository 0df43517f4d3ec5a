"""The grid of a sweep: parsing ``--param`` values, building cells, seeding them.

A cell's seed derives from the sweep's seed and the cell's own parameter
values (``numpy.random.SeedSequence``), never from its position or the order
in which cells finish, so results are the same for any number of processes.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import math
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..game import Game, check_stage_game
from ..regime import PARAMETERS, Regime

PAYOFF_KEYS = ("R", "S", "T", "P")
SWEEPABLE = tuple(p for p in PARAMETERS) + PAYOFF_KEYS
MODES = ("grid", "oneway")
MAX_CELLS = 100_000


def parse_param(text: str) -> tuple[str, tuple]:
    """``"transparency=0:1:11"`` (start:stop:count, inclusive) or ``"fine=0,1,2,4"``.

    A range's values are ``start + (stop - start) * i / (count - 1)`` rounded
    to 15 significant digits, so ``0:1:11`` gives exactly 0, 0.1, ..., 1 (not
    numpy's 0.30000000000000004) and the ends are exactly START and STOP.
    """
    name, sep, range_text = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or not range_text.strip():
        raise InvalidParameter("param", "NAME=START:STOP:COUNT or NAME=V1,V2,...", text)
    check_sweepable(name)
    range_text = range_text.strip()
    try:
        if ":" in range_text:
            parts = range_text.split(":")
            if len(parts) != 3:
                raise ValueError
            start, stop, count = float(parts[0]), float(parts[1]), int(parts[2])
            if count < 1 or (count == 1 and start != stop):
                raise ValueError
            if count > MAX_CELLS:  # before building a huge list
                raise InvalidParameter("param", f"at most {MAX_CELLS} values", text)
            values = tuple(_range_value(start, stop, count, i) for i in range(count))
        else:
            values = tuple(float(v) for v in range_text.split(","))
    except ValueError as error:
        if isinstance(error, InvalidParameter):
            raise
        raise InvalidParameter(
            "param", f"{name}=START:STOP:COUNT (COUNT >= 2, or 1 with START = STOP) or {name}=V1,V2,...", text
        ) from None
    if not all(math.isfinite(v) for v in values):
        raise InvalidParameter("param", f"finite numbers for {name}", text)
    values = tuple(v + 0.0 for v in values)  # -0.0 is 0.0 (one cell, one seed)
    if name == "turns":
        if any(v != int(v) for v in values):
            raise InvalidParameter("param", "whole numbers of turns", text)
        values = tuple(int(v) for v in values)
    if len(set(values)) != len(values):
        raise InvalidParameter("param", f"distinct values for {name}", text)
    return name, values


def _range_value(start: float, stop: float, count: int, i: int) -> float:
    if i == 0 or count == 1:
        return start
    if i == count - 1:
        return stop
    value = start + (stop - start) * i / (count - 1)
    return float(f"{value:.15g}")


def check_sweepable(name: str) -> None:
    """Refuse a name that is no sweepable parameter, suggesting a close one."""
    if name not in SWEEPABLE:
        raise InvalidParameter("param", f"a parameter among {', '.join(SWEEPABLE)}; {name!r} is unknown{_hint(name)}")


def _hint(name: str) -> str:
    same_letters = [key for key in SWEEPABLE if key.lower() == name.lower()]
    close = same_letters or difflib.get_close_matches(name, SWEEPABLE, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True)
class Cell:
    """One point of the grid: the swept values, in the order of the sweep's parameters."""

    values: tuple  # of (name, value)

    def as_dict(self) -> dict:
        """The swept values by name."""
        return dict(self.values)

    @property
    def key(self) -> str:
        """A canonical text for the cell, used for its seed and for resuming."""
        return json.dumps([[name, float(value)] for name, value in self.values])

    def seed(self, sweep_seed: int) -> int:
        """The cell's tournament seed, from the sweep seed and the cell's values."""
        digest = hashlib.sha256(self.key.encode()).digest()
        words = [int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4)]
        sequence = np.random.SeedSequence(entropy=int(sweep_seed), spawn_key=tuple(words))
        return int(sequence.generate_state(1, dtype=np.uint32)[0])

    def regime_and_game(self, base_regime: Regime, base_game: Game) -> tuple[Regime, Game]:
        """The cell's regime and game: the base ones with the cell's parameters and payoffs (R, S, T, P) set."""
        values = self.as_dict()
        payoffs = {key: values.pop(key) for key in PAYOFF_KEYS if key in values}
        regime = base_regime.replace(**values) if values else base_regime
        game = check_stage_game(Game(**{**base_game.to_dict(), **payoffs})) if payoffs else base_game
        return regime, game


@dataclass(frozen=True)
class SweepGrid:
    """The cells of a sweep and how they were built from the ``--param`` values.

    ``mode``: ``grid`` (every combination), ``oneway`` (one parameter varied
    at a time, the others at their base values), or a sampled design's name
    (``lhs``, ``sobol``, ``morris``: :mod:`.designs`), whose ``params`` hold
    each parameter's (low, high) and ``design`` how the points were drawn.
    """
    params: tuple  # of (name, values), or (name, (low, high)) for a sampled design
    mode: str
    cells: tuple  # of Cell
    design: object = None  # a designs.Design for a sampled design, else None

    @property
    def names(self) -> list[str]:
        """The swept parameters' names, in the order given."""
        return [name for name, _ in self.params]

    def to_dict(self) -> dict:
        """The JSON form: the mode, each parameter's values (a design's: low and high), the number of
        cells, and a sampled design's settings."""
        params = {name: list(values) for name, values in self.params}
        design = {} if self.design is None else {"design": self.design.to_dict()}
        return {"mode": self.mode, "params": params, "cells": len(self.cells), **design}


def build_grid(params, mode: str, base_regime: Regime, base_game: Game) -> SweepGrid:
    """Every cell of the sweep, validated against the model's ranges before anything runs."""
    params = tuple(params)
    names = check_names(params)
    if mode not in MODES:
        raise InvalidParameter("mode", f"one of {', '.join(MODES)}", mode)
    base = {**base_regime.to_dict(), **base_game.to_dict()}
    if mode == "grid":
        count = math.prod(len(values) for _, values in params)
        if count > MAX_CELLS:
            raise InvalidParameter("param", f"a grid of at most {MAX_CELLS} cells", count)
        combos = itertools.product(*[values for _, values in params])
        cells = [Cell(tuple(zip(names, combo))) for combo in combos]
    else:
        cells, seen = [], set()
        for name, values in params:
            for value in values:
                point = tuple((n, value if n == name else _base_value(base, n)) for n in names)
                if point not in seen:
                    seen.add(point)
                    cells.append(Cell(point))
    check_cells(cells, base_regime, base_game)
    return SweepGrid(params, mode, tuple(cells))


def check_names(params) -> list[str]:
    """The swept parameters' names, refused unless there is one at least, each once, and not turns with shadow."""
    if not params:
        raise InvalidParameter("param", "at least one --param NAME=...")
    names = [name for name, _ in params]
    if len(set(names)) != len(names):
        raise InvalidParameter("param", "each parameter at most once", ", ".join(names))
    if "turns" in names and "shadow" in names:
        raise InvalidParameter("param", "turns or shadow, not both")
    return names


def check_cells(cells, base_regime: Regime, base_game: Game) -> None:
    """Fail before running: every cell must be a valid regime and game."""
    for cell in cells:
        try:
            cell.regime_and_game(base_regime, base_game)
        except RegimelabError as error:
            raise InvalidParameter("param", f"values within the model's ranges ({error})") from None


def _base_value(base: dict, name: str):
    value = base[name]
    if value is None:
        raise InvalidParameter("param", f"a base value for {name} in oneway mode (set --{name.replace('_', '-')})")
    return value
