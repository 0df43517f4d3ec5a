"""Progress bars (tqdm, on standard error) that cost nothing when switched off."""

from __future__ import annotations


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def progress_bar(total: int, show: bool, desc: str, unit: str, initial: int = 0):
    """A tqdm bar on standard error that disappears when closed; a bar that does nothing when not ``show``."""
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, desc=desc, unit=unit, leave=False)
