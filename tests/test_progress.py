"""Progress bars that cost nothing when switched off (regimelab/progress.py)."""

from regimelab.progress import progress_bar


def test_a_hidden_bar_does_nothing_and_prints_nothing(capsys):
    bar = progress_bar(10, show=False, desc="Playing", unit="match")
    bar.update(3)
    bar.close()
    assert capsys.readouterr() == ("", "")


def test_a_shown_bar_counts_on_standard_error(capsys):
    bar = progress_bar(4, show=True, desc="Playing", unit="match", initial=1)
    assert (bar.total, bar.n, bar.desc, bar.unit) == (4, 1, "Playing", "match")
    bar.update(3)
    assert bar.n == 4
    bar.close()
    assert capsys.readouterr().out == ""
