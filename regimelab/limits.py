"""The range of every number regimelab takes, in one place, and the checks that enforce them.

Every number a user gives (a command-line option, a scenario's key, a
strategy's parameter) has a documented range whose upper bound keeps the
arithmetic finite (no overflow to infinity, no NaN) and the work bounded (a
value of 10**30 is refused at once rather than hanging). The bounds are
generous: far beyond any meaningful model, well inside what a float holds.
The regime functions, the stage game, the society, the scenarios, the
strategies' parameters and the command line's options all check their
numbers here, so a bound and its message are written once (the ranges are
tabled in docs/model.md §2, tournaments/README.md and each option's --help).
"""

from __future__ import annotations

import math
import numbers

from .errors import InvalidParameter

#: Rounds of a match (``turns``), and every count of periods: a society's periods,
#: an exclusion's length, a period named by a schedule, membership or turnover.
MAX_TURNS = 10**7
#: Repetitions of every pairing (or of a society), and ``explain --simulate`` matches per cell.
MAX_REPETITIONS = 10**6
#: The largest magnitude of a payoff or of a money-valued parameter (fines, costs,
#: exchange terms) and of a strategy's numeric parameter: |x| <= 1e6.
MAX_MAGNITUDE = 1e6
#: Seeds are 32-bit (numpy's SeedSequence takes more, axelrod's seeding does not).
MAX_SEED = 2**32 - 1
#: ``-j/--jobs``: at most this many processes asked for (0: all cores). The pool is
#: further capped at the work available and a few processes per core (regimelab.workers).
MAX_JOBS = 1024
#: Players of a tournament (a scenario's counts included).
MAX_PLAYERS = 10_000
#: Actors of a society (counts included): a complete graph of 1,000 has about 500,000 edges.
MAX_ACTORS = 1_000
#: ``evolve``: the Moran population N, the replicator's report steps K and its time T.
MAX_POPULATION = 10**6
MAX_STEPS = 10**6
MAX_TIME = 1e6


def number_text(value) -> str:
    """A bound as the ranges write it: ``10,000,000``, ``1,000,000``, ``0.5``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def integer_range(minimum: int, maximum: int) -> str:
    """``an integer from 1 to 10,000,000``: how an integer's range reads in messages and help."""
    return f"an integer from {number_text(minimum)} to {number_text(maximum)}"


def check_integer(name: str, value, minimum: int, maximum: int, accepted: str | None = None) -> int:
    """``value`` as an int; refused (naming ``name``) unless a whole number in [minimum, maximum].

    A bool is not a number here; a float is taken when it is whole (TOML and JSON may write 200.0).
    """
    accepted = accepted or integer_range(minimum, maximum)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidParameter(name, accepted, value)
    if not isinstance(value, numbers.Integral):
        if not math.isfinite(value) or value != int(value):
            raise InvalidParameter(name, accepted, value)
    if not minimum <= value <= maximum:
        raise InvalidParameter(name, accepted, value)
    return int(value)


def check_real(name: str, value, minimum: float, maximum: float, accepted: str,
               *, below_maximum: bool = False) -> float:
    """``value`` as a float; refused (naming ``name``, saying what is ``accepted``) unless it is a
    finite number in [minimum, maximum] (or [minimum, maximum) with ``below_maximum``). Not a bool."""
    if isinstance(value, bool):
        raise InvalidParameter(name, accepted, value)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidParameter(name, accepted, value) from None
    if not math.isfinite(number) or number < minimum or number > maximum or (below_maximum and number == maximum):
        raise InvalidParameter(name, accepted, value)
    return number


def magnitude_range(minimum: float | None = None) -> str:
    """``a finite number >= 0 and at most 1,000,000`` (money-valued), or with no minimum
    ``a finite number between -1,000,000 and 1,000,000``."""
    if minimum is None:
        return f"a finite number between -{number_text(MAX_MAGNITUDE)} and {number_text(MAX_MAGNITUDE)}"
    return f"a finite number >= {number_text(minimum)} and at most {number_text(MAX_MAGNITUDE)}"


def check_money(name: str, value, accepted: str | None = None) -> float:
    """A money-valued parameter (a fine, a cost): a finite number in [0, 1e6]."""
    return check_real(name, value, 0.0, MAX_MAGNITUDE, accepted or magnitude_range(0))


def check_magnitude(name: str, value, accepted: str | None = None) -> float:
    """A payoff or exchange term: a finite number in [-1e6, 1e6]."""
    return check_real(name, value, -MAX_MAGNITUDE, MAX_MAGNITUDE, accepted or magnitude_range())


def check_turns(name: str, value, minimum: int = 1, accepted: str | None = None) -> int:
    """A number of rounds or periods, or a period: an integer in [minimum, 10**7]."""
    return check_integer(name, value, minimum, MAX_TURNS, accepted)


SEED_RANGE = "an integer between 0 and 2**32 - 1"
REPETITIONS_RANGE = integer_range(1, MAX_REPETITIONS)
JOBS_RANGE = f"{integer_range(0, MAX_JOBS)} (0: all cores)"


def check_seed(seed, name: str = "seed") -> int:
    """Refuse a ``seed`` that is not an integer in 0 .. 2**32 - 1 (a bool is not an integer here)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise InvalidParameter(name, SEED_RANGE, seed)
    return check_integer(name, seed, 0, MAX_SEED, SEED_RANGE)


def check_repetitions(repetitions, name: str = "repetitions") -> int:
    """Refuse ``repetitions`` unless it is an integer from 1 to 10**6 (a bool is not an integer here)."""
    if isinstance(repetitions, bool) or not isinstance(repetitions, numbers.Integral):
        raise InvalidParameter(name, REPETITIONS_RANGE, repetitions)
    return check_integer(name, repetitions, 1, MAX_REPETITIONS, REPETITIONS_RANGE)


def check_jobs(jobs, name: str = "jobs") -> int:
    """Refuse ``jobs`` unless it is an integer from 0 (all cores) to :data:`MAX_JOBS`."""
    if isinstance(jobs, bool) or not isinstance(jobs, numbers.Integral):
        raise InvalidParameter(name, JOBS_RANGE, jobs)
    return check_integer(name, jobs, 0, MAX_JOBS, JOBS_RANGE)


#: ``sweep --samples`` (a sampled design's N) and ``sensitivity --resamples`` (bootstrap resamples).
#: A design's cells are also capped by the sweep's own limit (``regimelab.sweeps.grid.MAX_CELLS``).
MAX_SAMPLES = 100_000
MAX_RESAMPLES = 100_000
RESAMPLES_RANGE = integer_range(10, MAX_RESAMPLES)


def check_resamples(resamples, name: str = "resamples") -> int:
    """Refuse ``resamples`` unless it is an integer from 10 to :data:`MAX_RESAMPLES` (bootstrap draws)."""
    if isinstance(resamples, bool) or not isinstance(resamples, numbers.Integral):
        raise InvalidParameter(name, RESAMPLES_RANGE, resamples)
    return check_integer(name, resamples, 10, MAX_RESAMPLES, RESAMPLES_RANGE)
