"""The package's caches, registered in one place so that ``reset_caches()`` misses none.

Reference tables are read once and kept, and some readings derived from them (a
normalized name, a goods description) are remembered. Every such cache is made with
:func:`cache` or :func:`lru_cache` from this module instead of :mod:`functools`, which
registers it; :func:`clear_caches` empties them all, so a long-running service that
replaces data files in place can start afresh without knowing which modules cache what.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

__all__ = ["cache", "clear_caches", "lru_cache"]

T = TypeVar("T")

_REGISTRY: list[_lru_cache_wrapper[object]] = []


def cache(function: Callable[..., T]) -> _lru_cache_wrapper[T]:
    """Remember every answer of ``function`` (for tables read once), registered for clearing."""
    wrapped = functools.cache(function)
    _REGISTRY.append(wrapped)
    return wrapped


def lru_cache(maxsize: int) -> Callable[[Callable[..., T]], _lru_cache_wrapper[T]]:
    """Remember the last ``maxsize`` answers of a function, registered for clearing."""

    def decorate(function: Callable[..., T]) -> _lru_cache_wrapper[T]:
        wrapped = functools.lru_cache(maxsize=maxsize)(function)
        _REGISTRY.append(wrapped)
        return wrapped

    return decorate


def clear_caches() -> None:
    """Empty every registered cache; the next use reads the data files again."""
    for wrapped in _REGISTRY:
        wrapped.cache_clear()
