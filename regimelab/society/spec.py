"""Society specs: the scenario TOML format extended with actors, edges and the society's rules.

The format is documented in ``docs/model.md`` (model page §7) with a complete
annotated example. As for scenario specs, a spec is data read with
``tomllib`` and validated key by key: every problem is a
:class:`~regimelab.toml_files.SpecError` that names the file, the line, the
key and what is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidParameter, RegimelabError, UnknownStrategy
from ..game import Game
from ..regime import PARAMETERS, Regime, with_changes
from ..spec_files import is_society_spec, resolve_spec  # noqa: F401  (is_society_spec: public here)
from ..spec_toolkit import read_game, read_payoffs, read_regime_values, read_sources
from ..toml_files import SpecError, TomlDocument
from .model import (
    GRAPHS,
    OPTION_NAMES,
    SCOPES,
    Actor,
    EdgePayoffs,
    ShadowChange,
    Society,
    SocietyOptions,
    StrategyChoice,
    Turnover,
)

TOP_KEYS = (
    "name", "title", "summary", "narrative", "default", "sources", "game", "society", "regime",
    "regimes", "actors", "edges", "payoffs", "schedule", "turnover",
)
REQUIRED = ("name", "title", "summary", "actors")
SOCIETY_KEYS = ("repetitions", "seed", "graph", "hub") + OPTION_NAMES
ACTOR_KEYS = ("name", "strategy", "params", "count", "member", "joins", "leaves", "benefit", "cost")
EDGE_KEYS = ("between",)
PAYOFF_KEYS = ("between", "game", "benefit", "cost", "row", "column")
SCHEDULE_KEYS = ("from", "shadow")
TURNOVER_KEYS = ("probability", "pool", "actors", "start")
POOL_KEYS = ("strategy", "params")
POOL_ENTRY = "pool entries are strategy names or tables {{strategy = ..., params = ...}}, got {entry!r}"
VARIANT_KEYS = PARAMETERS + ("description", "payoffs", "society", "turnover", "schedule", "actors")
VARIANT_ACTOR_KEYS = ("strategy", "params", "member", "joins", "leaves", "benefit", "cost")

DEFAULT_REPETITIONS = 10
DEFAULT_SEED = 1


@dataclass(frozen=True)
class Variant:
    """A named variant of the society (``[regimes.NAME]``); the first is the baseline."""

    name: str
    society: Society
    description: str = ""


@dataclass(frozen=True)
class SocietySpec:
    """A validated society spec (model page §7.10): texts, sources, variants, repetitions and seed.

    ``variants`` are in the file's order, the first the baseline (one ``base``
    without ``[regimes]``); ``default`` names the one played by default;
    ``path`` is the file read.
    """
    name: str
    title: str
    summary: str
    narrative: str
    sources: tuple
    variants: tuple
    default: str
    repetitions: int = DEFAULT_REPETITIONS
    seed: int = DEFAULT_SEED
    path: str = ""

    @property
    def variant_names(self) -> list[str]:
        """The variants' names, in the spec's order (the baseline first)."""
        return [variant.name for variant in self.variants]

    @property
    def baseline(self) -> Variant:
        """The first variant, the baseline."""
        return self.variants[0]

    def variant(self, name: str | None = None) -> Variant:
        """The variant called ``name`` (default: the spec's default)."""
        name = self.default if name is None else name
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise InvalidParameter("variant", f"one of the spec's variants: {', '.join(self.variant_names)}", name)

    def society(self, name: str | None = None) -> Society:
        """The :class:`Society` of the variant called ``name`` (default: the spec's default)."""
        return self.variant(name).society

    def to_dict(self) -> dict:
        """The JSON form: texts, sources, default, repetitions, seed and the variants' names and descriptions."""
        return {
            "name": self.name, "title": self.title, "summary": self.summary, "narrative": self.narrative,
            "sources": [dict(s) for s in self.sources], "default": self.default,
            "repetitions": self.repetitions, "seed": self.seed,
            "variants": [{"name": v.name, "description": v.description} for v in self.variants],
        }


def load_society(name_or_path: str) -> SocietySpec:
    """A society spec by path, or by the name of a preset in ``tournaments/``."""
    return load_society_spec(resolve_spec(name_or_path))


# -- locating keys ------------------------------------------------------------------


class _Where:
    """A table of the spec (possibly one entry of an array of tables) that can say where a key is."""

    def __init__(self, doc: TomlDocument, table: str, index: int | None = None, label: str | None = None):
        self.doc = doc
        self.table = table
        self.index = index
        self.label = label or (f"[[{table}]]" if index is not None else f"[{table}]")

    def line(self, key: str | None = None) -> int | None:
        if self.index is None:
            found = self.doc.line_of(key, self.table) if key is not None else None
            return found or self._header() or self.doc.line_of(self.table.split(".")[-1])
        header = re.compile(rf"^\s*\[\[\s*{re.escape(self.table)}\s*\]\]")
        any_header = re.compile(r"^\s*\[")
        key_pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=') if key else None
        count, inside, start = -1, False, None
        for number, text in enumerate(self.doc.lines, start=1):
            if header.match(text):
                count += 1
                inside = count == self.index
                if inside:
                    start = number
                    if key_pattern is None:
                        return number
                continue
            if any_header.match(text):
                if inside:
                    break
                continue
            if inside and key_pattern.match(text):
                return number
        if start is not None:
            return start
        return self.doc.line_of(self.table.split(".")[-1])  # an inline array: its line

    def _header(self) -> int | None:
        return self.doc.line_of(None, self.table)

    def error(self, message: str, key: str | None = None) -> SpecError:
        return SpecError(self.doc.path, message, self.line(key))

    def check_keys(self, mapping: dict, allowed) -> None:
        import difflib

        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(allowed)}"
                raise self.error(f"unknown key {key!r} in {self.label}{hint}", key)

    def invalid(self, error: InvalidParameter, key: str | None = None) -> SpecError:
        """An engine validation error, located at its key in this table."""
        return self.error(f"{self.label}: {error}", key or error.parameter)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _expect(where: _Where, table: dict, key: str, kind: str, described: str, default=None):
    """``table[key]`` of a kind: 'int', 'number', 'bool', 'str'; the default when absent."""
    if key not in table:
        return default
    value = table[key]
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": _is_number(value) and value == value and abs(value) != float("inf"),
        "bool": isinstance(value, bool),
        "str": isinstance(value, str),
    }[kind]
    if not ok:
        raise where.error(f"{key} must be {described}, got {value!r} (in {where.label})", key)
    return value


