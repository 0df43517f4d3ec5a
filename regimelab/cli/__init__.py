"""The `regimelab` command line: a thin layer over the Python API.

One module per command, registered by one line in :data:`COMMANDS` (where it
lives and its short help). A command's module is imported only when the
command runs or shows its help: `regimelab --help` and `regimelab --version`
import none, `regimelab COMMAND --help` one, and each starts in a fraction of a
second where importing axelrod, pandas, scipy, matplotlib and dask takes
seconds. To keep it so, the command modules and the ones their options use
(`options.py`, `output.py`, `common.py`) import those libraries, and the
library modules that import them, inside the functions that run the command,
not at the top (found with `python -X importtime`);
`tests/cli/test_startup.py` checks in a fresh interpreter which heavy modules
each help loads.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping
from importlib import import_module

import click

from .. import __version__

#: Every command: where it lives ("module:function", the module in regimelab/cli/) and its short help,
#: the first sentence of its docstring, which `regimelab --help` lists without importing the command
#: (tests/cli/test_startup.py checks it against the command's own). Registering a command is one line here.
COMMANDS = {
    "classroom": ("classroom:classroom", "Serve the regime sandbox and live play to a class."),
    "compare": ("compare:compare", "Compare regimes: the same players and seed under each regime."),
    "evolve": ("evolve:evolve", "Evolution under a regime: which strategies spread, which resist invasion."),
    "explain": ("explain:explain", "Explain what a regime does to the Prisoner's Dilemma."),
    "plot": ("plot:plot", "Draw a sweep written by `regimelab sweep` (.parquet or .csv)."),
    "run": ("run:run", "Run a round-robin tournament under a regime and print the ranking."),
    "scenarios": ("scenarios:scenarios", "List the built-in scenarios: name, kind, title and a one-line summary."),
    "sensitivity": ("sensitivity:sensitivity",
                    "Rank the swept parameters of a sampled sweep by how much they move a metric."),
    "society": ("society:society",
                "Play a society: many actors, every edge one round per period, on a shared record."),
    "strategies": ("strategies:strategies", "List the strategies available, with a one-line description."),
    "sweep": ("sweep:sweep",
              "Sweep regime parameters (and payoffs): one tournament per cell of a grid or a sampled design."),
}


class Interrupted(Exception):
    """A Ctrl-C on its way out of a command, past click (which would turn it into "Aborted!", exit 1)."""


class LazyCommands(MutableMapping):
    """The group's commands by name (click's ``Group.commands``): those of :data:`COMMANDS`, each imported
    the first time it is looked up, and any added with ``add_command``.

    Iterating over the values imports them all, as `regimelab --help` must not: it lists :data:`COMMANDS`' short
    help instead (:meth:`RegimelabGroup.format_commands`).
    """

    def __init__(self, table: dict[str, tuple[str, str]]):
        self.table = dict(table)
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        """The command ``name``, importing its module if it is not loaded yet."""
        if name not in self.loaded:
            if name not in self.table:
                raise KeyError(name)
            module, attribute = self.table[name][0].split(":")
            self.loaded[name] = getattr(import_module(f".{module}", __name__), attribute)
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        """Add (or replace) a command."""
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        """Remove a command, loaded or not."""
        if name not in self:
            raise KeyError(name)
        self.loaded.pop(name, None)
        self.table.pop(name, None)

    def __contains__(self, name) -> bool:
        """Whether there is a command ``name`` (without importing it)."""
        return name in self.table or name in self.loaded

    def __iter__(self):
        """The commands' names, without importing them."""
        return iter({**self.table, **self.loaded})

    def __len__(self) -> int:
        """How many commands there are."""
        return len({**self.table, **self.loaded})

    def short_help(self, name: str, limit: int) -> str | None:
        """The command's short help, cut to ``limit`` characters as click cuts it, without importing it;
        None for a hidden command."""
        if name in self.loaded:
            command = self.loaded[name]
            return None if command.hidden else command.get_short_help_str(limit)
        return click.utils.make_default_short_help(self.table[name][1], limit)


class RegimelabGroup(click.Group):
    """Lists its commands without importing them; prints usage errors on one line and keeps exit codes
    scripts can trust.

    0: success; 1: aborted; 2: bad input (click's usage errors and ours);
    130: interrupted (Ctrl-C), with one line on standard error.
    """

    def format_commands(self, ctx, formatter):
        """The help's list of commands, with their short help from :data:`COMMANDS` (no command is imported)."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self.commands.short_help(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, text in rows if text is not None])

    def invoke(self, ctx):
        """Run the command; a ``KeyboardInterrupt`` leaves as :class:`Interrupted`, with its message."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:
            raise Interrupted(str(interrupt)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line, handling click's errors here so the exit codes are the class's.

        A bare ``regimelab`` prints the help and exits 0. Usage errors print on one line with a
        pointer to ``--help``; a failed write
        (``OSError``, one line naming the file) exits 2, an abort 1, an interrupt 130. On success it exits
        with the command's result (0 unless an int), or returns it when
        ``standalone_mode`` is false.
        """
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `regimelab`: the help, not an error
            click.echo(error.ctx.get_help())
            result = 0
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{hint}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except OSError as error:  # e.g. the disk filled up while writing (files.WriteFailed names the file)
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)
        except Interrupted as interrupted:
            _report_interrupt(str(interrupted))
        except click.exceptions.Abort as error:
            if isinstance(error.__context__, KeyboardInterrupt):  # a Ctrl-C while click parsed the options
                _report_interrupt("")
            click.echo("Aborted!", err=True)
            sys.exit(1)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


def _report_interrupt(message: str) -> None:
    """One line on standard error (what the command says about it, if anything), then exit 130."""
    # On a terminal, start at the line's beginning, over the "^C" it echoed.
    start = "\r" if getattr(sys.stderr, "isatty", lambda: False)() else ""
    click.echo(f"{start}Interrupted{': ' + message if message else '.'}", err=True)
    sys.exit(130)


def _print_versions(ctx, param, value) -> None:
    """--version: regimelab's version and axelrod's (read from its metadata: importing it takes seconds)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    click.echo(f"regimelab {__version__} (axelrod {version('axelrod')})")
    ctx.exit()


@click.group(
    cls=RegimelabGroup,
    commands=LazyCommands(COMMANDS),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_versions,
              help="Show the version and exit.")
def main():
    """regimelab: can institutions make cooperation rational between states
    that fear being cheated?

    Runs iterated Prisoner's Dilemma tournaments (axelrod's strategies) under a
    security regime: a longer shadow of the future, transparency, sanctions and
    transaction costs (Lipson, "Are Security Regimes Possible?").

    \b
    Examples:
      regimelab run
      regimelab run --transparency 0.6 --fine 3
      regimelab compare --regime transparency=0.5 --regime transparency=0.5,fine=3
      regimelab explain --shadow 0.9 --transparency 0.7
      regimelab strategies --search grudger
      regimelab scenarios
      regimelab compare concert-1815
    """
