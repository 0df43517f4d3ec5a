"""Running the classroom: the database, the application and uvicorn, and the addresses to hand out."""

from __future__ import annotations

import ipaddress
import socket

import uvicorn

from .app import create_app
from .store import Store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_open_to_network(host: str) -> bool:
    """Whether binding ``host`` lets other machines connect (anything but loopback)."""
    if host in LOOPBACK:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def public_address(host: str) -> str:
    """The address to give students: this machine's address on the network when ``host`` is a wildcard."""
    if host not in ("0.0.0.0", "::"):
        return host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def links(host: str, port: int, token: str) -> dict:
    """The student address, the teacher's link (with its secret token) and the sandbox's."""
    shown = public_address(host)
    if ":" in shown:
        shown = f"[{shown}]"
    base = f"http://{shown}:{port}"
    return {"student": f"{base}/", "teacher": f"{base}/teacher?token={token}",
            "sandbox": f"{base}/sandbox?token={token}"}


def serve(store: Store, host: str, port: int, announce=print) -> None:
    """Serve the classroom on ``host``:``port`` until interrupted; ``announce`` gets the links first."""
    token = store.teacher_token()
    app = create_app(store, token)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    announce(links(host, port, token))
    server.run()