def _table(where: _Where, value, described: str) -> dict:
    if not isinstance(value, dict):
        raise where.error(f"{where.label} must be {described}, got {value!r}")
    return value


def _array_of_tables(doc: TomlDocument, data: dict, key: str, described: str, prefix: str = "") -> list:
    value = data.get(key, [])
    table = f"{prefix}{key}"
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise SpecError(doc.path, f"{key} must be {described}", doc.line_of(key) or doc.line_of(None, table))
    return value


def _names(where: _Where, value, key: str, count: int | None, known: list[str]) -> list[str]:
    described = f"a list of {count} actor names" if count else "a list of actor names"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (count and len(value) != count):
        raise where.error(f"{key} must be {described}, got {value!r} (in {where.label})", key)
    for name in value:
        if name not in known:
            raise where.error(f"{key}: {name!r} is not one of the actors ({', '.join(known)})", key)
    return value


# -- the spec --------------------------------------------------------------------------


def load_society_spec(path) -> SocietySpec:
    """Read and validate a society spec; every problem is a :class:`SpecError` with file and line."""
    doc = TomlDocument(path)
    data = doc.data
    if "actors" not in data:
        if "tournament" in data:
            raise doc.error("this is a tournament spec (it has [tournament], no [[actors]]): "
                            "run it with `regimelab run`", "tournament")
        raise doc.error("missing required key 'actors' (one [[actors]] table per actor)")
    doc.check_keys(data, TOP_KEYS, "the society spec")
    for key in REQUIRED:
        if key not in data:
            raise doc.error(f"missing required key {key!r}")
    text = {}
    for key in ("name", "title", "summary", "narrative"):
        if key not in data:
            text[key] = ""
            continue
        value = data[key]
        if not isinstance(value, str) or (key != "narrative" and not value.strip()):
            raise doc.error(f"{key} must be a non-empty string, got {value!r}", key)
        text[key] = value.strip()
    sources = read_sources(doc, data["sources"]) if "sources" in data else []
    game = read_game(doc, data.get("game", {}))

    society_table = _table(_Where(doc, "society"), data.get("society", {}), "a table of society options")
    where = _Where(doc, "society")
    where.check_keys(society_table, SOCIETY_KEYS)
    repetitions = _expect(where, society_table, "repetitions", "int", "an integer >= 1", DEFAULT_REPETITIONS)
    if repetitions < 1:
        raise where.error(f"repetitions must be an integer >= 1, got {repetitions}", "repetitions")
    seed = _expect(where, society_table, "seed", "int", "an integer between 0 and 2**32 - 1", DEFAULT_SEED)
    if not 0 <= seed < 2**32:
        raise where.error(f"seed must be an integer between 0 and 2**32 - 1, got {seed}", "seed")
    options = _options(where, society_table, SocietyOptions())

    base_values = read_regime_values(doc, data.get("regime", {}), "regime", allow_extra=False)
    try:
        regime = Regime(**base_values)
    except InvalidParameter as error:
        raise _Where(doc, "regime").invalid(error) from None

    actors = _actors(doc, data["actors"])
    names = [actor.name for actor in actors]
    edges_raw = _array_of_tables(doc, data, "edges", "one or more [[edges]] tables with between = [A, B]")
    graph_default = "edges" if edges_raw else "complete"
    graph = _expect(where, society_table, "graph", "str", f"one of {', '.join(GRAPHS)}", graph_default)
    if graph not in GRAPHS:
        raise where.error(f"graph must be one of {', '.join(GRAPHS)}, got {graph!r}", "graph")
    if edges_raw and graph != "edges":
        raise where.error(f'graph must be "edges" (or left out) when [[edges]] are given, got {graph!r}', "graph")
    hub = _expect(where, society_table, "hub", "str", "the name of one of the actors")
    if graph == "hub" and hub is None:
        raise where.error('graph = "hub" needs hub = "NAME" (the actor that plays every other)', "graph")
    if hub is not None and graph != "hub":
        raise where.error(f'hub is only for graph = "hub" (graph is {graph!r})', "hub")
    if hub is not None and hub not in names:
        raise where.error(f"hub: {hub!r} is not one of the actors ({', '.join(names)})", "hub")
    edges = []
    seen = {}
    for index, entry in enumerate(edges_raw):
        place = _Where(doc, "edges", index, f"[[edges]] #{index + 1}")
        place.check_keys(entry, EDGE_KEYS)
        if "between" not in entry:
            raise place.error(f"{place.label} needs between = [\"A\", \"B\"]")
        pair = _names(place, entry["between"], "between", 2, names)
        if pair[0] == pair[1]:
            raise place.error(f"between must name two different actors, got {pair!r}", "between")
        key = frozenset(pair)
        if key in seen:
            raise place.error(
                f"between: {pair[0]!r} and {pair[1]!r} already form [[edges]] #{seen[key] + 1}", "between"
            )
        seen[key] = index
        edges.append(tuple(pair))

    base = dict(actors=tuple(actors), graph=graph, hub=hub, edges=tuple(edges), game=game, regime=regime,
                options=options)
    try:
        playing = {frozenset(names[k] for k in pair) for pair in Society(**base).edge_indices()}
    except InvalidParameter as error:
        raise doc.error(f"the society: {error}", error.parameter) from None
    payoffs = _edge_payoffs(doc, _array_of_tables(doc, data, "payoffs", "one or more [[payoffs]] tables"),
                            "payoffs", names, playing)
    schedule = _schedule(doc, _array_of_tables(doc, data, "schedule", "one or more [[schedule]] tables"), "schedule")
    turnover_raw = data.get("turnover")
    turnover = None
    if turnover_raw is not None:
        place = _Where(doc, "turnover")
        _table(place, turnover_raw, "a table with probability, pool, actors and start")
        turnover = _turnover(place, turnover_raw, {}, names, Path(doc.path).parent)
    base.update(payoffs=tuple(payoffs), schedule=tuple(schedule), turnover=turnover)
    try:
        base_society = Society(**base)
    except InvalidParameter as error:
        raise doc.error(f"the society: {error}", error.parameter) from None

    variants = _variants(doc, data.get("regimes"), base_society, base_values, turnover_raw or {}, names, playing)
    default = data.get("default", variants[-1].name)
    if not isinstance(default, str) or default not in [v.name for v in variants]:
        raise doc.error(
            f"default must name one of the variants ({', '.join(v.name for v in variants)}), got {default!r}", "default"
        )
    return SocietySpec(
        sources=tuple(sources), variants=tuple(variants), default=default, repetitions=repetitions, seed=seed,
        path=str(path), **text,
    )


