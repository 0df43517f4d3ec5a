"""pyproject.toml: every package of regimelab is in the wheel, and the optional extras are what they say.

setuptools' automatic discovery cannot be combined with the mapping that
ships the top-level strategies/ and tournaments/ folders as
regimelab.strategies and regimelab.builtin_scenarios, so the packages are listed by
hand; this test keeps the list complete.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed():
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "regimelab").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, sorted(found - listed)
    mapped = pyproject()["tool"]["setuptools"]["package-dir"]
    assert mapped == {"regimelab.strategies": "strategies", "regimelab.builtin_scenarios": "tournaments"}
    assert {"regimelab.strategies", "regimelab.builtin_scenarios"} <= listed


def test_distributed_is_optional_but_tested():
    project = pyproject()["project"]
    assert not any(dependency.startswith("distributed") for dependency in project["dependencies"])
    extras = project["optional-dependencies"]
    assert any(dependency.startswith("distributed") for dependency in extras["cluster"])
    assert any(dependency.startswith("distributed") for dependency in extras["test"])
    assert any(dependency.startswith("ruff") for dependency in extras["test"])
