"""Pictures of a sweep, with the model's thresholds drawn on them.

Two swept parameters give a heatmap of a metric (one strategy's rank,
cooperation or payoff) over the grid; one gives a line per strategy. Where the
model page (§5) gives a threshold for a parameter on an axis, it is drawn from
the sweep's base regime and game (its manifest), as `regimelab explain`
computes it: a vertical line on a line plot, and on a heatmap a curve, the
threshold of that axis at each value of the other axis, so a class can see
where the simulation crosses the theory. Two kinds:

- the stage game's F* (``fine``): complying is a best reply in one round of
  G', with no shadow of the future;
- the super-game's w*, p*, F*sg (``shadow``, ``transparency``, ``fine``): a
  cooperative strategy in self-play is a best reply to a challenger over the
  match (a :class:`~regimelab.supergame.StrategyPair`; by default Tit For Tat
  against the Defector).

The functions here are the Python side of ``regimelab plot``:

    >>> sweep = load_sweep("p.parquet")
    >>> selection = choose_axes(sweep)                 # or x=, y=, at={"fine": 2}
    >>> pair = strategy_pair("tft", "alld")            # the super-game's two strategies
    >>> threshold_overlays(sweep, selection, pair)     # the lines or curves drawn
    >>> plot_sweep(sweep, default_metric(sweep), selection, Path("p.png"), pair=pair)
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidParameter, RegimelabError, UnknownStrategy
from ..game import Game
from ..regime import Regime
from ..supergame import (
    StrategyPair,
    critical_fine,
    critical_shadow,
    critical_supergame_fine,
    critical_transparency,
    threshold_methods,
)
from .grid import PAYOFF_KEYS, SWEEPABLE, Cell
from .runner import ROW_COLUMNS, manifest_path

TABLE_SUFFIXES = (".parquet", ".csv")
IMAGE_SUFFIXES = (".png", ".svg")
METRICS = ("cooperation", "payoff", "rank:STRATEGY")

#: Axis labels: the model's name and symbol, and what the parameter is.
AXIS_LABELS = {
    "turns": "turns n (rounds per match)",
    "shadow": "shadow of the future w (continuation probability)",
    "transparency": "transparency p (probability a defection is detected)",
    "false_alarm": "false alarms a (probability a compliance reads as a defection)",
    "noise": "noise e (probability an action is flipped)",
    "fine": "fine F (per signalled defection)",
    "compensation": "compensation k (share of each fine paid to the victim)",
    "enforcement_cost": "enforcement cost s (per fine levied)",
    "transaction_cost": "transaction cost c (per compliance)",
    "R": "reward R (mutual compliance)",
    "S": "sucker's payoff S",
    "T": "temptation T",
    "P": "punishment P (mutual defection)",
}
SYMBOLS = {
    "turns": "n", "shadow": "w", "transparency": "p", "false_alarm": "a", "noise": "e", "fine": "F",
    "compensation": "k", "enforcement_cost": "s", "transaction_cost": "c", "R": "R", "S": "S", "T": "T", "P": "P",
}


@dataclass(frozen=True)
class ThresholdKind:
    key: str  # the name `regimelab explain` gives it (its --format json "thresholds")
    parameter: str  # the regime parameter it is a threshold of
    symbol: str
    function: object  # (regime, game, pair) -> float | None
    meaning: str  # what the threshold is, for the legend ({cooperator} and {challenger}: the pair)
    none: str  # what it means that there is none
    supergame: bool  # a threshold of the pair's super-game (else of the stage game G')

    def describe(self, pair: StrategyPair) -> tuple[str, str]:
        """The meaning and the 'none' text, with the pair's names filled in."""
        cooperator, challenger = pair.names
        return (self.meaning.format(cooperator=cooperator, challenger=challenger),
                self.none.format(cooperator=cooperator, challenger=challenger))


#: The thresholds of the model page §5, as `regimelab explain` computes them. The stage-game
#: F* ignores the future; the other three are one condition of the super-game (the
#: cooperator in self-play is a best reply to the challenger), solved for w, p or F.
THRESHOLDS = {
    "shadow": ThresholdKind(
        "shadow", "shadow", "w*", critical_shadow,
        "super-game: least shadow at which {cooperator} in self-play is a best reply to {challenger}",
        "no shadow below 1 makes {cooperator} a best reply to {challenger}", True,
    ),
    "transparency": ThresholdKind(
        "transparency", "transparency", "p*", critical_transparency,
        "super-game: least transparency at which {cooperator} in self-play is a best reply to {challenger}",
        "no transparency makes {cooperator} a best reply to {challenger}", True,
    ),
    "fine": ThresholdKind(
        "fine", "fine", "F*", lambda regime, game, pair: critical_fine(regime, game),
        "stage game: least fine at which complying is a best reply to complying in one round of G' "
        "(no shadow of the future)",
        "no fine makes complying a best reply", False,
    ),
    "fine_supergame": ThresholdKind(
        "fine_supergame", "fine", "F*sg", critical_supergame_fine,
        "super-game: least fine at which {cooperator} in self-play is a best reply to {challenger} "
        "over the match (the shadow of the future does part of the work)",
        "no finite fine makes {cooperator} a best reply to {challenger}", True,
    ),
}


def thresholds_of(parameter: str) -> list[ThresholdKind]:
    """The thresholds of a regime parameter: the stage game's first, then the super-game's."""
    return [kind for kind in THRESHOLDS.values() if kind.parameter == parameter]


