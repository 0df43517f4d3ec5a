"""``[society]`` and ``[[edges]]`` of a society scenario: repetitions and seed, the options, who plays whom.

Model page §7.10: ``[society]`` holds the run's ``repetitions`` and
``seed``, the society-level options (:data:`OPTION_NAMES`) and the
``graph`` (with its ``hub``); ``[[edges]]`` name the pairs of an explicit
graph, one table per pair.
"""

from __future__ import annotations

from ..errors import InvalidParameter
from ..limits import MAX_TURNS, REPETITIONS_RANGE, SEED_RANGE, check_repetitions, check_seed, integer_range
from ..toml_files import TomlDocument
from .model_rules import OPTION_NAMES, SCOPES, SocietyOptions
from .model_society import GRAPHS
from .scenario_checks import Where, actor_names, array_of_tables, expect_table, expect_value

SOCIETY_KEYS = ("repetitions", "seed", "graph", "hub") + OPTION_NAMES
EDGE_KEYS = ("between",)

DEFAULT_REPETITIONS = 10
DEFAULT_SEED = 1


def read_society_table(doc: TomlDocument, data: dict) -> tuple[dict, int, int, SocietyOptions]:
    """``[society]`` (empty when absent): the table itself, repetitions, seed and the options."""
    where = Where(doc, "society")
    table = expect_table(where, data.get("society", {}), "a table of society options")
    where.check_keys(table, SOCIETY_KEYS)
    repetitions = expect_value(where, table, "repetitions", "int", REPETITIONS_RANGE, DEFAULT_REPETITIONS)
    seed = expect_value(where, table, "seed", "int", SEED_RANGE, DEFAULT_SEED)
    try:  # the ranges every command checks (regimelab.limits)
        check_repetitions(repetitions)
        check_seed(seed)
    except InvalidParameter as error:
        raise where.invalid(error) from None
    options = read_options(where, table, SocietyOptions())
    return table, repetitions, seed, options


def read_options(where: Where, table: dict, base: SocietyOptions) -> SocietyOptions:
    """``base`` with the options that ``table`` gives (the other keys are left to the caller)."""
    changes = {}
    for key in OPTION_NAMES:
        if key not in table:
            continue
        if key == "scope":
            value = expect_value(where, table, key, "str", f"one of {', '.join(SCOPES)}")
        elif key == "exclusion_rounds":
            value = expect_value(where, table, key, "int", f"{integer_range(0, MAX_TURNS)} (periods)")
        else:
            value = expect_value(where, table, key, "number", "a number")
        changes[key] = value
    try:
        return base.replace(**changes)
    except InvalidParameter as error:
        raise where.invalid(error) from None


def read_graph(doc: TomlDocument, table: dict, data: dict, names: list[str]) -> tuple[str, str | None, list]:
    """Who plays whom: the graph and hub of ``[society]`` (its ``table``) and the ``[[edges]]`` of ``data``."""
    where = Where(doc, "society")
    entries = array_of_tables(doc, data, "edges", "one or more [[edges]] tables with between = [A, B]")
    graph_default = "edges" if entries else "complete"
    graph = expect_value(where, table, "graph", "str", f"one of {', '.join(GRAPHS)}", graph_default)
    if graph not in GRAPHS:
        raise where.error(f"graph must be one of {', '.join(GRAPHS)}, got {graph!r}", "graph")
    if entries and graph != "edges":
        raise where.error(f'graph must be "edges" (or left out) when [[edges]] are given, got {graph!r}', "graph")
    hub = expect_value(where, table, "hub", "str", "the name of one of the actors")
    if graph == "hub" and hub is None:
        raise where.error('graph = "hub" needs hub = "NAME" (the actor that plays every other)', "graph")
    if hub is not None and graph != "hub":
        raise where.error(f'hub is only for graph = "hub" (graph is {graph!r})', "hub")
    if hub is not None and hub not in names:
        raise where.error(f"hub: {hub!r} is not one of the actors ({', '.join(names)})", "hub")
    return graph, hub, read_edges(doc, entries, names)


def read_edges(doc: TomlDocument, entries: list, names: list[str]) -> list[tuple[str, str]]:
    """The ``[[edges]]`` tables: each a pair of different actors, each pair once."""
    edges = []
    seen = {}
    for index, entry in enumerate(entries):
        place = Where(doc, "edges", index, f"[[edges]] #{index + 1}")
        place.check_keys(entry, EDGE_KEYS)
        if "between" not in entry:
            raise place.error(f"{place.label} needs between = [\"A\", \"B\"]")
        pair = actor_names(place, entry["between"], "between", 2, names)
        if pair[0] == pair[1]:
            raise place.error(f"between must name two different actors, got {pair!r}", "between")
        key = frozenset(pair)
        if key in seen:
            raise place.error(
                f"between: {pair[0]!r} and {pair[1]!r} already form [[edges]] #{seen[key] + 1}", "between"
            )
        seen[key] = index
        edges.append(tuple(pair))
    return edges
