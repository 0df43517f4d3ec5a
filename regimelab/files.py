"""Writing files so that a reader never sees half of one.

Every file regimelab writes (tables, JSON, pictures, sweep outputs) goes
through :func:`write_atomically`: a temporary file beside the target, flushed
to disk, then renamed into place, so an interruption leaves the old file or
none, never a torn one.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
BINARY_SUFFIXES = (".parquet",) + PLOT_SUFFIXES


#: A temporary file left by a writer that is gone (killed by SIGKILL, say) is removed by the next
#: write to the same target: at once when its writer's pid is dead, else once it is this old.
STALE_SECONDS = 3600


class WriteFailed(OSError):
    """Writing a file failed (a full disk, say): the message names the file, then the system's reason."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def write_atomically(path: Path, write) -> None:
    """Call ``write(file_object)`` on a temporary file beside ``path``, then rename it into place.

    The temporary file is ``.NAME.PID.XXXXXXXX.part`` (the writer's pid, then a random part);
    such files left by dead writers of the same target are removed first
    (:func:`remove_stale_parts`). An ``OSError`` (a full disk) leaves as
    :class:`WriteFailed`, which names ``path``.
    """
    path = Path(path)
    binary = path.suffix.lower() in BINARY_SUFFIXES
    folder = path.parent or Path(".")
    remove_stale_parts(path)
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=folder)
        text_options = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, "wb" if binary else "w", **text_options) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, WriteFailed):
            raise WriteFailed(error.errno, error.strerror or str(error), str(path)) from error
        raise


def remove_stale_parts(path: Path) -> None:
    """Remove the temporary files of :func:`write_atomically` for ``path`` whose writer is gone.

    Only files of our own naming for this target (``.NAME.PID.XXXXXXXX.part``):
    those whose pid is not a running process, and any older than
    :data:`STALE_SECONDS` (a pid may have been reused; a name without a pid,
    from an older regimelab, only ages out). Nothing else is touched, and a
    file that cannot be removed is left.
    """
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.part$")
    try:
        entries = list(os.scandir(path.parent or Path(".")))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            pid = int(match.group(1)) if match.group(1) else None
            if old or (pid is not None and not _is_running(pid)):
                os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove


def _is_running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user counts as running)."""
    if pid <= 0:
        return True  # not a pid we wrote: leave it to age out
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
