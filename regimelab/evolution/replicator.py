"""Replicator dynamics on a payoff matrix ([Taylor1978]; docs/sources.md).

Continuous time:

    dx_i/dt = x_i ((A x)_i - x . A x)

where ``x`` are the shares of the strategies and ``A[i, j]`` the payoff per
turn of ``i`` against ``j``. A strategy grows when it earns more than the
population's mean. The continuous form is used because regime payoffs can be
negative (fines): the discrete form ``x_i' = x_i f_i / f̄`` needs positive
payoffs, and adding a constant to make them positive changes its paths. The
continuous paths do not depend on adding a constant to the payoffs.

    >>> run = replicator_dynamics([[3, 0], [5, 1]], initial=[0.9, 0.1], time=50)
    >>> run.final, run.at_rest
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..limits import MAX_STEPS, MAX_TIME, check_integer, check_real, integer_range, number_text
from .population import as_payoff_matrix

#: Relative and absolute tolerances of the integrator.
RTOL = 1e-10
ATOL = 1e-12
#: The end state is "at rest" when no share changes faster than this per unit of time, and no share present
#: grows faster than this relatively (d log x/dt): a share growing at 1e-6 takes 1e6 time units, the longest
#: --time, to grow by a factor e.
REST_TOLERANCE = 1e-6
#: Shares given by hand must sum to 1 within this.
SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class ReplicatorResult:
    """A path of the replicator dynamics.

    ``times``: ``steps + 1`` evenly spaced times from 0 to ``time``.
    ``shares``: one row per time, one column per strategy (rows sum to 1).
    ``rates``: dx/dt at the end state; ``growth``: d(log x)/dt there, each
    strategy's payoff less the population's mean (0 for a strategy whose
    share is 0); ``at_rest``: max |dx/dt| <= ``tolerance`` and no strategy
    present grows faster than ``tolerance`` (a share too small to see may be
    about to take over).
    """

    names: tuple
    times: np.ndarray
    shares: np.ndarray
    rates: np.ndarray
    tolerance: float
    growth: np.ndarray | None = None

    @property
    def final(self) -> np.ndarray:
        """The shares at the last time, one per strategy."""
        return self.shares[-1]

    @property
    def max_rate(self) -> float:
        """The largest |dx/dt| of any share at the end state."""
        return float(np.max(np.abs(self.rates)))

    @property
    def growing(self) -> dict:
        """The strategies present at the end whose share grows faster than ``tolerance`` (d log x/dt), with
        that rate, fastest first."""
        if self.growth is None:
            return {}
        rising = [i for i in range(len(self.names)) if self.final[i] > 0 and self.growth[i] > self.tolerance]
        return {self.names[i]: float(self.growth[i]) for i in sorted(rising, key=lambda i: -self.growth[i])}

    @property
    def at_rest(self) -> bool:
        """Whether, at the end, no share changes faster than ``tolerance`` per unit of time and none present
        grows faster than ``tolerance`` relatively (:attr:`growing`)."""
        return self.max_rate <= self.tolerance and not self.growing

    def final_shares(self) -> dict:
        """Final shares by strategy, largest first (ties keep the strategies' order)."""
        order = sorted(range(len(self.names)), key=lambda i: -self.final[i])
        return {self.names[i]: float(self.final[i]) for i in order}

    def to_dict(self) -> dict:
        """The JSON form: times, each strategy's shares over them, initial and final shares, rest, growth."""
        return {
            "times": [float(t) for t in self.times],
            "shares": {name: [float(x) for x in self.shares[:, i]] for i, name in enumerate(self.names)},
            "initial_shares": {name: float(self.shares[0, i]) for i, name in enumerate(self.names)},
            "final_shares": self.final_shares(),
            "at_rest": self.at_rest,
            "max_rate": self.max_rate,
            "rest_tolerance": self.tolerance,
            "growing": self.growing,
        }


def replicator_rate(matrix, shares) -> np.ndarray:
    """dx/dt of the replicator equation at ``shares``."""
    shares = np.asarray(shares, dtype=float)
    return shares * growth_rate(matrix, shares)


def growth_rate(matrix, shares) -> np.ndarray:
    """d(log x_i)/dt at ``shares``: each strategy's payoff against them less their mean payoff."""
    matrix = np.asarray(matrix, dtype=float)
    shares = np.asarray(shares, dtype=float)
    fitness = matrix @ shares
    return fitness - shares @ fitness


def check_shares(shares, size: int) -> np.ndarray:
    """Shares as an array: ``size`` numbers in [0, 1] summing to 1."""
    try:
        values = np.array(shares, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise InvalidParameter("initial", f"{size} shares, numbers in [0, 1] summing to 1", shares) from None
    if values.size != size:
        raise InvalidParameter("initial", f"{size} shares, one per strategy", values.size)
    if not np.all(np.isfinite(values)) or np.any(values < 0) or np.any(values > 1):
        raise InvalidParameter("initial", "shares between 0 and 1", [float(v) for v in values])
    if abs(values.sum() - 1) > SUM_TOLERANCE:
        raise InvalidParameter("initial", "shares summing to 1", float(values.sum()))
    return values / values.sum()


#: The replicator's time T and report steps K (regimelab.limits).
TIME_RANGE = f"a number > 0 and at most {number_text(MAX_TIME)}"
STEPS_RANGE = integer_range(1, MAX_STEPS)


def check_time(time, steps) -> tuple[float, int]:
    """``(time, steps)`` as (float, int); refused unless time is a number in (0, 1e6] and steps an
    integer from 1 to 10**6."""
    if isinstance(time, bool) or not isinstance(time, (int, float, np.number)) or not np.isfinite(time) or time <= 0:
        raise InvalidParameter("time", TIME_RANGE, time)
    time = check_real("time", time, 0.0, MAX_TIME, TIME_RANGE)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise InvalidParameter("steps", STEPS_RANGE, steps)
    return time, check_integer("steps", steps, 1, MAX_STEPS, STEPS_RANGE)


def replicator_dynamics(
    payoffs,
    initial=None,
    time: float = 100.0,
    steps: int = 100,
    tolerance: float = REST_TOLERANCE,
) -> ReplicatorResult:
    """Integrate the replicator equation from ``initial`` (default: uniform) up to ``time``.

    ``payoffs``: a :class:`PayoffMatrix` or a square array. The path is
    reported at ``steps + 1`` evenly spaced times. Integration is by
    ``scipy.integrate.solve_ivp`` (DOP853, rtol 1e-10, atol 1e-12) of the same
    equation for the log-shares of the strategies present at the start,
    ``d(log x_i)/dt = (A x)_i - x . A x``: shares then cannot turn negative
    (a linear integration of the shares can, and then diverge), and absent
    strategies stay at exactly 0. Round-off is clipped to [0, 1] and each row
    renormalised to sum to 1.
    """
    from scipy.integrate import solve_ivp

    payoffs = as_payoff_matrix(payoffs)
    matrix = payoffs.matrix
    size = payoffs.size
    time, steps = check_time(time, steps)
    if not (isinstance(tolerance, (int, float)) and tolerance > 0):
        raise InvalidParameter("tolerance", "a number > 0", tolerance)
    start = np.full(size, 1 / size) if initial is None else check_shares(initial, size)

    times = np.linspace(0.0, time, steps + 1)
    support = np.flatnonzero(start > 0)  # absent strategies stay absent
    sub = matrix[np.ix_(support, support)]

    def log_rate(_t, y):
        x = softmax(y)
        fitness = sub @ x
        return fitness - x @ fitness  # d(log x_i)/dt

    solution = solve_ivp(
        log_rate, (0.0, time), np.log(start[support]), method="DOP853", t_eval=times, rtol=RTOL, atol=ATOL
    )
    if not solution.success:  # pragma: no cover - a smooth, bounded field
        raise RuntimeError(f"replicator integration failed: {solution.message}")
    shares = np.zeros((times.size, size))
    shares[:, support] = softmax(solution.y.T)
    shares = project(shares)
    shares[0] = start
    growth = np.where(shares[-1] > 0, growth_rate(matrix, shares[-1]), 0.0)
    rates = shares[-1] * growth
    return ReplicatorResult(payoffs.names, times, shares, rates, float(tolerance), growth)


def softmax(y: np.ndarray) -> np.ndarray:
    """Shares from log-shares (up to a common constant), along the last axis."""
    z = np.exp(y - np.max(y, axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def project(shares: np.ndarray) -> np.ndarray:
    """Clip round-off to [0, 1] and make each row sum to 1."""
    shares = np.clip(np.asarray(shares, dtype=float), 0.0, 1.0)
    return shares / shares.sum(axis=-1, keepdims=True)