#: The super-game drawn by default: Tit For Tat, the forgiving reciprocator, against the
#: Defector. Grim Trigger (explain's default) punishes for ever, so it needs less: at the
#: README's shadow its thresholds sit near p = 0.1 and F = 0, where they show nothing.
DEFAULT_STRATEGY = "Tit For Tat"
DEFAULT_AGAINST = "Defector"


def strategy_pair(strategy: str | None = None, against: str | None = None, regime: Regime | None = None,
                  game: Game | None = None) -> StrategyPair:
    """The super-game's pair from two names, checked to have a finite-state form under ``regime``.

    Errors name the argument (``strategy`` or ``against``), so that the CLI names the option.
    """
    import axelrod as axl

    from ..machines import to_machine
    from ..players import find_strategy

    players = []
    for option, name in (("strategy", strategy or DEFAULT_STRATEGY), ("against", against or DEFAULT_AGAINST)):
        try:
            player = find_strategy(name)()
        except UnknownStrategy as error:
            hint = f"; did you mean {', '.join(repr(s) for s in error.suggestions)}?" if error.suggestions else ""
            raise InvalidParameter(option, f"a strategy's name (`regimelab strategies --exact` lists them{hint})",
                                   name) from None
        except RegimelabError as error:  # a .toml strategy file that does not load
            raise InvalidParameter(option, f"a strategy's name or file ({_short(error)})", name) from None
        try:
            if regime is None:
                to_machine(player)
            else:
                told = regime.expected_game(game or Game())
                to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)
        except RegimelabError as error:  # not finite-state, or cannot play the G' it is told
            raise InvalidParameter(
                option, f"a finite-state strategy that the exact engine can play (`regimelab strategies --exact` "
                f"lists them): {_short(error, 100)}", name,
            ) from None
        players.append(player)
    if [type(player) for player in players] == [axl.Grudger, axl.Defector]:
        return StrategyPair()  # explain's default pair: its closed forms apply (the same machines)
    return StrategyPair(*players)


#: Sample points for a threshold curve with a closed form (cheap), across the other axis.
DENSE_POINTS = 161
#: Beyond this many swept values, a numerically searched curve is computed at those values only.
NUMERICAL_REFINE_LIMIT = 6


# -- the sweep -----------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """A sweep table and what its manifest says about it."""

    path: Path
    table: pd.DataFrame
    params: tuple  # swept parameter names, in the sweep's order
    mode: str | None  # "grid" or "oneway"; None without a manifest
    base_regime: Regime | None
    base_game: Game | None
    manifest: dict | None = field(default=None, repr=False)

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
        if name in PAYOFF_KEYS:
            return None if self.base_game is None else getattr(self.base_game, name)
        return None if self.base_regime is None else getattr(self.base_regime, name)


_FORMAT_NAMES = {".parquet": "Parquet", ".csv": "CSV"}


def _short(error: Exception, limit: int = 90) -> str:
    """An error's message on one short line, without brackets left open."""
    text = " ".join(str(error).split()).rstrip(".") or type(error).__name__
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " ..."
    return text.replace("(", "").replace(")", "")


def _not_a_sweep(path, why: str) -> InvalidParameter:
    return InvalidParameter("sweep", f"a table written by `regimelab sweep` ({why})", str(path))


def load_sweep(path) -> Sweep:
    """Read a sweep table (.parquet or .csv) and its manifest (``FILE.manifest.json``) beside it.

    Without a manifest the table can still be drawn, but without thresholds
    (they need the base regime and game).
    """
    path = Path(path)
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
        raise _not_a_sweep(path, f"cannot read it as {_FORMAT_NAMES[suffix]}: {_short(error)}") from None
    missing = [column for column in ROW_COLUMNS if column not in table.columns]
    if missing:
        raise _not_a_sweep(path, f"it lacks the columns {', '.join(missing)}")
    leading = list(table.columns[: list(table.columns).index("cell")])
    if not leading or any(name not in SWEEPABLE for name in leading):
        raise _not_a_sweep(path, "its first columns must be swept parameters, then cell")
    if table.empty:
        raise _not_a_sweep(path, "it has no rows")
    numeric = leading + ["rank", "mean_score_per_turn", "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff"]
    for column in numeric:
        if not pd.api.types.is_numeric_dtype(table[column]):
            raise _not_a_sweep(path, f"its column {column} is not numeric")
    table = table.astype({"player": str})

    manifest, base_regime, base_game, mode = None, None, None, None
    params = tuple(leading)
    mpath = manifest_path(path)
    if mpath.exists():
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
            base_regime = Regime.from_dict(manifest["base_regime"])
            base_game = Game(**manifest["base_game"])
            mode = manifest["grid"]["mode"]
            params = tuple(manifest["grid"]["params"])
        except (OSError, ValueError, KeyError, TypeError, RegimelabError) as error:
            raise InvalidParameter(
                "sweep", f"a sweep whose manifest {mpath.name} is readable ({type(error).__name__}: {_short(error)})",
                str(path),
            ) from None
        if list(params) != leading:
            raise InvalidParameter(
                "sweep",
                f"a sweep table that matches its manifest (the manifest sweeps {', '.join(params)}, "
                f"the table {', '.join(leading)})",
                str(path),
            )
    return Sweep(path, table, params, mode, base_regime, base_game, manifest)


