"""Loading a sweep file (regimelab/sweeps/sweep_file.py): the table `regimelab sweep` wrote and
its manifest, checked to be a sweep's."""

import json

import pandas as pd
import pytest
from sweep_examples import GAME, PLAYERS_NAMES, SHADOW

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.sweeps.sweep_file import TABLE_SUFFIXES, load_sweep, parameter_value


def test_a_sweep_and_its_manifest(sweeps):
    sweep = load_sweep(sweeps["two"])
    assert sweep.path == sweeps["two"] and sweep.params == ("transparency", "fine") and sweep.mode == "grid"
    assert sweep.base_regime == rl.Regime(shadow=SHADOW) and sweep.base_game == GAME
    assert sweep.players == list(PLAYERS_NAMES)  # the order the sweep was given them
    assert sweep.values("fine") == [0.0, 1.0, 2.0, 4.0] and sweep.values("transparency")[:2] == [0.0, 0.25]
    assert sweep.base_value("transparency") == 1.0 and sweep.base_value("T") == 5
    assert len(sweep.table) == 5 * 4 * 3 and sweep.manifest["seed"] == 1


def test_a_csv_sweep_and_its_manifest(sweeps):
    sweep = load_sweep(sweeps["three"])
    assert sweep.params == ("transparency", "fine", "noise") and sweep.mode == "grid"
    assert sweep.values("noise") == [0.0, 0.05] and sweep.players == list(PLAYERS_NAMES)
    assert all(isinstance(name, str) for name in sweep.table["player"])


def test_without_a_manifest_players_are_sorted_and_nothing_is_known_of_the_base(sweeps, tmp_path):
    path = tmp_path / "bare.csv"
    load_sweep(sweeps["two"]).table.to_csv(path, index=False)
    sweep = load_sweep(path)
    assert sweep.params == ("transparency", "fine") and sweep.mode is None and sweep.manifest is None
    assert sweep.players == sorted(PLAYERS_NAMES) and sweep.base_value("fine") is None and sweep.base_value("R") is None


def test_parameter_values_as_the_regime_takes_them():
    assert parameter_value("turns", 200.0) == 200 and type(parameter_value("turns", 199.6)) is int
    assert parameter_value("fine", 2) == 2.0 and type(parameter_value("fine", 2)) is float
    assert TABLE_SUFFIXES == (".parquet", ".csv")


def refused(path, words):
    with pytest.raises(InvalidParameter, match=words) as caught:
        load_sweep(path)
    assert caught.value.parameter == "sweep"


def test_what_is_not_a_sweep_table_is_refused(sweeps, tmp_path):
    refused(tmp_path / "missing.parquet", "an existing sweep table")
    refused(tmp_path, "not a folder")
    refused(sweeps["two"].with_name("two.parquet.manifest.json"), "ending in .parquet or .csv")
    (tmp_path / "broken.parquet").write_text("not parquet")
    refused(tmp_path / "broken.parquet", "cannot read it as Parquet")
    pd.DataFrame({"a": [1]}).to_csv(tmp_path / "other.csv", index=False)
    refused(tmp_path / "other.csv", "it lacks the columns")
    table = load_sweep(sweeps["one"]).table
    table.drop(columns="transparency").to_csv(tmp_path / "unswept.csv", index=False)
    refused(tmp_path / "unswept.csv", "first columns must be swept parameters")
    table.head(0).to_csv(tmp_path / "empty.csv", index=False)
    refused(tmp_path / "empty.csv", "no rows")
    table.assign(rank="first").to_csv(tmp_path / "words.csv", index=False)
    refused(tmp_path / "words.csv", "column rank is not numeric")


def test_a_manifest_that_cannot_be_read_or_does_not_match_is_refused(sweeps, tmp_path):
    table = load_sweep(sweeps["one"]).table
    manifest = json.loads(sweeps["one"].with_name("one.parquet.manifest.json").read_text())
    table.to_parquet(tmp_path / "bad.parquet", index=False)
    (tmp_path / "bad.parquet.manifest.json").write_text("{not json")
    refused(tmp_path / "bad.parquet", "manifest bad.parquet.manifest.json is readable")
    table.to_parquet(tmp_path / "other.parquet", index=False)
    manifest["grid"]["params"] = {"fine": [0, 1]}
    (tmp_path / "other.parquet.manifest.json").write_text(json.dumps(manifest))
    refused(tmp_path / "other.parquet", "the manifest sweeps fine, the table transparency")


def test_a_sampled_design_and_its_ranges_come_from_the_manifest(design_sweeps):
    from regimelab.sweeps.designs import Design

    sweep = load_sweep(design_sweeps["lhs"])
    assert sweep.mode == "lhs" and sweep.design == Design("lhs", 64, 2)
    assert sweep.ranges == {"transparency": (0.3, 1.0), "fine": (0.0, 4.0), "noise": (0.0, 0.1)}
    assert sweep.params == ("transparency", "fine", "noise")
    assert load_sweep(design_sweeps["grid"]).design is None and load_sweep(design_sweeps["grid"]).ranges == {}


def test_a_table_written_before_the_supergame_margin_is_still_a_sweep(sweeps, tmp_path):
    older = tmp_path / "older.parquet"
    pd.read_parquet(sweeps["two"]).drop(columns="supergame_margin").to_parquet(older)
    assert "supergame_margin" not in load_sweep(older).table.columns


def test_a_manifest_whose_design_does_not_match_its_grid_is_refused(design_sweeps, tmp_path):
    source = design_sweeps["sobol"]
    path = tmp_path / "s.parquet"
    path.write_bytes(source.read_bytes())
    manifest = json.loads(source.with_name(source.name + ".manifest.json").read_text())
    manifest["grid"]["design"]["name"] = "morris"
    (tmp_path / "s.parquet.manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(InvalidParameter, match="its design morris does not match its grid"):
        load_sweep(path)
