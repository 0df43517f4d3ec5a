"""The outputs pasted into the README and the docs: regenerate them, or check that they are current.

Every fenced ``text`` block that begins with ``$ regimelab ...`` (a command,
possibly continued with ``\\`` on the next lines) is followed by what that
command prints on stdout. A block whose last line is ``...`` keeps only as many
lines as it has. A page's commands run in order in one fresh temporary folder
(so a command can read what an earlier one wrote: a sweep, then its analysis),
in this process.

    .venv/bin/python docs/update_outputs.py            # rewrite every page's outputs
    .venv/bin/python docs/update_outputs.py --check    # exit 1, naming the blocks, if any is stale

``tests/content/test_pasted_outputs.py`` runs the check, so a change that alters
an output fails the tests until the pages are regenerated.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The pages with pasted outputs.
PAGES = ("README.md", "docs/tutorial.md", "docs/reproductions.md", "docs/sweeps.md")
BLOCK = re.compile(r"```text\n(\$ regimelab .*?)```", re.S)


@dataclass
class Block:
    """One pasted command and its output in a page."""

    start: int  # offset of the block's text in the page
    end: int
    command_lines: list[str]
    shown: str  # the output as pasted
    trimmed: bool  # the page keeps only the first lines, then "..."

    @property
    def args(self) -> list[str]:
        """The command's arguments after ``regimelab``."""
        command = " ".join(line.rstrip("\\").strip() for line in self.command_lines)[2:]
        return shlex.split(command)[1:]

    def with_output(self, output: str) -> str:
        """The block's text with ``output`` pasted (trimmed as the page trims it)."""
        output = output.rstrip()
        if self.trimmed:
            keep = len(self.shown.rstrip().split("\n")) - 1
            output = "\n".join(output.split("\n")[:keep]) + "\n..."
        return "\n".join(self.command_lines) + "\n" + output + "\n"


def blocks(text: str) -> list[Block]:
    """The pasted commands of a page, in order."""
    found = []
    for match in BLOCK.finditer(text):
        lines = match.group(1).split("\n")
        count = 1
        while lines[count - 1].endswith("\\"):
            count += 1
        shown = "\n".join(lines[count:])
        found.append(Block(match.start(1), match.end(1), lines[:count], shown, shown.rstrip().endswith("...")))
    return found


def run(args: list[str], folder: str | None = None) -> str:
    """What ``regimelab ARGS`` prints on stdout, run in ``folder`` (default: a fresh one); fails loudly if it fails."""
    from click.testing import CliRunner

    from regimelab.cli import main

    if folder is None:
        with tempfile.TemporaryDirectory(prefix="outputs-") as fresh:
            return run(args, fresh)
    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise RuntimeError(f"regimelab {shlex.join(args)} exited {result.exit_code}: {result.stderr}")
    return result.stdout


def refreshed(text: str) -> tuple[str, list[str]]:
    """The page with every output regenerated, and the commands whose output changed."""
    out, stale, position = [], [], 0
    with tempfile.TemporaryDirectory(prefix="outputs-") as folder:  # one per page: its commands run in order
        for block in blocks(text):
            new = block.with_output(run(block.args, folder))
            if new != text[block.start:block.end]:
                stale.append("regimelab " + shlex.join(block.args))
            out.append(text[position:block.start] + new)
            position = block.end
    out.append(text[position:])
    return "".join(out), stale


def main(argv: list[str]) -> int:
    """Regenerate (or with ``--check``, check) the outputs of every page in :data:`PAGES`."""
    check = "--check" in argv
    problems = 0
    for name in PAGES:
        path = ROOT / name
        if not path.exists():
            continue
        text, stale = refreshed(path.read_text())
        for command in stale:
            print(f"{name}: the output of `{command}` is not what it prints now", file=sys.stderr)
        problems += len(stale)
        if stale and not check:
            path.write_text(text)
    if check and problems:
        print("regenerate with: .venv/bin/python docs/update_outputs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
