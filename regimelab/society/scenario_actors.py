"""``[[actors]]`` of a society scenario, and the strategy names (with params) that actors and newcomers play.

Model page §7.10: one table per actor with ``name`` and ``strategy``
(required), ``params``, ``count`` (copies named "NAME 1" .. "NAME k"),
``member``, ``joins``, ``leaves``, ``benefit`` and ``cost``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidParameter, RegimelabError, UnknownStrategy
from ..toml_files import TomlDocument
from .model_actors import Actor, StrategyChoice
from .scenario_checks import Where, expect_value

ACTOR_KEYS = ("name", "strategy", "params", "count", "member", "joins", "leaves", "benefit", "cost")


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
        count = expect_value(place, entry, "count", "int", "an integer >= 1", 1)
        if count < 1:
            raise place.error(f"count must be an integer >= 1, got {count} (in {label})", "count")
        values = dict(strategy=choice)
        values["member"] = expect_value(place, entry, "member", "bool", "true or false", True)
        for key in ("joins", "leaves"):
            values[key] = expect_value(place, entry, key, "int", "a period (an integer >= 1)")
        for key in ("benefit", "cost"):
            values[key] = expect_value(place, entry, key, "number", "a finite number")
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
