"""The partial file of a sweep (regimelab/sweeps/partial_file.py): a header, then one line per
finished cell; read back only where a line checks out; locked while open.

Unit tests on crafted files in one process; two real processes and the command line are in
tests/robustness/test_sweep_partial_file.py.
"""

import dataclasses
import json
from pathlib import Path

import pytest

import regimelab as rl
from regimelab.sweeps import build_grid, parse_param
from regimelab.sweeps.definition import SweepDefinition, SweepError
from regimelab.sweeps.partial_file import PartialFile, partial_path, read_cells

GRID = build_grid([parse_param("fine=0,1")], "grid", rl.Regime(turns=5), rl.Game())
SWEEP = SweepDefinition(tuple(rl.make_players(["tft", "alld"])), rl.Regime(turns=5), rl.Game(), GRID, 2, 7)
KEYS = [cell.key for cell in GRID.cells]


def rows(winner: str = "Defector") -> list:
    common = {"cell_mean_cooperation": 0.5, "cell_mean_payoff": 2.0, "expected_class": "prisoners_dilemma",
              "winner": winner, "winner_robust": None, "supergame_margin": 1.5}
    return [{"player": name, "rank": rank, "mean_score_per_turn": 2.0, "ci95_low": None, "ci95_high": None,
             "median_score_per_turn": 2.0, "first_share": 0.5, "mean_match_score": 10.0, "cooperation_rate": 0.5,
             **common} for rank, name in enumerate(["Defector", "Tit For Tat"], 1)]


@pytest.fixture
def path(tmp_path) -> Path:
    return partial_path(tmp_path / "sweep.parquet")


def test_the_partial_file_is_beside_the_output():
    assert partial_path(Path("out/sweep.parquet")) == Path("out/sweep.parquet.partial.jsonl")


def test_a_new_file_has_the_sweeps_header_and_is_removed_if_nothing_is_saved(path):
    partial = PartialFile.open(path, SWEEP, resume=False)
    assert partial.created and partial.done == {}
    header = json.loads(path.read_text().splitlines()[0])
    assert header == {"fingerprint": SWEEP.fingerprint, "identity": SWEEP.identity()}
    partial.discard_if_unused()
    assert not path.exists()


def test_saved_cells_are_read_back_on_resume(path):
    partial = PartialFile.open(path, SWEEP, resume=False)
    partial.add(KEYS[0], rows())
    partial.close()
    assert json.loads(path.read_text().splitlines()[1]) == {"key": KEYS[0], "rows": rows()}
    again = PartialFile.open(path, SWEEP, resume=True)
    assert again.done == {KEYS[0]: rows()} and not again.created
    again.discard_if_unused()  # not created by this run: kept
    assert path.exists()
    finished = PartialFile.open(path, SWEEP, resume=True)
    finished.finish()
    assert not path.exists()


def test_saved_cells_are_not_overwritten_without_resume(path):
    partial = PartialFile.open(path, SWEEP, resume=False)
    partial.add(KEYS[0], rows())
    partial.close()
    before = path.read_bytes()
    with pytest.raises(SweepError, match="use --resume"):
        PartialFile.open(path, SWEEP, resume=False)
    assert path.read_bytes() == before


@pytest.mark.parametrize("changes,words", [({"seed": 8}, "its seed differs"),
                                           ({"seed": 8, "repetitions": 3}, "its repetitions and seed differ")])
def test_another_sweeps_file_is_refused_naming_what_differs(path, changes, words):
    partial = PartialFile.open(path, SWEEP, resume=False)
    partial.add(KEYS[0], rows())
    partial.close()
    with pytest.raises(SweepError, match=words):
        PartialFile.open(path, dataclasses.replace(SWEEP, **changes), resume=True)


def test_a_file_that_is_not_a_partial_sweep_is_refused(path):
    path.write_text("hello\n")
    with pytest.raises(SweepError, match="not a regimelab partial sweep file"):
        PartialFile.open(path, SWEEP, resume=True)
    assert path.read_text() == "hello\n"


def test_a_file_open_elsewhere_is_refused(path):
    first = PartialFile.open(path, SWEEP, resume=False)
    try:
        with pytest.raises(SweepError, match="in use by another sweep"):
            PartialFile.open(path, SWEEP, resume=True)
    finally:
        first.close()


def test_bad_lines_are_ignored_said_so_and_a_cut_line_kept_apart(path):
    partial = PartialFile.open(path, SWEEP, resume=False)
    partial.add(KEYS[0], rows())
    partial.close()
    with path.open("a") as handle:
        handle.write('{"key": "nowhere", "rows": []}\n{"key": "' + KEYS[1] + '", "ro')
    told = []
    again = PartialFile.open(path, SWEEP, resume=True, notify=told.append)
    again.close()
    assert again.done == {KEYS[0]: rows()}
    assert told == [f"ignored 2 lines of {path} that hold no valid finished cell (line 3: no cell of this grid, "
                    "and 1 more); those cells run again"]
    assert path.read_text().endswith('"ro\n')


def test_read_cells_says_why_each_line_is_ignored():
    good = json.dumps({"key": KEYS[0], "rows": rows()})
    lines = [good, "", "not json", json.dumps([1]), json.dumps({"key": KEYS[1], "rows": rows("Grudger")}),
             json.dumps({"key": KEYS[0], "rows": rows("Tit For Tat")}), '{"key": ']
    done, ignored = read_cells(lines, SWEEP)
    assert done == {KEYS[0]: rows()}
    assert ignored == [(4, "not JSON"), (5, "not a cell's record"),
                       (6, "row 1: winner 'Grudger' is not in this sweep"), (8, "cut short")]
