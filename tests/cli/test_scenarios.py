"""`regimelab scenarios` (regimelab/cli/scenarios.py): listing and showing the built-in scenarios."""

import json

from tiny_scenario import GOOD, write

from regimelab.scenarios import builtin_scenario_kinds


def test_scenarios_work_from_any_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    listing = json.loads(cli("scenarios", "--format", "json").stdout)
    assert "anarchy" in {row["name"] for row in listing["scenarios"]}
    shown = json.loads(cli("scenarios", "show", "anarchy", "--format", "json").stdout)
    assert shown["sources"][0]["key"] == "Lipson1995" and shown["regimes"][0]["name"] == "baseline"
    result = cli("run", "anarchy", "-r", "2")
    assert result.exit_code == 0 and "Scenario: Anarchy" in result.stdout


def test_the_listing_table_marks_the_society_scenarios(cli):
    result = cli("scenarios")
    assert result.exit_code == 0
    societies = [name for name, kind in builtin_scenario_kinds().items() if kind == "society"]
    assert result.stdout.count("[society]") == len(societies) > 0
    assert "[society]" not in next(line for line in result.stdout.splitlines() if line.startswith("anarchy"))


def test_show_reads_a_scenario_file_of_either_kind(cli, tmp_path):
    path = write(tmp_path, GOOD)
    shown = json.loads(cli("scenarios", "show", str(path), "--format", "json").stdout)
    assert shown["kind"] == "tournament" and shown["name"] == "tiny"
    assert [regime["name"] for regime in shown["regimes"]] == ["baseline", "regime"]
    society = json.loads(cli("scenarios", "show", "cis-1992", "--format", "json").stdout)
    assert society["name"] == "cis-1992" and society["kind"] == "society"
    text = cli("scenarios", "show", str(path)).stdout
    assert "A tiny scenario" in text and "For the tests." in text


def test_show_refuses_an_unknown_name_and_a_parquet_output(cli, tmp_path):
    result = cli("scenarios", "show", "anarchi")
    assert result.exit_code == 2 and "did you mean 'anarchy'" in result.stderr
    result = cli("scenarios", "show", "anarchy", "--output", str(tmp_path / "out.parquet"))
    assert result.exit_code == 2 and ".json, .csv" in result.stderr


def test_show_suggests_the_command_for_the_name_or_path_given(cli, tmp_path):
    path = write(tmp_path, GOOD)
    assert cli("scenarios", "show", str(path)).stdout.rstrip().endswith(f"Compare them: regimelab compare {path}")
    assert cli("scenarios", "show", "anarchy").stdout.rstrip().endswith("Compare them: regimelab compare anarchy")
    spaced = tmp_path / "my society.toml"
    spaced.write_text(_society_text(), encoding="utf-8")  # a society scenario, in a path with a space
    shown = cli("scenarios", "show", str(spaced)).stdout.rstrip()
    assert shown.endswith(f"Play it: regimelab society '{spaced}' [--variant NAME]")
    assert cli("scenarios", "show", "cis-1992").stdout.rstrip().endswith(
        "Play it: regimelab society cis-1992 [--variant NAME]")


def _society_text() -> str:
    from regimelab.scenario_files import builtin_scenario_files

    return builtin_scenario_files()["cis-1992"].read_text(encoding="utf-8")


def test_a_variant_shows_every_key_it_sets(cli):
    text = cli("scenarios", "show", "arms-control-verification").stdout
    assert "[intrusive-inspections] shadow=0.75, transparency=1, transaction_cost=0.5;" in text
