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

from ..checks import check_tournament
from ..errors import InvalidParameter, RegimelabError
from ..exact_tournament import run_exact_tournament
from ..files import write_atomically
from ..game import Game
from ..machines import to_machine
from ..progress import progress_bar
from ..regime import Regime
from ..results import versions
from ..tournament import resolve_jobs, run_tournament
from .grid import Cell, SweepGrid

ROW_COLUMNS = [
    "cell", "player", "rank", "mean_score_per_turn", "ci95_low", "ci95_high", "median_score_per_turn",
    "first_share", "mean_match_score", "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff",
    "expected_class", "winner", "winner_robust",
]
CELL_COLUMNS = ["cell", "cell_mean_cooperation", "cell_mean_payoff", "expected_class", "winner", "winner_robust"]


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
    engine: str = "simulate"  # or "exact": expected values, seed and repetitions unused

    def identity(self) -> dict:
        """What fixes the results, as JSON: players, base regime and game, grid, repetitions, seed, engine."""
        return {
            "players": [str(player) for player in self.players],
            "base_regime": self.base_regime.to_dict(),
            "base_game": self.base_game.to_dict(),
            "grid": {"mode": self.grid.mode, "params": {n: list(v) for n, v in self.grid.params}},
            "repetitions": self.repetitions,
            "seed": self.seed,
            "engine": self.engine,
        }

    @property
    def fingerprint(self) -> str:
        """16 hex digits of the SHA-256 of :meth:`identity`; a partial file must carry the same to resume."""
        return hashlib.sha256(json.dumps(self.identity(), sort_keys=True).encode()).hexdigest()[:16]


