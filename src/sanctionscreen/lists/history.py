"""The cached versions of a list: the one in use and the one before it.

``lists update`` keeps the previous download beside the current one, so that what a
list update changed can be re-screened (``sanctionscreen review rescreen --cached``).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import attrs

from ..errors import ListUpdateError
from . import load_list
from .model import SanctionsList
from .update import _cached, _read_current, default_cache_dir

__all__ = ["cached_versions"]


def cached_versions(
    name: str, *, cache_dir: str | os.PathLike[str] | None = None
) -> tuple[SanctionsList, SanctionsList]:
    """Return (previous, current) cached versions of a list; ListUpdateError without two."""
    folder = (Path(cache_dir) if cache_dir is not None else default_cache_dir()) / name
    current = _read_current(folder)
    if current is None:
        raise ListUpdateError(f"list {name} is not in the cache at {folder.parent}")
    earlier = sorted(
        path
        for path in folder.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name != current["version"]
    )
    if not earlier:
        raise ListUpdateError(
            f"only one version of {name} is cached: nothing to compare it with (the cache "
            "keeps the previous copy once 'lists update' has downloaded a changed list)"
        )
    previous = load_list(earlier[-1], format=current["format"])
    try:  # version folders are named after their download time: 20261204T140915Z-...
        retrieved = datetime.datetime.strptime(earlier[-1].name[:8], "%Y%m%d").date()
        previous = attrs.evolve(previous, retrieved=retrieved)
    except ValueError:
        pass  # a folder named otherwise: the version stays undated
    return previous, _cached(folder, current).load()
