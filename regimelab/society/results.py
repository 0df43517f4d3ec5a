"""What a society produced: per repetition (:class:`RunRecord`) and over repetitions (:class:`SocietyResult`).

The JSON contract of `regimelab society` is :meth:`SocietyResult.to_dict`:

* ``actors``: one entry per actor, in the scenario's order, with ``name``,
  ``strategy`` (the one it starts with), ``member`` (ever a member),
  ``total_score``, ``mean_score_per_period``, ``cooperation_rate``,
  ``violations`` and ``periods_excluded``: each the mean over repetitions of
  that repetition's value; ``ci95``, the 95% interval of
  ``mean_score_per_period`` over repetitions (null with one repetition), and
  ``first_share``, the share of repetitions in which the actor had the top
  payoff per period (ties shared);
* ``periods``: one entry per period, with ``period`` (from 1),
  ``member_cooperation``, ``cross_cooperation``, ``outsider_cooperation``
  (shares of C among the moves on edges between two members, between a member
  and an outsider, between two outsiders; null where there are none) and
  ``exclusions_active`` (the number of actors that at least one member is
  excluding): each the mean over the repetitions that reach the period;
* ``survival``: the first period after which ``member_cooperation`` stays
  below one half, or null if it does not end below one half;
* ``seed``; and also ``repetitions``, ``regime``, ``society`` (the options),
  ``summary`` and ``versions``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..json_parts import versions
from ..results import json_records
from ..statistics import first_shares, mean_intervals, ratio_interval

ACTOR_COLUMNS = [
    "name", "strategy", "member", "total_score", "mean_score_per_period", "ci95_low", "ci95_high",
    "first_share", "cooperation_rate", "violations", "periods_excluded",
]
PERIOD_COLUMNS = ["period", "member_cooperation", "cross_cooperation", "outsider_cooperation", "exclusions_active"]


@dataclass
class RunRecord:
    """One repetition. Per-actor arrays follow the society's actors; per-period arrays its periods."""

    periods: int
    scores: np.ndarray  # total payoff per actor
    moves: np.ndarray  # moves made per actor (degree x periods)
    cooperations: np.ndarray  # realised C per actor
    violations: np.ndarray  # unprovoked signalled defections against members, per actor
    periods_excluded: np.ndarray  # periods with at least one member excluding the actor
    cooperation_by_kind: np.ndarray  # (periods, 3): C moves on member / cross / outsider edges
    moves_by_kind: np.ndarray  # (periods, 3): all moves on those edges
    exclusions_active: np.ndarray  # (periods,): actors excluded by at least one member
    exclusions_declared: int
    events: list = field(default_factory=list)  # joins, leaves, turnover: {period, actor, event[, strategy]}
    strategies: list = field(default_factory=list)  # each actor's strategy at the end
    actions: np.ndarray | None = None  # (periods, edges, 2), 1 = D, if kept
    signals: np.ndarray | None = None

    def cooperation_shares(self) -> np.ndarray:
        """(periods, 3) shares of C by kind of edge; NaN where there is no such edge."""
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = self.cooperation_by_kind / np.maximum(self.moves_by_kind, 1)
            return np.where(self.moves_by_kind > 0, shares, np.nan)


