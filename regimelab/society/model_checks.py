"""The checks the society's values share: each turns a bad value into an :class:`InvalidParameter`.

Every check names the parameter and what is accepted, so that a scenario can
point at the key and the command line at the option (model page §7).
"""

from __future__ import annotations

import difflib
import math

import numpy as np

from ..errors import InvalidParameter


def check_integer(name: str, value, minimum: int, accepted: str | None = None) -> int:
    """``value`` as an int; refused unless it is a whole number >= ``minimum`` (not a bool)."""
    accepted = accepted or f"an integer >= {minimum}"
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float)):
        raise InvalidParameter(name, accepted, value)
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise InvalidParameter(name, accepted, value)
    if int(value) < minimum:
        raise InvalidParameter(name, accepted, value)
    return int(value)


def check_text(name: str, value) -> str:
    """``value`` stripped; refused unless it is a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameter(name, "a non-empty string", value)
    return value.strip()


def check_finite(name: str, value) -> float:
    """``value`` as a float; refused unless it is a finite number (not a bool, not a string)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not math.isfinite(float(value)):
        raise InvalidParameter(name, "a finite number", value)
    return float(value)


def unknown_name(kind: str, key: str, allowed) -> InvalidParameter:
    """The error for a ``kind`` called ``key`` that is not one of ``allowed``, with the closest as a hint."""
    close = difflib.get_close_matches(str(key), list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return InvalidParameter(kind, f"one of {', '.join(allowed)}; {key!r} is unknown{hint}")
