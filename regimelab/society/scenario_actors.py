"""``[[actors]]`` of a society scenario, and the strategy names (with params) that actors and newcomers play.

Model page §7.10: one table per actor with ``name`` and ``strategy``
(required), ``params``, ``count`` (copies named "NAME 1" .. "NAME k"),
``member``, ``joins``, ``leaves``, ``benefit`` and ``cost``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidParameter, RegimelabError, UnknownStrategy
from ..limits import MAX_ACTORS, integer_range, magnitude_range, number_text
from ..strategy_registry import StrategyModuleFailed
from ..toml_files import TomlDocument
from .model_actors import Actor, StrategyChoice
from .model_checks import period_range
from .scenario_checks import Where, expect_value

ACTOR_KEYS = ("name", "strategy", "params", "count", "member", "joins", "leaves", "benefit", "cost")
COUNT_RANGE = integer_range(1, MAX_ACTORS)


def read_strategy(where: Where, value, params, folder: Path, key: str = "strategy") -> StrategyChoice:
    """A strategy name (or a ``.toml`` strategy file beside the scenario, in ``folder``) with its ``params``.

    ``value`` may also be a strategy class already chosen (a variant that changes only an actor's ``params``).
    """
    if isinstance(value, type):
        name = value
    elif not isinstance(value, str) or not value.strip():
        raise where.error(f"{key} must be a strategy name, got {value!r} (in {where.label})", key)
    else:
        name = value
    if isinstance(name, str) and name.lower().endswith(".toml") and not Path(name).is_absolute():
        name = str(folder / name)  # strategy files beside the scenario
    if params is not None and not isinstance(params, (list, dict)):
        raise where.error(f"params must be a list (positional) or a table (by name), got {params!r}", "params")
    try:
        return StrategyChoice.of(name, params)
    except UnknownStrategy as error:
        raise where.error(f"{key}: {error}", key) from None
    except StrategyModuleFailed:
        raise  # not this file's fault: the error names the module
    except InvalidParameter as error:
        raise where.invalid(error, "params" if error.parameter == "params" else key) from None
    except RegimelabError as error:
        raise where.error(f"{key} {getattr(value, 'name', value)!r}: {error}", key) from None


def read_actors(doc: TomlDocument, entries) -> list[Actor]:
    """The ``[[actors]]`` tables, each expanded by its ``count``: at least two actors, names unique."""
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise doc.error("actors must be one or more [[actors]] tables, each with name and strategy", "actors")
    folder = Path(doc.path).parent
    actors: list[Actor] = []
    first_index: dict[str, int] = {}
    total = 0
    for index, entry in enumerate(entries):
        label = f"[[actors]] #{index + 1}" + (f" ({entry['name']!r})" if isinstance(entry.get("name"), str) else "")
        place = Where(doc, "actors", index, label)
        place.check_keys(entry, ACTOR_KEYS)
        for key in ("name", "strategy"):
            if key not in entry:
                raise place.error(f"{label} needs {key} = \"...\"")
        name = expect_value(place, entry, "name", "str", "a non-empty string")
        if not name.strip():
            raise place.error(f"name must be a non-empty string (in {label})", "name")
        choice = read_strategy(place, entry["strategy"], entry.get("params"), folder)
        count = expect_value(place, entry, "count", "int", COUNT_RANGE, 1)
        if not 1 <= count <= MAX_ACTORS - total:  # before making the copies: a count of 10**9 is refused at once
            raise place.error(f"count must be {COUNT_RANGE} and a society has at most "
                              f"{number_text(MAX_ACTORS)} actors in all, got {count} (in {label})", "count")
        total += count
        values = dict(strategy=choice)
        values["member"] = expect_value(place, entry, "member", "bool", "true or false", True)
        for key in ("joins", "leaves"):
            values[key] = expect_value(place, entry, key, "int", period_range(1))
        for key in ("benefit", "cost"):
            values[key] = expect_value(place, entry, key, "number", magnitude_range())
        expanded = [name] if count == 1 else [f"{name} {k}" for k in range(1, count + 1)]
        for actor_name in expanded:
            if actor_name in first_index:
                raise place.error(
                    f"name {actor_name!r} is already used by [[actors]] #{first_index[actor_name] + 1}", "name"
                )
            first_index[actor_name] = index
            try:
                actors.append(Actor(actor_name, **values))
            except InvalidParameter as error:
                raise place.invalid(error) from None
    if len(actors) < 2:
        raise doc.error(f"a society needs at least two actors, got {len(actors)}", "actors")
    return actors
