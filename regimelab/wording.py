"""Counts in words: one helper for every message, table heading and caption that prints a count."""

from __future__ import annotations


def counted(count, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: ``1 strategy``, ``0 strategies``, ``2.5 rounds``.

    ``count``: a number, or a number already written (``"1"`` is one); ``plural``: default ``singular + "s"``.
    """
    one = count == "1" if isinstance(count, str) else count == 1
    return f"{count} {singular if one else plural or singular + 's'}"
