"""Running a sweep: every cell a tournament, in parallel or on a Dask cluster, resumable.

Finished cells are appended, one JSON line each, to a partial file beside the
output as they complete; ``resume`` skips them. The partial file starts with
the sweep's fingerprint (players, base regime and game, grid, repetitions,
seed), so a resumed sweep never mixes cells of different sweeps. The final
table is assembled in grid order and written atomically, so it is the same
for any number of processes and any order of completion.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InvalidParameter, RegimelabError
from ..game import Game
from ..regime import Regime
from ..progress import progress_bar
from ..tournament import run_tournament
from .grid import Cell, SweepGrid

ROW_COLUMNS = [
    "cell", "player", "rank", "mean_score_per_turn", "median_score_per_turn", "mean_match_score",
    "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff", "expected_class", "winner",
]
CELL_COLUMNS = ["cell", "cell_mean_cooperation", "cell_mean_payoff", "expected_class", "winner"]


class SweepError(RegimelabError):
    """A sweep that cannot start or continue as asked (a partial file, a scheduler)."""


@dataclass(frozen=True)
class SweepSpec:
    """Everything that determines a sweep's results."""

    players: tuple
    base_regime: Regime
    base_game: Game
    grid: SweepGrid
    repetitions: int
    seed: int

    def identity(self) -> dict:
        return {
            "players": [str(player) for player in self.players],
            "base_regime": self.base_regime.to_dict(),
            "base_game": self.base_game.to_dict(),
            "grid": {"mode": self.grid.mode, "params": {n: list(v) for n, v in self.grid.params}},
            "repetitions": self.repetitions,
            "seed": self.seed,
        }

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.identity(), sort_keys=True).encode()).hexdigest()[:16]


def run_cell(players, regime: Regime, game: Game, repetitions: int, seed: int) -> list[dict]:
    """One cell: a tournament in one process; one row per player."""
    result = run_tournament(list(players), regime, game, repetitions=repetitions, seed=seed, jobs=1)
    cell = {
        "cell_mean_cooperation": result.mean_cooperation,
        "cell_mean_payoff": result.mean_payoff,
        "expected_class": result.expected_game.classify(),
        "winner": result.ranked_names[0],
    }
    rows = []
    for row in result.players.to_dict(orient="records"):
        rows.append({
            "player": row["name"],
            "rank": int(row["rank"]),
            "mean_score_per_turn": float(row["mean_score_per_turn"]),
            "median_score_per_turn": float(row["median_score_per_turn"]),
            "mean_match_score": float(row["mean_match_score"]),
            "cooperation_rate": float(row["cooperation_rate"]),
            **cell,
        })
    return rows


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial.jsonl")


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + ".manifest.json")


def read_partial(path: Path, spec: SweepSpec) -> dict[str, list[dict]]:
    """Cells already done, by key; refuses a partial file of another sweep."""
    done: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    try:
        header = json.loads(lines[0])
    except (json.JSONDecodeError, IndexError):
        raise SweepError(f"{path} is not a regimelab partial sweep file; delete it to start afresh") from None
    if header.get("fingerprint") != spec.fingerprint:
        differs = [key for key, value in spec.identity().items() if header.get("identity", {}).get(key) != value]
        raise SweepError(
            f"{path} belongs to a different sweep (its {', '.join(differs) or 'settings'} differ); "
            "refusing to mix them: rerun with the same settings, or delete the file to start afresh"
        )
    for line in lines[1:]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by an interruption: that cell runs again
        done[record["key"]] = record["rows"]
    return done