# -- what to draw ----------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """``cooperation``, ``payoff`` or ``rank`` (of ``player``)."""

    kind: str
    player: str | None = None

    @property
    def text(self) -> str:
        return f"rank:{self.player}" if self.kind == "rank" else self.kind


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def match_player(name: str, players: list[str]) -> str | None:
    """The player called ``name`` (case-insensitive; also 'tft', 'alld' and the other short names)."""
    from ..players import ALIASES

    wanted = name.strip().casefold()
    for player in players:
        if player.casefold() == wanted:
            return player
    key = _key(name)
    key = _key(ALIASES.get(key, "")) or key
    for player in players:
        if _key(player) == key:
            return player
    return None


def parse_metric(text: str, players: list[str]) -> Metric:
    """``cooperation``, ``payoff`` or ``rank:NAME`` with NAME one of ``players``."""
    cleaned = (text or "").strip()
    lowered = cleaned.lower()
    if lowered in ("cooperation", "payoff"):
        return Metric(lowered)
    if lowered == "rank" or lowered.startswith("rank:"):
        name = cleaned[5:].strip()
        player = match_player(name, players) if name else None
        if player is None:
            raise InvalidParameter(
                "metric", f"rank:NAME with NAME one of the sweep's players ({', '.join(players)})", text
            )
        return Metric("rank", player)
    raise InvalidParameter("metric", "cooperation, payoff or rank:STRATEGY", text)


def default_metric(sweep: Sweep) -> Metric:
    """The Defector's rank if the sweep has a Defector, else the mean payoff.

    The Defector's rank is the regime story in one picture: first where
    defecting pays, last where the regime has made it a losing move, so the
    thresholds can be held against it. Cooperation lines up with neither: it is
    highest where nothing is detected (no retaliation starts), whoever wins.
    """
    defector = match_player(DEFAULT_AGAINST, sweep.players)
    return Metric("rank", defector) if defector is not None else Metric("payoff")


@dataclass(frozen=True)
class Selection:
    """The axes of a picture and the values at which the other swept parameters are held."""

    x: str
    y: str | None
    fixed: dict  # name -> value, the swept parameters not on an axis

    @property
    def kind(self) -> str:
        return "lines" if self.y is None else "heatmap"

    @property
    def axes(self) -> tuple:
        return (self.x,) if self.y is None else (self.x, self.y)


def _swept_name(sweep: Sweep, name: str, option: str) -> str:
    by_lower = {param.lower(): param for param in sweep.params}
    found = by_lower.get(name.strip().replace("-", "_").lower())
    if found is None:
        raise InvalidParameter(option, f"a swept parameter ({', '.join(sweep.params)})", name)
    return found


def _format(value) -> str:
    return f"{value:g}" if isinstance(value, (int, float, np.number)) else str(value)


def _values_text(values) -> str:
    shown = [_format(v) for v in values[:8]]
    return ", ".join(shown) + (", ..." if len(values) > 8 else "")


def parse_at(sweep: Sweep, texts) -> dict:
    """``["fine=2", "noise=0,..."]`` -> {name: value}; each value one of the swept values."""
    fixed = {}
    for text in texts or ():
        for part in str(text).split(","):
            name, sep, value = part.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise InvalidParameter("at", "NAME=VALUE with NAME a swept parameter", text)
            try:
                name = _swept_name(sweep, name, "at")
            except InvalidParameter:
                raise InvalidParameter(
                    "at", f"NAME=VALUE with NAME a swept parameter ({', '.join(sweep.params)})", text
                ) from None
            values = sweep.values(name)
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            matches = [v for v in values if math.isfinite(number) and math.isclose(v, number, rel_tol=1e-9, abs_tol=1e-12)]
            if not matches:
                raise InvalidParameter("at", f"one of the swept values of {name} ({_values_text(values)})", text)
            if name in fixed:
                raise InvalidParameter("at", f"each parameter at most once ({name} is given twice)", text)
            fixed[name] = matches[0]
    return fixed


def choose_axes(sweep: Sweep, x: str | None = None, y: str | None = None, at=None) -> Selection:
    """The axes of the picture and the fixed values of the other swept parameters.

    With neither ``x`` nor ``y``: a line plot if one swept parameter varies, a
    heatmap if two do (the first on x). With more, pick the axes and fix the
    others with ``at`` (``{"fine": 2}`` or ``["fine=2"]``). A oneway sweep
    varies one parameter at a time, so it gives line plots, the others held
    at their base values.
    """
    if x is not None:
        x = _swept_name(sweep, x, "x")
    if y is not None:
        y = _swept_name(sweep, y, "y")
    if x is not None and x == y:
        raise InvalidParameter("y", "a parameter other than the one on --x", y)
    if isinstance(at, dict):
        fixed = parse_at(sweep, [f"{name}={float(value)!r}" for name, value in at.items()])
    else:
        fixed = parse_at(sweep, at)
    for name in fixed:
        if name in (x, y):
            raise InvalidParameter("at", f"a parameter that is not on an axis ({name} is)", f"{name}={_format(fixed[name])}")
    varying = [p for p in sweep.params if len(sweep.values(p)) > 1]
    for p in sweep.params:  # a parameter swept over one value is fixed at it
        if p not in fixed and p not in (x, y) and p not in varying:
            fixed[p] = sweep.values(p)[0]

    if sweep.mode == "oneway":
        if y is not None:
            raise InvalidParameter(
                "y", "left out for a oneway sweep (it varies one parameter at a time: there is no grid to draw)", y
            )
        if x is None:
            free = [p for p in varying if p not in fixed]
            if len(free) != 1:
                raise InvalidParameter(
                    "x", f"given for a oneway sweep, which varies one parameter at a time: one of {', '.join(free)}"
                )
            x = free[0]
        for p in sweep.params:
            if p != x and p not in fixed:
                fixed[p] = sweep.base_value(p)
        return Selection(x, None, fixed)

    free = [p for p in varying if p not in fixed and p not in (x, y)]
    open_axes = (x is None) + (y is None)
    if x is None and not free:
        raise InvalidParameter(
            "at" if y is None else "x",
            f"given for all but one swept parameter at most: one stays free for the x axis ({', '.join(sweep.params)})",
        )
    if len(free) > open_axes:
        extra = free[open_axes:]
        hints = "; ".join(f"{p}: {_values_text(sweep.values(p))}" for p in extra)
        raise InvalidParameter(
            "at",
            f"given for the swept parameters not on an axis: a picture shows two of {', '.join(sweep.params)} "
            f"(choose them with --x/--y), so hold {' and '.join(extra)} with --at NAME=VALUE ({hints})",
        )
    if x is None:
        x, free = free[0], free[1:]
    if y is None and free:
        y = free[0]
    return Selection(x, y, fixed)


