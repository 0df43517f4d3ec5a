"""The process pools (regimelab/workers.py): stopped at once, nothing of them left for Python's exit to meet."""

import time

import pytest

from regimelab.workers import process_pool


def test_a_pool_left_by_an_interrupt_ends_its_workers_and_its_manager_thread():
    with pytest.raises(KeyboardInterrupt), process_pool(2) as pool:
        running = pool.submit(time.sleep, 30)
        waiting = [pool.submit(time.sleep, 30) for _ in range(4)]
        processes = list(pool._processes.values())
        manager = pool._executor_manager_thread
        raise KeyboardInterrupt
    assert not any(process.is_alive() for process in processes)
    # the manager thread ended: concurrent.futures' exit hook cannot race it for its wake-up pipe
    assert not manager.is_alive()
    assert all(future.cancelled() for future in waiting[2:])
    assert running.done()