@dataclass
class SocietyResult:
    """What a society produced over its repetitions: the society, the runs, and the means over them.

    ``name``, ``title`` and ``variant`` say which scenario it came from (None when
    it did not); :meth:`to_dict` is the JSON contract (model page §7.9).
    """
    society: object  # the Society played
    repetitions: int
    seed: int
    runs: list  # of RunRecord
    name: str | None = None  # the scenario's name, title and variant, if it came from one
    title: str | None = None
    variant: str | None = None

    # -- per actor ------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """The actors' names, in the society's order."""
        return self.society.names

    def _per_actor(self, values) -> np.ndarray:
        return np.array([values(run) for run in self.runs], dtype=float)  # (repetitions, actors)

    @property
    def actors(self) -> pd.DataFrame:
        """One row per actor (``ACTOR_COLUMNS``): means over repetitions."""
        scores = self._per_actor(lambda r: r.scores)
        per_period = self._per_actor(lambda r: r.scores / r.periods)
        intervals = mean_intervals(per_period.T)
        with np.errstate(invalid="ignore", divide="ignore"):
            cooperation = self._per_actor(lambda r: r.cooperations / np.where(r.moves > 0, r.moves, np.nan))
        violations = self._per_actor(lambda r: r.violations)
        excluded = self._per_actor(lambda r: r.periods_excluded)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an actor without edges has no rate
            rows = {
                "name": self.names,
                "strategy": [a.strategy.name for a in self.society.actors],
                "member": [a.member for a in self.society.actors],
                "total_score": scores.mean(axis=0),
                "mean_score_per_period": per_period.mean(axis=0),
                "ci95_low": intervals[:, 0],
                "ci95_high": intervals[:, 1],
                "first_share": first_shares(per_period.T),
                "cooperation_rate": np.nanmean(cooperation, axis=0),
                "violations": violations.mean(axis=0),
                "periods_excluded": excluded.mean(axis=0),
            }
        return pd.DataFrame(rows, columns=ACTOR_COLUMNS)

    # -- per period --------------------------------------------------------------------

    @property
    def length(self) -> int:
        """The number of periods of the longest repetition (the rows of :attr:`periods`)."""
        return max(run.periods for run in self.runs)

    def _padded(self, values, width=None) -> np.ndarray:
        """(repetitions, periods[, width]) with NaN after a repetition's end."""
        shape = (len(self.runs), self.length) + (() if width is None else (width,))
        out = np.full(shape, np.nan)
        for k, run in enumerate(self.runs):
            out[k, : run.periods] = values(run)
        return out

    def _period_means(self):
        shares = self._padded(lambda r: r.cooperation_shares(), 3)
        exclusions = self._padded(lambda r: r.exclusions_active)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a period no repetition has: NaN
            return np.nanmean(shares, axis=0), np.nanmean(exclusions, axis=0)

    @property
    def periods(self) -> pd.DataFrame:
        """One row per period (``PERIOD_COLUMNS``): means over the repetitions that reach it."""
        shares, exclusions = self._period_means()
        return pd.DataFrame(
            {
                "period": np.arange(1, self.length + 1),
                "member_cooperation": shares[:, 0],
                "cross_cooperation": shares[:, 1],
                "outsider_cooperation": shares[:, 2],
                "exclusions_active": exclusions,
            },
            columns=PERIOD_COLUMNS,
        )

    @property
    def survival(self) -> int | None:
        """The first period after which cooperation among members stays below one half.

        Periods without an edge between members are skipped. None when there is
        no such edge or the last value is at least one half; 0 when no period
        reaches one half.
        """
        shares, _ = self._period_means()
        return survival_period(shares[:, 0])

    @property
    def mean_member_cooperation(self) -> float | None:
        """Share of C among all moves between members, over all periods and repetitions."""
        cooperations = sum(float(run.cooperation_by_kind[:, 0].sum()) for run in self.runs)
        moves = sum(float(run.moves_by_kind[:, 0].sum()) for run in self.runs)
        return cooperations / moves if moves else None

    @property
    def mean_periods(self) -> float:
        """The mean number of periods per repetition."""
        return float(np.mean([run.periods for run in self.runs]))

    def events(self, repetition: int = 0) -> list[dict]:
        """The events of one repetition: joins, leaves and turnover, ``{period, actor, event[, strategy]}``."""
        return list(self.runs[repetition].events)

    @property
    def mean_member_cooperation_ci95(self) -> tuple[float, float] | None:
        """95% interval of :attr:`mean_member_cooperation` over repetitions (a ratio estimator)."""
        if self.mean_member_cooperation is None:
            return None
        return ratio_interval(
            [run.cooperation_by_kind[:, 0].sum() for run in self.runs],
            [run.moves_by_kind[:, 0].sum() for run in self.runs],
        )

    def summary(self) -> dict:
        """The JSON ``summary``: mean member cooperation and its 95% interval, and means per repetition.

        The means per repetition are of the periods, the exclusions declared and
        the leader changes (turnover events).
        """
        interval = self.mean_member_cooperation_ci95
        return {
            "mean_member_cooperation": self.mean_member_cooperation,
            "mean_member_cooperation_ci95": None if interval is None else list(interval),
            "mean_periods": self.mean_periods,
            "exclusions_declared": float(np.mean([run.exclusions_declared for run in self.runs])),
            "leader_changes": float(np.mean([
                sum(1 for event in run.events if event["event"] == "turnover") for run in self.runs
            ])),
        }

    def to_dict(self) -> dict:
        """The JSON contract of `regimelab society` (see the module's docstring)."""
        society = self.society
        out = {
            "actors": json_records(self.actors),
            "periods": json_records(self.periods),
            "survival": self.survival,
            "seed": int(self.seed),
            "repetitions": int(self.repetitions),
            "regime": society.regime.to_dict(),
            "society": {
                **society.options.to_dict(),
                "graph": society.graph,
                "hub": society.hub,
                "edges": len(society.edge_indices()),
                "schedule": [{"from": c.start, "shadow": c.shadow} for c in society.schedule],
                "turnover": None if society.turnover is None else society.turnover.to_dict(),
            },
            "summary": self.summary(),
            "versions": versions(),
        }
        if self.name is not None:
            out["scenario"] = {"name": self.name, "title": self.title, "variant": self.variant}
        return out


def survival_period(member_cooperation) -> int | None:
    """The survival period (model page §7.9) of the mean member cooperation per period.

    The last period (from 1) in which it is at least one half, provided the last
    defined value is below one half; 0 if no period reaches one half; None if the
    last defined value is at least one half or no value is defined (NaN: no
    member edge in that period, skipped).
    """
    values = np.asarray(member_cooperation, dtype=float)
    present = np.flatnonzero(~np.isnan(values))
    if len(present) == 0 or values[present[-1]] >= 0.5:
        return None
    holding = present[values[present] >= 0.5]
    return int(holding[-1] + 1) if len(holding) else 0
