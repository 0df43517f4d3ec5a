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
from .strategy_registry import register_strategy

PACKAGE = "regimelab.strategies"


def _python_strategies() -> tuple[type, ...]:
    """The Player classes defined in the package's modules, module by module."""
    package = importlib.import_module(PACKAGE)
    classes = []
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{PACKAGE}.{module_info.name}")
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
    return tuple(load_strategy_text(entry.read_text(encoding="utf-8"), str(entry)) for entry in files)


PYTHON_STRATEGIES = tuple(register_strategy(cls) for cls in _python_strategies())
DECLARED_STRATEGIES = _declared_strategies()  # registered as they load
SHIPPED_STRATEGIES = PYTHON_STRATEGIES + DECLARED_STRATEGIES
