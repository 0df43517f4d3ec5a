"""The registry of machine builders, keyed by the strategy class each one builds.

A builder takes a player (a clone already told the match attributes) and
returns a :class:`~regimelab.machines.rules.Rule` or a
:class:`~regimelab.exact.StateMachine`, or raises
:class:`~regimelab.machines.rules.Refused`. It declares what it maps beside
its definition, in its own module:

    @builds(axl.TitFor2Tats)
    def _tit_for_2_tats(player): ...

    @builds_family(axl.FSMPlayer)
    def _fsm_player(player): ...

A named builder maps exactly its class (a subclass may change what it does);
a family builder maps the subclasses of its base class whose ``strategy``
method is one of the family's (by default the base class's own). The key is
always the class object, never its name: a class that does not exist fails
where the builder is declared, when its module is imported, and a renamed
class cannot drop out of the exact engine unnoticed.

:data:`BUILDERS` is the registry the package fills on import
(:mod:`regimelab.machines.dispatch` imports every builder module);
a :class:`MachineBuilders` of one's own is for tests and experiments.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Iterable, Mapping, NamedTuple

from axelrod.player import Player

#: A builder: player -> Rule or StateMachine (or it raises Refused).
Builder = Callable


class Family(NamedTuple):
    """The builder of the subclasses of ``base`` whose strategy method is one of ``strategies``."""

    base: type
    strategies: tuple
    builder: Builder


def check_strategy_class(key) -> type:
    """``key`` if it is a strategy class (a subclass of axelrod's Player); TypeError otherwise."""
    if not (isinstance(key, type) and issubclass(key, Player)):
        raise TypeError(
            f"a machine builder is keyed by the strategy class it builds (a subclass of axelrod's Player), "
            f"not {key!r}"
        )
    return key


class MachineBuilders:
    """Machine builders by the class they build: named classes, then families.

    A class is registered once: a second builder for it is refused
    (ValueError), as is a key that is not a strategy class (TypeError).
    """

    def __init__(self) -> None:
        self._named: dict[type, Builder] = {}
        self._families: list[Family] = []

    # -- Registering -----------------------------------------------------------------

    def register(self, cls: type, builder: Builder) -> Builder:
        """Map exactly ``cls`` (not its subclasses) with ``builder``; returns the builder."""
        check_strategy_class(cls)
        if not callable(builder):
            raise TypeError(f"the machine builder of {cls.__name__} must be callable, not {builder!r}")
        if cls in self._named:
            raise ValueError(f"{cls.__module__}.{cls.__qualname__} already has a machine builder")
        self._named[cls] = builder
        return builder

    def builds(self, *classes: type) -> Callable[[Builder], Builder]:
        """Decorator: the builder maps exactly each of ``classes``."""
        if not classes:
            raise TypeError("builds() needs the strategy class(es) the builder maps")
        for cls in classes:  # refused where it is written, before the function is defined
            check_strategy_class(cls)

        def decorate(builder: Builder) -> Builder:
            for cls in classes:
                self.register(cls, builder)
            return builder

        return decorate

    def register_family(self, base: type, builder: Builder, strategies: Iterable | None = None) -> Builder:
        """Map the subclasses of ``base`` whose ``strategy`` is one of ``strategies`` (default: base's own).

        Families are tried in the order they were registered, after the named classes.
        """
        check_strategy_class(base)
        if not callable(builder):
            raise TypeError(f"the machine builder of the {base.__name__} family must be callable, not {builder!r}")
        methods = (base.strategy,) if strategies is None else tuple(strategies)
        if any(family.base is base for family in self._families):
            raise ValueError(f"the {base.__module__}.{base.__qualname__} family already has a machine builder")
        self._families.append(Family(base, methods, builder))
        return builder

    def builds_family(self, base: type, strategies: Iterable | None = None) -> Callable[[Builder], Builder]:
        """Decorator: the builder maps the family of ``base`` (see :meth:`register_family`)."""
        check_strategy_class(base)

        def decorate(builder: Builder) -> Builder:
            return self.register_family(base, builder, strategies)

        return decorate

    # -- Reading ---------------------------------------------------------------------

    def builder_for(self, cls: type) -> Builder | None:
        """The builder for a strategy class, or None (then it is refused)."""
        builder = self._named.get(cls)
        if builder is not None:
            return builder
        for base, strategies, family_builder in self._families:
            if issubclass(cls, base) and getattr(cls, "strategy", None) in strategies:
                return family_builder
        return None

    def named(self) -> Mapping[type, Builder]:
        """The builders of named classes (read-only), class -> builder."""
        return MappingProxyType(self._named)

    def families(self) -> tuple[Family, ...]:
        """The family builders, in the order they are tried."""
        return tuple(self._families)


#: The registry of regimelab's machine builders, filled when regimelab.machines is imported.
BUILDERS = MachineBuilders()
builds = BUILDERS.builds
builds_family = BUILDERS.builds_family
register = BUILDERS.register
register_family = BUILDERS.register_family

__all__ = [
    "BUILDERS",
    "Builder",
    "Family",
    "MachineBuilders",
    "builds",
    "builds_family",
    "check_strategy_class",
    "register",
    "register_family",
]
