"""Rendering results as tables, JSON or CSV, and writing files atomically."""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidParameter
from ..files import write_atomically

if TYPE_CHECKING:  # tables are pandas frames, but printing --help must not import pandas
    import pandas as pd

FORMATS = ("table", "json", "csv")
SUFFIXES = {".json": "json", ".csv": "csv", ".parquet": "parquet"}
WIDTH = 80


def check_output_path(path: str | None, option: str = "output", suffixes=tuple(SUFFIXES)) -> Path | None:
    """Fail before any work if ``path`` cannot be written (missing folder, bad suffix)."""
    if path is None:
        return None
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise InvalidParameter(option, f"a file name ending in {', '.join(suffixes)}", str(path))
    if target.is_dir():
        raise InvalidParameter(option, "a file, not a folder", str(path))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidParameter(option, f"a path in an existing folder ({folder} does not exist)", str(path))
    if not os.access(folder, os.W_OK):
        raise InvalidParameter(option, f"a path in a writable folder ({folder} is not writable)", str(path))
    return target


def write_output(path: Path, data: dict, table: pd.DataFrame | Callable[[], pd.DataFrame]) -> None:
    """Write ``data`` (JSON) or ``table`` (CSV, Parquet) by the suffix of ``path``.

    ``table``: a frame, or a function that makes one (called only for CSV and Parquet).
    """
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "json":
        write_atomically(path, lambda handle: handle.write(to_json(data) + "\n"))
    elif kind == "csv":
        write_atomically(path, lambda handle: handle.write(to_csv(_made(table))))
    else:
        write_atomically(path, lambda handle: _made(table).to_parquet(handle, index=False))


def emit(fmt: str, data: dict, table: pd.DataFrame | Callable[[], pd.DataFrame], render, output: Path | None,
         written=()) -> None:
    """Write ``output`` (if any), print in ``fmt`` (``render()`` gives the table text), report files.

    ``table``: a frame, or a function that makes one, called only for CSV (so that a command whose
    text and JSON need no pandas does not import it).
    """
    import click

    if output is not None:
        write_output(output, data, table)
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        click.echo(to_csv(_made(table)), nl=False)
    else:
        click.echo(render())
    for path in (output, *written):
        if path is not None:
            click.echo(f"Wrote {path}", err=True)


def _made(table):
    """``table`` itself, or what it makes if it is a function."""
    return table() if callable(table) else table


def to_json(data: dict) -> str:
    """``data`` as indented JSON, NaN and infinities written as null and numpy scalars unwrapped."""
    return json.dumps(_clean(data), indent=2, allow_nan=False)


def _clean(value):
    """JSON has no NaN or infinity: write them as null."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _clean(value.item())
    return value


def to_csv(table: pd.DataFrame) -> str:
    """``table`` as CSV text, without the index and with Unix line endings."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def wrap(line: str, indent: int) -> str:
    """Keep a line within 80 columns, continuing it indented."""
    import textwrap

    return textwrap.fill(line, width=WIDTH, subsequent_indent=" " * indent, break_on_hyphens=False)


def format_number(value, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals (a Python int as it is); ``-`` for None or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return str(value)
    return f"{value:.{digits}f}"


def render_table(columns: list[tuple[str, str, int, str]], rows: list[dict]) -> str:
    """A fixed-width table. ``columns``: (key, header, width, align '<' or '>').

    A cell too long for its column is cut with ``~``; different texts of a
    column stay different when cut (:func:`shortened`).
    """
    shown = {key: shortened([str(row[key]) for row in rows], width) for key, _, width, _ in columns}
    lines = ["  ".join(f"{shortened([header], width)[header]:{align}{width}}"
                       for _, header, width, align in columns).rstrip()]
    lines.append("  ".join("-" * width for _, _, width, _ in columns))
    for row in rows:
        lines.append("  ".join(f"{shown[key][str(row[key])]:{align}{width}}"
                               for key, _, width, align in columns).rstrip())
    return "\n".join(lines)


def shortened(texts: list[str], width: int) -> dict[str, str]:
    """Each text as a column ``width`` wide shows it: whole if it fits, else cut with ``~``.

    Texts that would be cut alike keep as much of their ends as tells them
    apart: "Small state 1", "Small state 2" in 11 columns are "Small sta~1",
    "Small sta~2" (not "Small stat~" twice). Equal texts stay equal.
    """
    shown = {text: text if len(text) <= width else text[: width - 1] + "~" for text in texts}
    groups: dict[str, list[str]] = {}
    for text in dict.fromkeys(texts):
        groups.setdefault(shown[text], []).append(text)
    taken = set(shown.values())
    for cut, group in groups.items():
        if len(group) < 2:
            continue
        for tail in range(1, width - 1):
            candidates = {text: text[: width - 1 - tail] + "~" + text[-tail:] for text in group}
            values = set(candidates.values())
            if len(values) == len(group) and not values & (taken - {cut}):
                shown.update(candidates)
                taken = (taken - {cut}) | values
                break
    return shown


def matrix_lines(matrix, labels=("C", "D"), width: int = 10, digits: int = 3) -> list[str]:
    """A 2x2 matrix of the row player's payoffs with row and column labels."""
    label_width = max(len(label) for label in labels) + 2
    head = " " * label_width + "".join(f"{label:>{width}}" for label in labels)
    lines = [head]
    for label, row in zip(labels, matrix):
        lines.append(f"{label:<{label_width}}" + "".join(f"{value:>{width}.{digits}f}" for value in row))
    return lines
