"""Rendering results as tables, JSON or CSV, and writing them (regimelab/cli/output.py)."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from regimelab.cli.output import (
    check_output_path,
    emit,
    format_number,
    matrix_lines,
    render_table,
    shortened,
    to_csv,
    to_json,
    write_output,
)
from regimelab.errors import InvalidParameter

TABLE = pd.DataFrame({"name": ["Tit For Tat", "Defector"], "score": [2.5, 1.25]})


def test_json_has_no_nan_and_no_numpy_scalars():
    text = to_json({"a": math.nan, "b": [np.float64(1.5), math.inf], "c": np.int64(2), "d": (1, "x")})
    assert json.loads(text) == {"a": None, "b": [1.5, None], "c": 2, "d": [1, "x"]}


def test_csv_has_no_index_and_unix_line_endings():
    assert to_csv(TABLE) == "name,score\nTit For Tat,2.5\nDefector,1.25\n"


def test_an_output_path_is_checked_before_any_work(tmp_path):
    assert check_output_path(None) is None
    assert check_output_path(str(tmp_path / "out.JSON")) == tmp_path / "out.JSON"
    with pytest.raises(InvalidParameter, match="ending in .json, .csv, .parquet"):
        check_output_path(str(tmp_path / "out.xlsx"))
    with pytest.raises(InvalidParameter, match="does not exist"):
        check_output_path(str(tmp_path / "missing" / "out.json"))
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(InvalidParameter, match="a file, not a folder"):
        check_output_path(str(folder))


@pytest.mark.parametrize("suffix", [".json", ".csv", ".parquet"])
def test_output_is_written_by_its_suffix(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    write_output(path, {"winner": "Defector"}, TABLE)
    if suffix == ".json":
        assert json.loads(path.read_text()) == {"winner": "Defector"}
    elif suffix == ".csv":
        assert path.read_text() == to_csv(TABLE)
    else:
        pd.testing.assert_frame_equal(pd.read_parquet(path), TABLE)


def test_emit_prints_the_format_asked_for_and_reports_the_file(tmp_path, capsys):
    emit("table", {}, TABLE, lambda: "the table", None)
    assert capsys.readouterr().out == "the table\n"
    emit("csv", {}, TABLE, lambda: "unused", None)
    assert capsys.readouterr().out == to_csv(TABLE)
    path = tmp_path / "out.json"
    emit("json", {"x": 1}, TABLE, lambda: "unused", path)
    printed = capsys.readouterr()
    assert json.loads(printed.out) == {"x": 1} and printed.err == f"Wrote {path}\n"
    assert json.loads(path.read_text()) == {"x": 1}


def test_numbers_tables_and_matrices_have_fixed_widths():
    assert [format_number(v) for v in (1.23456, 7, None, math.nan, True)] == ["1.235", "7", "-", "-", "1.000"]
    table = render_table([("name", "Name", 6, "<"), ("score", "Score", 5, ">")],
                         [{"name": "Tit For Tat", "score": "2.5"}])
    assert table.splitlines() == ["Name    Score", "------  -----", "Tit F~    2.5"]
    assert matrix_lines([[3, 0], [5, 1]], width=6, digits=1) == ["        C     D", "C     3.0   0.0", "D     5.0   1.0"]


def test_cut_cells_stay_unique():
    # Three names that cut alike keep the ends that tell them apart; equal names stay equal; a name that
    # fits is whole (issue 13: `society league-all-for-one` showed "Small stat~" three times).
    names = ["Small state 1", "Small state 2", "Small state 3", "Small state 1", "Britain"]
    assert shortened(names, 11) == {"Small state 1": "Small sta~1", "Small state 2": "Small sta~2",
                                    "Small state 3": "Small sta~3", "Britain": "Britain"}
    assert shortened(["abcdefghijXY1", "abcdefghijXY2", "abcdefghijXZ1"], 11) == {
        "abcdefghijXY1": "abcdefgh~Y1", "abcdefghijXY2": "abcdefgh~Y2", "abcdefghijXZ1": "abcdefgh~Z1"}
    assert shortened(["Suspicious Tit For Tat", "Tit For Tat"], 11) == {
        "Suspicious Tit For Tat": "Suspicious~", "Tit For Tat": "Tit For Tat"}  # one cut: as before
    table = render_table([("name", "actor", 11, "<"), ("n", "n", 2, ">")],
                         [{"name": name, "n": k} for k, name in enumerate(names)])
    assert [line[:11] for line in table.splitlines()[2:]] == [
        "Small sta~1", "Small sta~2", "Small sta~3", "Small sta~1", "Britain    "]
