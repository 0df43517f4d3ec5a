"""Server-sent events: each page gets a fresh snapshot whenever something it shows has changed.

Writers bump named counters (``session:ID`` for anything in a session,
``student:ID`` for a student's match, ``control:ID`` for the teacher's
actions); a stream polls the counters it watches, in memory, and sends a
snapshot when one has moved, at most every ``interval`` seconds, with a
comment line now and then so that proxies and browsers keep the connection.
A browser's ``EventSource`` reconnects by itself after a server restart.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse

#: Seconds between checks of the counters, and between keep-alive comments.
INTERVAL = 0.25
KEEPALIVE = 15.0


class Changes:
    """Counters of changes by key, safe to bump from any thread."""

    def __init__(self):
        self._versions: dict[str, int] = {}
        self._lock = threading.Lock()

    def bump(self, *keys: str) -> None:
        """Mark ``keys`` as changed."""
        with self._lock:
            for key in keys:
                self._versions[key] = self._versions.get(key, 0) + 1

    def versions(self, keys) -> tuple:
        """The current counters of ``keys``."""
        with self._lock:
            return tuple(self._versions.get(key, 0) for key in keys)


def event_stream(request, changes: Changes, keys, snapshot, interval: float = INTERVAL) -> StreamingResponse:
    """A ``text/event-stream`` response: ``snapshot()`` (a JSON-able value, computed in a thread) on every change
    of the counters ``keys()``."""

    async def events():
        seen, quiet_since = None, time.monotonic()
        while not await request.is_disconnected():
            versions = changes.versions(keys())
            if versions != seen:
                seen = versions
                data = await run_in_threadpool(snapshot)
                yield f"data: {json.dumps(data)}\n\n"
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since > KEEPALIVE:
                yield ": keep-alive\n\n"
                quiet_since = time.monotonic()
            await asyncio.sleep(interval)

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)
