"""The partial file of a sweep: finished cells saved as they come, locked against a second process.

``FILE.partial.jsonl`` beside the output: a header line (the sweep's
fingerprint and identity), then one JSON line per finished cell,
``{"key": ..., "rows": [...]}``, each flushed and fsync'd before the next.

While a sweep runs, it holds an exclusive ``flock`` on the file; the kernel
releases it when the process ends, however it ends (``kill -9`` included), so
there is no stale lock to clean up. A second sweep on the same output is
refused while the first runs, with the first's process id (read from
``/proc/locks`` on Linux).

Lines read back are trusted only once checked: a line that is cut short, is not
JSON, names no cell of the grid, or whose rows are not that cell's expected
rows (:func:`regimelab.sweeps.rows.rows_problem`) is ignored, said so, and its
cell runs again.
"""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

from .definition import SweepDefinition, SweepError
from .rows import rows_problem

try:
    import fcntl
except ImportError:  # Windows: no flock; two sweeps on one output are then not prevented
    fcntl = None

@contextmanager
def _interrupts_held():
    """Hold SIGINT for the duration of the block; one that arrives is delivered when it ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


#: How a partial file's header line starts (json.dumps of a dict whose first key is the fingerprint).
HEADER_START = '{"fingerprint"'

IDENTITY_WORDS = {
    "players": "players", "base_regime": "base regime", "base_game": "base game (payoffs)",
    "grid": "grid", "repetitions": "repetitions", "seed": "seed", "engine": "engine",
}
#: The words above that take a plural verb ("its players differ").
PLURAL_WORDS = ("players", "repetitions")


def partial_path(output: Path) -> Path:
    """The partial file of ``output``: beside it, its name with ``.partial.jsonl`` appended."""
    return output.with_name(output.name + ".partial.jsonl")


class PartialFile:
    """An open, locked partial file: the cells it holds, and appending new ones.

    Open it with :meth:`open`; close it with :meth:`finish` (the sweep is
    written: remove it), :meth:`discard_if_unused` (nothing was saved by this
    run: leave no trace) or :meth:`close`.
    """

    def __init__(self, path: Path, fd: int, created: bool):
        self.path = path
        self.fd = fd
        self.created = created  # this run created the file
        self.done: dict[str, list[dict]] = {}
        self.added = 0  # cells saved by this run

    @classmethod
    def open(cls, path: Path, definition: SweepDefinition, resume: bool, notify=None) -> PartialFile:
        """Lock ``path`` (creating it if need be) and read the cells it holds.

        Refused (:class:`SweepError`, the file left as it was) when another
        process holds it, when it holds finished cells and ``resume`` is
        false, or when it is another sweep's. ``notify(text)`` is told about
        lines that are ignored.
        """
        fd, created = _open_locked(Path(path))
        partial = cls(Path(path), fd, created)
        try:
            partial.done = partial._load(definition, resume, notify)
        except BaseException:
            partial.discard_if_unused()
            raise
        return partial

    def add(self, key: str, rows: list[dict]) -> None:
        """Append a cell's rows as one JSON line and fsync it, so it survives an interruption.

        Ctrl-C waits until the line is written and counted, so the count an
        interrupted sweep reports is the number of cells in the file.
        """
        with _interrupts_held():
            self._append((json.dumps({"key": key, "rows": rows}) + "\n").encode())
            self.done[key] = rows
            self.added += 1

    def finish(self) -> None:
        """The sweep is written: remove the file, then release it."""
        try:
            self.path.unlink()
        finally:
            self.close()

    def discard_if_unused(self) -> None:
        """Release the file, removing it if this run created it and saved nothing in it."""
        try:
            if self.created and self.added == 0:
                self.path.unlink(missing_ok=True)
        finally:
            self.close()

    def close(self) -> None:
        """Close the file, which releases the lock."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def _load(self, definition: SweepDefinition, resume: bool, notify) -> dict[str, list[dict]]:
        text = _read_all(self.fd).decode("utf-8", errors="replace")
        lines = text.split("\n")
        if not text or (len(lines) == 1 and text.startswith(HEADER_START)):  # new, or its header cut short
            self._write_header(definition)
            return {}
        try:
            header = json.loads(lines[0])
            if not isinstance(header, dict) or "fingerprint" not in header:
                raise ValueError
        except ValueError:
            raise SweepError(f"{self.path} is not a regimelab partial sweep file; delete it to start afresh") from None
        if not any(line.strip() for line in lines[1:]):  # a header and no cell: nothing to lose
            self._write_header(definition)
            return {}
        if not resume:
            raise SweepError(f"an unfinished sweep is saved in {self.path}; use --resume to finish it, or delete it")
        if header["fingerprint"] != definition.fingerprint:
            saved = header.get("identity") if isinstance(header.get("identity"), dict) else {}
            differs = [IDENTITY_WORDS.get(key, key) for key, value in definition.identity().items()
                       if saved.get(key) != value]
            listed = " and ".join(differs) if len(differs) <= 2 else f"{', '.join(differs[:-1])} and {differs[-1]}"
            # "its seed differs", "its players differ", "its seed and grid differ"
            verb = "differs" if len(differs) == 1 and differs[0] not in PLURAL_WORDS else "differ"
            raise SweepError(
                f"{self.path} holds a different sweep (its {listed or 'settings'} {verb} from this "
                "one's); refusing to mix them: rerun with the same settings, or delete the file to start afresh"
            )
        done, ignored = read_cells(lines[1:], definition)
        if ignored and notify is not None:
            number, reason = ignored[0]
            more = f", and {len(ignored) - 1} more" if len(ignored) > 1 else ""
            lines_word = "line" if len(ignored) == 1 else "lines"
            notify(f"ignored {len(ignored)} {lines_word} of {self.path} that hold no valid finished cell "
                   f"(line {number}: {reason}{more}); those cells run again")
        if not text.endswith("\n"):
            self._append(b"\n")  # an interrupted last line stays apart from the next
        return done

    def _write_header(self, definition: SweepDefinition) -> None:
        os.ftruncate(self.fd, 0)
        header = {"fingerprint": definition.fingerprint, "identity": definition.identity()}
        self._append((json.dumps(header) + "\n").encode())

    def _append(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # the file is opened with O_APPEND: every write goes to its end
            view = view[os.write(self.fd, view):]
        os.fsync(self.fd)


def read_cells(lines: list[str], definition: SweepDefinition) -> tuple[dict[str, list[dict]], list[tuple[int, str]]]:
    """The valid cells among a partial file's lines after the header, and the (line number, reason) ignored.

    Empty lines are skipped; a cell saved twice keeps its first valid line.
    """
    keys = {cell.key for cell in definition.grid.cells}
    names = definition.player_names
    done: dict[str, list[dict]] = {}
    ignored = []
    for number, line in enumerate(lines, 2):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            last = number == len(lines) + 1
            ignored.append((number, "cut short" if last else "not JSON"))
            continue
        if not isinstance(record, dict) or set(record) != {"key", "rows"}:
            ignored.append((number, "not a cell's record"))
            continue
        if not isinstance(record["key"], str) or record["key"] not in keys:
            ignored.append((number, "no cell of this grid"))
            continue
        problem = rows_problem(record["rows"], names)
        if problem:
            ignored.append((number, problem))
        elif record["key"] not in done:
            done[record["key"]] = record["rows"]
    return done, ignored


def _open_locked(path: Path) -> tuple[int, bool]:
    """An fd of ``path`` (created if missing) holding its exclusive lock, and whether it was created."""
    for _ in range(5):
        try:
            fd, created = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o666), True
        except FileExistsError:
            try:
                fd, created = os.open(path, os.O_RDWR | os.O_APPEND), False
            except FileNotFoundError:
                continue  # removed in between: create it
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = lock_holder(fd)
            os.close(fd)
            who = f"process {holder}" if holder else "another process"
            raise SweepError(
                f"{path} is in use by another sweep ({who}); wait for it to finish or stop it, then rerun"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        if _same_file(fd, path):
            return fd, created
        os.close(fd)  # removed or replaced while we took the lock: lock what is there now
    raise SweepError(f"{path} keeps being replaced by another process; try again")


def lock_holder(fd: int) -> int | None:
    """The id of the process holding a flock on ``fd``'s file, from ``/proc/locks`` (Linux); None if unknown."""
    status = os.fstat(fd)
    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            table = handle.read().splitlines()
    except OSError:
        return None
    candidates = []
    for line in table:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:2147078 0 EOF"; waiting locks have "->" after the number.
        if len(fields) < 6 or fields[1] != "FLOCK" or not fields[4].isdigit():
            continue
        if fields[5] == device:
            return int(fields[4])
        if fields[5].rsplit(":", 1)[-1] == str(status.st_ino):
            candidates.append(int(fields[4]))  # same inode, device numbered differently (overlay file systems)
    return candidates[0] if len(candidates) == 1 else None


def _same_file(fd: int, path: Path) -> bool:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (status.st_dev, status.st_ino) == (opened.st_dev, opened.st_ino)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
