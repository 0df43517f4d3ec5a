"""Declarative strategy files for the tests (Tit For Tat, Grim and Tit For Two Tats, one of each kind), and
writing and loading them.
"""

from pathlib import Path

from regimelab.declarative import load_strategy_file

TFT = """\
name = "Table Tit For Tat"
description = "Tit For Tat as a memory-one table."
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""


GRIM = """\
name = "Machine Grim"
description = "Grim Trigger as a state machine."
citation = "Lipson1995, The Study of Regimes"
kind = "state_machine"

[state_machine]
initial = "trusting"

[state_machine.states.trusting]
play = "C"
on_C = "trusting"
on_D = "punishing"

[state_machine.states.punishing]
play = "D"
on_C = "punishing"
on_D = "punishing"
"""


TF2T = """\
name = "Lookup Tit For Two Tats"
description = "Defects only after two signalled defections in a row."
kind = "lookup"

[lookup]
memory = 2
first = ["C", "C"]
default = "C"

[lookup.patterns]
"CD,CD" = "D"
"CD,DD" = "D"
"DD,CD" = "D"
"DD,DD" = "D"
"""


def write(tmp_path: Path, text: str, name: str = "strategy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "strategy.toml") -> type:
    return load_strategy_file(write(tmp_path, text, name))


def line_with(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)
