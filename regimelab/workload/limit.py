"""The limit above which a run is refused, the estimate it is held against, and the refusal.

A :class:`Workload` is an estimate of a run (made by the other modules of
:mod:`regimelab.workload`); :attr:`Workload.too_large` holds it against the
limit, more than :data:`LIMIT_SECONDS` on one core or :data:`LIMIT_BYTES` of
memory, and :func:`check_workload` refuses it with :class:`TooLarge`, whose
message gives the estimate in words (:func:`number_text`,
:func:`duration_text`, :func:`bytes_text`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import RegimelabError

#: A run estimated to take longer than this on one core is refused (10 minutes) ...
LIMIT_SECONDS = 600.0
#: ... or to need more memory than this (4 GB).
LIMIT_BYTES = 4e9


class TooLarge(RegimelabError):
    """A run whose estimate is above the limit (:attr:`Workload.too_large`); ``workload`` holds the estimate."""

    def __init__(self, workload: "Workload"):
        self.workload = workload
        super().__init__(f"this run is {workload.describe()}: above the limit of {limit_text()}")

    def __reduce__(self):
        return (type(self), (self.workload,))


@dataclass(frozen=True)
class Workload:
    """An estimate of a run: its work, its seconds on one core and its peak memory.

    ``rounds``: simulated rounds; ``pairings``: pairs of machines the exact
    engine computes (``largest_chain``: the most joint states of one);
    ``seconds``: on one core; memory in two parts, ``kept`` (results that stay
    until the end) and ``transient`` (the largest working set at any moment,
    summed over the processes that run at once).
    """

    rounds: float = 0.0
    pairings: float = 0.0
    largest_chain: int = 0
    seconds: float = 0.0
    kept: float = 0.0
    transient: float = 0.0

    @property
    def memory(self) -> float:
        """Peak bytes: what is kept, plus the largest working set."""
        return self.kept + self.transient

    @property
    def too_large(self) -> bool:
        """Above the limit: more than :data:`LIMIT_SECONDS` on one core or :data:`LIMIT_BYTES` of memory."""
        return self.seconds > LIMIT_SECONDS or self.memory > LIMIT_BYTES

    def then(self, other: "Workload") -> "Workload":
        """This run followed by ``other`` in the same process: work and time add, working sets do not."""
        return Workload(
            self.rounds + other.rounds, self.pairings + other.pairings,
            max(self.largest_chain, other.largest_chain), self.seconds + other.seconds,
            self.kept + other.kept, max(self.transient, other.transient),
        )

    def plus(self, seconds: float = 0.0, kept: float = 0.0, transient: float = 0.0) -> "Workload":
        """This run with more work of another kind: ``seconds`` and ``kept`` added, ``transient`` at its maximum."""
        return Workload(self.rounds, self.pairings, self.largest_chain, self.seconds + seconds,
                        self.kept + kept, max(self.transient, transient))

    def describe(self) -> str:
        """One phrase: ``about 4.5e8 rounds (~40 minutes on one core, ~16 GB)``."""
        parts = []
        if self.rounds:
            parts.append(f"{number_text(self.rounds)} rounds")
        if self.pairings:
            chain = f", joint chains of up to {self.largest_chain:,} states" if self.largest_chain > 1 else ""
            parts.append(f"{number_text(self.pairings)} exact pairings{chain}")
        work = " and ".join(parts) or "work"
        memory = bytes_text(self.memory)
        return f"about {work} (~{duration_text(self.seconds)} on one core, {'' if 'under' in memory else '~'}{memory})"


def limit_text() -> str:
    """The limit in words: ``~10 minutes / 4 GB``."""
    return f"~{duration_text(LIMIT_SECONDS)} / {bytes_text(LIMIT_BYTES)}"


def check_workload(workload: Workload) -> Workload:
    """``workload`` if it is within the limit; else :class:`TooLarge`."""
    if workload.too_large:
        raise TooLarge(workload)
    return workload


def number_text(value: float) -> str:
    """A count as ``12,345`` below 100,000, else ``4.5e8``."""
    if math.isinf(value):
        return "endless"
    if value < 1e5:
        return f"{round(value):,}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def duration_text(seconds: float) -> str:
    """Seconds as ``3 s``, ``40 minutes``, ``5 hours``, ``12 days`` or ``3.0e5 years`` (two figures at most)."""
    if math.isinf(seconds):
        return "forever"
    for unit, size, plural in (("year", 365.25 * 86400, "years"), ("day", 86400, "days"),
                               ("hour", 3600, "hours"), ("minute", 60, "minutes")):
        if seconds >= 2 * size or (unit == "minute" and seconds >= 90):
            count = seconds / size
            text = number_text(count) if count >= 1e5 else f"{float(f'{count:.2g}'):g}"
            return f"{text} {plural}"
    return f"{max(1, round(seconds))} s"


def bytes_text(count: float) -> str:
    """Bytes as ``16 GB`` or ``350 MB`` (decimal units, two figures)."""
    if math.isinf(count):
        return "unbounded memory"
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if count >= size:
            return f"{float(f'{count / size:.2g}'):g} {unit}"
    return "1 MB" if count >= 0.5e6 else "under 1 MB"
