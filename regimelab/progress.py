"""Progress bars (tqdm, on standard error) that cost nothing when switched off."""

from __future__ import annotations


class _NoBar:
    total = None

    def update(self, n):
        pass

    def refresh(self):
        pass

    def close(self):
        pass


def progress_bar(total: int, show: bool, desc: str, unit: str, initial: int = 0):
    """A tqdm bar on standard error that disappears when closed; a bar that does nothing when not ``show``."""
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, desc=desc, unit=unit, leave=False)


def set_total(bar, total: float | None) -> None:
    """Change a bar's total (``None``: unknown, no ETA), as work whose size was an estimate is learnt.

    tqdm's ETA is (total - done) at the current rate, so a total kept up to date keeps the ETA honest.
    """
    bar.total = None if total is None else max(int(round(total)), 0)
    bar.refresh()
