"""The parts every scenario shares, read from TOML with the file and line of each problem.

Tournament scenarios (:mod:`regimelab.tournament_scenario`) and society scenarios
(:mod:`regimelab.society.scenario`) both have ``[[sources]]``, a ``[game]``,
payoffs, and tables of regime parameters; both read them here, so a key
means the same and an error reads the same in either kind of scenario.
"""

from __future__ import annotations

import difflib
import re

from .bibliography import SOURCES_PAGE, CitationError, check_quote, check_section, work
from .errors import InvalidParameter
from .game import Game, check_stage_game
from .regime import PARAMETERS
from .scenario_files import KINDS
from .toml_files import TomlDocument, TomlError, expect_type

#: A ``[[sources]]`` table: a work (``key``, from regimelab's bibliography, or a full ``reference`` for a work
#: outside it), a ``section`` of it and/or a short ``quote``, and a ``note`` on what the scenario takes from it.
SOURCE_KEYS = ("key", "reference", "section", "quote", "note")
SOURCE_EXAMPLE = 'key = "Lipson1995", section = "The Concert of Europe"'
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
    """The ``[[sources]]`` tables, each as a dict of :data:`SOURCE_KEYS` ("" where absent).

    Each cites a work by its bibliography ``key`` (``docs/sources.md``; an
    unknown key is refused, naming the known ones) or, for a work outside
    regimelab's bibliography, by a full ``reference``; and points into it by a
    ``section`` (one of the work's stored sections, if it stores them) or a short
    ``quote`` (:data:`regimelab.bibliography.MAX_QUOTE_LENGTH`), or both.
    """
    if not isinstance(sources, list) or not sources or not all(isinstance(s, dict) for s in sources):
        raise doc.error(f"sources must be one or more [[sources]] tables, each citing a work ({SOURCE_EXAMPLE})",
                        "sources")
    out = []
    for index, source in enumerate(sources):
        out.append(_read_source(doc, index, source))
    return out


def _read_source(doc: TomlDocument, index: int, source: dict) -> dict:
    def error(message: str, key: str | None = None) -> TomlError:
        return TomlError(doc.path, message, _source_line(doc, index, key))

    for name in source:
        if name in ("file", "lines"):
            raise error(f"[[sources]] cite a work by its bibliography key, not by {name!r}: {SOURCE_EXAMPLE} "
                        f"or quote = \"...\" ({SOURCES_PAGE} lists the keys)", name)
        if name not in SOURCE_KEYS:
            close = difflib.get_close_matches(name, SOURCE_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(SOURCE_KEYS)}"
            raise error(f"unknown key {name!r} in [[sources]]{hint}", name)
        if not isinstance(source[name], str):
            raise error(f"{name} must be a string, got {type(source[name]).__name__} {source[name]!r}", name)
    if ("key" in source) == ("reference" in source):
        raise error(f"[[sources]] needs a key (a work of {SOURCES_PAGE}, e.g. {SOURCE_EXAMPLE}) or, for a work "
                    "outside it, a full reference; not both", "key" if "key" in source else None)
    if "section" not in source and "quote" not in source:
        raise error("[[sources]] needs a section of the work or a short quote from it (or both)",
                    "key" if "key" in source else "reference")
    read = {name: "" for name in SOURCE_KEYS}
    try:
        if "key" in source:
            read["key"] = work(source["key"].strip()).key
        else:
            read["reference"] = " ".join(source["reference"].split())
            if not read["reference"]:
                raise CitationError("a reference must name the work (authors, year, title, where it appeared)")
    except CitationError as problem:
        raise error(f"[[sources]]: {problem}", "key" if "key" in source else "reference") from None
    for name in ("section", "quote"):
        if name not in source:
            continue
        try:
            if name == "quote":
                read["quote"] = check_quote(source["quote"])
            elif read["key"]:
                read["section"] = check_section(read["key"], source["section"])
            else:  # a work outside the bibliography: its sections are not known
                read["section"] = " ".join(source["section"].split())
        except CitationError as problem:
            raise error(f"[[sources]]: {problem}", name) from None
    read["note"] = " ".join(source.get("note", "").split())
    return read


def _source_line(doc: TomlDocument, index: int, key: str | None) -> int | None:
    """The line of ``key`` in the ``index``-th ``[[sources]]`` table (its header if ``key`` is not there)."""
    header, count, start = re.compile(r"^\s*\[\[\s*sources\s*\]\]"), -1, None
    for number, text in enumerate(doc.lines, start=1):
        if header.match(text):
            count += 1
            if count == index:
                start = number
            elif start is not None:
                break
            continue
        if start is not None and text.lstrip().startswith("["):
            break
        if start is not None and key and re.match(rf"^\s*{re.escape(key)}\s*=", text):
            return number
    return start if start is not None else doc.line_of("sources")


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
    try:  # the range every stage game given as input has (regimelab.limits)
        return check_stage_game(Game(*values))
    except InvalidParameter as error:
        raise doc.error(str(error), "payoffs", table) from None


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
