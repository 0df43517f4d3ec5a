"""Worker processes: how many to start, and pools that never outlive their parent.

Every process pool of regimelab comes from :func:`process_pool`, so that all
of them follow the same three rules:

- **How many.** :func:`worker_count` caps ``-j`` at the work available (a
  pool never has a worker with nothing to do) and at
  :data:`MAX_WORKERS_PER_CORE` per core (``-j 1000`` on 2 cores starts 8, not
  1,000 processes of 180 MB each).
- **Ctrl-C stops at once.** Workers ignore SIGINT (a terminal sends it to the
  whole process group): the parent alone turns it into ``KeyboardInterrupt``,
  and a pool left by an exception terminates its workers instead of waiting for
  the running tasks to finish.
- **Workers die with their parent.** On Linux each worker asks the kernel for
  SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so a parent killed
  by ``kill -9`` or SIGTERM takes its workers with it at once. Everywhere
  (and as a second line on Linux), a daemon thread in each worker polls its
  parent's pid and exits when the worker has been orphaned. SIGKILL, not
  SIGTERM: a worker holds nothing worth saving (its results go to the parent,
  which is gone) and cannot block or handle SIGKILL.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .errors import InvalidParameter

#: At most this many worker processes per core, whatever ``-j`` asks for.
MAX_WORKERS_PER_CORE = 4

#: Seconds between two checks of a worker's parent (the fallback of PR_SET_PDEATHSIG).
PARENT_POLL_SECONDS = 0.5

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def resolve_jobs(jobs: int) -> int:
    """``jobs`` processes; 0 means all cores."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise InvalidParameter("jobs", "an integer >= 0 (0 means all cores)", jobs)
    return jobs or (os.cpu_count() or 1)


def worker_count(jobs: int, work: int) -> int:
    """The processes to start for ``jobs`` (0: all cores) and ``work`` independent tasks.

    At most one per task and :data:`MAX_WORKERS_PER_CORE` per core; at least one.
    """
    cap = MAX_WORKERS_PER_CORE * (os.cpu_count() or 1)
    return max(1, min(resolve_jobs(jobs), work, cap))


@contextmanager
def process_pool(workers: int):
    """A ``ProcessPoolExecutor`` of ``workers`` processes that ignore Ctrl-C and die with this process.

    Leaving the block normally waits for the pool as usual; leaving it by an
    exception (``KeyboardInterrupt`` included) or by closing a generator that
    holds it cancels the tasks not started and terminates the workers at once.
    """
    context = multiprocessing.get_context()
    # fork and spawn make the workers children of this process; forkserver of its server process.
    parent = os.getpid() if context.get_start_method() in ("fork", "spawn") else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(parent,))
    try:
        _launch_workers(pool, context)
        yield pool
    except BaseException:
        stop_at_once(pool)
        raise
    pool.shutdown(wait=True)


def stop_at_once(pool: ProcessPoolExecutor) -> None:
    """Cancel the pool's waiting tasks and terminate its workers without waiting for running ones."""
    # ProcessPoolExecutor has no public way to do this before Python 3.14 (terminate_workers);
    # this is what that method does.
    processes = list((pool._processes or {}).values())
    manager = pool._executor_manager_thread
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (ProcessLookupError, ValueError):  # already gone, or already closed
            continue
    for process in processes:
        try:
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join(timeout=2)
        except ValueError:
            continue
    # The pool's manager thread closes its wake-up pipe as it ends; Python's exit hook for the pool
    # (concurrent.futures' _python_exit) writes to that pipe without a lock, and if the two meet it
    # prints an "Exception ignored" traceback after our one line. Once the thread has ended it does not.
    if manager is not None:
        manager.join(timeout=2)


def _launch_workers(pool: ProcessPoolExecutor, context) -> None:
    """Start the workers now, with SIGINT blocked while they are forked.

    A forked worker inherits the blocked signal until its initializer ignores
    SIGINT, so a Ctrl-C at this moment cannot reach a worker before it is
    ready (it would print a traceback per worker). In this process the signal
    waits until the workers are started, then interrupts as usual.
    """
    if context.get_start_method() != "fork" or not hasattr(signal, "pthread_sigmask"):
        return  # they start with the first task; a Ctrl-C while one starts up is not covered there
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool.submit(int).result()  # a fork pool starts all its workers on its first task
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start_worker(parent: int | None) -> None:
    """In each worker, first of all: ignore Ctrl-C, and exit when the parent dies.

    ``parent``: the pid of the process that started the pool, if it is this
    worker's parent (None: whatever parent this worker has now).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # also discards a Ctrl-C pending since the fork
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = os.getppid() if parent is None else parent
    _ask_kernel_to_kill_on_parent_death()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), name="regimelab-parent-watch", daemon=True).start()


def _ask_kernel_to_kill_on_parent_death() -> None:
    """Linux: SIGKILL this process when its parent dies (a no-op elsewhere, or if prctl is unavailable)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watching thread still ends the worker, within PARENT_POLL_SECONDS


def _exit_when_orphaned(parent: int) -> None:
    """Exit as soon as this process's parent is no longer ``parent`` (it died: this one was reparented)."""
    # Checked at once too: the parent may have died before prctl took effect.
    while os.getppid() == parent:
        threading.Event().wait(PARENT_POLL_SECONDS)
    os._exit(1)
