"""``[[schedule]]`` and ``[turnover]`` of a society scenario (regimelab/society/scenario_time.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regimelab.society import ShadowChange, StrategyChoice
from regimelab.society.scenario_checks import Where
from regimelab.society.scenario_time import read_schedule, read_turnover
from regimelab.toml_files import TomlDocument, TomlError

NAMES = ["A", "B", "C"]


def schedule(text: str):
    doc = TomlDocument("society.toml", text)
    return read_schedule(doc, doc.data["schedule"], "schedule")


def turnover(text: str, base: dict | None = None):
    doc = TomlDocument("society.toml", text)
    return read_turnover(Where(doc, "turnover"), doc.data["turnover"], base or {}, NAMES, Path("."))


def test_a_schedule_is_read_in_order():
    assert schedule("[[schedule]]\nfrom = 3\nshadow = 0.5\n\n[[schedule]]\nfrom = 8\nshadow = 0\n") == [
        ShadowChange(3, 0.5), ShadowChange(8, 0.0)]


@pytest.mark.parametrize("text,line,words", [
    ("[[schedule]]\nfrom = 3\n", 1, "needs from = PERIOD and shadow = W"),
    ("[[schedule]]\nfrom = 3\nshadow = 1\n", 3, "shadow"),
    ("[[schedule]]\nfrom = 0\nshadow = 0.5\n", 2, "from"),
    ('[[schedule]]\nfrom = "3"\nshadow = 0.5\n', 2, "from must be a period"),
    ("[[schedule]]\nfrom = 5\nshadow = 0.5\n\n[[schedule]]\nfrom = 5\nshadow = 0.2\n", 6,
     "from must increase from one [[schedule]] to the next, got 5 after 5"),
    ("[[schedule]]\nfrom = 3\nshadow = 0.5\nuntil = 9\n", 4, "unknown key 'until'"),
])
def test_a_bad_schedule_is_located(text, line, words):
    with pytest.raises(TomlError) as caught:
        schedule(text)
    assert words in caught.value.message and caught.value.line == line


def test_turnover_pools_are_names_or_tables_with_params():
    read = turnover('[turnover]\nprobability = 0.1\npool = ["Defector", { strategy = "Random", params = [0.2] }]\n'
                    'actors = ["A", "C"]\nstart = 4\n')
    assert read.probability == 0.1 and read.actors == ("A", "C") and read.start == 4
    assert [choice.name for choice in read.pool] == ["Defector", "Random: 0.2"]


def test_a_pool_of_one_needs_no_list_and_start_defaults_to_two():
    read = turnover('[turnover]\nprobability = 0.5\npool = "Defector"\n')
    assert read.pool == (StrategyChoice.of("Defector"),) and read.start == 2 and read.actors is None


def test_a_variants_turnover_is_laid_over_the_scenarios():
    base = {"probability": 0.1, "pool": ["Defector"], "actors": ["B"]}
    read = turnover("[turnover]\nprobability = 0.3\n", base)
    assert read.probability == 0.3 and read.actors == ("B",) and read.pool == (StrategyChoice.of("Defector"),)


@pytest.mark.parametrize("text,words", [
    ("[turnover]\nprobability = 0.1\n", 'needs probability = P and pool = ["STRATEGY", ...]'),
    ('[turnover]\nprobability = 2\npool = ["Defector"]\n', "probability"),
    ('[turnover]\nprobability = "x"\npool = ["Defector"]\n', "probability must be a probability"),
    ("[turnover]\nprobability = 0.1\npool = []\n", "pool must be a non-empty list"),
    ('[turnover]\nprobability = 0.1\npool = [3]\n', "pool entries are strategy names or tables"),
    ('[turnover]\nprobability = 0.1\npool = [{ params = [1] }]\n', "pool entries are strategy names or tables"),
    ('[turnover]\nprobability = 0.1\npool = ["Nope Nope"]\n', "pool: unknown strategy"),
    ('[turnover]\nprobability = 0.1\npool = ["Defector"]\nactors = ["Z"]\n', "actors: 'Z' is not one of the actors"),
    ('[turnover]\nprobability = 0.1\npool = ["Defector"]\nstart = 1\n', "start"),
    ('[turnover]\nprobability = 0.1\npool = ["Defector"]\nrate = 1\n', "unknown key 'rate'"),
])
def test_bad_turnover_is_refused(text, words):
    with pytest.raises(TomlError) as caught:
        turnover(text)
    assert words in caught.value.message and caught.value.line is not None