def select_rows(sweep: Sweep, selection: Selection) -> pd.DataFrame:
    """The rows of the table at the selection's fixed values."""
    table = sweep.table
    mask = np.ones(len(table), dtype=bool)
    for name, value in selection.fixed.items():
        if value is None:
            continue
        mask &= np.isclose(table[name].to_numpy(dtype=float), float(value), rtol=1e-9, atol=1e-12)
    rows = table[mask]
    if rows.empty:
        fixed = ", ".join(f"{name}={_format(value)}" for name, value in selection.fixed.items())
        raise InvalidParameter("at", f"values at which the sweep has cells (none at {fixed})")
    return rows


# -- thresholds ------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdLine:
    """A threshold of the parameter on the x axis of a line plot (None when there is none)."""

    parameter: str
    symbol: str
    value: float | None
    method: str
    meaning: str
    key: str = ""  # explain's name of the threshold (THRESHOLDS)
    none: str = ""  # what it means that there is none

    @property
    def label(self) -> str:
        return f"{self.symbol} = {format_threshold(self.value)}" if self.value is not None else f"{self.symbol}: none"


@dataclass(frozen=True)
class ThresholdCurve:
    """The threshold of ``parameter`` at each value of ``along`` (the heatmap's other axis).

    ``along_values`` are the sample points (ascending; they include every swept
    value of ``along``, in ``swept``); ``values`` the threshold there, None
    where there is none.
    """

    parameter: str
    along: str
    symbol: str
    along_values: tuple
    values: tuple
    swept: tuple
    method: str
    meaning: str
    key: str = ""  # explain's name of the threshold (THRESHOLDS)
    none: str = ""  # what it means that there is none

    def value_at(self, along_value: float) -> float | None:
        for point, value in zip(self.along_values, self.values):
            if math.isclose(point, along_value, rel_tol=1e-9, abs_tol=1e-12):
                return value
        raise KeyError(along_value)

    @property
    def label(self) -> str:
        return f"{self.symbol}({SYMBOLS[self.along]})"

    def missing_runs(self) -> list[tuple[float, float]]:
        """Ranges of ``along`` (first, last sample) where there is no threshold."""
        runs, start, last = [], None, None
        for point, value in zip(self.along_values, self.values):
            if value is None:
                start = point if start is None else start
                last = point
            elif start is not None:
                runs.append((start, last))
                start = None
        if start is not None:
            runs.append((start, last))
        return runs


def format_threshold(value: float) -> str:
    """0.1111 -> '0.11', 4.0 -> '4', 0.0079 -> '0.0079'."""
    if value != 0 and abs(value) < 0.1:
        return f"{value:.2g}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _clean(name: str, value):
    return int(round(value)) if name == "turns" else float(value)


def regime_at(base_regime: Regime, base_game: Game, values: dict) -> tuple[Regime, Game]:
    """The regime and game of a point: the base with the swept values at the point."""
    cell = Cell(tuple((name, _clean(name, value)) for name, value in values.items() if value is not None))
    return cell.regime_and_game(base_regime, base_game)


def _threshold(kind: ThresholdKind, base_regime: Regime, base_game: Game, values: dict,
               pair: StrategyPair) -> tuple[float | None, str]:
    """The threshold at a point and how it was found ('' when the point has no regime or machine)."""
    try:
        regime, game = regime_at(base_regime, base_game, values)
        value = kind.function(regime, game, pair)
    except RegimelabError:  # the point is outside the model, or the pair cannot play there
        return None, ""
    return (None if value is None else float(value)), threshold_methods(regime, pair)[kind.key]


def threshold_lines(base_regime: Regime, base_game: Game, x: str, fixed: dict,
                    pair: StrategyPair | None = None) -> list[ThresholdLine]:
    """The model's thresholds of ``x`` at the fixed values (stage game first), [] if it has none."""
    pair = pair or strategy_pair()
    lines = []
    for kind in thresholds_of(x):
        value, method = _threshold(kind, base_regime, base_game, dict(fixed), pair)
        meaning, none = kind.describe(pair)
        lines.append(ThresholdLine(x, kind.symbol, value, method, meaning, kind.key, none))
    return lines


def _samples(along: str, swept: list, dense: bool, extra_points=()) -> list:
    """Points of the other axis at which to compute a curve: the swept values and more between."""
    low, high = min(swept), max(swept)
    if dense:
        extra = list(np.linspace(low, high, DENSE_POINTS))
    elif len(swept) <= NUMERICAL_REFINE_LIMIT:
        extra = [(a + b) / 2 for a, b in zip(swept, swept[1:])]
    else:
        extra = []
    extra += [point for point in extra_points if low < point < high]
    if along == "turns":
        extra = [int(round(v)) for v in extra]
    points = sorted(set(float(v) for v in swept) | set(float(v) for v in extra))
    merged = []  # drop samples within rounding of a swept value, keeping the swept one
    for point in points:
        if merged and math.isclose(point, merged[-1], rel_tol=1e-9, abs_tol=1e-12):
            if any(math.isclose(point, s, rel_tol=1e-9, abs_tol=1e-12) for s in swept):
                merged[-1] = point
            continue
        merged.append(point)
    return merged


