"""Request values are checked with the model's own ranges, plus live play's."""

import pytest

from regimelab import Regime
from regimelab.classroom.validation import (
    Refused,
    code_from,
    game_from,
    move_from,
    nickname_from,
    opponents_from,
    regime_from,
)


def test_a_regime_is_the_models_and_live_play_bounds_the_horizon():
    assert regime_from({"shadow": 0.9, "fine": 2}) == Regime(shadow=0.9, fine=2)
    assert regime_from({"turns": 100000}).turns == 100000  # the sandbox takes the model's range
    for values in ({"turns": 501}, {"shadow": 0.995}):
        with pytest.raises(Refused) as refused:
            regime_from(values, live=True)
        assert refused.value.status == 422 and "live play" in refused.value.message
    for values in ({"noise": True}, {"fine": "3"}, {"bogus": 1}, [1]):
        with pytest.raises(Refused):
            regime_from(values)


@pytest.mark.parametrize("call,value", [
    (game_from, [3, 0, 5, float("inf")]), (game_from, "3,0,5,1"), (nickname_from, "a" * 25),
    (nickname_from, "tab\there"), (nickname_from, "<b>"), (move_from, {"move": "c", "round": 0}),
    (move_from, {"move": "C", "round": True}), (move_from, {"move": "C", "round": 1.5}),
])
def test_bad_values_are_refused_with_a_4xx(call, value):
    with pytest.raises(Refused) as refused:
        call(value)
    assert 400 <= refused.value.status < 500


def test_codes_and_opponents():
    assert code_from(" abcde ") == "ABCDE"
    with pytest.raises(Refused) as refused:
        code_from("ab")
    assert refused.value.status == 404
    assert opponents_from({"mode": "random", "pool": ["tft", "alld"]}, Regime()) == {
        "mode": "random", "pool": ["Tit For Tat", "Defector"]}
    with pytest.raises(Refused):
        opponents_from({"mode": "random", "pool": ["tft"]}, Regime())  # a random pick needs two
