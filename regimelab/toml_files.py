"""Reading TOML files strictly: errors that name the file, the line and the fix.

Scenarios and declarative strategies are data, never code: they are read
with the standard library's ``tomllib`` and checked key by key.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from pathlib import Path

from .errors import RegimelabError


class TomlError(RegimelabError):
    """A problem in a TOML file, located as precisely as the file allows."""

    def __init__(self, path, message: str, line: int | None = None, column: int | None = None):
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        return (type(self), (self.path, self.message, self.line, self.column))


class TomlDocument:
    """A parsed TOML file that can say on which line a key stands."""

    def __init__(self, path, text: str | None = None):
        self.path = Path(path)
        if text is None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise TomlError(path, "no such file") from None
            except (OSError, UnicodeDecodeError) as error:
                raise TomlError(path, f"cannot be read ({error})") from None
        self.text = text
        self.lines = text.splitlines()
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise TomlError(path, f"TOML syntax error: {_strip_position(str(error))}",
                            getattr(error, "lineno", None) or _line_of(str(error)),
                            getattr(error, "colno", None) or _column_of(str(error))) from None

    def error(self, message: str, key: str | None = None, table: str | None = None) -> TomlError:
        """A :class:`TomlError` to raise: ``message`` at the line of ``key`` in ``table``, if found."""
        return TomlError(self.path, message, self.line_of(key, table))

    def line_of(self, key: str | None, table: str | None = None) -> int | None:
        """The line of ``key = ...`` (inside ``[table]`` if given) or of ``[table.key]``."""
        if key is None and table is None:
            return None
        key_pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=') if key else None
        header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
        current = ""
        for number, line in enumerate(self.lines, start=1):
            match = header.match(line)
            if match:
                current = match.group(1).replace('"', "")
                if key and table is not None and current == f"{table}.{key}":
                    return number
                if key is None and current == table:
                    return number
                continue
            if key_pattern and key_pattern.match(line) and (table is None or current == table):
                return number
        return None

    def check_keys(self, mapping: dict, allowed, where: str, table: str | None = None) -> None:
        """Every key of ``mapping`` must be in ``allowed``; suggest the closest otherwise."""
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(allowed)}"
                raise self.error(f"unknown key {key!r} in {where}{hint}", key, table)


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)


def _line_of(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _column_of(message: str) -> int | None:
    match = re.search(r"column (\d+)", message)
    return int(match.group(1)) if match else None


def expect_type(doc: TomlDocument, value, kinds, key: str, table: str | None, described: str):
    """``value`` must be one of ``kinds`` (bool never counts as a number)."""
    if isinstance(value, bool) and bool not in kinds:
        raise doc.error(f"{key} must be {described}, got {value!r}", key, table)
    if not isinstance(value, kinds):
        raise doc.error(f"{key} must be {described}, got {type(value).__name__} {value!r}", key, table)
    if isinstance(value, float) and not math.isfinite(value):
        raise doc.error(f"{key} must be {described}, got {value!r}", key, table)
    return value
