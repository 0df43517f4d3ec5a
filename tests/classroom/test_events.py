"""Change counters behind the event streams (the streams themselves run in tests/classroom/test_static.py)."""

import threading

from regimelab.classroom.events import Changes


def test_bumps_from_many_threads_are_all_counted():
    changes = Changes()
    threads = [threading.Thread(target=lambda: [changes.bump("a", "b") for _ in range(500)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert changes.versions(("a", "b", "never")) == (4000, 4000, 0)
