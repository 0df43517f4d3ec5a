"""Transparency and false alarms (regimelab/functions/monitoring.py)."""

import pytest

from regimelab.errors import InvalidParameter
from regimelab.functions import Monitoring


def test_perfect_monitoring_is_the_default_and_inactive():
    monitoring = Monitoring()
    assert monitoring.is_perfect and not monitoring.is_active and not monitoring.is_random
    assert monitoring.signal_d().tolist() == [0.0, 1.0]  # a C is never read as d, a D always


def test_signal_probabilities_are_the_false_alarm_and_the_transparency():
    monitoring = Monitoring(transparency=0.7, false_alarm=0.1)
    assert monitoring.signal_d().tolist() == [0.1, 0.7]
    assert monitoring.is_active and monitoring.is_random


def test_monitoring_that_needs_no_draw_is_not_random():
    assert not Monitoring(transparency=0.0).is_random  # nothing is ever seen: imperfect, but certain
    assert Monitoring(transparency=0.0).is_active
    assert not Monitoring(transparency=1.0, false_alarm=1.0).is_random


@pytest.mark.parametrize("values, name", [({"transparency": 1.2}, "transparency"), ({"false_alarm": -0.1}, "false_alarm")])
def test_probabilities_outside_the_unit_interval_are_refused(values, name):
    with pytest.raises(InvalidParameter) as info:
        Monitoring(**values)
    assert info.value.parameter == name
