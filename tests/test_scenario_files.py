"""Where scenarios are and which kind a file holds (regimelab/scenario_files.py)."""

import pytest

from regimelab.errors import InvalidParameter
from regimelab.scenario_files import builtin_scenario_files, is_society_scenario, resolve_scenario, scenario_kind


def test_every_built_in_scenario_says_its_kind():
    from regimelab.scenario_files import builtin_scenario_files, scenario_kind

    for name, path in builtin_scenario_files().items():
        first = path.read_text().splitlines()[0]
        assert first == f'kind = "{scenario_kind(path)}"', name


def test_the_built_in_scenarios_are_the_toml_files_by_name():
    files = builtin_scenario_files()
    assert "anarchy" in files and "cis-1992" in files
    assert all(path.suffix == ".toml" and path.stem == name for name, path in files.items())
    assert list(files) == sorted(files)


@pytest.mark.parametrize(
    "text, kind",
    [
        ('kind = "society"\n', "society"),
        ('kind = "tournament"\n[[actors]]\nname = "A"\n', "tournament"),  # the kind key decides
        ('[[actors]]\nname = "A"\n', "society"),
        ("[society]\n", "society"),
        ("[tournament]\nplayers = []\n", "tournament"),
        ("not = = toml", "tournament"),  # unreadable: not a society scenario
    ],
)
def test_the_kind_is_read_from_the_file(tmp_path, text, kind):
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    assert scenario_kind(path) == kind and is_society_scenario(path) == (kind == "society")


def test_a_scenario_is_a_path_or_a_built_in_name(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("", encoding="utf-8")
    assert resolve_scenario(str(path)) == path
    assert resolve_scenario("anarchy") == builtin_scenario_files()["anarchy"]
    with pytest.raises(InvalidParameter, match="did you mean 'anarchy'"):
        resolve_scenario("anarchi")
    with pytest.raises(InvalidParameter, match="an existing .toml file"):
        resolve_scenario(str(tmp_path / "missing.toml"))
