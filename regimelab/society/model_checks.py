"""The checks the society's values share: each turns a bad value into an :class:`InvalidParameter`.

Every check names the parameter and what is accepted, so that a scenario can
point at the key and the command line at the option (model page §7).
"""

from __future__ import annotations

import difflib

from ..errors import InvalidParameter
from ..limits import MAX_TURNS, check_magnitude, check_turns, integer_range, number_text


def check_integer(name: str, value, minimum: int, accepted: str | None = None) -> int:
    """``value`` as an int; refused unless it is a whole number from ``minimum`` to 10**7 (not a bool).

    Every integer of a society counts or names periods, so its bound is a match's
    (regimelab.limits.MAX_TURNS).
    """
    accepted = accepted or integer_range(minimum, MAX_TURNS)
    return check_turns(name, value, minimum, accepted)


def period_range(minimum: int) -> str:
    """``a period from 1 to 10,000,000``: the range of a period named by a society's rules."""
    return f"a period from {minimum} to {number_text(MAX_TURNS)}"


def check_text(name: str, value) -> str:
    """``value`` stripped; refused unless it is a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameter(name, "a non-empty string", value)
    return value.strip()


def check_finite(name: str, value) -> float:
    """``value`` as a float; refused unless it is a finite number within ±1e6 (not a bool, not a string)."""
    return check_magnitude(name, value)


def unknown_name(kind: str, key: str, allowed) -> InvalidParameter:
    """The error for a ``kind`` called ``key`` that is not one of ``allowed``, with the closest as a hint."""
    close = difflib.get_close_matches(str(key), list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return InvalidParameter(kind, f"one of {', '.join(allowed)}; {key!r} is unknown{hint}")
