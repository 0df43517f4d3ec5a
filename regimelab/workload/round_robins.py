"""The estimates of ``run``, ``compare`` and ``sweep``: one round robin or several, simulated or exact."""

from __future__ import annotations

from ..game import Game
from ..regime import Regime
from .exact import exact_tournament_workload, machines_for
from .limit import Workload
from .rates import RECORD_BYTES
from .tournament import PlayerCosts, simulated_round_robin, tournament_workload, workers_for


def comparison_workload(players, regimes, games, repetitions: int, engine: str = "simulate",
                        jobs: int = 1) -> Workload:
    """``compare``: one tournament per regime, one after the other, every result kept until the end."""
    from ..tournament import simulation_engine

    players = list(players)
    costs = PlayerCosts.of(players) if engine != "exact" else None
    played = engine if engine == "exact" else simulation_engine(engine, regimes)  # as compare_regimes decides
    workload = Workload()
    for regime, game in zip(regimes, games):
        if engine == "exact":
            one = exact_tournament_workload(players, regime, game)
        else:
            one = simulated_round_robin(costs, regime, repetitions, workers_for(jobs, len(players) ** 2), played)
        workload = workload.then(one)
    return workload


#: The regime parameters an estimate depends on (the horizon, and whether and how signals and noise
#: randomise); cells that differ only in others (fines, costs, payoffs) are estimated once.
_ESTIMATED_BY = ("turns", "shadow", "noise", "transparency", "false_alarm")


def sweep_workload(definition, jobs: int = 1) -> Workload:
    """``sweep``: the sum over cells of one tournament each (``definition``: a ``SweepDefinition``).

    Cells run ``-j`` at a time (each in one process), so the working set is
    that many cells' at once; each cell keeps one row per player. Cells that
    differ only in parameters the estimate does not depend on (fines, costs,
    payoffs) are estimated once. For ``--engine exact`` the machines are made
    once per noise and known length, under the first such cell's game (a
    machine's size rarely depends on the game it is told), and the chains of
    a kind of regime (noise or none, p and a each 0, 1 or between) are sized
    once.
    """
    players = list(definition.players)
    cells = list(definition.grid.cells)
    workers = workers_for(jobs, len(cells))
    costs = PlayerCosts.of(players) if definition.engine != "exact" else None
    groups: dict = {}
    for cell in cells:
        key = tuple((name, value) for name, value in cell.values if name in _ESTIMATED_BY)
        groups.setdefault(key, [cell, 0])[1] += 1
    machines_by_kind: dict = {}
    total = Workload()
    for cell, count in groups.values():
        regime, game = cell.regime_and_game(definition.base_regime, definition.base_game)
        if definition.engine == "exact":
            kind = (regime.noise, regime.horizon.known_length)
            if kind not in machines_by_kind:
                machines_by_kind[kind] = machines_for(players, regime, game)
            one = exact_tournament_workload(players, regime, game, machines=machines_by_kind[kind])
        else:
            one = simulated_round_robin(costs, regime, definition.repetitions, 1, definition.engine)
        total = total.then(Workload(count * one.rounds, count * one.pairings, one.largest_chain, count * one.seconds,
                                    count * len(players) * RECORD_BYTES, workers * (one.kept + one.transient)))
    return total


def run_workload(players, regime: Regime, game: Game | None = None, repetitions: int = 10,
                 engine: str = "simulate", jobs: int = 1) -> Workload:
    """``run``: a simulated round robin, or the exact engine's (``engine="exact"``)."""
    if engine == "exact":
        return exact_tournament_workload(players, regime, game)
    return tournament_workload(players, regime, repetitions, jobs, engine)
