"""Running a sweep: every cell a tournament, in parallel or on a Dask cluster, resumable.

Finished cells are appended, one JSON line each, to a partial file beside the
output as they complete (:mod:`.partial_file`, locked while the sweep runs);
``resume`` skips them. The partial file starts with the sweep's fingerprint
(:mod:`.definition`), so a resumed sweep never mixes cells of different
sweeps. The final table is assembled in grid order and written atomically, so
it is the same for any number of processes and any order of completion. The
cells run here, in local processes (:mod:`regimelab.workers`) or on a Dask
cluster (:mod:`.cluster`).
"""

from __future__ import annotations

import json
import sys
import warnings
from concurrent.futures import as_completed
from contextlib import closing
from pathlib import Path

import pandas as pd

from ..checks import check_tournament
from ..errors import StrategyFailed, StrategyRefused
from ..exact_tournament import run_exact_tournament
from ..files import write_atomically
from ..game import Game
from ..json_parts import versions
from ..machines import to_machine
from ..progress import progress_bar
from ..regime import Regime
from ..supergame import cooperation_margin
from ..tournament import run_tournament
from ..wording import counted
from ..workers import process_pool, resolve_jobs, worker_count
from .cluster import check_scheduler_address, close, connect, execute_on_cluster
from .definition import SweepDefinition, SweepError
from .partial_file import PartialFile, partial_path
from .rows import CELL_COLUMNS, ROW_COLUMNS

# Names other modules (and users) import from here.
__all__ = [
    "CELL_COLUMNS", "ROW_COLUMNS", "SweepError", "SweepInterrupted", "SweepDefinition", "assemble", "cell_summary",
    "check_scheduler_address", "exact_engine_fits", "manifest", "manifest_path", "partial_path", "run_cell",
    "run_sweep", "validate",
]


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep; its message says how many cells are saved and how to finish."""


def run_cell(
    players, regime: Regime, game: Game, repetitions: int, seed: int, engine: str = "simulate"
) -> list[dict]:
    """One cell: a tournament in one process (played, or computed exactly); one row per player."""
    if engine == "exact":
        result = run_exact_tournament(list(players), regime, game)
    else:
        result = run_tournament(list(players), regime, game, repetitions=repetitions, seed=seed, jobs=1, engine=engine)
    cell = {
        "cell_mean_cooperation": result.mean_cooperation,
        "cell_mean_payoff": result.mean_payoff,
        "expected_class": result.expected_game.classify(),
        "winner": result.ranked_names[0],
        "winner_robust": result.winner_robust,
        # The super-game margin of model page §5 (Grim against Always Defect), exact whatever the engine:
        # a closed form under perfect information, and the metric `regimelab sensitivity --metric margin` reads.
        "supergame_margin": float(cooperation_margin(regime, game)),
    }
    rows = []
    for row in result.players.to_dict(orient="records"):
        rows.append({
            "player": row["name"],
            "rank": int(row["rank"]),
            "mean_score_per_turn": float(row["mean_score_per_turn"]),
            "ci95_low": _number(row["ci95_low"]),
            "ci95_high": _number(row["ci95_high"]),
            "median_score_per_turn": float(row["median_score_per_turn"]),
            "first_share": _number(row["first_share"]),
            "mean_match_score": float(row["mean_match_score"]),
            "cooperation_rate": float(row["cooperation_rate"]),
            **cell,
        })
    return rows


def _number(value) -> float | None:
    """A float for the partial file's JSON lines; None for NaN (no interval: exact, or one repetition)."""
    value = float(value)
    return None if value != value else value


def manifest_path(output: Path) -> Path:
    """The manifest of ``output``: beside it, its name with ``.manifest.json`` appended."""
    return output.with_name(output.name + ".manifest.json")


def run_sweep(
    definition: SweepDefinition,
    output: Path,
    jobs: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
    notify=None,
) -> pd.DataFrame:
    """Run every cell not yet done, then write the whole table to ``output``.

    Everything is checked (the players under every cell's regime, the seed,
    the partial file and its lock, the scheduler) before anything is written.
    ``notify(text)`` hears, in one line, about saved lines that are ignored
    (their cells run again; default: a ``RuntimeWarning``). Ctrl-C raises
    :class:`SweepInterrupted`, whose message says how many cells are saved.
    """
    output = Path(output)
    jobs = resolve_jobs(jobs)
    if scheduler:
        check_scheduler_address(scheduler)
    validate(definition)
    partial = PartialFile.open(partial_path(output), definition, resume, notify or _warn)
    try:
        todo = list({cell.key: cell for cell in definition.grid.cells if cell.key not in partial.done}.values())
        client = connect(scheduler) if scheduler and todo else None
        try:
            _save_cells(definition, todo, jobs, client, partial, progress)
        finally:
            if client is not None:
                close(client)
        table = assemble(definition, partial.done)
        if output.suffix.lower() == ".csv":
            write_atomically(output, lambda handle: handle.write(table.to_csv(index=False, lineterminator="\n")))
        else:
            write_atomically(output, lambda handle: table.to_parquet(handle, index=False))
        write_atomically(manifest_path(output),
                         lambda handle: handle.write(json.dumps(manifest(definition), indent=2) + "\n"))
    except KeyboardInterrupt:
        saved = len(partial.done)
        partial.discard_if_unused()
        if not partial.path.exists():
            raise SweepInterrupted("no cell of the sweep had finished, so nothing is saved") from None
        raise SweepInterrupted(
            f"{saved} of {counted(_distinct(definition), 'cell')} {'is' if saved == 1 else 'are'} saved in "
            f"{partial.path}; "
            "run the same command with --resume to finish the sweep"
        ) from None
    except BaseException:
        partial.discard_if_unused()
        raise
    partial.finish()
    return table