def _options(where: _Where, table: dict, base: SocietyOptions) -> SocietyOptions:
    changes = {}
    for key in OPTION_NAMES:
        if key not in table:
            continue
        if key == "scope":
            value = _expect(where, table, key, "str", f"one of {', '.join(SCOPES)}")
        elif key == "exclusion_rounds":
            value = _expect(where, table, key, "int", "an integer >= 0 (periods)")
        else:
            value = _expect(where, table, key, "number", "a number")
        changes[key] = value
    try:
        return base.replace(**changes)
    except InvalidParameter as error:
        raise where.invalid(error) from None


def _strategy(where: _Where, value, params, folder: Path, key: str = "strategy") -> StrategyChoice:
    if not isinstance(value, str) or not value.strip():
        raise where.error(f"{key} must be a strategy name, got {value!r} (in {where.label})", key)
    name = value
    if name.lower().endswith(".toml") and not Path(name).is_absolute():
        name = str(folder / name)  # strategy files beside the spec
    if params is not None and not isinstance(params, (list, dict)):
        raise where.error(f"params must be a list (positional) or a table (by name), got {params!r}", "params")
    try:
        return StrategyChoice.of(name, params)
    except UnknownStrategy as error:
        raise where.error(f"{key}: {error}", key) from None
    except InvalidParameter as error:
        raise where.invalid(error, "params" if error.parameter == "params" else key) from None
    except RegimelabError as error:
        raise where.error(f"{key} {value!r}: {error}", key) from None


