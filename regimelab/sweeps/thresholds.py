"""The model's thresholds (docs/model.md §5) at the points of a sweep, as `regimelab explain` computes them.

Two kinds:

- the stage game's F* (``fine``): complying is a best reply in one round of
  G', with no shadow of the future;
- the super-game's w*, p*, F*sg (``shadow``, ``transparency``, ``fine``): a
  cooperative strategy in self-play is a best reply to a challenger over the
  match (a :class:`~regimelab.supergame.StrategyPair`; by default Tit For Tat
  against the Defector).

A threshold of the parameter on a line plot's x axis is a :class:`ThresholdLine`;
on a heatmap, the threshold of one axis at each value of the other is a
:class:`ThresholdCurve`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import axelrod as axl
import numpy as np

from ..errors import InvalidParameter, RegimelabError, UnknownStrategy
from ..game import Game
from ..machines import to_machine
from ..players import find_strategy
from ..regime import Regime
from ..supergame import StrategyPair
from ..threshold_search import (
    critical_fine,
    critical_shadow,
    critical_supergame_fine,
    critical_transparency,
    threshold_methods,
)
from .grid import Cell
from .labels import parameter_symbol, short_message
from .sweep_file import parameter_value


@dataclass(frozen=True)
class ThresholdKind:
    """One threshold of the model page §5: what it is a threshold of, how it is computed and described."""

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
        "super-game: shadow at and above which {cooperator} in self-play is a best reply to {challenger}",
        "no shadow below 1 makes {cooperator} a best reply to {challenger}", True,
    ),
    "transparency": ThresholdKind(
        "transparency", "transparency", "p*", critical_transparency,
        "super-game: transparency at and above which {cooperator} in self-play is a best reply to {challenger}",
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
        "super-game: fine at and above which {cooperator} in self-play is a best reply to {challenger} "
        "over the match (the repeated game can do part of the work)",
        "no finite fine makes {cooperator} a best reply to {challenger}", True,
    ),
}


def thresholds_of(parameter: str) -> list[ThresholdKind]:
    """The thresholds of a regime parameter: the stage game's first, then the super-game's."""
    return [kind for kind in THRESHOLDS.values() if kind.parameter == parameter]


def is_supergame(overlay) -> bool:
    """Whether a ThresholdLine or ThresholdCurve is a threshold of the super-game (else of the stage game)."""
    kind = THRESHOLDS.get(overlay.key)
    return kind.supergame if kind is not None else overlay.parameter != "fine"


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
    players = []
    for option, name in (("strategy", DEFAULT_STRATEGY if strategy is None else strategy),
                         ("against", DEFAULT_AGAINST if against is None else against)):
        if not name.strip():  # an empty name is a mistake, not a request for the default
            raise InvalidParameter(option, "a strategy's name (`regimelab strategies --exact` lists them)", name)
        try:
            player = find_strategy(name)()
        except UnknownStrategy as error:
            hint = f"; did you mean {', '.join(repr(s) for s in error.suggestions)}?" if error.suggestions else ""
            raise InvalidParameter(option, f"a strategy's name (`regimelab strategies --exact` lists them{hint})",
                                   name) from None
        except RegimelabError as error:  # a .toml strategy file that does not load
            raise InvalidParameter(option, f"a strategy's name or file ({short_message(error)})", name) from None
        try:
            if regime is None:
                to_machine(player)
            else:
                told = regime.expected_game(game or Game())
                to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)
        except RegimelabError as error:  # not finite-state, or cannot play the G' it is told
            raise InvalidParameter(
                option, f"a finite-state strategy that the exact engine can play (`regimelab strategies --exact` "
                f"lists them): {short_message(error, 100)}", name,
            ) from None
        players.append(player)
    if [type(player) for player in players] == [axl.Grudger, axl.Defector]:
        return StrategyPair()  # explain's default pair: its closed forms apply (the same machines)
    return StrategyPair(*players)


#: Sample points for a threshold curve with a closed form (cheap), across the other axis.
DENSE_POINTS = 161
#: Beyond this many swept values, a numerically searched curve is computed at those values only.
NUMERICAL_REFINE_LIMIT = 6


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
        """'p* = 0.56', or 'p*: none'."""
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
        """The threshold at a sample point of ``along`` (KeyError if it is not one)."""
        for point, value in zip(self.along_values, self.values):
            if math.isclose(point, along_value, rel_tol=1e-9, abs_tol=1e-12):
                return value
        raise KeyError(along_value)

    @property
    def label(self) -> str:
        """'F*(p)': the threshold's symbol as a function of the other axis."""
        return f"{self.symbol}({parameter_symbol(self.along)})"

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


def regime_at(base_regime: Regime, base_game: Game, values: dict) -> tuple[Regime, Game]:
    """The regime and game of a point: the base with the swept values at the point."""
    cell = Cell(tuple((name, parameter_value(name, value)) for name, value in values.items() if value is not None))
    return cell.regime_and_game(base_regime, base_game)


def threshold_at(kind: ThresholdKind, base_regime: Regime, base_game: Game, values: dict,
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
        value, method = threshold_at(kind, base_regime, base_game, dict(fixed), pair)
        meaning, none = kind.describe(pair)
        lines.append(ThresholdLine(x, kind.symbol, value, method, meaning, kind.key, none))
    return lines


def sample_points(along: str, swept: list, dense: bool, extra_points=()) -> list:
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
    points = (threshold_at(kinds[0], base_regime, base_game, {**fixed, "fine": float(fine)}, pair)[0]
              for fine in fines)
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
    found = {v: threshold_at(kind, base_regime, base_game, {**fixed, along: v}, pair) for v in swept}
    dense = {method for _, method in found.values()} <= {"closed form", ""}
    crossings = []
    if kind.key == "fine_supergame" and not dense:
        crossings = _boundary_points(base_regime, base_game, along, fixed, pair, fines)
    points = sample_points(along, swept, dense, crossings)
    for point in points:
        if point not in found:
            found[point] = threshold_at(kind, base_regime, base_game, {**fixed, along: point}, pair)
    values = [found[point][0] for point in points]
    method = " and ".join(sorted({found[point][1] for point in points} - {""})) or "none"
    meaning, none = kind.describe(pair)
    return ThresholdCurve(parameter, along, kind.symbol, tuple(points), tuple(values), tuple(swept), method,
                          meaning, kind.key, none)
