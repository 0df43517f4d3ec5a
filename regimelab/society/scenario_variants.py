"""``[regimes.NAME]`` of a society scenario: the named variants, each the base society with some changes.

Model page §7.10: a variant changes the dyadic regime's parameters (as in
tournament scenarios, ``shadow`` replaces the base's ``turns`` and back), the
default game or some edges' ``payoffs``, the ``society`` options,
``turnover``, the ``schedule`` (replaced whole) and single ``actors``.
Without ``[regimes]`` the scenario has one variant, ``base``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidParameter
from ..regime import PARAMETERS, Regime, with_changes
from ..scenario_parts import read_payoffs
from ..toml_files import TomlDocument, TomlError
from .model_actors import Actor
from .model_rules import OPTION_NAMES
from .model_society import Society
from .scenario_actors import read_strategy
from .scenario_checks import Where, expect_table, expect_value
from .scenario_payoffs import read_edge_payoffs
from .scenario_society import read_options
from .scenario_time import read_schedule, read_turnover

VARIANT_KEYS = PARAMETERS + ("description", "payoffs", "society", "turnover", "schedule", "actors")
VARIANT_ACTOR_KEYS = ("strategy", "params", "member", "joins", "leaves", "benefit", "cost")


@dataclass(frozen=True)
class Variant:
    """A named variant of the society (``[regimes.NAME]``); the first is the baseline."""

    name: str
    society: Society
    description: str = ""


@dataclass(frozen=True)
class _Base:
    """What every variant changes: the scenario's society, as read, and what it was read from."""

    doc: TomlDocument
    society: Society
    regime_values: dict  # [regime] as given, for shadow-replaces-turns
    turnover: dict  # [turnover] as given ({} if none), for variants to change
    names: list
    playing: set  # the edges, as sets of two names
    folder: Path


def read_variants(doc: TomlDocument, table, base: Society, base_values: dict, turnover_raw: dict, names: list[str],
                  playing: set) -> list[Variant]:
    """The ``[regimes]`` tables in order (one ``base`` variant without them), each changing ``base``."""
    if table is None:
        return [Variant("base", base, "the scenario's society as given")]
    if not isinstance(table, dict) or not table or not all(isinstance(v, dict) for v in table.values()):
        raise doc.error(
            "regimes must hold one or more named tables, e.g. [regimes.baseline] and [regimes.exclusion]", "regimes"
        )
    context = _Base(doc, base, base_values, turnover_raw, names, playing, Path(doc.path).parent)
    return [_variant(context, name, values) for name, values in table.items()]


def _variant(base: _Base, name: str, values: dict) -> Variant:
    """One ``[regimes.NAME]`` table: its changes, in the order of the format's keys, applied to the base."""
    doc = base.doc
    where_name = f"regimes.{name}"
    place = Where(doc, where_name, label=f"[{where_name}]")
    place.check_keys(values, VARIANT_KEYS)
    changes = {"regime": _regime(base, place, values)}
    description = expect_value(place, values, "description", "str", "a string", "")
    if "payoffs" in values:
        changes.update(_payoffs(base, where_name, values["payoffs"]))
    if "society" in values:
        sub = Where(doc, f"{where_name}.society")
        expect_table(sub, values["society"], "a table of society options")
        sub.check_keys(values["society"], OPTION_NAMES)
        changes["options"] = read_options(sub, values["society"], base.society.options)
    if "turnover" in values:
        sub = Where(doc, f"{where_name}.turnover")
        expect_table(sub, values["turnover"], "a table with probability, pool, actors and start")
        changes["turnover"] = read_turnover(sub, values["turnover"], base.turnover, base.names, base.folder)
    if "schedule" in values:
        entries = values["schedule"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise place.error(f"schedule must be [[{where_name}.schedule]] tables with from and shadow", "schedule")
        changes["schedule"] = tuple(read_schedule(doc, entries, f"{where_name}.schedule"))
    if "actors" in values:
        changes["actors"] = _actors(base, place, where_name, values["actors"])
    try:
        society = base.society.replace(**changes)
    except InvalidParameter as error:
        raise place.invalid(error) from None
    return Variant(name, society, description)


def _regime(base: _Base, place: Where, values: dict) -> Regime:
    """The dyadic regime: as in tournament scenarios, shadow replaces the base's turns and back."""
    regime_changes = {k: v for k, v in values.items() if k in PARAMETERS}
    for key in regime_changes:
        kind, described = ("int", "an integer") if key == "turns" else ("number", "a number")
        expect_value(place, values, key, kind, described)
    merged = with_changes(base.regime_values, regime_changes)
    try:
        return Regime(**merged)
    except InvalidParameter as error:
        raise place.invalid(error) from None


def _payoffs(base: _Base, where_name: str, payoffs) -> dict:
    """``[[regimes.NAME.payoffs]]`` replace or add edges' payoffs, by pair; ``payoffs = [R, S, T, P]`` the game."""
    if isinstance(payoffs, list) and payoffs and all(isinstance(p, dict) for p in payoffs):
        entries = read_edge_payoffs(base.doc, payoffs, f"{where_name}.payoffs", base.names, base.playing)
        replaced = {frozenset(entry.between) for entry in entries}
        kept = tuple(p for p in base.society.payoffs if frozenset(p.between) not in replaced)
        return {"payoffs": kept + tuple(entries)}
    return {"game": read_payoffs(base.doc, payoffs, where_name)}


def _actors(base: _Base, place: Where, where_name: str, overrides) -> tuple:
    """``[regimes.NAME.actors."ACTOR"]`` tables: each changes one actor of the base society."""
    names = base.names
    overrides = expect_table(place, overrides, 'tables [regimes.NAME.actors."ACTOR"] of actor changes')
    actors = list(base.society.actors)
    for actor_name, actor_changes in overrides.items():
        sub = Where(base.doc, f"{where_name}.actors.{actor_name}", label=f'[{where_name}.actors."{actor_name}"]')
        if actor_name not in names:
            raise TomlError(base.doc.path, f"[{where_name}.actors]: {actor_name!r} is not one of the actors "
                            f"({', '.join(names)})", sub.line() or place.line())
        expect_table(sub, actor_changes, "a table of actor changes")
        sub.check_keys(actor_changes, VARIANT_ACTOR_KEYS)
        k = names.index(actor_name)
        update = _actor_update(sub, actor_changes, actors[k], base.folder)
        try:
            actors[k] = actors[k].replace(**update)
        except InvalidParameter as error:
            raise sub.invalid(error) from None
    return tuple(actors)


def _actor_update(sub: Where, actor_changes: dict, actor: Actor, folder: Path) -> dict:
    """The changes to one actor, checked by kind (``params`` alone keeps the actor's strategy)."""
    update = {}
    if "strategy" in actor_changes or "params" in actor_changes:
        strategy = actor_changes.get("strategy", actor.strategy.cls)  # params alone: the actor's own strategy
        update["strategy"] = read_strategy(sub, strategy, actor_changes.get("params"), folder)
    if "member" in actor_changes:
        update["member"] = expect_value(sub, actor_changes, "member", "bool", "true or false")
    for key in ("joins", "leaves"):
        if key in actor_changes:
            update[key] = expect_value(sub, actor_changes, key, "int", "a period (an integer >= 1)")
    for key in ("benefit", "cost"):
        if key in actor_changes:
            update[key] = expect_value(sub, actor_changes, key, "number", "a finite number")
    return update