def _save_cells(definition: SweepDefinition, todo: list, jobs: int, client, partial: PartialFile,
                progress: bool) -> None:
    """Run the cells ``todo`` and save each in the partial file as it finishes."""
    total = _distinct(definition)
    bar = progress_bar(total, progress, "Sweep cells", "cell", initial=total - len(todo))
    try:
        # closing: an error here stops the cells still running at once, not when the generator is collected.
        with closing(_execute(definition, todo, jobs, client)) as finished:
            for cell, rows in finished:
                partial.add(cell.key, rows)
                bar.update(1)
    finally:
        bar.close()


def _distinct(definition: SweepDefinition) -> int:
    """The number of distinct cells: a sampled design may draw a point twice (Morris' levels), run once."""
    return len({cell.key for cell in definition.grid.cells})


def _warn(text: str) -> None:
    warnings.warn(text, RuntimeWarning, stacklevel=3)


def validate(definition: SweepDefinition) -> None:
    """Fail before any file is touched if some cell could not run."""
    players = list(definition.players)
    checked = set()
    for cell in definition.grid.cells:
        regime, game = cell.regime_and_game(definition.base_regime, definition.base_game)
        if (regime, game) in checked:
            continue
        checked.add((regime, game))
        check_tournament(players, regime, game, definition.repetitions, definition.seed)
        if definition.engine == "exact":
            _check_machines(players, regime, game)


def exact_engine_fits(definition: SweepDefinition) -> bool:
    """Whether every player has a finite-state form under every cell's regime, so the exact engine can run it."""
    players = list(definition.players)
    checked = set()
    for cell in definition.grid.cells:
        regime, game = cell.regime_and_game(definition.base_regime, definition.base_game)
        # A machine depends on the game it is told, the noise and a known length only.
        kind = (regime.expected_game(game).payoffs, regime.noise, regime.horizon.known_length)
        if kind in checked:
            continue
        checked.add(kind)
        try:
            _check_machines(players, regime, game)
        except (StrategyRefused, StrategyFailed):
            return False
    return True


def _check_machines(players, regime: Regime, game: Game) -> None:
    """Every player has a finite-state form under this cell's regime (else NotFiniteState names it)."""
    told = regime.expected_game(game)
    for player in players:
        to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)


def assemble(definition: SweepDefinition, done: dict) -> pd.DataFrame:
    """The tidy table in grid order: swept parameters, then one row per player."""
    rows = []
    for index, cell in enumerate(definition.grid.cells):
        for row in done[cell.key]:
            rows.append({**row, **cell.as_dict(), "cell": index})  # the grid's values, never a saved row's
    return pd.DataFrame(rows, columns=definition.grid.names + ROW_COLUMNS)


def cell_summary(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One row per cell: the swept values and the cell-level columns."""
    return table[names + CELL_COLUMNS].drop_duplicates("cell").reset_index(drop=True)


def manifest(definition: SweepDefinition) -> dict:
    """The manifest written beside the output: command line, fingerprint, identity, grid summary, versions."""
    return {
        "command": sys.argv,
        "fingerprint": definition.fingerprint,
        **definition.identity(),
        "grid": definition.grid.to_dict(),
        "versions": versions(),
    }


def _execute(definition: SweepDefinition, cells, jobs: int, client=None):
    """Yield (cell, rows) as cells finish: in this process, local processes or a Dask cluster.

    Closing the generator (an error, Ctrl-C) stops the local processes at once.
    """
    if not cells:
        return
    tasks = []
    for cell in cells:
        regime, game = cell.regime_and_game(definition.base_regime, definition.base_game)
        arguments = (definition.players, regime, game, definition.repetitions, definition.cell_seed(cell),
                     definition.engine)
        tasks.append((cell, arguments))
    if client is not None:
        yield from execute_on_cluster(tasks, client, run_cell)
        return
    workers = worker_count(jobs, len(tasks))
    if workers == 1:
        for cell, arguments in tasks:
            yield cell, run_cell(*arguments)
        return
    with process_pool(workers) as pool:
        futures = {pool.submit(run_cell, *arguments): cell for cell, arguments in tasks}
        for future in as_completed(futures):
            yield futures[future], future.result()
