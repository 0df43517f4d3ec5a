"""A regime: Lipson's functions composed into one immutable, validated value.

The defaults form the *null regime*, under which a regimelab tournament is the
plain axelrod tournament (model page §2).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import FrozenInstanceError

import numpy as np

from .errors import InvalidParameter
from .functions import Horizon, Monitoring, Noise, RegimeFunction, Sanctions, parameter_names, regime_functions
from .game import Game, readable


class ParameterNames(Sequence):
    """The regime's parameter names in the order of the model page §2, read live
    from the registered regime functions (a tuple would miss one registered later)."""

    def __getitem__(self, index):
        return parameter_names()[index]

    def __len__(self) -> int:
        return len(parameter_names())

    # Sequence's own __iter__ and __contains__ would index one name at a time, each reading the live tuple.
    def __iter__(self):
        return iter(parameter_names())

    def __contains__(self, name) -> bool:
        return name in parameter_names()

    def __add__(self, other) -> tuple:
        return parameter_names() + tuple(other)

    def __radd__(self, other) -> tuple:
        return tuple(other) + parameter_names()

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (Sequence,)) else NotImplemented

    def __hash__(self):
        return hash(parameter_names())

    def __repr__(self) -> str:
        return repr(parameter_names())


#: Parameter names in the order of the model page §2.
PARAMETERS = ParameterNames()


class Regime:
    """The parameters of model page §2; the defaults are the null regime.

    ``Regime(**values)`` takes any registered function's parameters by name
    (:mod:`regimelab.functions`); each function validates and normalises its
    own, and the regime is immutable. ``turns`` and ``shadow`` are exclusive:
    with neither, a match lasts ``DEFAULT_TURNS`` (200) rounds; setting
    ``shadow`` replaces ``turns``.
    """

    def __init__(self, **values):
        for key in values:
            if key not in PARAMETERS:
                raise unknown_parameter(key)
        functions = tuple(
            function(**{name: values[name] for name in function.parameters if name in values})
            for function in regime_functions()
        )
        # Keep the normalised values (floats, the default turns) as plain attributes.
        for function in functions:
            for name in function.parameters:
                object.__setattr__(self, name, getattr(function, name))
        object.__setattr__(self, "_functions", functions)
        # The kernel runs every round of a society and every match: find its functions once.
        object.__setattr__(self, "_payoff_functions", tuple(
            f for f in functions
            if f.is_active and type(f).round_adjustment is not RegimeFunction.round_adjustment
        ))

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}: a Regime is immutable; use replace()")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}: a Regime is immutable")

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in PARAMETERS)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Regime):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return "Regime(" + ", ".join(f"{name}={readable(getattr(self, name))!r}" for name in PARAMETERS) + ")"

    def __reduce__(self):
        return (_regime_from_dict, (self.to_dict(),))

    # -- the functions -----------------------------------------------------

    @property
    def functions(self) -> tuple[RegimeFunction, ...]:
        """This regime's functions, one per registered function, in the model page's order (§2)."""
        return self._functions

    def function(self, kind: type) -> RegimeFunction:
        """This regime's function of class ``kind``."""
        return next(function for function in self._functions if isinstance(function, kind))

    @property
    def horizon(self) -> Horizon:
        """This regime's :class:`Horizon` (``turns`` or ``shadow``)."""
        return self.function(Horizon)

    @property
    def monitoring(self) -> Monitoring:
        """This regime's :class:`Monitoring` (``transparency``, ``false_alarm``)."""
        return self.function(Monitoring)

    @property
    def noise_function(self) -> Noise:
        """This regime's :class:`Noise` (the attribute ``noise`` is its probability e)."""
        return self.function(Noise)

    @property
    def sanctions(self) -> Sanctions:
        """This regime's :class:`Sanctions` (``fine``, ``compensation``, ``enforcement_cost``)."""
        return self.function(Sanctions)

    @property
    def payoff_functions(self) -> tuple[RegimeFunction, ...]:
        """The active functions that adjust payoffs in a round."""
        return self._payoff_functions

    def round_payoffs(self, base1, base2, own1, own2, signal1, signal2):
        """The payoff kernel of a round (model page §3 step 5), for both players at once.

        ``base1``, ``base2``: each player's stage-game payoff for the realised
        actions (the game may differ per side); ``own1``, ``own2``: the
        realised actions (1 = D); ``signal1``, ``signal2``: whether each move
        is signalled as a defection for the purposes of sanctions (1 = ``d``).
        Arrays of any common shape, or scalars. Each active regime function
        adds its ``round_adjustment``; the simulation, the exact engine and the
        society engine all compute payoffs here.
        """
        u1, u2 = base1, base2
        for function in self.payoff_functions:
            u1 = u1 + function.round_adjustment(own1, own2, signal1, signal2)
            u2 = u2 + function.round_adjustment(own2, own1, signal2, signal1)
        return u1, u2

    @property
    def is_null(self) -> bool:
        """Whether every parameter has its default: the null regime of model page §2."""
        return self == Regime()

    @property
    def perfect_monitoring(self) -> bool:
        """Whether signals equal actions: p = 1 and a = 0 (model page §3 step 4)."""
        return self.monitoring.is_perfect

    # -- the expected stage game (model page §4) ---------------------------

    def expected_matrix(self, game: Game) -> np.ndarray:
        """Row payoffs of G' indexed ``[own][opponent]`` (C=0, D=1)."""
        signal_d = self.monitoring.signal_d()
        matrix = game.matrix()
        for function in self._functions:
            matrix = matrix + function.stage_adjustment(signal_d)
        return matrix

    def expected_game(self, game: Game | None = None) -> Game:
        """The expected stage game G' = (R', S', T', P') the regime creates."""
        game = game or Game()
        (r, s), (t, p) = self.expected_matrix(game)
        return Game(r, s, t, p)

    def noisy_expected_game(self, game: Game | None = None) -> Game:
        """G' averaged also over implementation errors of both players."""
        game = game or Game()
        flip = self.noise_function.flip_matrix()
        signal_d = self.monitoring.signal_d()
        base = game.matrix()
        # Expected payoff for realised actions (x, y), then average over flips.
        realised = base + sum(f.stage_adjustment(signal_d) for f in self._functions)
        (r, s), (t, p) = flip @ realised @ flip.T
        return Game(r, s, t, p)

    # -- conversions -------------------------------------------------------

    def to_dict(self) -> dict:
        """Every parameter; ``turns`` is None when ``shadow`` is set."""
        return {name: getattr(self, name) for name in PARAMETERS}

    @classmethod
    def from_dict(cls, values: dict) -> "Regime":
        """Inverse of :meth:`to_dict`; unknown keys are errors with a suggestion."""
        values = dict(values)
        for key in values:
            if key not in PARAMETERS:
                raise unknown_parameter(key)
        return cls(**values)

    def replace(self, **changes) -> "Regime":
        """A copy with some parameters changed; setting shadow clears turns and vice versa."""
        for key in changes:
            if key not in PARAMETERS:
                raise unknown_parameter(key)
        return Regime(**with_changes(self.to_dict(), changes))

    def changes_from(self, base: "Regime") -> dict:
        """The parameters whose values differ from ``base``."""
        mine, theirs = self.to_dict(), base.to_dict()
        return {key: mine[key] for key in PARAMETERS if mine[key] != theirs[key]}

    def label(self, base: "Regime | None" = None, keys=()) -> str:
        """A short name: the changes from ``base`` (default: the null regime).

        ``keys``: parameters shown even at ``base``'s value, in the model's order
        (those a scenario's variant sets: ``transparency=1`` says the variant chose it).
        """
        changes = self.changes_from(base or Regime())
        mine = self.to_dict()
        changes = {key: mine[key] for key in PARAMETERS
                   if key in changes or (key in keys and mine[key] is not None)}
        if "shadow" in changes:
            changes.pop("turns", None)  # implied by the shadow
        if not changes:
            return "null" if base is None or base.is_null else "base"
        return ",".join(f"{key}={_format_value(value)}" for key, value in changes.items())


