"""Which builder maps which strategy class.

Each builder declares the class it maps beside its definition
(:mod:`regimelab.machines.registry`); importing the builder modules here fills
:data:`~regimelab.machines.registry.BUILDERS`. A strategy is mapped by its
exact class (axelrod's named strategies and regimelab's state actors) or else
by the first family whose base class and strategy method it has; a class with
neither is refused.
"""

from __future__ import annotations

# The builder modules register their builders on import (the families first,
# in the order they are tried).
from . import (  # noqa: F401
    axelrod_entrants,
    axelrod_grudgers,
    axelrod_memory_one,
    axelrod_tit_for_tat,
    families,  # noqa: F401  (registers on import)
    shipped_strategies,  # noqa: F401  (registers on import)
)
from .registry import BUILDERS, Builder


def builder_for(cls: type) -> Builder | None:
    """The machine builder for a strategy class, or None (then it is refused)."""
    return BUILDERS.builder_for(cls)


__all__ = ["BUILDERS", "builder_for"]
