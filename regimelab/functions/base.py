"""The shared interface of the regime functions.

Each of Lipson's regime functions ([Lipson1995], The Study of Regimes) is a small
value object that says two things:

* what it does to the *expected* stage game, as an additive 2x2 adjustment of
  the row player's payoffs given the probabilities that each action is
  signalled as a defection (model page §4);
* what it does in a *round*, as a per-round payoff adjustment computed from the
  realised actions and the public signals of a whole match at once (§3 step 5).

Functions that change the course of play rather than the payoffs (the horizon,
noise, monitoring) expose that behaviour through their own methods, which the
match engine calls.

Each function also describes its parameters (:class:`Parameter`: the name,
the model page's symbol, the default, the accepted range, the help text and
Lipson's function), and everything that lists the regime's parameters (the
``Regime`` value, the CLI's options, the plots' labels) reads them from the
registered functions (:mod:`regimelab.functions`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..limits import check_money


@dataclass(frozen=True)
class Parameter:
    """One regime parameter, as the model page §2 tables it."""

    name: str  # the key in Regime, scenarios and --regime (the CLI option is --name-with-dashes)
    symbol: str  # the model page's symbol
    default: object  # the null regime's value (None: unset)
    accepted: str  # the documented range, as error messages state it
    help: str  # one line for --help
    lipson: str  # the function of regimes it models (Lipson), or what it stands for
    kind: type = float  # what the CLI parses: float or int
    label: str = ""  # axis label for plots (default: "name symbol")

    @property
    def option(self) -> str:
        """The CLI option: the name with dashes, such as ``--false-alarm``."""
        return "--" + self.name.replace("_", "-")

    @property
    def axis_label(self) -> str:
        """The plots' axis label: ``label``, or the name in words and the symbol (``false alarm a``)."""
        return self.label or f"{self.name.replace('_', ' ')} {self.symbol}"


class RegimeFunction:
    """Base class: by default a function leaves payoffs alone.

    A subclass declares ``PARAMETERS`` (its :class:`Parameter` entries, in
    the model page's order) and takes them as keyword arguments.
    """

    #: The regime parameters this function owns.
    PARAMETERS: tuple[Parameter, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.parameters = tuple(parameter.name for parameter in cls.PARAMETERS)

    #: Names of the regime parameters this function owns (from PARAMETERS).
    parameters: tuple[str, ...] = ()

    @property
    def is_active(self) -> bool:
        """False when the function is at its null-regime default."""
        return False

    def stage_adjustment(self, signal_d: np.ndarray) -> np.ndarray:
        """Additive change to the row player's expected stage payoffs.

        ``signal_d[x]`` is the probability that action ``x`` (C=0, D=1) is
        signalled as a defection. Returns a 2x2 array indexed
        ``[own action][opponent action]``.
        """
        return np.zeros((2, 2))

    def round_adjustment(
        self,
        own: np.ndarray,
        opponent: np.ndarray,
        own_signal: np.ndarray,
        opponent_signal: np.ndarray,
    ) -> np.ndarray | float:
        """Per-round change to the row player's realised payoff.

        All arguments are 0/1 integer arrays over the rounds of a match
        (1 = D for actions, 1 = ``d`` for signals).
        """
        return 0.0


def check_probability(name: str, value) -> float:
    """``value`` as a float; refused, naming ``name``, unless it is a number in [0, 1] (not a bool)."""
    value = check_number(name, value, "a probability between 0 and 1")
    if not 0.0 <= value <= 1.0:
        raise InvalidParameter(name, "a probability between 0 and 1", value)
    return value


def check_non_negative(name: str, value) -> float:
    """``value`` as a float; refused, naming ``name``, unless it is a finite number in [0, 1e6] (not a bool).

    Money-valued parameters (fines, costs) are bounded (regimelab.limits.MAX_MAGNITUDE) so that
    a match's totals stay finite.
    """
    return check_money(name, value)


def check_number(name: str, value, accepted: str) -> float:
    """``value`` as a finite float; otherwise InvalidParameter naming ``name`` and what is ``accepted``."""
    if isinstance(value, bool):
        raise InvalidParameter(name, accepted, value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidParameter(name, accepted, value) from None
    if not math.isfinite(number):
        raise InvalidParameter(name, accepted, value)
    return number
