"""`regimelab strategies` (regimelab/cli/strategies.py): searching and the flags of each strategy."""

import json

import regimelab as rl
from regimelab.cli.strategies import strategy_table


def test_strategies_search_and_flags(cli):
    result = cli("strategies", "--search", "grudger", "--format", "json")
    data = json.loads(result.stdout)
    names = {row["name"] for row in data["strategies"]}
    assert "Grudger" in names and "Tit For Tat" not in names
    grudger = next(row for row in data["strategies"] if row["name"] == "Grudger")
    assert grudger["stochastic"] is False
    darwin = json.loads(cli("strategies", "--search", "darwin", "--transparency", "0.5", "--format", "json").stdout)
    assert darwin["strategies"][0]["allowed"] is False


def test_the_table_of_strategies_by_search_and_flags():
    ours = strategy_table(None, rl.Regime(), ours_only=True)
    assert set(ours.source) == {"regimelab"} and "Status Quo Power" in set(ours.name)
    exact = strategy_table("tit for tat", rl.Regime(), exact_only=True)
    assert exact.exact.all() and "Tit For Tat" in set(exact.name)
    refused = strategy_table("darwin", rl.Regime(transparency=0.5))
    assert refused.set_index("name").loc["Darwin", "allowed"] == False  # noqa: E712  (a numpy bool)


def test_the_table_marks_regimelabs_strategies_and_their_source(cli):
    result = cli("strategies", "--ours")
    assert result.exit_code == 0
    assert "[regimelab; Lipson1995, The Concert of Europe]" in " ".join(result.stdout.split())
    assert result.stdout.rstrip().endswith("Use a name with -s/--strategy (case-insensitive).")


def test_counts_are_singular_for_one_and_an_empty_listing_says_so(cli):
    one = cli("strategies", "--search", "$\\pi$")
    assert one.exit_code == 0 and "\n1 strategy. Use a name" in one.stdout
    none = cli("strategies", "--search", "zzzz", "--exact")
    assert none.exit_code == 0
    assert none.stdout.strip() == "No strategy matches --search 'zzzz' --exact. `regimelab strategies` lists them all."
    assert json.loads(cli("strategies", "--search", "zzzz", "--format", "json").stdout) == {"strategies": [], "count": 0}


def test_latex_names_are_listed_readable_and_found_by_either_form(cli):
    listing = cli("strategies")
    names = [line.split("  ")[0] for line in listing.stdout.splitlines()[2:] if line[:1].strip()]
    assert not any(name.startswith("$") for name in names)
    assert {"Phi", "Pi", "e"} <= set(names)
    for search in ("phi", "$\\phi$", "golden"):
        found = json.loads(cli("strategies", "--search", search, "--format", "json").stdout)["strategies"]
        assert "Phi" in {row["name"] for row in found}


def test_a_strategy_loaded_from_a_folder_is_labelled_by_its_file(cli, tmp_path, monkeypatch):
    from regimelab.strategy_registry import registrations_undone

    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "cautious.toml").write_text(CAUTIOUS, encoding="utf-8")
    with registrations_undone():
        result = cli("strategies", "--strategies-dir", "mine", "--search", "cautious reciprocator")
        ours = cli("strategies", "--strategies-dir", "mine", "--ours", "--format", "json")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "[mine/cautious.toml] Complies first" in text and "[regimelab" not in text
    assert "Cautious Reciprocator" not in {row["name"] for row in json.loads(ours.stdout)["strategies"]}


CAUTIOUS = """
name = "Cautious Reciprocator"
description = "Complies first, then repeats the other side's last seen move."
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""
