"""Finding strategies by name, named sets, and who may play under a regime.

The registry itself (axelrod's strategies and regimelab's, by name) is
:mod:`regimelab.strategy_registry`; importing this module also loads
regimelab's shipped strategies (:mod:`regimelab.shipped_strategies`), so every name
is findable from here.
"""

from __future__ import annotations

import difflib
import re

import axelrod as axl

from . import shipped_strategies  # noqa: F401  (registers the shipped strategies on import)
from .declarative import load_strategy_file
from .errors import InvalidParameter, StrategyRefused, UnknownStrategy
from .strategy_registry import (  # noqa: F401  (is_ours, register_strategy: part of this module's API)
    ALIASES,  # noqa: F401  (part of this module's API)
    is_ours,
    register_strategy,
    registered_strategies,
    strategy_index,
    strategy_key,
)

#: A built-in default for `regimelab run`: classic strategies chosen so that the
#: regime matters. Reciprocators (TFT, Grudger, GTFT, WSLS) prosper when
#: defections are seen; Defector and the probing strategies gain when they are
#: not; Cooperator is exploited unless fines protect it.
DEFAULT_STRATEGIES = (
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "GTFT",
    "Win-Stay Lose-Shift",
    "Suspicious Tit For Tat",
    "Prober",
    "Random",
)

NAMED_SETS = {
    "basic": ("axelrod's basic strategies", lambda: axl.basic_strategies),
    "axelrod-first": ("the strategies of Axelrod's first tournament", lambda: axl.axelrod_first_strategies),
    "demo": ("axelrod's demonstration strategies", lambda: axl.demo_strategies),
    "default": ("regimelab's built-in default", lambda: [find_strategy(n) for n in DEFAULT_STRATEGIES]),
}

_SOURCE_CLASSIFIERS = ("inspects_source", "manipulates_source", "manipulates_state")


def all_strategy_classes() -> list[type]:
    """Every strategy class, axelrod's and those registered with regimelab, sorted by name (any case)."""
    return sorted([*axl.all_strategies, *registered_strategies()], key=lambda cls: cls.name.lower())


def find_strategy(name: str) -> type:
    """The axelrod strategy class called ``name`` (case-insensitive).

    Raises :class:`UnknownStrategy` with the closest names when none matches.
    """
    if name.lower().endswith(".toml"):
        return load_strategy_file(name)
    cls = strategy_index().get(strategy_key(name))
    if cls is not None:
        return cls
    names = [c.name for c in all_strategy_classes()]
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
    """Instances for strategy names and named sets, in the order given."""
    classes = [cls for set_name in sets for cls in named_set(set_name)]
    classes += [find_strategy(name) for name in names]
    return [cls() for cls in classes]


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
    refused = sorted({str(p) for p in players if touches_source(p)})
    if refused:
        raise StrategyRefused(
            f"{', '.join(refused)} inspect or manipulate their opponent's source, "
            "which would bypass imperfect monitoring; they cannot play under "
            "transparency < 1 or false_alarm > 0"
        )


def describe(cls) -> str:
    """First sentence of a strategy's docstring, on one line."""
    doc = (cls.__doc__ or "").strip()
    text = " ".join(doc.split("\n\n")[0].split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def unique_names(players) -> list[str]:
    """Display names, ``str(player)`` with a suffix for repeated strategies."""
    seen: dict[str, int] = {}
    names = []
    for player in players:
        name = str(player)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