def _actors(doc: TomlDocument, entries) -> list[Actor]:
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise doc.error("actors must be one or more [[actors]] tables, each with name and strategy", "actors")
    folder = Path(doc.path).parent
    actors: list[Actor] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        label = f"[[actors]] #{index + 1}" + (f" ({entry['name']!r})" if isinstance(entry.get("name"), str) else "")
        place = _Where(doc, "actors", index, label)
        place.check_keys(entry, ACTOR_KEYS)
        for key in ("name", "strategy"):
            if key not in entry:
                raise place.error(f"{label} needs {key} = \"...\"")
        name = _expect(place, entry, "name", "str", "a non-empty string")
        if not name.strip():
            raise place.error(f"name must be a non-empty string (in {label})", "name")
        choice = _strategy(place, entry["strategy"], entry.get("params"), folder)
        count = _expect(place, entry, "count", "int", "an integer >= 1", 1)
        if count < 1:
            raise place.error(f"count must be an integer >= 1, got {count} (in {label})", "count")
        values = dict(strategy=choice)
        values["member"] = _expect(place, entry, "member", "bool", "true or false", True)
        for key in ("joins", "leaves"):
            values[key] = _expect(place, entry, key, "int", "a period (an integer >= 1)")
        for key in ("benefit", "cost"):
            values[key] = _expect(place, entry, key, "number", "a finite number")
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


