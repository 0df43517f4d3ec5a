"""Strategies as finite-state machines for the exact engine (:mod:`regimelab.exact`).

The exact engine needs a strategy as a :class:`~regimelab.exact.StateMachine`:
a probability of intending C in each state, and the next state after each
realised own action and each signal of the opponent. :func:`to_machine`
builds that machine for a player, exactly as the player behaves in a
regimelab match (:mod:`regimelab.match`): its own history holds its realised
actions (after noise), its opponent's history the opponent's signals, and
before play it is told the length, the expected stage game G' and the noise.

Each strategy that has such a form is written in this package as a
:class:`Rule`, read from its source (axelrod 4.13.1,
``regimelab.declarative`` and ``strategies/*.py``): what it remembers (the last rounds, the opponent's
opening, capped counts of the opponent's signals, a turn counter that
saturates or cycles, and flags or counters of its own) and how it chooses.
:func:`explore` enumerates the reachable memories; :func:`minimise` merges the
states that behave alike. A strategy is refused (:class:`NotFiniteState`)
when what it remembers is unbounded (shares, scores, counts that matter at
every size, the turn number for ever), when its machine would have more than
``MAX_STATES`` states, or when its state depends on a random move it intended
rather than the move that was realised (then only without noise).

``tests/machines/test_init.py`` drives every mapped player and its machine with the
same scripted signals and noise flips and checks that they agree move by move.

The package, one job a module:

- ``regimelab.machines`` (here): the public API, :func:`to_machine`,
  :func:`has_machine`, :func:`exact_strategies` (and their classes), :func:`builder_for` and
  :class:`NotFiniteState`;
- :mod:`~regimelab.machines.rules`: :class:`Rule`, the memories it reaches
  (:func:`explore`) and the merging of alike states (:func:`minimise`);
- :mod:`~regimelab.machines.registry`: the builders by the class they build
  (:data:`BUILDERS`, the decorators :func:`builds` and :func:`builds_family`);
- :mod:`~regimelab.machines.families`: the rules of axelrod's families
  (memory-one and -two, FSM, LookerUp and Gambler, Cycler) and of
  regimelab's declarative kinds;
- :mod:`~regimelab.machines.axelrod_memory_one`,
  :mod:`~regimelab.machines.axelrod_tit_for_tat`,
  :mod:`~regimelab.machines.axelrod_grudgers` and
  :mod:`~regimelab.machines.axelrod_entrants`: axelrod's named strategies;
- :mod:`~regimelab.machines.shipped_strategies`: regimelab's own strategies;
- :mod:`~regimelab.machines.dispatch`: imports the builder modules (so that
  they register) and finds the builder of a class (:func:`builder_for`).
"""

from __future__ import annotations

from ..errors import NotFiniteState, StrategyFailed
from ..exact import StateMachine
from ..match_attributes import tell
from ..players import all_strategy_classes
from .dispatch import builder_for
from .registry import BUILDERS, MachineBuilders, builds, builds_family, register, register_family
from .rules import MAX_STATES, Refused, Rule, explore, minimise

# -- The public API ---------------------------------------------------------------


def to_machine(player, told_game=None, noise: float = 0.0, length=None) -> StateMachine:
    """The finite-state machine of ``player`` as it plays in a regimelab match.

    ``told_game`` (an ``axelrod.Game`` or a regimelab ``Game``, normally G'),
    ``noise`` and ``length`` (``regime.horizon.known_length``; None: not told)
    are what the tournament tells each player before play. With none of them
    given, the player keeps the attributes it has been told already. The
    player itself is not changed: a clone is told and read.

    Raises :class:`NotFiniteState` naming the strategy when it has no
    finite-state form, and :class:`StrategyFailed` when it cannot accept the
    game it is told.
    """
    builder = builder_for(type(player))
    if builder is None:
        raise NotFiniteState(str(player))
    told = _told(player, told_game, noise, length)
    name = str(told)
    try:
        built = builder(told)
        machine = built if isinstance(built, StateMachine) else explore(name, built)
    except Refused as refusal:
        raise NotFiniteState(name, str(refusal)) from None
    machine = minimise(machine)
    if machine.size > MAX_STATES:
        raise NotFiniteState(name, f"{machine.size} states, more than {MAX_STATES}")
    return machine


def has_machine(player) -> bool:
    """True if :func:`to_machine` maps ``player`` with the attributes it has been told."""
    if builder_for(type(player)) is None:
        return False
    try:
        to_machine(player)
    except (NotFiniteState, StrategyFailed):
        return False
    return True


def exact_strategies() -> list[str]:
    """Names of the axelrod and regimelab strategies that map, as constructed by default.

    "As constructed": default parameters, the default game, no noise and an
    unknown length. Some depend on what they are told: under a known finite
    length Alexei, EugineNier, Michaelos, BackStabber, DoubleCrosser (their
    final defections), Spoiler and Knowledgeable Worse and Worse are refused;
    under noise Michaelos and Remorseful Prober; Zero-Sum Realist maps only
    for some games (and is refused under the default one).
    """
    return [cls.name for cls in exact_strategy_classes()]


def exact_strategy_classes() -> list[type]:
    """The classes of :func:`exact_strategies` (the named set ``finite``), sorted by readable name."""
    classes = []
    for cls in all_strategy_classes():
        if builder_for(cls) is None:
            continue
        try:
            player = cls()
        except Exception:  # a class that needs arguments has no default machine
            continue
        if has_machine(player):
            classes.append(cls)
    return classes


def _told(player, told_game, noise, length):
    """A clone of ``player`` told the match attributes, as the tournament tells them."""
    clone = player.clone()
    if told_game is None and length is None and not noise:
        attributes = dict(player.match_attributes)
    else:
        game = told_game.to_axelrod() if hasattr(told_game, "to_axelrod") else told_game
        attributes = {"length": -1 if length is None else length, "game": game, "noise": noise}
    try:
        tell(clone, attributes)
    except Exception as error:
        raise StrategyFailed(
            f"{player} cannot play the stage game it is told ({type(error).__name__}: {error}); "
            "leave it out or change the regime"
        ) from error
    return clone


__all__ = [
    "BUILDERS",
    "MAX_STATES",
    "MachineBuilders",
    "NotFiniteState",
    "Refused",
    "Rule",
    "builder_for",
    "builds",
    "builds_family",
    "exact_strategies",
    "exact_strategy_classes",
    "explore",
    "has_machine",
    "minimise",
    "register",
    "register_family",
    "to_machine",
]
