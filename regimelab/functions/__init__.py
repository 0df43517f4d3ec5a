"""Lipson's regime functions, one module each, behind :class:`RegimeFunction`.

The registry below is the one list of functions a regime is made of, in the
model page's order. ``Regime``, the CLI's regime options, the scenarios' keys and
the plots' labels all read it, so adding a function is one new module and one
``register`` line here (CONTRIBUTING.md, "A regime function").
"""

from __future__ import annotations

from ..errors import InvalidParameter
from .base import Parameter, RegimeFunction
from .horizon import DEFAULT_TURNS, Horizon
from .monitoring import Monitoring
from .noise import Noise
from .sanctions import Sanctions
from .transaction_costs import TransactionCost

_REGISTERED: list[type[RegimeFunction]] = []


def register(function: type[RegimeFunction]) -> type[RegimeFunction]:
    """Add a regime function (a class) to every regime from now on; usable as a decorator.

    Its parameters must have names no other function uses. A Regime made
    before the call does not have them; CLI commands built before it do not
    offer them (import the CLI after registering).
    """
    if not (isinstance(function, type) and issubclass(function, RegimeFunction)):
        raise InvalidParameter("function", "a subclass of RegimeFunction", function)
    if function in _REGISTERED:
        return function
    if not function.PARAMETERS:
        raise InvalidParameter("function", "a RegimeFunction with PARAMETERS", function.__name__)
    taken = set(parameter_names())
    for parameter in function.PARAMETERS:
        if parameter.name in taken:
            raise InvalidParameter("function", f"parameters with new names ({parameter.name!r} is taken)",
                                   function.__name__)
    _REGISTERED.append(function)
    return function


def regime_functions() -> tuple[type[RegimeFunction], ...]:
    """The registered functions, in order."""
    return tuple(_REGISTERED)


def regime_parameters() -> tuple[Parameter, ...]:
    """Every registered function's parameters, in order (model page §2)."""
    return tuple(parameter for function in _REGISTERED for parameter in function.PARAMETERS)


def parameter_names() -> tuple[str, ...]:
    """The names of every registered parameter, in order (model page §2)."""
    return tuple(parameter.name for parameter in regime_parameters())


def find_parameter(name: str) -> Parameter:
    """The parameter called ``name``; KeyError if none is."""
    for parameter in regime_parameters():
        if parameter.name == name:
            return parameter
    raise KeyError(name)


for _function in (Horizon, Monitoring, Noise, Sanctions, TransactionCost):
    register(_function)

__all__ = [
    "DEFAULT_TURNS",
    "Horizon",
    "Monitoring",
    "Noise",
    "Parameter",
    "RegimeFunction",
    "Sanctions",
    "TransactionCost",
    "find_parameter",
    "parameter_names",
    "regime_functions",
    "regime_parameters",
    "register",
]
