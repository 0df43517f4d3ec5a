"""Scenario specs: a tournament and its regimes, described in a TOML file.

A spec names the players, the horizon, the repetitions and seed, and one or
more named regimes, so that a scenario can be compared with itself (the first
regime is the baseline). The format is documented in ``tournaments/README.md``.
Specs are data: they are read with ``tomllib`` and validated key by key; they
never execute code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidParameter, RegimelabError, UnknownStrategy
from .game import Game
from .regime import PARAMETERS, Regime, with_changes
from .toml_files import SpecError, TomlDocument, expect_type

TOP_KEYS = ("name", "title", "summary", "narrative", "default", "sources", "game", "tournament", "regime", "regimes")
SOURCE_KEYS = ("file", "lines", "note")
GAME_KEYS = ("payoffs",)
TOURNAMENT_KEYS = ("players", "repetitions", "seed")
PLAYER_KEYS = ("strategy", "count", "params")
REGIME_EXTRA_KEYS = ("payoffs", "description")
REQUIRED = ("name", "title", "summary", "narrative", "sources", "tournament", "regimes")


@dataclass(frozen=True)
class PlayerSpec:
    """A strategy in a spec: its class, how many copies, constructor parameters."""

    cls: type
    count: int = 1
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def make(self) -> list:
        return [self.cls(*self.args, **self.kwargs) for _ in range(self.count)]


@dataclass(frozen=True)
class NamedRegime:
    name: str
    regime: Regime
    game: Game
    description: str = ""


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    summary: str
    narrative: str
    sources: tuple
    players: tuple
    repetitions: int
    seed: int
    regimes: tuple  # of NamedRegime, the first is the baseline
    default: str
    path: str = ""

    def make_players(self) -> list:
        return [player for spec in self.players for player in spec.make()]

    def regime_named(self, name: str) -> NamedRegime:
        for named in self.regimes:
            if named.name == name:
                return named
        raise InvalidParameter("variant", f"one of the scenario's regimes: {', '.join(self.regime_names)}", name)

    @property
    def regime_names(self) -> list[str]:
        return [named.name for named in self.regimes]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "narrative": self.narrative,
            "sources": [dict(source) for source in self.sources],
            "players": [
                {"strategy": spec.cls.name, "count": spec.count, "args": list(spec.args), "kwargs": dict(spec.kwargs)}
                for spec in self.players
            ],
            "repetitions": self.repetitions,
            "seed": self.seed,
            "default": self.default,
            "regimes": [
                {"name": n.name, "description": n.description, "regime": n.regime.to_dict(), "game": n.game.to_dict()}
                for n in self.regimes
            ],
        }


def load_scenario(path) -> Scenario:
    """Read and validate a spec; every problem is a :class:`SpecError` with file and line."""
    doc = TomlDocument(path)
    data = doc.data
    doc.check_keys(data, TOP_KEYS, "the spec")
    for key in REQUIRED:
        if key not in data:
            raise doc.error(f"missing required key {key!r}")
    text = {}
    for key in ("name", "title", "summary", "narrative"):
        text[key] = expect_type(doc, data[key], (str,), key, None, "a string").strip()
        if not text[key]:
            raise doc.error(f"{key} must not be empty", key)
    sources = _sources(doc, data["sources"])
    base_game = _game(doc, data.get("game", {}))
    players, repetitions, seed = _tournament(doc, data["tournament"])
    base_values = _regime_values(doc, data.get("regime", {}), "regime", allow_extra=False)
    regimes = _regimes(doc, data["regimes"], base_values, base_game)
    default = data.get("default", regimes[-1].name)
    expect_type(doc, default, (str,), "default", None, "the name of one of the regimes")
    if default not in [r.name for r in regimes]:
        names = ", ".join(r.name for r in regimes)
        raise doc.error(f"default must name one of the regimes ({names}), got {default!r}", "default")
    return Scenario(
        sources=tuple(sources), players=tuple(players), repetitions=repetitions, seed=seed,
        regimes=tuple(regimes), default=default, path=str(path), **text,
    )


def _sources(doc: TomlDocument, sources) -> list[dict]:
    if not isinstance(sources, list) or not sources or not all(isinstance(s, dict) for s in sources):
        raise doc.error("sources must be one or more [[sources]] tables with file, lines and note", "sources")
    out = []
    for source in sources:
        doc.check_keys(source, SOURCE_KEYS, "[[sources]]", "sources")
        for key in ("file", "lines"):
            if key not in source:
                example = 'file = "002_23e75709fca61684.txt", lines = "90-126"'
                raise doc.error(f"[[sources]] needs {key!r} (e.g. {example})", None, "sources")
        expect_type(doc, source["file"], (str,), "file", "sources", "a seed file name")
        lines = source["lines"]
        if isinstance(lines, int) and not isinstance(lines, bool):
            lines = str(lines)
        expect_type(doc, lines, (str,), "lines", "sources", 'a line or range such as "90-126"')
        out.append({"file": source["file"], "lines": lines, "note": str(source.get("note", ""))})
    return out


def _game(doc: TomlDocument, table) -> Game:
    if not isinstance(table, dict):
        raise doc.error("[game] must be a table with payoffs = [R, S, T, P]", "game")
    doc.check_keys(table, GAME_KEYS, "[game]", "game")
    if "payoffs" not in table:
        return Game()
    return _payoffs(doc, table["payoffs"], "game")


def _payoffs(doc: TomlDocument, values, table: str) -> Game:
    if not isinstance(values, list) or len(values) != 4:
        raise doc.error(f"payoffs must be a list of four numbers [R, S, T, P], got {values!r}", "payoffs", table)
    for value in values:
        expect_type(doc, value, (int, float), "payoffs", table, "four finite numbers [R, S, T, P]")
    return Game(*values)


def _tournament(doc: TomlDocument, table):
    if not isinstance(table, dict):
        raise doc.error("[tournament] must be a table", "tournament")
    doc.check_keys(table, TOURNAMENT_KEYS, "[tournament]", "tournament")
    if "players" not in table:
        raise doc.error("[tournament] needs players = [...]", None, "tournament")
    entries = table["players"]
    if not isinstance(entries, list) or not entries:
        raise doc.error("players must be a non-empty list of strategy names or tables", "players", "tournament")
    players = [_player(doc, entry) for entry in entries]
    if sum(spec.count for spec in players) < 2:
        raise doc.error("players must name at least two players", "players", "tournament")
    repetitions = expect_type(doc, table.get("repetitions", 10), (int,), "repetitions", "tournament", "an integer >= 1")
    if repetitions < 1:
        raise doc.error(f"repetitions must be an integer >= 1, got {repetitions}", "repetitions", "tournament")
    seed = expect_type(doc, table.get("seed", 1), (int,), "seed", "tournament", "an integer between 0 and 2**32 - 1")
    if not 0 <= seed < 2**32:
        raise doc.error(f"seed must be an integer between 0 and 2**32 - 1, got {seed}", "seed", "tournament")
    return players, repetitions, seed


def _player(doc: TomlDocument, entry) -> PlayerSpec:
    from .players import find_strategy

    if isinstance(entry, str):
        entry = {"strategy": entry}
    if not isinstance(entry, dict):
        raise doc.error(
            f"a player must be a strategy name or a table {{strategy = ..., count = ..., params = ...}}, got {entry!r}",
            "players", "tournament",
        )
    doc.check_keys(entry, PLAYER_KEYS, "a player table", "tournament")
    if "strategy" not in entry:
        raise doc.error("a player table needs strategy = \"NAME\"", "players", "tournament")
    name = expect_type(doc, entry["strategy"], (str,), "strategy", None, "a strategy name")
    line = _line_of_text(doc, name)
    if name.lower().endswith(".toml") and not Path(name).is_absolute():
        name = str(Path(doc.path).parent / name)  # strategy files beside the spec
    try:
        cls = find_strategy(name)
    except UnknownStrategy as error:
        raise SpecError(doc.path, str(error), line) from None
    except RegimelabError as error:
        raise SpecError(doc.path, f"strategy {name!r}: {error}", line) from None
    count = expect_type(doc, entry.get("count", 1), (int,), "count", None, "an integer >= 1")
    if count < 1:
        raise SpecError(doc.path, f"count must be an integer >= 1, got {count}", line)
    params = entry.get("params", [])
    if isinstance(params, list):
        args, kwargs = tuple(params), {}
    elif isinstance(params, dict):
        args, kwargs = (), dict(params)
    else:
        args, kwargs = None, None
    if args is None:
        raise SpecError(doc.path, f"params must be a list (positional) or a table (by name), got {params!r}", line)
    try:
        cls(*args, **kwargs)
    except Exception as error:  # the strategy's own constructor rejects them
        raise SpecError(doc.path, f"{cls.name} does not accept params {params!r} ({error})", line) from None
    return PlayerSpec(cls, count, args, kwargs)


def _line_of_text(doc: TomlDocument, text: str) -> int | None:
    for number, line in enumerate(doc.lines, start=1):
        if f'"{text}"' in line or f"'{text}'" in line:
            return number
    return None


def _regime_values(doc: TomlDocument, table, where: str, allow_extra: bool) -> dict:
    if not isinstance(table, dict):
        raise doc.error(f"[{where}] must be a table of regime parameters", where.split(".")[0])
    allowed = PARAMETERS + (REGIME_EXTRA_KEYS if allow_extra else ())
    doc.check_keys(table, allowed, f"[{where}]", where)
    values = {}
    for key, value in table.items():
        if key in REGIME_EXTRA_KEYS:
            continue
        kinds = (int,) if key == "turns" else (int, float)
        expect_type(doc, value, kinds, key, where, "an integer" if key == "turns" else "a number")
        values[key] = value
    return values


def _regimes(doc: TomlDocument, table, base_values: dict, base_game: Game) -> list[NamedRegime]:
    if not isinstance(table, dict) or not table or not all(isinstance(v, dict) for v in table.values()):
        raise doc.error(
            "regimes must hold one or more named tables, e.g. [regimes.baseline] and [regimes.regime]", "regimes"
        )
    try:
        Regime(**base_values)
    except InvalidParameter as error:
        raise doc.error(f"[regime]: {error}", error.parameter, "regime") from None
    out = []
    for name, values in table.items():
        where = f"regimes.{name}"
        changes = _regime_values(doc, values, where, allow_extra=True)
        merged = with_changes(base_values, changes)
        try:
            regime = Regime(**merged)
        except InvalidParameter as error:
            raise doc.error(f"[{where}]: {error}", error.parameter, where) from None
        game = _payoffs(doc, values["payoffs"], where) if "payoffs" in values else base_game
        description = values.get("description", "")
        expect_type(doc, description, (str,), "description", where, "a string")
        out.append(NamedRegime(name, regime, game, description))
    return out
