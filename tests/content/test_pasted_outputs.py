"""Every output pasted into the README and the docs is what the command prints now (docs/update_outputs.py)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("update_outputs", ROOT / "docs" / "update_outputs.py")
update_outputs = importlib.util.module_from_spec(spec)
sys.modules["update_outputs"] = update_outputs  # dataclasses look their module up there
spec.loader.exec_module(update_outputs)


@pytest.mark.parametrize("page", [page for page in update_outputs.PAGES if (ROOT / page).exists()])
def test_pasted_outputs_are_current(page):
    text = (ROOT / page).read_text()
    assert update_outputs.blocks(text), f"{page} has no pasted outputs"
    _, stale = update_outputs.refreshed(text)
    assert not stale, f"{page}: stale outputs of {stale}; regenerate with .venv/bin/python docs/update_outputs.py"


def test_a_changed_output_is_caught():
    text = (ROOT / "README.md").read_text()
    block = update_outputs.blocks(text)[0]
    broken = text[:block.end - 1] + "an extra line\n" + text[block.end:]
    assert update_outputs.refreshed(broken)[1] == ["regimelab " + " ".join(block.args)]
