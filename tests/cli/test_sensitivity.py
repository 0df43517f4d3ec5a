"""`regimelab sensitivity` (regimelab/cli/sensitivity.py) through the real entry point: the table, JSON, CSV,
files and pictures, reproducibility, and bad input (one line, exit 2, nothing written)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from regimelab.sensitivity.indices import analyse_file


def test_the_table_ranks_the_parameters_with_their_functions_and_intervals(cli, design_sweeps):
    result = cli("sensitivity", str(design_sweeps["sobol"]), "--metric", "payoff")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Sobol' indices of mean payoff per turn"
    assert lines[1] == "Design:  sobol, N = 16 (80 cells), seed 2; 95% intervals from 1,000 bootstrap resamples"
    assert lines[3].split() == ["rank", "parameter", "function", "ST", "±95%", "S1", "±95%"]
    expected = analyse_file(design_sweeps["sobol"], "payoff").table
    for line, row in zip(lines[5:8], expected.itertuples()):
        assert line.split()[:3] == [str(row.rank), row.parameter, row.symbol]
        assert f"{row.ST:.3f}" in line and f"±{row.ST_conf:.3f}" in line
    assert "Most influential: " + expected.parameter[0] in result.stdout
    assert result.stderr == ""


def test_morris_and_rbd_fast_tables(cli, design_sweeps):
    morris = cli("sensitivity", str(design_sweeps["morris"]), "--metric", "margin")
    assert morris.exit_code == 0, morris.output
    assert morris.stdout.startswith("Morris screening of the super-game's margin")
    assert morris.stdout.splitlines()[3].split() == ["rank", "parameter", "function", "mu*", "±95%", "sigma", "mu"]
    lhs = cli("sensitivity", str(design_sweeps["lhs"]), "--metric", "rank:alld")
    assert lhs.exit_code == 0, lhs.output
    assert lhs.stdout.startswith("First-order indices (RBD-FAST) of the rank of Defector (1 = first)")


def test_second_order_pairs_are_printed_on_request(cli, design_sweeps):
    result = cli("sensitivity", str(design_sweeps["sobol2"]), "--metric", "payoff", "--second-order")
    assert result.exit_code == 0, result.output
    assert "Second order (S2" in result.stdout and "transparency x fine" in result.stdout


def test_json_is_the_librarys_and_byte_identical_between_runs(cli, design_sweeps):
    first = cli("sensitivity", str(design_sweeps["sobol"]), "--metric", "rank:Defector", "-f", "json")
    assert first.exit_code == 0, first.output
    again = cli("sensitivity", str(design_sweeps["sobol"]), "--metric", "rank:Defector", "-f", "json")
    assert again.stdout == first.stdout
    data = json.loads(first.stdout)
    expected = analyse_file(design_sweeps["sobol"], "rank:Defector").to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["metric"] == "rank:Defector" and data["method"] == "sobol" and len(data["indices"]) == 3


def test_files_and_pictures_are_written(cli, design_sweeps, tmp_path):
    out_json, out_csv, png, svg = (tmp_path / name for name in ("i.json", "i.csv", "i.png", "i.svg"))
    result = cli("sensitivity", str(design_sweeps["morris"]), "--metric", "payoff", "--output", str(out_json),
                 "--plot", str(png), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert json.loads(out_json.read_text())["method"] == "morris"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert result.stderr.splitlines() == [f"Wrote {out_json}", f"Wrote {png}"]
    assert list(pd.read_csv(pd.io.common.StringIO(result.stdout)).columns) == [
        "rank", "parameter", "symbol", "function", "mu_star", "mu_star_conf", "sigma", "mu"]
    result = cli("sensitivity", str(design_sweeps["sobol"]), "--output", str(out_csv), "--plot", str(svg))
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(out_csv)) == 3 and svg.read_text().startswith("<?xml")


def _older_sweep(design_sweeps, tmp_path):
    """The Sobol' sweep as a regimelab before supergame_margin would have written it."""
    path = tmp_path / "older.parquet"
    pd.read_parquet(design_sweeps["sobol"]).drop(columns="supergame_margin").to_parquet(path)
    source = design_sweeps["sobol"]
    (tmp_path / "older.parquet.manifest.json").write_text(
        source.with_name(source.name + ".manifest.json").read_text())
    return path


BAD = [
    (lambda s, t: [str(t / "missing.parquet")], "Invalid value for 'SWEEP': must be an existing sweep table"),
    (lambda s, t: [str(s["grid"])], "must be a sweep with a sampled design"),
    (lambda s, t: [str(s["lhs"]), "--method", "sobol"], "Invalid value for '--method': must be an analysis this "
                                                        "sweep's design supports: rbd-fast for a lhs design"),
    (lambda s, t: [str(s["sobol"]), "--second-order"], "Invalid value for '--second-order'"),
    (lambda s, t: [str(s["sobol"]), "--metric", "rank:Gradual"], "Invalid value for '--metric': must be rank:NAME "
                                                                 "with NAME one of the sweep's players"),
    (lambda s, t: [str(s["sobol"]), "--metric", "welfare"], "Invalid value for '--metric'"),
    (lambda s, t: [str(_older_sweep(s, t)), "--metric", "margin"], "has no column supergame_margin"),
    (lambda s, t: [str(s["sobol"]), "--output", str(t / "i.txt")], "Invalid value for '--output'"),
    (lambda s, t: [str(s["sobol"]), "--plot", str(t / "i.pdf")], "Invalid value for '--plot'"),
    (lambda s, t: [str(s["sobol"]), "--output", str(t / "missing" / "i.json")], "does not exist"),
    (lambda s, t: [str(s["sobol"]), "--resamples", "5"], "Invalid value for '--resamples': must be an integer from "
                                                         "10 to 100,000"),
    (lambda s, t: [str(s["sobol"]), "--method", "fast"], "Invalid value for '--method'"),
]


@pytest.mark.parametrize("args, says", BAD, ids=[says[:40] for _, says in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, design_sweeps, tmp_path, args, says):
    arguments = args(design_sweeps, tmp_path)
    before = sorted(path.name for path in tmp_path.iterdir())
    result = cli("sensitivity", *arguments, "--plot", str(tmp_path / "p.png")) if "--plot" not in arguments \
        else cli("sensitivity", *arguments)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and says in lines[0], result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_a_file_that_is_not_a_sweep_is_refused(cli, tmp_path):
    table = tmp_path / "other.csv"
    table.write_text("a,b\n1,2\n")
    result = cli("sensitivity", str(table))
    assert result.exit_code == 2 and "must be a table written by `regimelab sweep`" in result.stderr
