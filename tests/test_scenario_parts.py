"""The parts every scenario shares (regimelab/scenario_parts.py): sources, the game, payoffs, regime tables and
the kind, each error at its file and line."""

import pytest

import regimelab as rl
from regimelab.scenario_parts import check_kind, read_game, read_payoffs, read_regime_values, read_sources
from regimelab.toml_files import TomlDocument, TomlError

TEXT = """\
kind = "tournament"

[[sources]]
key = "Lipson1995"
section = "The Study of Regimes"
note = "sanctions"

[game]
payoffs = [3, -2, 6, 1]

[regime]
turns = 20
fine = 2.5
"""


@pytest.fixture
def doc():
    return TomlDocument("scenario.toml", text=TEXT)


def test_the_kind_is_optional_and_must_agree_with_the_tables(doc):
    check_kind(doc, doc.data, "tournament")
    check_kind(doc, {}, "society")  # no kind key: the tables decide
    with pytest.raises(TomlError, match="a tournament scenario is played with `regimelab run`") as info:
        check_kind(doc, doc.data, "society")
    assert info.value.line == 1
    with pytest.raises(TomlError, match="kind must be one of 'tournament', 'society'"):
        check_kind(doc, {"kind": "match"}, "tournament")


def test_sources_cite_a_work_by_key_with_a_section_or_a_quote(doc):
    assert read_sources(doc, doc.data["sources"]) == [
        {"key": "Lipson1995", "reference": "", "section": "The Study of Regimes", "quote": "", "note": "sanctions"}]
    quoted = read_sources(doc, [{"key": "Istomin2021", "quote": "  an inconsistent\n partner "}])[0]
    assert (quoted["quote"], quoted["section"], quoted["note"]) == ("an inconsistent partner", "", "")
    outside = read_sources(doc, [{"reference": "Jervis, R. (1982). Security Regimes.", "section": "p. 360"}])[0]
    assert (outside["key"], outside["reference"], outside["section"]) == ("", "Jervis, R. (1982). Security Regimes.",
                                                                         "p. 360")
    with pytest.raises(TomlError, match="unknown bibliography key 'Lipson'.*known keys: Lipson1995") as info:
        read_sources(doc, [{"key": "Lipson", "section": "The Study of Regimes"}])
    assert info.value.line == 4  # the key of the first [[sources]] table
    with pytest.raises(TomlError, match="Lipson1995 has no section 'Sanctions'"):
        read_sources(doc, [{"key": "Lipson1995", "section": "Sanctions"}])
    with pytest.raises(TomlError, match="needs a section of the work or a short quote"):
        read_sources(doc, [{"key": "Lipson1995"}])
    with pytest.raises(TomlError, match="needs a key .* or, for a work outside it, a full reference; not both"):
        read_sources(doc, [{"key": "Lipson1995", "reference": "x", "quote": "y"}])
    with pytest.raises(TomlError, match="a quote must be short"):
        read_sources(doc, [{"key": "Lipson1995", "quote": "word " * 60}])
    with pytest.raises(TomlError, match="not by 'file'"):
        read_sources(doc, [{"file": "a.txt", "lines": "1-3"}])
    with pytest.raises(TomlError, match="unknown key 'sectoin' in \\[\\[sources\\]\\]; did you mean 'section'"):
        read_sources(doc, [{"key": "Lipson1995", "sectoin": "x"}])
    with pytest.raises(TomlError, match="quote must be a string"):
        read_sources(doc, [{"key": "Lipson1995", "quote": 61}])
    with pytest.raises(TomlError, match="one or more \\[\\[sources\\]\\] tables"):
        read_sources(doc, [])


def test_the_game_and_payoffs(doc):
    assert read_game(doc, doc.data["game"]) == rl.Game(3, -2, 6, 1)
    assert read_game(doc, {}) == rl.Game()
    with pytest.raises(TomlError, match="payoffs must be a list of four numbers") as info:
        read_payoffs(doc, [3, 0, 5], "game")
    assert info.value.line == 9
    with pytest.raises(TomlError, match="payoffs must be four finite numbers"):
        read_payoffs(doc, [3, 0, "5", 1], "game")


def test_regime_values_are_checked_by_type_and_key(doc):
    assert read_regime_values(doc, doc.data["regime"], "regime", allow_extra=False) == {"turns": 20, "fine": 2.5}
    variant = {"fine": 1, "payoffs": [3, 0, 5, 1], "description": "A variant."}
    assert read_regime_values(doc, variant, "regimes.strict", allow_extra=True) == {"fine": 1}
    with pytest.raises(TomlError, match="unknown key 'payoffs'"):
        read_regime_values(doc, variant, "regime", allow_extra=False)
    with pytest.raises(TomlError, match="turns must be an integer") as info:
        read_regime_values(doc, {"turns": 2.5}, "regime", allow_extra=False)
    assert info.value.line == 12