def run_cell(
    players, regime: Regime, game: Game, repetitions: int, seed: int, engine: str = "simulate"
) -> list[dict]:
    """One cell: a tournament in one process (played, or computed exactly); one row per player."""
    if engine == "exact":
        result = run_exact_tournament(list(players), regime, game)
    else:
        result = run_tournament(list(players), regime, game, repetitions=repetitions, seed=seed, jobs=1)
    cell = {
        "cell_mean_cooperation": result.mean_cooperation,
        "cell_mean_payoff": result.mean_payoff,
        "expected_class": result.expected_game.classify(),
        "winner": result.ranked_names[0],
        "winner_robust": result.winner_robust,
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


def partial_path(output: Path) -> Path:
    """The partial file of ``output``: beside it, its name with ``.partial.jsonl`` appended."""
    return output.with_name(output.name + ".partial.jsonl")


def manifest_path(output: Path) -> Path:
    """The manifest of ``output``: beside it, its name with ``.manifest.json`` appended."""
    return output.with_name(output.name + ".manifest.json")


IDENTITY_WORDS = {
    "players": "players", "base_regime": "base regime", "base_game": "base game (payoffs)",
    "grid": "grid", "repetitions": "repetitions", "seed": "seed",
}


def read_partial(path: Path, spec: SweepSpec) -> dict[str, list[dict]]:
    """Cells already done, by key; refuses a partial file of another sweep.

    A line that does not parse (the last one, cut short by an interruption)
    is skipped: that cell runs again.
    """
    done: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    try:
        header = json.loads(lines[0])
        if not isinstance(header, dict) or "fingerprint" not in header:
            raise ValueError
    except ValueError:
        raise SweepError(f"{path} is not a regimelab partial sweep file; delete it to start afresh") from None
    if header["fingerprint"] != spec.fingerprint:
        saved = header.get("identity") if isinstance(header.get("identity"), dict) else {}
        differs = [IDENTITY_WORDS[key] for key, value in spec.identity().items() if saved.get(key) != value]
        raise SweepError(
            f"{path} holds a different sweep (its {', '.join(differs) or 'settings'} differ from this one's); "
            "refusing to mix them: rerun with the same settings, or delete the file to start afresh"
        )
    keys = {cell.key for cell in spec.grid.cells}
    for line in lines[1:]:
        try:
            record = json.loads(line)
            key, rows = record["key"], record["rows"]
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by an interruption: that cell runs again
        if key in keys and isinstance(rows, list):
            done[key] = rows
    return done


class PartialWriter:
    """Appends finished cells to the partial file, each one durable before the next."""

    def __init__(self, path: Path, spec: SweepSpec, fresh: bool):
        self.path = path
        if fresh:  # the header appears whole or not at all

            header = json.dumps({"fingerprint": spec.fingerprint, "identity": spec.identity()})
            write_atomically(path, lambda handle: handle.write(header + "\n"))
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
        """Append the cell's rows as one JSON line and fsync it, so it survives an interruption."""
        self.handle.write(json.dumps({"key": cell.key, "rows": rows}) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Close the partial file."""
        self.handle.close()


def run_sweep(
    spec: SweepSpec,
    output: Path,
    jobs: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
) -> pd.DataFrame:
    """Run every cell not yet done, then write the whole table to ``output``.

    Everything is checked (the players under every cell's regime, the seed,
    the partial file, the scheduler) before anything is written.
    """
    output = Path(output)
    jobs = resolve_jobs(jobs)
    if scheduler:
        check_scheduler_address(scheduler)
    validate(spec)
    partial = partial_path(output)
    if partial.exists() and not resume:
        raise SweepError(f"an unfinished sweep is saved in {partial}; use --resume to finish it, or delete it")
    done = read_partial(partial, spec) if partial.exists() else {}
    todo = [cell for cell in spec.grid.cells if cell.key not in done]
    client = connect(scheduler) if scheduler and todo else None
    try:
        writer = PartialWriter(partial, spec, fresh=not partial.exists())
        total = len(spec.grid.cells)
        bar = progress_bar(total, progress, "Sweep cells", "cell", initial=total - len(todo))
        try:
            for cell, rows in _execute(spec, todo, jobs, client):
                writer.add(cell, rows)
                done[cell.key] = rows
                bar.update(1)
        finally:
            writer.close()
            bar.close()
    finally:
        if client is not None:
            client.close()
    table = assemble(spec, done)
    suffix = output.suffix.lower()
    if suffix == ".csv":
        write_atomically(output, lambda handle: handle.write(table.to_csv(index=False, lineterminator="\n")))
    else:
        write_atomically(output, lambda handle: table.to_parquet(handle, index=False))
    write_atomically(manifest_path(output), lambda handle: handle.write(json.dumps(manifest(spec), indent=2) + "\n"))
    partial.unlink()
    return table


def validate(spec: SweepSpec) -> None:
    """Fail before any file is touched if some cell could not run."""
    players = list(spec.players)
    checked = set()
    for cell in spec.grid.cells:
        regime, game = cell.regime_and_game(spec.base_regime, spec.base_game)
        if (regime, game) in checked:
            continue
        checked.add((regime, game))
        check_tournament(players, regime, game, spec.repetitions, spec.seed)
        if spec.engine == "exact":
            _check_machines(players, regime, game)


def _check_machines(players, regime: Regime, game: Game) -> None:
    """Every player has a finite-state form under this cell's regime (else NotFiniteState names it)."""
    told = regime.expected_game(game)
    for player in players:
        to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)


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
    """The manifest written beside the output: command line, fingerprint, identity, grid summary, versions."""
    import sys

    return {
        "command": sys.argv,
        "fingerprint": spec.fingerprint,
        **spec.identity(),
        "grid": spec.grid.to_dict(),
        "versions": versions(),
    }


def _execute(spec: SweepSpec, cells, jobs: int, client=None):
    """Yield (cell, rows) as cells finish: in this process, local processes or a Dask cluster."""
    if not cells:
        return
    tasks = []
    for cell in cells:
        regime, game = cell.regime_and_game(spec.base_regime, spec.base_game)
        tasks.append((cell, (spec.players, regime, game, spec.repetitions, cell.seed(spec.seed), spec.engine)))
    if client is not None:
        yield from _execute_dask(tasks, client)
    elif jobs == 1 or len(tasks) == 1:
        for cell, arguments in tasks:
            yield cell, run_cell(*arguments)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            futures = {pool.submit(run_cell, *arguments): cell for cell, arguments in tasks}
            try:
                for future in as_completed(futures):
                    yield futures[future], future.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise


#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 5


def connect(scheduler: str):
    """A Dask client of the scheduler, with workers that run this regimelab and axelrod."""
    try:
        # Imported here: an optional extra, needed by --scheduler alone.
        from distributed import Client
    except ImportError:
        raise SweepError(
            "--scheduler needs the optional 'distributed' package: pip install 'regimelab[cluster]'"
        ) from None
    try:
        client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise SweepError(f"cannot reach the Dask scheduler at {scheduler} ({_one_line(error)})") from None
    try:
        _check_workers(client)
    except BaseException:
        client.close()
        raise
    return client


def worker_versions() -> dict:
    """What a Dask worker runs (called on each worker)."""
    return versions()


def _check_workers(client) -> None:
    """Refuse workers whose regimelab or axelrod differ from ours: their results would too."""
    ours = versions()
    try:
        theirs = client.run(worker_versions)
    except Exception as error:
        raise SweepError(
            f"the Dask workers cannot run regimelab ({_one_line(error)}); "
            f"install regimelab {ours['regimelab']} with axelrod {ours['axelrod']} on every worker"
        ) from None
    for worker, found in sorted(theirs.items()):
        if found != ours:
            raise SweepError(
                f"the Dask worker {worker} runs regimelab {found.get('regimelab')} with axelrod "
                f"{found.get('axelrod')}, this sweep regimelab {ours['regimelab']} with axelrod "
                f"{ours['axelrod']}; install the same versions on every worker"
            )


def _execute_dask(tasks, client):
    from distributed import as_completed as dask_completed

    futures = {}
    for cell, arguments in tasks:
        # pure=False: a fresh key per task, never shared with another sweep on the same cluster.
        futures[client.submit(run_cell, *arguments, pure=False)] = cell
    for future in dask_completed(futures, loop=client.loop):
        try:
            rows = future.result()
        except RegimelabError:
            raise
        except Exception as error:
            raise SweepError(
                f"a cell failed on the Dask cluster ({_one_line(error)}); the cells finished so far "
                "are saved: rerun with --resume"
            ) from None
        yield futures[future], rows


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def check_scheduler_address(address: str) -> str:
    """``tcp://HOST:PORT`` or ``tls://HOST:PORT`` (HOST may be ``[IPv6]``)."""
    scheme, sep, location = address.partition("://")
    host, colon, port = location.rpartition(":")
    ok = (
        sep and scheme in ("tcp", "tls") and colon and host and port.isdigit() and 0 < int(port) < 65536
        and not any(c in host for c in "/ ?#@")
        and (":" not in host or (host.startswith("[") and host.endswith("]")))
    )
    if not ok:
        raise InvalidParameter("scheduler", "an address tcp://HOST:PORT (or tls://HOST:PORT)", address)
    return address
