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


#: How deeply arrays and tables may nest in a file (``x = [[[...]]]``): far beyond any scenario's
#: or strategy's needs (three or four), and well inside what the parser and the checks recurse through.
MAX_NESTING = 100


def parse_toml(text: str, path) -> dict:
    """``text`` parsed as TOML; every failure a :class:`TomlError` naming ``path``.

    A syntax error gives its line and column. Arrays or tables nested deeper
    than :data:`MAX_NESTING` are refused, whether the parser itself gives up
    (Python's recursion limit, near a few hundred levels) or not.
    """
    too_deep = f"arrays or tables nested too deeply (at most {MAX_NESTING} levels)"
    long_key = _LONG_DOTTED_KEY.search(text) if text.count(".") > MAX_NESTING else None
    if long_key is not None:  # tomllib keeps every prefix of a dotted key: 100,000 parts take gigabytes
        raise TomlError(path, f"{too_deep}: a dotted key or table name of more than {MAX_NESTING} parts",
                        text.count("\n", 0, long_key.start()) + 1)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlError(path, f"TOML syntax error: {_strip_position(str(error))}",
                        getattr(error, "lineno", None) or _line_of(str(error)),
                        getattr(error, "colno", None) or _column_of(str(error))) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise TomlError(path, too_deep) from None
    depth = nesting_depth(data)
    if depth > MAX_NESTING:
        raise TomlError(path, f"{too_deep}; this file nests {depth}")
    return data


#: A dotted key (or table name) of more than MAX_NESTING parts: ``a.b.c...`` (bare or quoted parts).
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_LONG_DOTTED_KEY = re.compile(rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_NESTING},}}")


def nesting_depth(value) -> int:
    """How many arrays and tables nest in ``value`` (a table of numbers: 1); without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


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
        self._sections = None  # each line's table, found when a line number is first asked for
        self.data = parse_toml(text, path)

    def error(self, message: str, key: str | None = None, table: str | None = None) -> TomlError:
        """A :class:`TomlError` to raise: ``message`` at the line of ``key`` in ``table``, if found."""
        return TomlError(self.path, message, self.line_of(key, table))

    def line_of(self, key: str | None, table: str | None = None) -> int | None:
        """The line of ``key = ...`` (inside ``[table]`` if given) or of ``[table.key]``.

        Failing that, the line where ``key = ...`` stands inside an inline table
        (``{strategy = "Random", parms = [0.3]}``) or after a dotted key, in
        ``[table]`` or a table around or within it (:meth:`inline_line_of`).
        """
        if key is None and table is None:
            return None
        key_pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=') if key else None
        for number, current, line, is_header in self._code_lines():
            if is_header:
                if key and table is not None and current == f"{table}.{key}":
                    return number
                if key is None and current == table:
                    return number
                continue
            if key_pattern and key_pattern.match(line) and (table is None or current == table):
                return number
        return self.inline_line_of(key, table) if key else None

    def inline_line_of(self, key: str, table: str | None = None, after: int = 0) -> int | None:
        """The first line after line ``after`` where ``key = ...`` stands anywhere on the line (an inline
        table, a dotted key), in a table related to ``table`` (it, one around it or one within it; any
        table if None). Multi-line strings are skipped."""
        lines = self.inline_lines_of(key, table, after)
        return lines[0] if lines else None

    def inline_lines_of(self, key: str, table: str | None = None, after: int = 0,
                        before: int | None = None) -> list[int]:
        """Every line between ``after`` and ``before`` (excluded) where ``key = ...`` stands anywhere on
        the line, in a table related to ``table`` (see :meth:`inline_line_of`)."""
        name = re.escape(key)
        pattern = re.compile(rf"""(?:^|[{{,.\s])\s*(?:"{name}"|'{name}'|{name})\s*=""")
        found = []
        for number, current, line, is_header in self._code_lines():
            if number <= after or is_header:
                continue
            if before is not None and number >= before:
                break
            related = table is None or current in ("", table) or table.startswith(current + ".") \
                or current.startswith(table + ".")
            if related and pattern.search(_without_strings(line)):
                found.append(number)
        return found

    def next_header_after(self, line: int) -> int | None:
        """The line of the first table header after line ``line``, if any."""
        return next((number for number, _, _, is_header in self._code_lines() if is_header and number > line), None)

    def _code_lines(self):
        """(number, table, text, is_header) of each line outside multi-line strings; table is the
        header in force, quotes removed ("" before the first header)."""
        if self._sections is None:
            sections, current, in_string = [], "", False
            for number, line in enumerate(self.lines, start=1):
                quotes = line.count('"""') + line.count("'''")
                if not in_string:
                    match = _HEADER.match(line)
                    if match:
                        current = re.sub(r"\s*\.\s*", ".", match.group(1).replace('"', "").replace("'", "").strip())
                    sections.append((number, current, line, match is not None))
                if quotes % 2:
                    in_string = not in_string
            self._sections = sections
        return self._sections

    def check_keys(self, mapping: dict, allowed, where: str, table: str | None = None) -> None:
        """Every key of ``mapping`` must be in ``allowed``; suggest the closest otherwise."""
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(allowed)}"
                raise self.error(f"unknown key {key!r} in {where}{hint}", key, table)


#: A table header, ``[a.b]`` or ``[[a]]`` with quoted parts, alone on its line (but for a comment).
_HEADER = re.compile(r"""^\s*\[\[?((?:[A-Za-z0-9_\-.\s]|"[^"]*"|'[^']*')+)\]\]?\s*(?:#.*)?$""")


def _without_strings(line: str) -> str:
    """``line`` with its one-line string values emptied (a key inside a string is no key; a quoted
    key, followed by ``=``, stays) and its comment cut."""
    line = re.sub(r"""("(?:[^"\\]|\\.)*"|'[^']*')(?!\s*=)""", '""', line)
    return line.split("#", 1)[0]


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
