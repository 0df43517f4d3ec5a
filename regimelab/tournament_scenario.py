"""Tournament scenarios: a tournament and its regimes, described in a TOML file.

A scenario names the players, the horizon, the repetitions and seed, and one or
more named regimes, so that a scenario can be compared with itself (the first
regime is the baseline). The format is documented in ``tournaments/README.md``.
Scenarios are data: they are read with ``tomllib`` and validated key by key; they
never execute code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidParameter, RegimelabError, UnknownStrategy
from .game import Game
from .limits import (
    MAX_PLAYERS,
    REPETITIONS_RANGE,
    SEED_RANGE,
    check_repetitions,
    check_seed,
    integer_range,
    number_text,
)
from .players import StrategyModuleFailed, find_strategy, make_player
from .regime import Regime, with_changes
from .scenario_parts import check_kind, read_game, read_payoffs, read_regime_values, read_sources
from .toml_files import TomlDocument, TomlError, expect_type

TOP_KEYS = (
    "kind", "name", "title", "summary", "narrative", "default", "sources", "game", "tournament", "regime", "regimes",
)
TOURNAMENT_KEYS = ("players", "repetitions", "seed")
PLAYER_KEYS = ("strategy", "count", "params")
REQUIRED = ("name", "title", "summary", "narrative", "sources", "tournament", "regimes")
COUNT_RANGE = integer_range(1, MAX_PLAYERS)


@dataclass(frozen=True)
class PlayerEntry:
    """A strategy in a scenario: its class, how many copies, constructor parameters."""

    cls: type
    count: int = 1
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def make(self) -> list:
        """``count`` fresh instances of the strategy, each built with ``args`` and ``kwargs``."""
        return [self.cls(*self.args, **self.kwargs) for _ in range(self.count)]


@dataclass(frozen=True)
class NamedRegime:
    """One variant of a scenario, a ``[regimes.NAME]`` table: its regime, stage game and description.

    The regime is ``[regime]`` with the variant's changes; the game is the
    variant's ``payoffs``, else the scenario's ``[game]``. ``keys``: the regime
    parameters the file sets for it (in ``[regime]`` or the variant's table),
    which its label shows even where they equal the null regime's.
    """
    name: str
    regime: Regime
    game: Game
    description: str = ""
    keys: tuple = ()

    def label(self) -> str:
        """The regime as ``key=value,...``: its changes from the null regime and every key the file sets."""
        return self.regime.label(keys=self.keys)


@dataclass(frozen=True)
class TournamentScenario:
    """A validated tournament scenario (``tournaments/README.md``): texts, sources, players and variants.

    ``regimes`` are the variants in the file's order, the first the baseline;
    ``default`` names the one played by default; ``path`` is the file read.
    """
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
        """Fresh player instances for the scenario's players, copies included, in the scenario's order."""
        return [player for entry in self.players for player in entry.make()]

    def regime_named(self, name: str) -> NamedRegime:
        """The variant called ``name`` (exactly); an unknown name is an error listing the variants."""
        for named in self.regimes:
            if named.name == name:
                return named
        raise InvalidParameter("variant", f"one of the scenario's regimes: {', '.join(self.regime_names)}", name)

    @property
    def regime_names(self) -> list[str]:
        """The variants' names, in the scenario's order (the baseline first)."""
        return [named.name for named in self.regimes]

    def to_dict(self) -> dict:
        """The JSON form of the scenario: texts, sources, players (strategy, count, args, kwargs) and variants."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "narrative": self.narrative,
            "sources": [dict(source) for source in self.sources],
            "players": [
                {"strategy": e.cls.name, "count": e.count, "args": list(e.args), "kwargs": dict(e.kwargs)}
                for e in self.players
            ],
            "repetitions": self.repetitions,
            "seed": self.seed,
            "default": self.default,
            "regimes": [
                {"name": n.name, "description": n.description, "regime": n.regime.to_dict(), "game": n.game.to_dict()}
                for n in self.regimes
            ],
        }


