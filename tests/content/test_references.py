"""References a reader can follow: every file the documentation names exists, and every relative link resolves.

Tests were once moved into one module per library module (tests/<pkg>/test_<module>.py),
and the pages that named the old files kept naming them. Here, every path of
the form ``tests/...py``, ``regimelab/...py`` or ``docs/...md`` (from the
repository's root) that the Markdown files or the docstrings and comments of
the package mention must exist, and every relative Markdown link in those
files must resolve from the page that holds it (a link's ``#anchor`` is not
checked, only its file; http(s) and mailto links are left out). A name with a
placeholder (``tests/test_<module>.py``) or a wildcard is not a path and is
not read as one.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: The Markdown a reader follows: the README, the recipes, the documentation and the folders' READMEs.
MARKDOWN = sorted(
    {ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "strategies" / "README.md", ROOT / "tournaments" / "README.md"}
    | set((ROOT / "docs").rglob("*.md"))
    | set((ROOT / "tests").glob("*/README.md"))
)
#: The package's modules, whose docstrings and comments name files too.
MODULES = sorted(path for path in (ROOT / "regimelab").rglob("*.py") if "__pycache__" not in path.parts)

#: A path from the root: tests/...py, regimelab/...py or docs/...md, not part of a longer path or address.
PATH = re.compile(r"(?<![\w./-])((?:tests|regimelab)/[\w./-]*?\.py|docs/[\w./-]*?\.md)(?![\w/-])")
#: An inline Markdown link or image, [text](target) or [text](target "title"); and a reference, [name]: target.
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, ...
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def docstrings_and_comments(path: Path) -> str:
    """The text a module says about itself: its docstrings (module, classes, functions) and its comments."""
    source = path.read_text(encoding="utf-8")
    texts = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            texts.append(ast.get_docstring(node, clean=False) or "")
    texts += [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
              if token.type == tokenize.COMMENT]
    return "\n".join(texts)


def named_paths(text: str) -> set[str]:
    return {match.group(1).rstrip(".") for match in PATH.finditer(text)}


def links(text: str) -> set[str]:
    """The relative link targets of a Markdown text, outside fenced code blocks, without their anchors."""
    text = FENCE.sub("", text)
    targets = {match.group(1) for match in INLINE_LINK.finditer(text)}
    targets |= {match.group(1) for match in REFERENCE_LINK.finditer(text)}
    return {target.split("#", 1)[0] for target in targets if not EXTERNAL.match(target) and not target.startswith("#")}


def test_the_patterns_read_paths_and_links_as_a_reader_would():
    text = ("See `tests/cli/test_run.py`, docs/model.md. Not `tests/test_<module>.py`, tests/test_declarative_*.py,\n"
            "https://example.org/docs/x.md or src/regimelab/x.py; ``regimelab/workload/limit.py``.")
    assert named_paths(text) == {"tests/cli/test_run.py", "docs/model.md", "regimelab/workload/limit.py"}
    page = ("[model](model.md#2-parameters), ![a figure](img/a.png \"title\"), [site](https://example.org),\n"
            "[here](#a-section), [mail](mailto:a@b.c)\n\n[ref]: ../README.md\n\n```\n[not a link](nowhere.md)\n```\n")
    assert links(page) == {"model.md", "img/a.png", "../README.md"}


def test_the_files_read_are_there():
    assert {"README.md", "CONTRIBUTING.md", "docs/model.md", "tests/robustness/README.md"} <= {
        relative(path) for path in MARKDOWN}
    assert ROOT / "regimelab" / "workload" / "__init__.py" in MODULES


@pytest.mark.parametrize("page", MARKDOWN, ids=relative)
def test_every_path_a_page_names_exists(page):
    missing = sorted(path for path in named_paths(page.read_text(encoding="utf-8")) if not (ROOT / path).exists())
    assert not missing, f"{relative(page)} names files that do not exist: {missing}"


@pytest.mark.parametrize("page", MARKDOWN, ids=relative)
def test_every_relative_link_of_a_page_resolves(page):
    broken = sorted(target for target in links(page.read_text(encoding="utf-8"))
                    if target and not (page.parent / target).exists())
    assert not broken, f"{relative(page)} links to files that do not exist: {broken}"


def test_every_path_the_package_names_in_its_docstrings_and_comments_exists():
    missing = sorted(f"{relative(module)}: {path}" for module in MODULES
                     for path in named_paths(docstrings_and_comments(module)) if not (ROOT / path).exists())
    assert not missing, missing
