"""`regimelab classroom`: the sandbox and live play, served to a class from the teacher's machine.

The web server, the database toolkit and the engines are imported inside the
command (the ``classroom`` extra may be missing, and `regimelab --help` must
stay fast).
"""

from __future__ import annotations

import importlib.util
import sys

import click

from ..limits import check_integer
from .options import input_error

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_DB = "regimelab-classroom.sqlite"
#: What the command needs beyond the base install.
EXTRA_MODULES = ("starlette", "uvicorn", "sqlalchemy")
INSTALL_HINT = "the classroom needs the classroom extra: pip install 'regimelab[classroom]'"


def missing_modules() -> list[str]:
    """The classroom extra's modules that are not installed."""
    return [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]


def check_port(port) -> int:
    """A TCP port: an integer from 1 to 65535."""
    return check_integer("port", port, 1, 65535, "an integer from 1 to 65535")


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, metavar="ADDRESS",
              help="Address to listen on. The default lets only this machine connect; --host 0.0.0.0 opens the "
              "classroom to the network, so students' devices can join.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, metavar="N",
              help="TCP port to listen on, 1 to 65535.")
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="SQLite database of sessions, students and moves (created if missing; a restart resumes it).")
def classroom(host: str, port: int, db: str):
    """Serve the regime sandbox and live play to a class.

    Starts a web server on this machine and prints three links: the address
    students open (they join a session with its code and a nickname), the
    teacher's dashboard and the sandbox for the projector (both carry a secret
    token: do not project them). Everything runs locally; every session, student
    and move is kept in the database FILE, so a restart loses nothing. Stop
    it with Ctrl-C.

    A server runs until stopped, so this help has no "Examples" block (the
    help examples are run by the tests); a class on the school network is
    served by `regimelab classroom --host 0.0.0.0 --db week3.sqlite`.
    """
    missing = missing_modules()
    if missing:
        click.echo(f"Error: {INSTALL_HINT} (missing: {', '.join(missing)})", err=True)
        sys.exit(2)
    from ..errors import RegimelabError

    try:
        check_port(port)
    except RegimelabError as error:
        raise input_error(error) from None
    from ..classroom.server import is_open_to_network, serve
    from ..classroom.store import Store

    try:
        store = Store(db)
    except Exception as error:  # sqlalchemy's errors: not a database, unwritable folder
        click.echo(f"Error: --db {db}: cannot open it as a database ({type(error).__name__})", err=True)
        sys.exit(2)
    if is_open_to_network(host):
        click.secho(f"WARNING: listening on {host}: any device on this network can reach the classroom. "
                    "Only the teacher's link (with its token) can steer it.", fg="yellow", bold=True, err=True)

    def announce(links: dict) -> None:
        click.echo(f"Database: {db}")
        click.echo(f"Students open:  {links['student']}")
        click.echo(f"Teacher:        {links['teacher']}")
        click.echo(f"Sandbox:        {links['sandbox']}")
        click.echo("Keep the teacher and sandbox links to yourself (they carry the secret token). Ctrl-C stops.")

    try:
        serve(store, host, port, announce)
    except OSError as error:
        click.echo(f"Error: --host/--port {host}:{port}: {error.strerror or error}", err=True)
        sys.exit(2)
    finally:
        store.close()
