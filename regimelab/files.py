"""Writing files so that a reader never sees half of one.

Every file regimelab writes (tables, JSON, pictures, sweep outputs) goes
through :func:`write_atomically`: a temporary file beside the target, flushed
to disk, then renamed into place, so an interruption leaves the old file or
none, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
BINARY_SUFFIXES = (".parquet",) + PLOT_SUFFIXES


def write_atomically(path: Path, write) -> None:
    """Call ``write(file_object)`` on a temporary file beside ``path``, then rename it into place."""
    binary = path.suffix.lower() in BINARY_SUFFIXES
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    try:
        text_options = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, "wb" if binary else "w", **text_options) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
