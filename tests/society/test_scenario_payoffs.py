"""``[[payoffs]]`` of a society scenario (regimelab/society/scenario_payoffs.py): one edge's
payoffs as a game, as exchange terms or as two matrices."""

from __future__ import annotations

import pytest

from regimelab.society.scenario_payoffs import read_edge_payoffs
from regimelab.toml_files import TomlDocument, TomlError

NAMES = ["A", "B", "C"]
PLAYING = {frozenset(("A", "B")), frozenset(("B", "C"))}


def payoffs(text: str):
    doc = TomlDocument("society.toml", text)
    return read_edge_payoffs(doc, doc.data["payoffs"], "payoffs", NAMES, PLAYING)


def test_the_three_forms():
    game, exchange, matrices = (
        payoffs('[[payoffs]]\nbetween = ["A", "B"]\ngame = [4, 0, 6, 1]\n')[0],
        payoffs('[[payoffs]]\nbetween = ["A", "B"]\nbenefit = [4, 2]\ncost = [1.5, 0.5]\n')[0],
        payoffs('[[payoffs]]\nbetween = ["C", "B"]\nrow = [[1, 2], [3, 4]]\ncolumn = [[5, 6], [7, 8]]\n')[0],
    )
    assert (game.form, exchange.form, matrices.form) == ("game", "exchange", "matrices")
    assert game.first.tolist() == game.second.tolist() == [[4, 0], [6, 1]]
    assert exchange.first.tolist() == [[0.5, -1.5], [2, 0]] and exchange.second.tolist() == [[3.5, -0.5], [4, 0]]
    assert matrices.between == ("C", "B")
    assert matrices.first.tolist() == [[1, 2], [3, 4]] and matrices.second.tolist() == [[5, 7], [6, 8]]


def test_several_edges_each_once():
    read = payoffs('[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5, 1]\n\n'
                   '[[payoffs]]\nbetween = ["B", "C"]\ngame = [2, 0, 3, 1]\n')
    assert [entry.between for entry in read] == [("A", "B"), ("B", "C")]


@pytest.mark.parametrize("body,line,words", [
    ('between = ["A", "C"]\ngame = [3, 0, 5, 1]\n', 2, "'A' and 'C' do not play each other"),
    ('between = ["A", "A"]\ngame = [3, 0, 5, 1]\n', 2, "two different actors"),
    ('between = ["A", "Z"]\ngame = [3, 0, 5, 1]\n', 2, "'Z' is not one of the actors"),
    ('game = [3, 0, 5, 1]\n', 1, 'needs between = ["A", "B"]'),
    ('between = ["A", "B"]\n', 2, "needs exactly one form of payoffs"),
    ('between = ["A", "B"]\ngame = [3, 0, 5, 1]\nbenefit = [1, 1]\ncost = [0, 0]\n', 2,
     "needs exactly one form of payoffs"),
    ('between = ["A", "B"]\ngame = [3, 0, 5]\n', 3, "game must be four numbers [R, S, T, P]"),
    ('between = ["A", "B"]\nbenefit = [1]\ncost = [0, 0]\n', 3, "benefit must be two numbers"),
    ('between = ["A", "B"]\nbenefit = [1, 2]\n', 2, "cost must be two numbers"),
    ('between = ["A", "B"]\nrow = [[1, 2], [3]]\ncolumn = [[1, 2], [3, 4]]\n', 3, "row must be a 2x2 matrix"),
    ('between = ["A", "B"]\nrow = [[1, 2], [3, 4]]\n', 2, "column must be a 2x2 matrix"),
    ('between = ["A", "B"]\ngame = [3, 0, 5, 1]\ngain = 2\n', 4, "unknown key 'gain'"),
])
def test_a_bad_entry_is_located(body, line, words):
    with pytest.raises(TomlError) as caught:
        payoffs("[[payoffs]]\n" + body)
    assert words in caught.value.message and caught.value.line == line


def test_an_edge_given_twice_names_the_first():
    entry = '[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5, 1]\n'
    with pytest.raises(TomlError, match=r"'B' and 'A' already have \[\[payoffs\]\] #1") as caught:
        payoffs(entry + "\n" + entry.replace('["A", "B"]', '["B", "A"]'))
    assert caught.value.line == 6


def test_an_engine_error_is_located_at_the_entry():
    with pytest.raises(TomlError, match="benefit") as caught:
        payoffs('[[payoffs]]\nbetween = ["A", "B"]\nbenefit = [nan, 1]\ncost = [0, 0]\n')
    assert caught.value.line is not None
