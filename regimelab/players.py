"""Finding strategies by name, named sets, and who may play under a regime.

The registry itself (axelrod's strategies and regimelab's, by name) is
:mod:`regimelab.strategy_registry`; importing this module also loads
regimelab's shipped strategies (:mod:`regimelab.shipped_strategies`), so every name
is findable from here.
"""

from __future__ import annotations

import difflib
import inspect
import math
import numbers
import os
import re
from collections.abc import Iterable

import axelrod as axl

from . import shipped_strategies  # noqa: F401  (registers the shipped strategies on import)
from .declarative import load_strategy_file
from .errors import InvalidParameter, StrategyRefused, UnknownStrategy
from .limits import MAX_MAGNITUDE, number_text
from .strategy_registry import (  # noqa: F401  (is_ours, register_strategy: part of this module's API)
    ALIASES,  # noqa: F401  (part of this module's API)
    StrategyModuleFailed,  # noqa: F401  (part of this module's API)
    check_strategies_loaded,
    is_ours,
    readable_name,
    register_strategy,
    registered_strategies,
    strategy_index,
    strategy_key,
)
from .strategy_sets import DEFAULT_STRATEGIES, SET_DESCRIPTIONS

#: Each named set: its description (from regimelab.strategy_sets, which --help reads without
#: importing axelrod) and the function that gives its strategy classes.
NAMED_SETS = {
    "basic": (SET_DESCRIPTIONS["basic"], lambda: axl.basic_strategies),
    "axelrod-first": (SET_DESCRIPTIONS["axelrod-first"], lambda: axl.axelrod_first_strategies),
    "demo": (SET_DESCRIPTIONS["demo"], lambda: axl.demo_strategies),
    "default": (SET_DESCRIPTIONS["default"], lambda: [find_strategy(n) for n in DEFAULT_STRATEGIES]),
    "all": (SET_DESCRIPTIONS["all"], lambda: [c for c in all_strategy_classes() if _builds_by_default(c)]),
    "finite": (SET_DESCRIPTIONS["finite"], lambda: _finite_state_classes()),
}

_SOURCE_CLASSIFIERS = ("inspects_source", "manipulates_source", "manipulates_state")


def all_strategy_classes() -> list[type]:
    """Every strategy class, axelrod's and those registered with regimelab, sorted by readable name (any case)."""
    check_strategies_loaded()
    return sorted([*axl.all_strategies, *registered_strategies()], key=lambda cls: readable_name(cls.name).lower())


def _builds_by_default(cls: type) -> bool:
    """Whether ``cls()`` needs no argument: a set's players are made with their defaults (all of them today)."""
    try:
        signature = inspect.signature(cls.__init__)
    except (TypeError, ValueError):
        return True
    kinds = inspect.Parameter
    required = (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)
    return not any(p.default is p.empty and p.kind in required for p in list(signature.parameters.values())[1:])


def _finite_state_classes() -> list[type]:
    """The classes of :func:`regimelab.machines.exact_strategy_classes`: those with a finite-state form."""
    # regimelab.machines is of the engine layer and imports this module: imported when the set is asked for.
    from .machines import exact_strategy_classes

    return exact_strategy_classes()


def find_strategy(name: str) -> type:
    """The axelrod strategy class called ``name`` (case-insensitive).

    Raises :class:`UnknownStrategy` with the closest names when none matches, and
    :class:`StrategyModuleFailed` if a module of shipped strategies failed to load.
    """
    check_strategies_loaded()
    if name.lower().endswith(".toml"):
        return load_strategy_file(name)
    cls = strategy_index().get(strategy_key(name))
    if cls is not None:
        return cls
    names = [readable_name(c.name) for c in all_strategy_classes()]
    by_lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.5)
    if not close:
        close = [n.lower() for n in names if name.lower() in n.lower()][:3]
    raise UnknownStrategy(name, [by_lower[c] for c in close])


def named_set(name: str) -> list[type]:
    """The strategy classes of the named set ``name`` (any case; a key of ``NAMED_SETS``)."""
    try:
        _, build = NAMED_SETS[name.lower()]
    except KeyError:
        raise InvalidParameter("set", f"one of {', '.join(NAMED_SETS)}", name) from None
    return list(build())