def _boundary_points(base_regime, base_game, along: str, fixed: dict, pair: StrategyPair, fines) -> list:
    """Where F*sg(along) equals each of ``fines``: the super-game threshold of ``along`` at that fine.

    F*sg and p*(F) (or w*(F)) are one boundary. Sampling F*sg also where it
    crosses the fines drawn on the axis puts points on the visible part of a
    steep curve, and the corner where it comes down to F = 0 (and stays there)
    where it is, not somewhere between two swept values.
    """
    kinds = [kind for kind in thresholds_of(along) if kind.supergame]
    if not kinds:
        return []
    points = (_threshold(kinds[0], base_regime, base_game, {**fixed, "fine": float(fine)}, pair)[0] for fine in fines)
    return [point for point in points if point is not None]


def threshold_curve(
    base_regime: Regime, base_game: Game, parameter: str, along: str, along_swept, fixed: dict,
    pair: StrategyPair | None = None, key: str | None = None, fines=(0.0,),
) -> ThresholdCurve | None:
    """The threshold of ``parameter`` at each value of ``along``, others at ``fixed``.

    ``key`` picks which threshold of ``parameter`` (``fine`` or
    ``fine_supergame`` for the fine; by default the first of
    :func:`thresholds_of`). Computed at every swept value of ``along``; closed
    forms also at many points between them (a smooth curve), numerical
    searches at the midpoints; F*sg also where it equals each of ``fines``
    (the fines on the other axis: see :func:`_boundary_points`).
    """
    kinds = [kind for kind in thresholds_of(parameter) if key is None or kind.key == key]
    if not kinds:
        return None
    kind, pair = kinds[0], pair or strategy_pair()
    swept = sorted(float(v) for v in along_swept)
    # The swept values first: how they are found decides how densely to sample between them.
    found = {v: _threshold(kind, base_regime, base_game, {**fixed, along: v}, pair) for v in swept}
    dense = {method for _, method in found.values()} <= {"closed form", ""}
    crossings = []
    if kind.key == "fine_supergame" and not dense:
        crossings = _boundary_points(base_regime, base_game, along, fixed, pair, fines)
    points = _samples(along, swept, dense, crossings)
    for point in points:
        if point not in found:
            found[point] = _threshold(kind, base_regime, base_game, {**fixed, along: point}, pair)
    values = [found[point][0] for point in points]
    method = " and ".join(sorted({found[point][1] for point in points} - {""})) or "none"
    meaning, none = kind.describe(pair)
    return ThresholdCurve(parameter, along, kind.symbol, tuple(points), tuple(values), tuple(swept), method,
                          meaning, kind.key, none)


def _heatmap_curves(sweep: Sweep, selection: Selection, fixed: dict, values: dict, pair: StrategyPair) -> list:
    """(parameter, along, key) of each curve on a heatmap: the stage game's F*, then the super-game's boundary.

    The super-game's thresholds (w*, p*, F*sg) are one condition solved for
    different parameters: with two of them on the axes, their curves are one
    boundary, drawn once. F*sg(other axis) when the fine is on an axis, beside
    F*; else, for shadow and transparency, w*(p) where it has a closed form (a
    smooth curve), p*(w) otherwise (the cheaper search).
    """
    x, y = selection.x, selection.y
    stage, supergame = [], []
    for parameter, along in ((y, x), (x, y)):
        for kind in thresholds_of(parameter):
            (supergame if kind.supergame else stage).append((parameter, along, kind.key))
    if len(supergame) > 1:
        if "fine" in (x, y):
            keep = "fine_supergame"
        else:
            closed = all(
                threshold_methods(regime_at(sweep.base_regime, sweep.base_game, {**fixed, "transparency": p})[0],
                                  pair)["shadow"] == "closed form"
                for p in values["transparency"]
            )
            keep = "shadow" if closed else "transparency"
        supergame = [curve for curve in supergame if curve[2] == keep]
    return stage + supergame


def threshold_overlays(sweep: Sweep, selection: Selection, pair: StrategyPair | None = None) -> list:
    """What `regimelab plot` draws from the model: ThresholdLine or ThresholdCurve objects.

    A line plot gets the thresholds of its x parameter (for the fine: the stage
    game's F* and the super-game's F*sg); a heatmap a curve for each axis with
    a threshold, at each value of the other axis, the super-game's boundary
    once. The super-game is that of ``pair`` (default: Tit For Tat against the
    Defector). Empty without a manifest (no base regime) or when no axis has a
    threshold.
    """
    if sweep.base_regime is None or sweep.base_game is None:
        return []
    pair = pair or strategy_pair()
    fixed = {name: value for name, value in selection.fixed.items() if value is not None}
    if selection.y is None:
        return threshold_lines(sweep.base_regime, sweep.base_game, selection.x, fixed, pair)
    rows = select_rows(sweep, selection)
    values = {axis: sorted(rows[axis].unique().tolist()) for axis in selection.axes}
    curves = []
    if "fine" in values:  # the fines drawn: the swept ones, those halfway between, the top edge
        fines = _samples("fine", values["fine"], dense=False) + [_edges(values["fine"])[-1]]
    else:
        fines = (0.0,)
    for parameter, along, key in _heatmap_curves(sweep, selection, fixed, values, pair):
        curve = threshold_curve(sweep.base_regime, sweep.base_game, parameter, along, values[along], fixed, pair,
                                key, fines)
        if curve is not None:
            curves.append(curve)
    return curves


