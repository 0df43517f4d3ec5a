"""The checks every table of a society scenario shares: where a key stands, and whether a value fits.

:class:`Where` is one table of the scenario (or one entry of an array of tables)
that can say on which line a key stands and raise a
:class:`~regimelab.toml_files.TomlError` there; the functions check a value's
kind, a table, an array of tables and a list of actor names, each with the
message the scenario's author reads.
"""

from __future__ import annotations

import difflib
import re

from ..errors import InvalidParameter
from ..toml_files import TomlDocument, TomlError


class Where:
    """A table of the scenario (possibly one entry of an array of tables) that can say where a key is."""

    def __init__(self, doc: TomlDocument, table: str, index: int | None = None, label: str | None = None):
        self.doc = doc
        self.table = table
        self.index = index
        self.label = label or (f"[[{table}]]" if index is not None else f"[{table}]")

    def line(self, key: str | None = None) -> int | None:
        """The line of ``key`` in this table (or entry); else the table's own line, if found."""
        if self.index is None:
            found = self.doc.line_of(key, self.table) if key is not None else None
            return found or self._header() or self.doc.line_of(self.table.split(".")[-1])
        header = re.compile(rf"^\s*\[\[\s*{re.escape(self.table)}\s*\]\]")
        any_header = re.compile(r"^\s*\[")
        key_pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=') if key else None
        count, inside, start, end = -1, False, None, None
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
                    end = number
                    break
                continue
            if inside and key_pattern.match(text):
                return number
        if start is not None:  # the key inside an inline table of the entry, else the entry's header
            inline = self.doc.inline_lines_of(key, None, start, end) if key else []
            return inline[0] if inline else start
        array = self.doc.line_of(self.table.split(".")[-1])  # an inline array of tables
        if key and array is not None:
            # The key's line when it stands once in the array (an unknown key, say); else the array's.
            inline = self.doc.inline_lines_of(key, None, array - 1, self.doc.next_header_after(array))
            if len(inline) == 1:
                return inline[0]
        return array

    def _header(self) -> int | None:
        return self.doc.line_of(None, self.table)

    def error(self, message: str, key: str | None = None) -> TomlError:
        """A :class:`TomlError` to raise: ``message`` at the line of ``key`` in this table."""
        return TomlError(self.doc.path, message, self.line(key))

    def check_keys(self, mapping: dict, allowed) -> None:
        """Refuse the first key of ``mapping`` not in ``allowed``, naming the closest valid one."""
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(allowed)}"
                raise self.error(f"unknown key {key!r} in {self.label}{hint}", key)

    def invalid(self, error: InvalidParameter, key: str | None = None) -> TomlError:
        """An engine validation error, located at its key in this table."""
        return self.error(f"{self.label}: {error}", key or error.parameter)


def is_number(value) -> bool:
    """Whether ``value`` is an int or a float (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def expect_value(where: Where, table: dict, key: str, kind: str, described: str, default=None):
    """``table[key]`` of a kind: 'int', 'number', 'bool', 'str'; the default when absent."""
    if key not in table:
        return default
    value = table[key]
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": is_number(value) and value == value and abs(value) != float("inf"),
        "bool": isinstance(value, bool),
        "str": isinstance(value, str),
    }[kind]
    if not ok:
        raise where.error(f"{key} must be {described}, got {value!r} (in {where.label})", key)
    return value


def expect_table(where: Where, value, described: str) -> dict:
    """``value`` if it is a table; else an error saying that ``where`` must be ``described``."""
    if not isinstance(value, dict):
        raise where.error(f"{where.label} must be {described}, got {value!r}")
    return value


def array_of_tables(doc: TomlDocument, data: dict, key: str, described: str, prefix: str = "") -> list:
    """``data[key]`` as a list of tables (empty when absent); else an error saying it must be ``described``."""
    value = data.get(key, [])
    table = f"{prefix}{key}"
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise TomlError(doc.path, f"{key} must be {described}", doc.line_of(key) or doc.line_of(None, table))
    return value


def actor_names(where: Where, value, key: str, count: int | None, known: list[str]) -> list[str]:
    """``value`` as a list of ``count`` names (any number if None), each one of the ``known`` actors."""
    described = f"a list of {count} actor names" if count else "a list of actor names"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (count and len(value) != count):
        raise where.error(f"{key} must be {described}, got {value!r} (in {where.label})", key)
    for name in value:
        if name not in known:
            raise where.error(f"{key}: {name!r} is not one of the actors ({', '.join(known)})", key)
    return value
