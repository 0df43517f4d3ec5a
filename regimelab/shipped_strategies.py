"""The strategies that ship with regimelab (its strategies of state actors): registered on import.

The Python strategies live in the repository's `strategies/` folder, installed
as the package `regimelab.strategies`; the declarative ones are TOML files in
the same folder. Importing this module registers both (so that
``find_strategy`` finds them by name); a new module or TOML file dropped into
the folder is picked up without a change here.
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib import resources

from axelrod.player import Player

from .declarative import load_strategy_text
from .errors import RegimelabError
from .strategy_registry import record_load_failure, register_strategy

PACKAGE = "regimelab.strategies"


def _python_strategies() -> tuple[type, ...]:
    """The Player classes defined in the package's modules, module by module.

    A module that raises while it is imported (it is code, and runs) is left
    out and recorded, so that looking strategies up names it in a one-line
    error (:func:`~regimelab.strategy_registry.check_strategies_loaded`)
    instead of a traceback at start-up.
    """
    package = importlib.import_module(PACKAGE)
    classes = []
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
        name = f"{PACKAGE}.{module_info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as error:  # any error of a module's own code: Exception, not Ctrl-C or exit
            where = getattr(module_info.module_finder, "path", None)
            record_load_failure(f"{name} ({where}/{module_info.name}.py)" if where else name, error)
            continue
        classes += [
            value for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, Player)
            and value.__module__ == module.__name__ and not name.startswith("_")
        ]
    return tuple(classes)


def _declared_strategies() -> tuple[type, ...]:
    """The package's TOML strategies, read as package data (so also from a wheel or zip)."""
    folder = resources.files(PACKAGE)
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".toml")), key=lambda e: e.name)
    loaded = []
    for entry in files:
        try:
            loaded.append(load_strategy_text(entry.read_text(encoding="utf-8"), str(entry)))
        except (RegimelabError, OSError, UnicodeDecodeError) as error:  # recorded, named when strategies are used
            record_load_failure(str(entry), error)
    return tuple(loaded)


def _registered(classes) -> tuple[type, ...]:
    """``classes`` registered by name; one whose name is taken is left out and recorded, as a module that raises."""
    registered = []
    for cls in classes:
        try:
            registered.append(register_strategy(cls))
        except RegimelabError as error:
            record_load_failure(f"{cls.__module__} (its class {cls.__qualname__})", error)
    return tuple(registered)


PYTHON_STRATEGIES = _registered(_python_strategies())
DECLARED_STRATEGIES = _declared_strategies()  # registered as they load
SHIPPED_STRATEGIES = PYTHON_STRATEGIES + DECLARED_STRATEGIES