def make_players(names=(), sets=()) -> list:
    """Players for the strategies of named sets, then for ``names``, in the order given.

    ``names`` may mix strategy names, ``.toml`` files, strategy classes and
    players, as :func:`as_players` takes them.
    """
    classes = [cls for set_name in sets for cls in named_set(set_name)]
    return [cls() for cls in classes] + as_players(names)


def without(players, names) -> list:
    """``players`` less every player of each strategy in ``names`` (names as :func:`find_strategy` takes them).

    For leaving strategies out of a named set or a scenario's players. A name
    that is no strategy raises :class:`UnknownStrategy`; one that is, but
    none of whose players are here, :class:`InvalidParameter` (a misspelt or
    mistaken leave-out would otherwise pass unnoticed).
    """
    players = list(players)
    for name in names:
        left_out = find_strategy(name).name
        kept = [player for player in players if player.name != left_out]
        if len(kept) == len(players):
            raise InvalidParameter("without", "a strategy among the players", name)
        players = kept
    return players


#: What the engines take as players, for their TypeError.
ACCEPTED_PLAYERS = (
    "strategy names (as `regimelab strategies` lists them, or .toml files), "
    "axelrod strategy classes or axelrod players"
)


def as_players(strategies) -> list:
    """Players for a tournament from any mix of strategy names, strategy classes and players.

    A name (any case, as ``-s`` takes it) or a path of a ``.toml`` strategy is
    found with :func:`find_strategy` and made; a class (a subclass of
    ``axelrod.Player``) is made with its defaults; a player is used as given
    (the engines play clones of it). Anything else is a ``TypeError`` that
    says what is accepted. The one conversion behind :func:`make_players`,
    ``run_tournament``, ``run_exact_tournament`` and ``compare_regimes``.
    """
    if isinstance(strategies, (str, os.PathLike, axl.Player)) or not isinstance(strategies, Iterable):
        raise TypeError(f"players must be a list of {ACCEPTED_PLAYERS}; got {_described(strategies)}")
    return [_as_player(strategy) for strategy in strategies]


def _as_player(strategy):
    if isinstance(strategy, axl.Player):
        return strategy
    if isinstance(strategy, type) and issubclass(strategy, axl.Player):
        return strategy()
    if isinstance(strategy, (str, os.PathLike)):
        return find_strategy(os.fspath(strategy))()
    raise TypeError(f"players must be {ACCEPTED_PLAYERS}; got {_described(strategy)}")


def _described(value) -> str:
    """``3 (int)``, ``the text 'tft'``: a value named with its type, shortened."""
    if isinstance(value, str):
        return f"the text {value!r} (for one strategy, give a list: [{value!r}])"
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} ({type(value).__name__})"


#: Constructor parameters that are probabilities (or shares) in [0, 1], by name, in axelrod's
#: strategies and regimelab's. axelrod checks some (a memory-one strategy's four_vector) but not
#: all: Random(1.5) would play as "Random: 1.5", always complying. Checked by :func:`make_player`.
PROBABILITY_PARAMETERS = frozenset({
    "p", "q", "ep", "c_prob", "d_prob", "start_coop_prob", "end_coop_prob", "forget_probability",
    "p_memory_alter", "p_memory_delete", "learning_rate", "discount_factor", "alpha",
    "reserve", "endgame", "tolerance", "probe",
})


def make_player(cls: type, args=(), kwargs=None):
    """A player of the strategy ``cls`` built with constructor parameters (a scenario's ``params``).

    Checked before the strategy sees them, whatever the strategy: the parameters
    must fit its constructor; every number in them (lists included) must be
    finite and within ±1e6 (regimelab.limits.MAX_MAGNITUDE); a parameter
    whose default is an integer takes a whole number; a probability
    (:data:`PROBABILITY_PARAMETERS`) must be in [0, 1]. Then the strategy's own
    constructor checks (axelrod's included). Every refusal is an
    :class:`InvalidParameter` about ``params`` that names the strategy and the parameter.
    """
    args, kwargs = tuple(args), dict(kwargs or {})
    try:  # __init__'s, not the class's: axelrod's Player.__new__ takes anything
        signature = inspect.signature(cls.__init__)
    except (TypeError, ValueError):  # no signature to read: leave it all to the constructor
        signature = None
    if signature is not None:
        try:
            bound = signature.bind(None, *args, **kwargs)  # None stands for self
        except TypeError as error:
            raise InvalidParameter("params", f"parameters that {cls.name} accepts ({error})",
                                   list(args) or kwargs) from None
        for name, value in list(bound.arguments.items())[1:]:
            _check_parameter(cls, name, value, signature.parameters[name].default)
    try:
        return cls(*args, **kwargs)
    except Exception as error:  # the strategy's own constructor rejects them
        raise InvalidParameter(
            "params", f"parameters that {cls.name} accepts ({type(error).__name__}: {error})", list(args) or kwargs,
        ) from None


