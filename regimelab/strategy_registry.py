"""The strategy registry: every strategy regimelab can find by name.

axelrod's strategies, plus those regimelab adds (its shipped state actors and
any declarative file a user loads), keyed by a case- and
punctuation-insensitive form of the strategy's ``name``. This module knows
nothing of which strategies ship: :mod:`regimelab.shipped_strategies` registers
them, and :mod:`regimelab.players` (which imports it) is where names are
looked up.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

import axelrod as axl

from .errors import InvalidParameter, RegimelabError

#: Short names used in teaching and in the literature.
ALIASES = {
    "tft": "Tit For Tat",
    "stft": "Suspicious Tit For Tat",
    "wsls": "Win-Stay Lose-Shift",
    "grim": "Grudger",
    "grimtrigger": "Grudger",
    "alld": "Defector",
    "alwaysdefect": "Defector",
    "allc": "Cooperator",
    "alwayscooperate": "Cooperator",
}


def strategy_key(name: str) -> str:
    """Case- and punctuation-insensitive key: 'Tit For Tat' == 'titfortat'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


#: A name written in LaTeX, as axelrod writes three: ``$\phi$``, ``$\pi$``, ``$e$``.
_LATEX_NAME = re.compile(r"\$(\\?)([A-Za-z]+)\$")


def readable_name(name: str) -> str:
    r"""A strategy's name as people read it: axelrod's LaTeX names spelled out.

    ``$\phi$`` -> ``Phi``, ``$\pi$`` -> ``Pi`` (a Greek letter by its name),
    ``$e$`` -> ``e``; any other name is unchanged. Both forms find the strategy
    (:func:`strategy_index`).
    """
    return _LATEX_NAME.sub(lambda match: match[2].capitalize() if match[1] else match[2], name)


#: Strategies added to axelrod's: regimelab's state actors and loaded files.
_REGISTERED: dict[str, type] = {}


class StrategyModuleFailed(RegimelabError):
    """A module of strategies (a shipped Python module or TOML file) failed to load.

    Raised when strategies are looked up, not while they load: the command line
    imports them at start-up, where an error could only be a traceback.
    """

    def __init__(self, module: str, reason: str):
        self.module = module
        self.reason = reason
        super().__init__(
            f"the strategy module {module} failed to load ({reason}); fix or remove it "
            "(a Python strategy is code that runs when regimelab starts: see strategies/README.md)"
        )

    def __reduce__(self):
        return (type(self), (self.module, self.reason))


#: Modules of strategies that failed to load: name -> why (see :func:`record_load_failure`).
_FAILED: dict[str, str] = {}


def record_load_failure(module: str, error: BaseException) -> None:
    """Remember that the strategies of ``module`` (a name or a file) could not be loaded, and why.

    From then on :func:`check_strategies_loaded` refuses to look strategies up:
    a scenario that names one of that module's strategies would otherwise read
    as a typo.
    """
    reason = f"{type(error).__name__}: {error}".strip()
    _FAILED[module] = reason.splitlines()[0] if reason else type(error).__name__


def check_strategies_loaded() -> None:
    """Raise :class:`StrategyModuleFailed` for the first module of strategies that failed to load."""
    if _FAILED:
        module, reason = next(iter(_FAILED.items()))
        raise StrategyModuleFailed(module, reason)


def register_strategy(cls: type) -> type:
    """Make a strategy class findable by name (its ``name``, case-insensitive).

    A second class with the name of a registered one replaces it (a student
    editing and reloading a file); a name axelrod already uses is refused.
    """
    key = strategy_key(cls.name)
    existing = strategy_index().get(key)
    if existing is not None and existing not in _REGISTERED.values():
        raise InvalidParameter("strategy", f"a name that axelrod does not already use ({cls.name!r})")
    if key in _REGISTERED:
        _REGISTERED.pop(key)
    _REGISTERED[key] = cls
    strategy_index.cache_clear()
    return cls


@lru_cache(maxsize=1)
def strategy_index() -> dict[str, type]:
    """Every findable strategy by key: regimelab's first, then axelrod's names, class names and the aliases."""
    index: dict[str, type] = dict(_REGISTERED)
    for cls in axl.all_strategies:
        index.setdefault(strategy_key(cls.name), cls)
    for cls in axl.all_strategies:  # class names as aliases ("TitForTat"), and readable names ("Phi")
        index.setdefault(strategy_key(cls.__name__), cls)
        index.setdefault(strategy_key(readable_name(cls.name)), cls)
    for alias, name in ALIASES.items():
        index.setdefault(alias, index[strategy_key(name)])
    return index


def registered_strategies() -> list[type]:
    """The strategies regimelab added to axelrod's, in the order they were registered."""
    return list(_REGISTERED.values())


def is_ours(cls) -> bool:
    """True for regimelab's strategies (shipped or loaded), False for axelrod's."""
    return cls in _REGISTERED.values()


@contextmanager
def registrations_undone():
    """Strategies registered inside the block are forgotten after it (tests, reloading notebooks)."""
    saved = dict(_REGISTERED)
    try:
        yield
    finally:
        _REGISTERED.clear()
        _REGISTERED.update(saved)
        strategy_index.cache_clear()