def _edge_payoffs(doc: TomlDocument, entries: list, table: str, names: list[str], playing: set) -> list[EdgePayoffs]:
    out = []
    seen: dict = {}
    for index, entry in enumerate(entries):
        place = _Where(doc, table, index, f"[[{table}]] #{index + 1}")
        place.check_keys(entry, PAYOFF_KEYS)
        if "between" not in entry:
            raise place.error(f"{place.label} needs between = [\"A\", \"B\"]")
        a, b = _names(place, entry["between"], "between", 2, names)
        if a == b:
            raise place.error(f"between must name two different actors, got {[a, b]!r}", "between")
        if frozenset((a, b)) not in playing:
            raise place.error(f"between: {a!r} and {b!r} do not play each other (not an edge of the graph)", "between")
        if frozenset((a, b)) in seen:
            earlier = seen[frozenset((a, b))] + 1
            raise place.error(f"between: {a!r} and {b!r} already have [[{table}]] #{earlier}", "between")
        seen[frozenset((a, b))] = index
        forms = [form for form, keys in (("game", ("game",)), ("exchange", ("benefit", "cost")),
                                         ("matrices", ("row", "column"))) if any(k in entry for k in keys)]
        if len(forms) != 1:
            raise place.error(
                f"{place.label} needs exactly one form of payoffs: game = [R, S, T, P]; benefit = [b_A, b_B] "
                f"with cost = [c_A, c_B]; or row = [[..], [..]] with column = [[..], [..]] (got {forms or 'none'})",
                "between",
            )
        form = forms[0]
        try:
            if form == "game":
                values = entry["game"]
                if not isinstance(values, list) or len(values) != 4 or not all(_is_number(v) for v in values):
                    raise place.error(f"game must be four numbers [R, S, T, P], got {values!r}", "game")
                out.append(EdgePayoffs.symmetric(a, b, Game(*values)))
            elif form == "exchange":
                for key in ("benefit", "cost"):
                    values = entry.get(key)
                    if not isinstance(values, list) or len(values) != 2 or not all(_is_number(v) for v in values):
                        raise place.error(
                            f"{key} must be two numbers [{a!r}'s, {b!r}'s] (given with "
                            f"{'cost' if key == 'benefit' else 'benefit'}), got {values!r}",
                            key if key in entry else "between",
                        )
                out.append(EdgePayoffs.exchange(a, b, entry["benefit"], entry["cost"]))
            else:
                for key in ("row", "column"):
                    values = entry.get(key)
                    if not (isinstance(values, list) and len(values) == 2 and all(
                        isinstance(r, list) and len(r) == 2 and all(_is_number(v) for v in r) for r in values
                    )):
                        raise place.error(
                            f"{key} must be a 2x2 matrix [[CC, CD], [DC, DD]] indexed by {a!r}'s action then "
                            f"{b!r}'s (given with {'column' if key == 'row' else 'row'}), got {values!r}",
                            key if key in entry else "between",
                        )
                out.append(EdgePayoffs.matrices(a, b, entry["row"], entry["column"]))
        except InvalidParameter as error:
            raise place.invalid(error, form if form == "game" else None) from None
    return out


def _schedule(doc: TomlDocument, entries: list, table: str) -> list[ShadowChange]:
    out = []
    for index, entry in enumerate(entries):
        place = _Where(doc, table, index, f"[[{table}]] #{index + 1}")
        place.check_keys(entry, SCHEDULE_KEYS)
        for key in SCHEDULE_KEYS:
            if key not in entry:
                raise place.error(f"{place.label} needs from = PERIOD and shadow = W")
        start = _expect(place, entry, "from", "int", "a period (an integer >= 1)")
        shadow = _expect(place, entry, "shadow", "number", "a number with 0 <= shadow < 1")
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


def _turnover(place: _Where, table: dict, base: dict, names: list[str], folder: Path) -> Turnover | None:
    place.check_keys(table, TURNOVER_KEYS)
    merged = {**base, **table}
    for key in ("probability", "pool"):
        if key not in merged:
            raise place.error(f"{place.label} needs probability = P and pool = [\"STRATEGY\", ...]")
    probability = _expect(place, merged, "probability", "number", "a probability between 0 and 1")
    pool_raw = merged["pool"]
    if isinstance(pool_raw, (str, dict)):
        pool_raw = [pool_raw]
    if not isinstance(pool_raw, list) or not pool_raw:
        raise place.error(
            f"pool must be a non-empty list of strategy names or {{strategy, params}} tables, got {pool_raw!r}", "pool"
        )
    pool = []
    for entry in pool_raw:
        if isinstance(entry, str):
            pool.append(_strategy(place, entry, None, folder, "pool"))
        elif isinstance(entry, dict):
            bad = [key for key in entry if key not in POOL_KEYS]
            if bad or "strategy" not in entry:
                raise place.error(POOL_ENTRY.format(entry=entry), "pool")
            pool.append(_strategy(place, entry["strategy"], entry.get("params"), folder, "pool"))
        else:
            raise place.error(POOL_ENTRY.format(entry=entry), "pool")
    actors = _names(place, merged["actors"], "actors", None, names) if "actors" in merged else None
    start = _expect(place, merged, "start", "int", "a period (an integer >= 2)", 2)
    try:
        return Turnover(probability, tuple(pool), None if actors is None else tuple(actors), start)
    except InvalidParameter as error:
        raise place.invalid(error) from None