def _check_parameter(cls: type, name: str, value, default) -> None:
    """One constructor parameter of ``cls``: its numbers bounded, an integer or a probability where it must be."""
    where = f"for {cls.name}'s parameter {name!r}"
    for number in _numbers_in(value):
        finite = isinstance(number, numbers.Integral) or math.isfinite(number)  # a huge int is not made a float
        if not finite and _is_number(default) and number == default:
            continue  # an infinite default may be given as such (Go By Majority's memory_depth = inf)
        if not finite or abs(number) > MAX_MAGNITUDE:
            raise InvalidParameter("params", f"finite numbers within ±{number_text(MAX_MAGNITUDE)} {where}", value)
    if _is_number(default) and not _is_number(value):  # True is no number, nor is "0.5"
        raise InvalidParameter("params", f"a number {where}", value)
    if _is_number(value):
        if name in PROBABILITY_PARAMETERS and not 0 <= value <= 1:
            raise InvalidParameter("params", f"a probability between 0 and 1 {where}", value)
        if _is_number(default) and isinstance(default, numbers.Integral) and value != int(value):
            raise InvalidParameter("params", f"a whole number {where}", value)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _numbers_in(value) -> list:
    """Every number in ``value`` and the lists, tuples and tables it holds (each container once)."""
    found, stack, seen = [], [value], set()
    while stack:
        item = stack.pop()
        if _is_number(item):
            found.append(item)
        elif isinstance(item, (list, tuple, dict)) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return found


def default_players() -> list:
    """Fresh instances of ``DEFAULT_STRATEGIES``, the built-in default of ``regimelab run``."""
    return make_players(DEFAULT_STRATEGIES)


def touches_source(player) -> bool:
    """Whether ``player`` inspects or manipulates its opponent's source or state (axelrod's classifier).

    Such a player would see through signals to true moves (model page §3 step 4).
    """
    classifier = getattr(player, "classifier", {})
    return any(classifier.get(key) for key in _SOURCE_CLASSIFIERS)


def check_players(players, regime) -> None:
    """Refuse, under imperfect monitoring, strategies that read or change their opponent.

    Such strategies would see through the signals to the true moves (model page
    §3 step 4), so they are left out of any regime with p < 1 or a > 0.
    """
    if len(players) < 1:
        raise InvalidParameter("strategy", "at least one strategy")
    if regime.perfect_monitoring:
        return
    refused = sorted({readable_name(str(p)) for p in players if touches_source(p)})
    if refused:
        raise StrategyRefused(
            f"{', '.join(refused)} inspect or manipulate their opponent's source, "
            "which would bypass imperfect monitoring; they cannot play under "
            "transparency < 1 or false_alarm > 0"
        )


def loaded_from(cls) -> str | None:
    """The file a user loaded the strategy from (``-s FILE.toml``, ``--strategies-dir``), else None.

    None for axelrod's strategies and those that ship with regimelab; a strategy
    registered from Python (:func:`register_strategy`) is named by its module.
    """
    if not is_ours(cls) or cls in shipped_strategies.SHIPPED_STRATEGIES:
        return None
    return str(getattr(cls, "source_file", None) or cls.__module__)


def describe(cls) -> str:
    """First sentence of a strategy's docstring, on one line."""
    doc = (cls.__doc__ or "").strip()
    text = " ".join(doc.split("\n\n")[0].split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def unique_names(players) -> list[str]:
    """Display names: ``str(player)`` made readable (``Phi`` for ``$\\phi$``), with a suffix for repeated strategies."""
    seen: dict[str, int] = {}
    names = []
    for player in players:
        name = readable_name(str(player))
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
