"""``[[schedule]]`` and ``[turnover]`` of a society scenario: how the society changes over time.

Model page §7.6 and §7.10: each ``[[schedule]]`` entry sets the shadow of
the future ``from`` a period on; ``[turnover]`` replaces leaders with
newcomers drawn from a ``pool`` of strategies.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidParameter
from ..toml_files import TomlDocument
from .model_rules import ShadowChange, Turnover
from .scenario_actors import read_strategy
from .scenario_checks import Where, actor_names, expect_value

SCHEDULE_KEYS = ("from", "shadow")
TURNOVER_KEYS = ("probability", "pool", "actors", "start")
POOL_KEYS = ("strategy", "params")
POOL_ENTRY = "pool entries are strategy names or tables {{strategy = ..., params = ...}}, got {entry!r}"


def read_schedule(doc: TomlDocument, entries: list, table: str) -> list[ShadowChange]:
    """The entries of ``[[table]]``, each ``from`` a later period than the one before."""
    out = []
    for index, entry in enumerate(entries):
        place = Where(doc, table, index, f"[[{table}]] #{index + 1}")
        place.check_keys(entry, SCHEDULE_KEYS)
        for key in SCHEDULE_KEYS:
            if key not in entry:
                raise place.error(f"{place.label} needs from = PERIOD and shadow = W")
        start = expect_value(place, entry, "from", "int", "a period (an integer >= 1)")
        shadow = expect_value(place, entry, "shadow", "number", "a number with 0 <= shadow < 1")
        try:
            change = ShadowChange(start, shadow)
        except InvalidParameter as error:
            raise place.invalid(error) from None
        if out and change.start <= out[-1].start:
            raise place.error(
                f"from must increase from one [[{table}]] to the next, got {start} after {out[-1].start}", "from"
            )
        out.append(change)
    return out


def read_turnover(place: Where, table: dict, base: dict, names: list[str], folder: Path) -> Turnover | None:
    """A turnover table laid over ``base`` (a variant's over the scenario's ``[turnover]``, else over ``{}``)."""
    place.check_keys(table, TURNOVER_KEYS)
    merged = {**base, **table}
    for key in ("probability", "pool"):
        if key not in merged:
            raise place.error(f"{place.label} needs probability = P and pool = [\"STRATEGY\", ...]")
    probability = expect_value(place, merged, "probability", "number", "a probability between 0 and 1")
    pool = _pool(place, merged["pool"], folder)
    actors = actor_names(place, merged["actors"], "actors", None, names) if "actors" in merged else None
    start = expect_value(place, merged, "start", "int", "a period (an integer >= 2)", 2)
    try:
        return Turnover(probability, tuple(pool), None if actors is None else tuple(actors), start)
    except InvalidParameter as error:
        raise place.invalid(error) from None


def _pool(place: Where, pool_raw, folder: Path) -> list:
    """The newcomers' strategies: names or ``{strategy, params}`` tables (one alone needs no list)."""
    if isinstance(pool_raw, (str, dict)):
        pool_raw = [pool_raw]
    if not isinstance(pool_raw, list) or not pool_raw:
        raise place.error(
            f"pool must be a non-empty list of strategy names or {{strategy, params}} tables, got {pool_raw!r}", "pool"
        )
    pool = []
    for entry in pool_raw:
        if isinstance(entry, str):
            pool.append(read_strategy(place, entry, None, folder, "pool"))
        elif isinstance(entry, dict):
            bad = [key for key in entry if key not in POOL_KEYS]
            if bad or "strategy" not in entry:
                raise place.error(POOL_ENTRY.format(entry=entry), bad[0] if bad else "pool")
            pool.append(read_strategy(place, entry["strategy"], entry.get("params"), folder, "pool"))
        else:
            raise place.error(POOL_ENTRY.format(entry=entry), "pool")
    return pool
