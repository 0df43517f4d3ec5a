"""The parts every scenario shares, read from TOML with the file and line of each problem.

Tournament scenarios (:mod:`regimelab.tournament_scenario`) and society scenarios
(:mod:`regimelab.society.scenario`) both have ``[[sources]]``, a ``[game]``,
payoffs, and tables of regime parameters; both read them here, so a key
means the same and an error reads the same in either kind of scenario.
"""

from __future__ import annotations

from .game import Game
from .regime import PARAMETERS
from .scenario_files import KINDS
from .toml_files import TomlDocument, expect_type

SOURCE_KEYS = ("file", "lines", "note")
GAME_KEYS = ("payoffs",)
#: Keys a named regime (a variant) may hold beside the regime parameters.
REGIME_EXTRA_KEYS = ("payoffs", "description")


def check_kind(doc: TomlDocument, data: dict, expected: str) -> None:
    """The optional top-level ``kind`` key: one of ``KINDS``, and the kind the tables make (``expected``).

    Without it the tables tell the kind (:func:`regimelab.scenario_files.scenario_kind`).
    """
    if "kind" not in data:
        return
    kind = expect_type(doc, data["kind"], (str,), "kind", None, f"one of {', '.join(map(repr, KINDS))}")
    if kind not in KINDS:
        raise doc.error(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}", "kind")
    if kind != expected:
        command = "regimelab society" if kind == "society" else "regimelab run"
        raise doc.error(f"kind = {kind!r}, but the tables make a {expected} scenario "
                        f"(a society scenario has [[actors]], a tournament scenario [tournament]); "
                        f"a {kind} scenario is played with `{command}`", "kind")


def read_sources(doc: TomlDocument, sources) -> list[dict]:
    """The ``[[sources]]`` tables: each a ``file``, its ``lines`` and an optional ``note``."""
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


def read_game(doc: TomlDocument, table) -> Game:
    """The ``[game]`` table (``payoffs = [R, S, T, P]``); the default game when it has none."""
    if not isinstance(table, dict):
        raise doc.error("[game] must be a table with payoffs = [R, S, T, P]", "game")
    doc.check_keys(table, GAME_KEYS, "[game]", "game")
    if "payoffs" not in table:
        return Game()
    return read_payoffs(doc, table["payoffs"], "game")


def read_payoffs(doc: TomlDocument, values, table: str) -> Game:
    """Four numbers [R, S, T, P] as a Game."""
    if not isinstance(values, list) or len(values) != 4:
        raise doc.error(f"payoffs must be a list of four numbers [R, S, T, P], got {values!r}", "payoffs", table)
    for value in values:
        expect_type(doc, value, (int, float), "payoffs", table, "four finite numbers [R, S, T, P]")
    return Game(*values)


def read_regime_values(doc: TomlDocument, table, where: str, allow_extra: bool) -> dict:
    """A table of regime parameters (``allow_extra``: also a variant's payoffs and description), checked by type."""
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