def with_changes(values: dict, changes: dict) -> dict:
    """Regime parameters ``values`` updated by ``changes``, with one horizon.

    A match has turns or a shadow, not both: setting ``shadow`` drops the
    base's ``turns`` and setting ``turns`` drops its ``shadow`` (unless the
    changes set both, which ``Regime`` then refuses). Regime.replace, scenario
    variants and society variants all merge this way.
    """
    merged = dict(values)
    if changes.get("shadow") is not None and "turns" not in changes:
        merged.pop("turns", None)
    if changes.get("turns") is not None and "shadow" not in changes:
        merged.pop("shadow", None)
    merged.update(changes)
    return merged


def _regime_from_dict(values: dict) -> Regime:
    """Unpickling: a regime from its parameters (workers rebuild regimes this way)."""
    return Regime(**values)


def _format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def unknown_parameter(key: str) -> InvalidParameter:
    """The error for an unknown parameter name ``key``, suggesting the closest known name."""
    close = difflib.get_close_matches(key, PARAMETERS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return InvalidParameter(
        "regime", f"one of {', '.join(PARAMETERS)}; {key!r} is unknown{hint}"
    )


def parse_assignments(text: str) -> dict:
    """Parse ``"transparency=0.5,fine=3"`` into ``{"transparency": 0.5, "fine": 3.0}``.

    Dashes may stand for underscores (``false-alarm=0.1``). An empty text or
    ``base`` means no change.
    """
    text = text.strip()
    if text in ("", "base", "baseline"):
        return {}
    values = {}
    for item in text.split(","):
        key, sep, raw = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep:
            raise InvalidParameter("regime", "KEY=VALUE pairs separated by commas", item.strip())
        if key not in PARAMETERS:
            raise unknown_parameter(key)
        raw = raw.strip()
        if raw.lower() in ("none", ""):
            values[key] = None
            continue
        try:
            number = float(raw)
        except ValueError:
            raise InvalidParameter(key, "a number", raw) from None
        if not math.isfinite(number):  # int() of inf would overflow; the functions refuse it by name
            values[key] = number
            continue
        values[key] = int(number) if key == "turns" and number == int(number) else number
    return values
