"""The texts regimelab was built from, where they are at hand, and how a quotation is found in one.

The texts are not part of the repository: they sit beside it (``../shared/seeds/``,
or the folder ``REGIMELAB_SEEDS`` names), one file per work, under storage names
that no reader can follow. Only the tests know which file holds which work
(:data:`SEED_FILES`); no user-visible text may show such a name
(``tests/content/test_citations.py``). Every citation check runs without the
texts, on the quotations kept in the repository; only the check that each
quotation occurs in its work, word for word, needs them and skips without them.
"""

import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("REGIMELAB_SEEDS", ROOT.parent / "shared" / "seeds"))

#: The bibliography key of each text regimelab was built from -> its file among the seeds.
SEED_FILES = {
    "Lipson1995": "002_23e75709fca61684.txt",
    "Gleason2005": "000_c589b2dbdf00c64e.txt",
    "Istomin2021": "001_fa787e40cd551edb.txt",
    "Sun2007": "003_e6e73983a6d06bf4.txt",
    "Marten2004": "004_5298f1057e112601.txt",
}

#: A seed file's storage name, and the short form the CLI once showed ("seed 002"): never for readers.
STORAGE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\b|\bseed 00\d\b|shared/seeds|\.\./seeds")

#: Every kind of quotation mark and apostrophe, which a quotation may render differently from its text.
_QUOTE_MARKS = re.compile(r"[\"'\u2018\u2019\u201c\u201d]")


def normalise(text: str) -> str:
    """``text`` compared as words: quotation marks made one, emphasis marks dropped, whitespace collapsed."""
    return " ".join(_QUOTE_MARKS.sub("'", text).replace("*", "").split())


def require_seeds() -> None:
    """Skip the calling test when the texts are not at hand."""
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not at {SEEDS} (set REGIMELAB_SEEDS); the checks on the "
                    "quotations kept in the repository ran without them")


@cache
def seed_text(key: str) -> str:
    """The normalised text of the work ``key`` (the caller has called :func:`require_seeds`)."""
    path = SEEDS / SEED_FILES[key]
    assert path.is_file(), f"{key}: no file {path}"
    return normalise(path.read_text(encoding="utf-8"))


def occurs(quote: str, text: str) -> bool:
    """Whether ``quote`` is in ``text`` (both normalised), its parts around an ellipsis ``...`` in order."""
    position = 0
    for part in (normalise(part) for part in quote.split("...")):
        if not part:
            continue
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


#: Where each untitled part of a text begins (a phrase that begins its first line); every other
#: section begins at a line that is its heading (any case, Markdown marks aside).
UNTITLED_STARTS = {
    "Lipson1995": {"Introduction": "CHAPTER 1"},
    "Gleason2005": {"Abstract": "# Collective Security", "Introduction": "Keywords:"},
    "Marten2004": {"Introduction": "SIX"},
    "Sun2007": {"Abstract": "Font Size"},
}


@cache
def sections_of(key: str) -> dict[str, str]:
    """The normalised text of each section of the work ``key`` that its bibliography entry lists."""
    from regimelab.bibliography import bibliography

    names = bibliography()[key].sections
    starts = UNTITLED_STARTS.get(key, {})
    lines = (SEEDS / SEED_FILES[key]).read_text(encoding="utf-8").splitlines()
    found, current = {}, None
    for line in lines:
        heading = " ".join(re.sub(r"[#*]", "", line).split()).lower()
        begins = [name for name in names if heading == name.lower()
                  or (name in starts and line.startswith(starts[name]))]
        if begins and begins[0] not in found:
            current = begins[0]
            found[current] = []
        if current is not None:
            found[current].append(line)
    return {name: normalise("\n".join(text)) for name, text in found.items()}