# -- drawing -----------------------------------------------------------------------

FIGSIZE = (11, 7)
DPI = 150
STYLE = {
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "figure.titlesize": 17,
    "svg.fonttype": "none",
}
LINE_COLOURS = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B",
]  # Okabe-Ito (its yellow swapped for brown, to show on white): told apart by colour-blind readers too
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p"]
#: Threshold lines on a line plot, by kind (stage game, super-game): (colour, dashes).
LINE_STYLES = {False: ("#C00000", "--"), True: ("#5B2A86", "-.")}
#: Threshold curves on a heatmap, by kind: light colours with a black outline, seen on any cell colour.
CURVE_STYLES = {False: ("#FFFFFF", "-"), True: ("#FF5FB0", (0, (4, 2)))}


def _is_supergame(overlay) -> bool:
    kind = THRESHOLDS.get(overlay.key)
    return kind.supergame if kind is not None else overlay.parameter != "fine"


def _edges(values: list) -> np.ndarray:
    """Cell edges halfway between swept values (the outer ones half a step out)."""
    v = np.asarray(values, dtype=float)
    if len(v) == 1:
        half = abs(v[0]) * 0.1 or 0.5
        return np.array([v[0] - half, v[0] + half])
    middle = (v[:-1] + v[1:]) / 2
    return np.concatenate([[v[0] - (middle[0] - v[0])], middle, [v[-1] + (v[-1] - middle[-1])]])


def _tick(value: float) -> str:
    """0.3 -> '0.3', 0.19444 -> '0.194', 200 -> '200'."""
    text = f"{value:g}"
    return text if len(text) <= 5 else f"{value:.3g}"


def _set_ticks(axis, values: list) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter

    step = max(1, math.ceil(len(values) / 11))
    shown = values[::step]
    axis.set_major_locator(FixedLocator(shown))
    axis.set_major_formatter(FuncFormatter(lambda value, _: _tick(value)))


def _metric_text(metric: Metric, per_player: bool) -> dict:
    if metric.kind == "cooperation":
        return {
            "name": "Cooperation",
            "axis": "cooperation rate (share of moves that complied)" if per_player
            else "cooperation (share of all moves that complied)",
        }
    if metric.kind == "payoff":
        return {
            "name": "Score per turn" if per_player else "Payoff per turn",
            "axis": "mean score per turn" if per_player else "mean payoff per turn (all players)",
        }
    return {"name": f"Rank of {metric.player}", "axis": f"rank of {metric.player} (1 = best)"}


def _context(sweep: Sweep, selection: Selection) -> str:
    """A subtitle: the regime and game held fixed, the players, repetitions and seed."""
    parts = []
    if sweep.base_regime is not None:
        fixed = {k: v for k, v in selection.fixed.items() if v is not None and k not in PAYOFF_KEYS}
        regime = sweep.base_regime.replace(**{k: _clean(k, v) for k, v in fixed.items()}) if fixed else sweep.base_regime
        changes = regime.changes_from(Regime())
        changes.pop("turns", None)
        changes.pop("shadow", None)
        if "shadow" not in selection.axes and "turns" not in selection.axes:
            parts.append(f"shadow w = {regime.shadow:g}" if regime.shadow is not None else f"{regime.turns} turns")
        for name, value in changes.items():
            if name not in selection.axes:
                parts.append(f"{name.replace('_', ' ')} {SYMBOLS[name]} = {_format(value)}")
        if not parts:
            parts.append("no regime (null)")
    else:
        parts += [f"{k} = {_format(v)}" for k, v in selection.fixed.items() if v is not None and k not in PAYOFF_KEYS]
    if sweep.base_game is not None:
        game = {**sweep.base_game.to_dict(), **{k: v for k, v in selection.fixed.items() if k in PAYOFF_KEYS}}
        payoffs = " ".join(f"{k}={_format(game[k])}" for k in PAYOFF_KEYS if k not in selection.axes)
        if payoffs:
            parts.append(f"game {payoffs}")
    line = ", ".join(parts)
    details = [f"{len(sweep.players)} strategies"]
    if sweep.manifest is not None:
        details += [f"{sweep.manifest.get('repetitions')} repetitions", f"seed {sweep.manifest.get('seed')}"]
    separator = "\n" if len(line) + len(", ".join(details)) > 80 else "  |  "
    return f"{line}{separator}{', '.join(details)}"


def _legend_note(text: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker="none", label=text)


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def _range_text(name: str, first: float, last: float) -> str:
    symbol = SYMBOLS[name]
    if math.isclose(first, last, rel_tol=1e-9, abs_tol=1e-12):
        return f"{symbol} = {first:.3g}"
    return f"{first:.3g} ≤ {symbol} ≤ {last:.3g}"