class PartialWriter:
    """Appends finished cells to the partial file, each one durable before the next."""

    def __init__(self, path: Path, spec: SweepSpec, fresh: bool):
        self.path = path
        if fresh:
            header = json.dumps({"fingerprint": spec.fingerprint, "identity": spec.identity()})
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(header + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        else:
            self._end_with_newline()
        self.handle = open(path, "a", encoding="utf-8")

    def _end_with_newline(self) -> None:
        with open(self.path, "rb+") as handle:
            if handle.seek(0, os.SEEK_END) == 0:
                return
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                handle.write(b"\n")  # an interrupted last line stays apart from the next

    def add(self, cell: Cell, rows: list[dict]) -> None:
        self.handle.write(json.dumps({"key": cell.key, "rows": rows}) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()


def run_sweep(
    spec: SweepSpec,
    output: Path,
    jobs: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
) -> pd.DataFrame:
    """Run every cell not yet done, then write the whole table to ``output``."""
    from ..cli.output import write_atomically
    from ..tournament import resolve_jobs

    jobs = resolve_jobs(jobs)
    partial = partial_path(output)
    if partial.exists() and not resume:
        raise SweepError(f"an unfinished sweep is saved in {partial}; use --resume to finish it, or delete it")
    done = read_partial(partial, spec) if partial.exists() else {}
    todo = [cell for cell in spec.grid.cells if cell.key not in done]
    writer = PartialWriter(partial, spec, fresh=not partial.exists())
    bar = progress_bar(len(spec.grid.cells), progress, "Sweep cells", "cell", initial=len(spec.grid.cells) - len(todo))
    try:
        for cell, rows in _execute(spec, todo, jobs, scheduler):
            writer.add(cell, rows)
            done[cell.key] = rows
            bar.update(1)
    finally:
        writer.close()
        bar.close()
    table = assemble(spec, done)
    suffix = output.suffix.lower()
    if suffix == ".csv":
        write_atomically(output, lambda handle: handle.write(table.to_csv(index=False, lineterminator="\n")))
    else:
        write_atomically(output, lambda handle: table.to_parquet(handle, index=False))
    write_atomically(manifest_path(output), lambda handle: handle.write(json.dumps(manifest(spec), indent=2) + "\n"))
    partial.unlink()
    return table


def assemble(spec: SweepSpec, done: dict) -> pd.DataFrame:
    """The tidy table in grid order: swept parameters, then one row per player."""
    rows = []
    for index, cell in enumerate(spec.grid.cells):
        for row in done[cell.key]:
            rows.append({**cell.as_dict(), "cell": index, **row})
    return pd.DataFrame(rows, columns=spec.grid.names + ROW_COLUMNS)


def cell_summary(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One row per cell: the swept values and the cell-level columns."""
    return table[names + CELL_COLUMNS].drop_duplicates("cell").reset_index(drop=True)


def manifest(spec: SweepSpec) -> dict:
    import sys

    from ..results import versions

    return {
        "command": sys.argv,
        "fingerprint": spec.fingerprint,
        **spec.identity(),
        "grid": spec.grid.to_dict(),
        "versions": versions(),
    }


def _execute(spec: SweepSpec, cells, jobs: int, scheduler: str | None):
    """Yield (cell, rows) as cells finish, locally or on a Dask cluster."""
    if not cells:
        return
    tasks = []
    for cell in cells:
        regime, game = cell.regime_and_game(spec.base_regime, spec.base_game)
        tasks.append((cell, (spec.players, regime, game, spec.repetitions, cell.seed(spec.seed))))
    if scheduler:
        yield from _execute_dask(tasks, scheduler)
    elif jobs == 1:
        for cell, arguments in tasks:
            yield cell, run_cell(*arguments)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(run_cell, *arguments): cell for cell, arguments in tasks}
            try:
                for future in as_completed(futures):
                    yield futures[future], future.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise


def _execute_dask(tasks, scheduler: str):
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise SweepError("--scheduler needs the 'distributed' package") from None
    try:
        client = Client(scheduler, timeout="5s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise SweepError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    try:
        futures = {}
        for cell, arguments in tasks:
            future = client.submit(run_cell, *arguments, key=f"regimelab-cell-{cell.seed(0)}-{len(futures)}", pure=False)
            futures[future] = cell
        for future in dask_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()


def check_scheduler_address(address: str) -> str:
    if not address.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise InvalidParameter("scheduler", "an address such as tcp://HOST:PORT", address)
    return address
