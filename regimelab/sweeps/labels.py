"""How a sweep's parameters and values are written, in pictures and in error messages."""

from __future__ import annotations

import numpy as np

from ..functions import find_parameter
from ..wording import counted  # noqa: F401  (figures take it from here)

#: The stage game's payoffs, sweepable beside the regime's parameters.
PAYOFF_LABELS = {
    "R": "reward R (mutual compliance)",
    "S": "sucker's payoff S",
    "T": "temptation T",
    "P": "punishment P (mutual defection)",
}


def axis_label(name: str) -> str:
    """The axis label of a sweepable parameter: the model's name and symbol, and what it is."""
    return PAYOFF_LABELS[name] if name in PAYOFF_LABELS else find_parameter(name).axis_label


def parameter_symbol(name: str) -> str:
    """The model's symbol of a sweepable parameter (a payoff is its own symbol)."""
    return name if name in PAYOFF_LABELS else find_parameter(name).symbol


def format_value(value) -> str:
    """A swept value as a person writes it: 0.5 -> '0.5', 2.0 -> '2'; anything else as str()."""
    return f"{value:g}" if isinstance(value, (int, float, np.number)) else str(value)


def joined_lines(parts: list[str], width: int, separator: str = ", ") -> list[str]:
    """``parts`` joined by ``separator`` into lines of at most ``width`` characters, a part never split
    (a part longer than ``width`` has a line of its own)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(separator) + len(part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def values_text(values) -> str:
    """The first eight of ``values``, comma-separated, with '...' if there are more."""
    shown = [format_value(v) for v in values[:8]]
    return ", ".join(shown) + (", ..." if len(values) > 8 else "")


def short_message(error: Exception, limit: int = 90) -> str:
    """An error's message on one short line, without brackets left open."""
    text = " ".join(str(error).split()).rstrip(".") or type(error).__name__
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " ..."
    return text.replace("(", "").replace(")", "")