def make_figure(sweep: Sweep, metric: Metric, selection: Selection, title: str | None = None, overlays=None):
    """The picture as a matplotlib Figure (no pyplot, no window: for files and notebooks)."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        if selection.y is None:
            return _line_figure(sweep, metric, selection, title, overlays)
        return _heatmap_figure(sweep, metric, selection, title, overlays)


def _new_figure(title: str, subtitle: str):
    from matplotlib.figure import Figure

    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    fig.suptitle(title, fontweight="bold")
    ax = fig.add_subplot()
    ax.set_title(subtitle, color="#444444", fontsize=11.5, pad=10)
    return fig, ax


def _line_figure(sweep, metric, selection, title, overlays):
    from matplotlib.lines import Line2D

    rows = select_rows(sweep, selection).sort_values(selection.x)
    x = selection.x
    text = _metric_text(metric, per_player=True)
    default_title = (
        f"{text['name']} of each strategy as {x.replace('_', ' ')} varies" if metric.kind != "rank"
        else f"{text['name']} as {x.replace('_', ' ')} varies"
    )
    fig, ax = _new_figure(title or default_title, _context(sweep, selection))
    xs_all = sorted(rows[x].unique().tolist())
    if metric.kind == "rank":
        mine = rows[rows["player"] == metric.player]
        ax.plot(mine[x], mine["rank"], color=LINE_COLOURS[0], marker="o", linewidth=2.5, markersize=7,
                label=metric.player)
        count = len(sweep.players)
        ax.set_ylim(count + 0.5, 0.5)
        ax.set_yticks(range(1, count + 1))
    else:
        column = "cooperation_rate" if metric.kind == "cooperation" else "mean_score_per_turn"
        # Order the legend by how each strategy does overall: best first.
        order = rows.groupby("player", sort=False)[column].mean().sort_values(ascending=False).index.tolist()
        for i, player in enumerate(order):
            mine = rows[rows["player"] == player]
            ax.plot(
                mine[x], mine[column], label=player, color=LINE_COLOURS[i % len(LINE_COLOURS)],
                marker=MARKERS[i % len(MARKERS)], linewidth=2.2, markersize=6.5, alpha=0.9,
                linestyle="-" if i < len(LINE_COLOURS) else "--",
            )
        cells = rows.drop_duplicates("cell").sort_values(x)
        cell_column = "cell_mean_cooperation" if metric.kind == "cooperation" else "cell_mean_payoff"
        ax.plot(cells[x], cells[cell_column], color="#555555", linewidth=3, linestyle=(0, (4, 2)),
                label=_wrap("all strategies (mean)" if metric.kind == "payoff"
                            else "all strategies (share of all moves)", 24), zorder=1)
        if metric.kind == "cooperation":
            ax.set_ylim(-0.04, 1.04)
    ax.set_xlabel(AXIS_LABELS[x])
    ax.set_ylabel(text["axis"])
    _set_ticks(ax.xaxis, xs_all)
    ax.grid(True, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)

    if overlays is None:
        overlays = threshold_overlays(sweep, selection)
    handles, labels = ax.get_legend_handles_labels()
    model = []
    low, high = min(xs_all), max(xs_all)
    span = (high - low) or 1.0
    for line in overlays:
        # Named in the legend only: a label on the axes would hide the strategies' lines.
        if line.value is None:
            model.append(_legend_note(_wrap(f"{line.symbol}: none here ({line.none})", 34)))
            continue
        colour, dashes = LINE_STYLES[_is_supergame(line)]
        inside = low - 0.02 * span <= line.value <= high + 0.02 * span
        if inside:
            ax.axvline(line.value, color=colour, linewidth=2.2, linestyle=dashes, zorder=3)
        note = "" if inside else " (outside the swept range)"
        model.append(Line2D([], [], color=colour, linewidth=2.2, linestyle=dashes,
                            label=_wrap(f"{line.label}{note}: {line.meaning}", 34)))
    if sweep.base_regime is None:
        model.append(_legend_note(_wrap("no manifest beside the table: thresholds not drawn", 34)))
    first = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                      title="strategy" if metric.kind != "rank" else None, alignment="left")
    if model:
        ax.add_artist(first)
        ax.legend(handles=model, loc="lower left", bbox_to_anchor=(1.01, 0.0), frameon=False,
                  title="theory", alignment="left")
    return fig


def _heatmap_figure(sweep, metric, selection, title, overlays):
    import matplotlib
    from matplotlib.colors import BoundaryNorm
    from matplotlib.lines import Line2D
    import matplotlib.patheffects as effects

    rows = select_rows(sweep, selection)
    x, y = selection.x, selection.y
    xs, ys = sorted(rows[x].unique().tolist()), sorted(rows[y].unique().tolist())
    text = _metric_text(metric, per_player=False)
    if metric.kind == "rank":
        data, column = rows[rows["player"] == metric.player], "rank"
    else:
        data = rows.drop_duplicates("cell")
        column = "cell_mean_cooperation" if metric.kind == "cooperation" else "cell_mean_payoff"
    grid = data.pivot_table(index=y, columns=x, values=column, aggfunc="mean").reindex(index=ys, columns=xs)
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))

    default_title = f"{text['name']} across {x.replace('_', ' ')} and {y.replace('_', ' ')}"
    fig, ax = _new_figure(title or default_title, _context(sweep, selection))
    if metric.kind == "rank":
        count = len(sweep.players)
        cmap = matplotlib.colormaps["viridis_r"].resampled(count).with_extremes(bad="#d9d9d9")
        norm = BoundaryNorm(np.arange(0.5, count + 1), cmap.N)
        mesh = ax.pcolormesh(_edges(xs), _edges(ys), values, cmap=cmap, norm=norm)
    else:
        cmap = matplotlib.colormaps["viridis"].with_extremes(bad="#d9d9d9")
        limits = {"vmin": 0.0, "vmax": 1.0} if metric.kind == "cooperation" else {}
        mesh = ax.pcolormesh(_edges(xs), _edges(ys), values, cmap=cmap, **limits)
    bar = fig.colorbar(mesh, ax=ax, pad=0.02, fraction=0.05)
    bar.set_label(text["axis"])
    if metric.kind == "rank":
        bar.set_ticks(range(1, len(sweep.players) + 1))
        bar.ax.invert_yaxis()

    if len(xs) <= 21 and len(ys) <= 21:  # the numbers in the cells, when they fit
        size = 11 if len(xs) <= 11 else 8.5
        for i, yv in enumerate(ys):
            for j, xv in enumerate(xs):
                value = values[i, j]
                if np.ma.is_masked(value):
                    continue
                r, g, b, _ = mesh.cmap(mesh.norm(value))
                light = 0.299 * r + 0.587 * g + 0.114 * b > 0.5
                label = f"{value:.0f}" if metric.kind == "rank" else f"{value:.2f}"
                # Above the threshold curves, with a halo, so that a curve never hides a number.
                halo = [effects.withStroke(linewidth=2, foreground="white" if light else "#111111")]
                ax.text(xv, yv, label, ha="center", va="center", fontsize=size,
                        color="#111111" if light else "white", zorder=8, path_effects=halo)

    ax.set_xlabel(AXIS_LABELS[x])
    ax.set_ylabel(AXIS_LABELS[y])
    _set_ticks(ax.xaxis, xs)
    _set_ticks(ax.yaxis, ys)
    ex, ey = _edges(xs), _edges(ys)
    ax.set_xlim(ex[0], ex[-1])
    ax.set_ylim(ey[0], ey[-1])

    if overlays is None:
        overlays = threshold_overlays(sweep, selection)
    handles = []
    for curve in overlays:
        colour, dashes = CURVE_STYLES[_is_supergame(curve)]
        outline = [effects.Stroke(linewidth=5.5, foreground="black"), effects.Normal()]
        along = np.array(curve.along_values, dtype=float)
        thresh = np.array([np.nan if v is None else v for v in curve.values], dtype=float)
        px, py = (along, thresh) if curve.parameter == y else (thresh, along)
        ax.plot(px, py, color=colour, linewidth=2.8, linestyle=dashes, path_effects=outline, zorder=5)
        # Named in the legend only: a label on the cells would cover their numbers.
        low, high = (ey[0], ey[-1]) if curve.parameter == y else (ex[0], ex[-1])
        visible = np.isfinite(thresh) & (thresh >= low) & (thresh <= high)
        where = " (outside the plotted range)" if np.isfinite(thresh).any() and not visible.any() else ""
        handles.append(Line2D(
            [], [], color=colour, linewidth=2.8, linestyle=dashes, path_effects=outline,
            label=_wrap(f"{curve.label}{where}: {curve.meaning}", 70),
        ))
        runs = curve.missing_runs()
        if runs:
            ranges = ", ".join(_range_text(curve.along, a, b) for a, b in runs[:3])
            handles.append(_legend_note(_wrap(f"no {curve.symbol} at {ranges}: {curve.none}", 70)))
    if np.ma.is_masked(values) and np.ma.count_masked(values):
        from matplotlib.patches import Patch

        handles.append(Patch(facecolor="#d9d9d9", edgecolor="#999999", label="no cell in the sweep"))
    if sweep.base_regime is None:
        handles.append(_legend_note("no manifest beside the table: thresholds not drawn"))
    if handles:
        fig.legend(handles=handles, loc="outside lower center", frameon=False, ncols=1, handlelength=3.2,
                   title="theory" if overlays else None)
    return fig


def plot_sweep(
    sweep: Sweep, metric: Metric, selection: Selection, output: Path, title: str | None = None, overlays=None,
    pair: StrategyPair | None = None,
) -> list:
    """Draw the sweep and write it atomically to ``output`` (.png or .svg); returns the overlays drawn.

    ``pair`` is the super-game whose thresholds are drawn (default: Tit For Tat against the Defector).
    """
    import matplotlib

    from ..cli.output import write_atomically

    output = Path(output)
    fmt = output.suffix.lower().lstrip(".")
    if "." + fmt not in IMAGE_SUFFIXES:
        raise InvalidParameter("output", f"a file name ending in {', '.join(IMAGE_SUFFIXES)}", str(output))
    if overlays is None:
        overlays = threshold_overlays(sweep, selection, pair)
    with matplotlib.rc_context(STYLE):
        fig = make_figure(sweep, metric, selection, title, overlays)
        metadata = {"Date": None} if fmt == "svg" else None  # the same sweep gives the same file
        write_atomically(output, lambda handle: fig.savefig(handle, format=fmt, dpi=DPI, metadata=metadata))
    return overlays


def plot_sweep_file(
    path, output=None, metric: str | None = None, x: str | None = None, y: str | None = None, at=None,
    title: str | None = None, strategy: str | None = None, against: str | None = None,
) -> Path:
    """`regimelab plot` from Python: read ``path``, draw, write ``output`` (default: beside it, .png).

    ``metric`` None: :func:`default_metric`. ``strategy`` and ``against``: the
    super-game pair (default Tit For Tat against Defector).
    """
    sweep = load_sweep(path)
    chosen = parse_metric(metric, sweep.players) if metric is not None else default_metric(sweep)
    selection = choose_axes(sweep, x, y, at)
    pair = strategy_pair(strategy, against, sweep.base_regime, sweep.base_game)
    output = Path(output) if output is not None else sweep.path.with_suffix(".png")
    plot_sweep(sweep, chosen, selection, output, title, pair=pair)
    return output