def _variants(doc, table, base: Society, base_values: dict, turnover_raw: dict, names, playing) -> list[Variant]:
    if table is None:
        return [Variant("base", base, "the spec's society as given")]
    if not isinstance(table, dict) or not table or not all(isinstance(v, dict) for v in table.values()):
        raise doc.error(
            "regimes must hold one or more named tables, e.g. [regimes.baseline] and [regimes.exclusion]", "regimes"
        )
    folder = Path(doc.path).parent
    out = []
    for name, values in table.items():
        where_name = f"regimes.{name}"
        place = _Where(doc, where_name, label=f"[{where_name}]")
        place.check_keys(values, VARIANT_KEYS)
        changes = {}
        # The dyadic regime: as in scenario specs, shadow replaces the base's turns and back.
        regime_changes = {k: v for k, v in values.items() if k in PARAMETERS}
        for key, value in regime_changes.items():
            kind, described = ("int", "an integer") if key == "turns" else ("number", "a number")
            _expect(place, values, key, kind, described)
        merged = with_changes(base_values, regime_changes)
        try:
            changes["regime"] = Regime(**merged)
        except InvalidParameter as error:
            raise place.invalid(error) from None
        description = _expect(place, values, "description", "str", "a string", "")
        if "payoffs" in values:
            payoffs = values["payoffs"]
            if isinstance(payoffs, list) and payoffs and all(isinstance(p, dict) for p in payoffs):
                entries = _edge_payoffs(doc, payoffs, f"{where_name}.payoffs", names, playing)
                replaced = {frozenset(entry.between) for entry in entries}
                kept = tuple(p for p in base.payoffs if frozenset(p.between) not in replaced)
                changes["payoffs"] = kept + tuple(entries)
            else:
                changes["game"] = read_payoffs(doc, payoffs, where_name)
        if "society" in values:
            sub = _Where(doc, f"{where_name}.society")
            _table(sub, values["society"], "a table of society options")
            sub.check_keys(values["society"], OPTION_NAMES)
            changes["options"] = _options(sub, values["society"], base.options)
        if "turnover" in values:
            sub = _Where(doc, f"{where_name}.turnover")
            _table(sub, values["turnover"], "a table with probability, pool, actors and start")
            changes["turnover"] = _turnover(sub, values["turnover"], turnover_raw, names, folder)
        if "schedule" in values:
            entries = values["schedule"]
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise place.error(f"schedule must be [[{where_name}.schedule]] tables with from and shadow", "schedule")
            changes["schedule"] = tuple(_schedule(doc, entries, f"{where_name}.schedule"))
        actors = base.actors
        if "actors" in values:
            overrides = _table(place, values["actors"], 'tables [regimes.NAME.actors."ACTOR"] of actor changes')
            actors = list(actors)
            for actor_name, actor_changes in overrides.items():
                sub = _Where(doc, f"{where_name}.actors.{actor_name}", label=f'[{where_name}.actors."{actor_name}"]')
                if actor_name not in names:
                    raise SpecError(doc.path, f"[{where_name}.actors]: {actor_name!r} is not one of the actors "
                                    f"({', '.join(names)})", sub.line() or place.line())
                _table(sub, actor_changes, "a table of actor changes")
                sub.check_keys(actor_changes, VARIANT_ACTOR_KEYS)
                update = {}
                if "strategy" in actor_changes or "params" in actor_changes:
                    strategy = actor_changes.get("strategy")
                    if strategy is None:
                        current = actors[names.index(actor_name)].strategy
                        update["strategy"] = StrategyChoice.of(current.cls, actor_changes["params"])
                    else:
                        update["strategy"] = _strategy(sub, strategy, actor_changes.get("params"), folder)
                if "member" in actor_changes:
                    update["member"] = _expect(sub, actor_changes, "member", "bool", "true or false")
                for key in ("joins", "leaves"):
                    if key in actor_changes:
                        update[key] = _expect(sub, actor_changes, key, "int", "a period (an integer >= 1)")
                for key in ("benefit", "cost"):
                    if key in actor_changes:
                        update[key] = _expect(sub, actor_changes, key, "number", "a finite number")
                k = names.index(actor_name)
                try:
                    actors[k] = actors[k].replace(**update)
                except InvalidParameter as error:
                    raise sub.invalid(error) from None
            changes["actors"] = tuple(actors)
        try:
            society = base.replace(**changes)
        except InvalidParameter as error:
            raise place.invalid(error) from None
        out.append(Variant(name, society, description))
    return out
