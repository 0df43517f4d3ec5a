"""The `regimelab` command line: a thin layer over the Python API.

One module per command. A command imports the engines it needs (the society
engine, evolution, the sweep pictures, matplotlib) inside its function, not at
the top of its module: every `regimelab` call imports every command module, so
`regimelab --help` and `regimelab run` would otherwise pay for all of them
(measured with `python -X importtime`; about 0.15 s for the sweep pictures
alone). These are the only function-local imports of the package's own modules.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from .compare import compare
from .evolve import evolve
from .explain import explain
from .plot import plot
from .run import run
from .scenarios import scenarios
from .society import society
from .strategies import strategies
from .sweep import sweep


class Interrupted(Exception):
    """A Ctrl-C on its way out of a command, past click (which would turn it into "Aborted!", exit 1)."""


class RegimelabGroup(click.Group):
    """Prints usage errors on one line and keeps exit codes scripts can trust.

    0: success; 1: aborted; 2: bad input (click's usage errors and ours);
    130: interrupted (Ctrl-C), with one line on standard error.
    """

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


def _versions() -> str:
    import axelrod

    return f"regimelab {__version__} (axelrod {axelrod.__version__})"


@click.group(
    cls=RegimelabGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
)
@click.version_option(__version__, message=_versions())
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


main.add_command(run)
main.add_command(compare)
main.add_command(explain)
main.add_command(strategies)
main.add_command(scenarios)
main.add_command(sweep)
main.add_command(plot)
main.add_command(society)
main.add_command(evolve)