def read_tournament_scenario(path) -> TournamentScenario:
    """Read and validate a scenario; every problem is a :class:`TomlError` with file and line."""
    doc = TomlDocument(path)
    data = doc.data
    doc.check_keys(data, TOP_KEYS, "the scenario")
    check_kind(doc, data, "tournament")
    for key in REQUIRED:
        if key not in data:
            raise doc.error(f"missing required key {key!r}")
    text = {}
    for key in ("name", "title", "summary", "narrative"):
        text[key] = expect_type(doc, data[key], (str,), key, None, "a string").strip()
        if not text[key]:
            raise doc.error(f"{key} must not be empty", key)
    sources = read_sources(doc, data["sources"])
    base_game = read_game(doc, data.get("game", {}))
    players, repetitions, seed = _tournament(doc, data["tournament"])
    base_values = read_regime_values(doc, data.get("regime", {}), "regime", allow_extra=False)
    regimes = _regimes(doc, data["regimes"], base_values, base_game)
    default = data.get("default", regimes[-1].name)
    expect_type(doc, default, (str,), "default", None, "the name of one of the regimes")
    if default not in [r.name for r in regimes]:
        names = ", ".join(r.name for r in regimes)
        raise doc.error(f"default must name one of the regimes ({names}), got {default!r}", "default")
    return TournamentScenario(
        sources=tuple(sources), players=tuple(players), repetitions=repetitions, seed=seed,
        regimes=tuple(regimes), default=default, path=str(path), **text,
    )


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
    total = sum(entry.count for entry in players)
    if total < 2:
        raise doc.error("players must name at least two players", "players", "tournament")
    if total > MAX_PLAYERS:
        raise doc.error(f"players must name at most {number_text(MAX_PLAYERS)} players (counts included), "
                        f"got {total}", "players", "tournament")
    repetitions = expect_type(doc, table.get("repetitions", 10), (int,), "repetitions", "tournament",
                              REPETITIONS_RANGE)
    seed = expect_type(doc, table.get("seed", 1), (int,), "seed", "tournament", SEED_RANGE)
    for key, value, check in (("repetitions", repetitions, check_repetitions), ("seed", seed, check_seed)):
        try:  # the ranges every command checks (regimelab.limits)
            check(value)
        except InvalidParameter as error:
            raise doc.error(str(error), key, "tournament") from None
    return players, repetitions, seed


def _player(doc: TomlDocument, entry) -> PlayerEntry:
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
        name = str(Path(doc.path).parent / name)  # strategy files beside the scenario
    try:
        cls = find_strategy(name)
    except UnknownStrategy as error:
        raise TomlError(doc.path, str(error), line) from None
    except StrategyModuleFailed:
        raise  # not this file's fault: the error names the module
    except RegimelabError as error:
        raise TomlError(doc.path, f"strategy {name!r}: {error}", line) from None
    count = expect_type(doc, entry.get("count", 1), (int,), "count", None, COUNT_RANGE)
    if not 1 <= count <= MAX_PLAYERS:
        raise TomlError(doc.path, f"count must be {COUNT_RANGE}, got {count}", line)
    params = entry.get("params", [])
    if isinstance(params, list):
        args, kwargs = tuple(params), {}
    elif isinstance(params, dict):
        args, kwargs = (), dict(params)
    else:
        args, kwargs = None, None
    if args is None:
        raise TomlError(doc.path, f"params must be a list (positional) or a table (by name), got {params!r}", line)
    try:
        make_player(cls, args, kwargs)  # the checks every strategy's params get, then its own constructor's
    except InvalidParameter as error:
        raise TomlError(doc.path, f"{cls.name} does not accept params {params!r}: {error}",
                        line) from None
    return PlayerEntry(cls, count, args, kwargs)


def _line_of_text(doc: TomlDocument, text: str) -> int | None:
    for number, line in enumerate(doc.lines, start=1):
        if f'"{text}"' in line or f"'{text}'" in line:
            return number
    return None


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
        changes = read_regime_values(doc, values, where, allow_extra=True)
        merged = with_changes(base_values, changes)
        try:
            regime = Regime(**merged)
        except InvalidParameter as error:
            raise doc.error(f"[{where}]: {error}", error.parameter, where) from None
        game = read_payoffs(doc, values["payoffs"], where) if "payoffs" in values else base_game
        description = values.get("description", "")
        expect_type(doc, description, (str,), "description", where, "a string")
        out.append(NamedRegime(name, regime, game, description, tuple(merged)))
    return out
