"""A tiny tournament scenario for the tests, and writing one to a file."""

import textwrap

GOOD = """\
name = "tiny"
title = "A tiny scenario"
summary = "Two reciprocators and a cheat."
narrative = "For the tests."
default = "regime"

[[sources]]
key = "Lipson1995"
section = "The Study of Regimes"
note = "regime functions"

[tournament]
players = ["Tit For Tat", { strategy = "Defector", count = 2 }, { strategy = "Random", params = [0.3] }]
repetitions = 3
seed = 7

[regime]
turns = 20

[regimes.baseline]
transparency = 0.5

[regimes.regime]
transparency = 0.9
fine = 2
payoffs = [3, -2, 6, 1]
"""


def write(tmp_path, text, name="scenario.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path
