"""The cyclic garbage collector, kept from stalling a serving process.

A full collection walks every object the collector tracks: the index (about 300,000
objects for the SDN and CSL) and the caches that fill as parties are matched (about
500,000 after 20,000 names). Each took 100 to 200 ms, in the middle of requests, every
few thousand requests. :func:`settle` freezes what the process holds once its lists are
built, and after each full collection freezes what survived it, so the next one walks
only what is new: at most about 15 ms. Objects frozen while a request was in flight that
later become unreachable cycles would never be collected; every ``SWEEP_EVERY`` full
collections everything is thawed and swept once, so such cycles cost memory for a while,
not for good.
"""

from __future__ import annotations

import gc
from typing import Any

__all__ = ["SWEEP_EVERY", "settle"]

SWEEP_EVERY = 100
"""Full collections between two sweeps of everything (one slow pause each)."""


def settle() -> None:
    """Collect, freeze what the process holds, and freeze survivors after each full pass."""
    gc.collect()
    gc.freeze()
    if _after_full_collection not in gc.callbacks:
        gc.callbacks.append(_after_full_collection)
    _full_collections[0] = 0  # a sweep every SWEEP_EVERY full collections from here


_full_collections = [0]


def _after_full_collection(phase: str, info: dict[str, Any]) -> None:
    if phase != "stop" or info["generation"] != 2:
        return
    _full_collections[0] += 1
    if _full_collections[0] % SWEEP_EVERY == 0:
        gc.unfreeze()  # the next full collection walks, and frees, everything once
    else:
        gc.freeze()
