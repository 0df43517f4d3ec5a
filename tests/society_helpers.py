"""Helpers shared by the society tests (tests/society/, tests/properties/): building a small
society, reading one actor's row of a result, and one realised move."""

from __future__ import annotations

from pathlib import Path

import regimelab as rl
from regimelab.society import Actor, Society, SocietyOptions, Turnover

EXAMPLE = Path(__file__).parent / "society_example.toml"
COLLECTIVE = SocietyOptions(scope="collective_security", exclusion_rounds=3)


def society(*actors, **kwargs) -> Society:
    """Actors given as (name, strategy[, member]) tuples or Actor values."""
    made = [a if isinstance(a, Actor) else Actor(a[0], a[1], *a[2:]) for a in actors]
    kwargs.setdefault("regime", rl.Regime(turns=10))
    return Society(actors=made, **kwargs)


def actor_row(result, name: str) -> dict:
    frame = result.actors.set_index("name")
    return frame.loc[name].to_dict()


def move(result, society: Society, who: str, against: str, period: int, repetition: int = 0) -> str:
    """The realised move of ``who`` against ``against`` in ``period`` (needs keep_actions)."""
    i, j = society.index(who), society.index(against)
    for e, pair in enumerate(society.edge_indices()):
        if pair == (i, j) or pair == (j, i):
            side = 0 if pair[0] == i else 1
            return "CD"[result.runs[repetition].actions[period - 1, e, side]]
    raise AssertionError(f"{who} and {against} do not play")


def busy_society() -> Society:
    """Every feature at once: stochastic strategies, noise, random signals, exclusion, an outsider, turnover."""
    return society(
        ("A", "GTFT"), ("B", "Random"), ("C", "Win-Stay Lose-Shift"), ("D", "Defector"), ("E", "Random", False),
        regime=rl.Regime(shadow=0.97, noise=0.03, transparency=0.8, false_alarm=0.02, fine=0.5),
        options=SocietyOptions("collective_security", 4, participation=0.6, enforcement_cost=0.1,
                               outsider_transparency=0.5),
        turnover=Turnover(0.02, ("Tit For Tat", "Random")),
    )
