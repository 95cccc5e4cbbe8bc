"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeat: int, run: Callable[[], object], *, warm: bool = True) -> float:
    """Return the best of ``repeat`` timed runs, after one untimed run when ``warm``."""
    if warm:
        run()  # load tables and fill caches outside the timing
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)
