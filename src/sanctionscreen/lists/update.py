"""Downloading the official lists into a local cache, safely.

``update_lists()`` fetches each list's files from its official address
(``data/list_sources.csv``) with a timeout and a conditional request (the ETag and
Last-Modified of the last download), parses the new files with the list's loader and
only then swaps them in, atomically: a download that fails, does not parse, or whose
entry count falls sharply keeps the last good copy and says why. Each cached list
records its files' sha256, sizes, entry count and retrieval time.

Cache layout, under ``cache_dir`` (``$SANCTIONSCREEN_CACHE``, else the user cache folder)::

    <source>/current.json        what is in use: version folder, files, counts, dates
    <source>/<version>/<files>   one folder per downloaded version (the last two kept)
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from .._caching import cache
from .._data import read_table
from .._fields import parse_date
from .._version import __version__
from ..errors import ListFormatError, ListUpdateError, ListUpdateWarning, ValidationError
from . import load_list
from ._io import DEFAULT_MAX_BYTES
from .model import SanctionsList

__all__ = [
    "CachedList",
    "UpdateResult",
    "cached_list",
    "cached_lists",
    "default_cache_dir",
    "list_sources",
    "update_lists",
]

logger = logging.getLogger(__name__)

# A new download with fewer than this share of the last good copy's entries is suspect
# (a truncated file, an error page that parses): keep the old copy and warn.
DEFAULT_MIN_KEEP = 0.5
# A list that loses this share of its entries or more is updated, with a warning.
_WARN_SHRINK = 0.1
# The most one file's download may take in all, whatever the server's pace.
DEFAULT_DEADLINE = 600.0
# Staging folders and half-written records older than this were left by a killed update.
_STALE_AFTER = 3600.0
_KEEP_VERSIONS = 2
_CHUNK = 1 << 16


@attrs.frozen
class SourceFileSpec:
    """One file of a list source: its name in the cache and its download address."""

    name: str
    url: str


@attrs.frozen
class ListSource:
    """A list that can be downloaded: its files, format, licence and whether it is default."""

    name: str
    format: str
    files: tuple[SourceFileSpec, ...]
    default: bool
    licence: str


@attrs.frozen
class UpdateResult:
    """What happened to one list in an update.

    ``status`` is ``updated`` (new files in use), ``unchanged`` (the server said nothing
    changed), ``kept`` (the download failed or looked wrong; the last good copy stays)
    or ``failed`` (it failed and there is no earlier copy). ``reason`` says why.
    """

    source: str
    status: str
    entries: int | None = None
    previous_entries: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether the cache now holds a current copy of this list."""
        return self.status in ("updated", "unchanged")

    @property
    def shrink(self) -> float | None:
        """The share of entries the download lost against the cached copy (0.25: a quarter).

        None when there is nothing to compare.
        """
        if not self.entries or not self.previous_entries:
            return None
        return max(0.0, 1 - self.entries / self.previous_entries)


@attrs.frozen
class CachedList:
    """A list in the cache, as recorded in its ``current.json``."""

    source: str
    format: str
    folder: Path
    entries: int
    retrieved: str
    checked: str
    files: tuple[Mapping[str, Any], ...]
    list_version: str
    published: str | None = None
    """The publication date: read from the files, or given to ``lists update --published``."""

    def load(self, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SanctionsList:
        """Load the cached files with the list's loader (and the publication date kept)."""
        loaded = load_list(
            self.folder, format=self.format, max_bytes=max_bytes, published=self.published
        )
        retrieved = datetime.date.fromisoformat(self.retrieved[:10])
        return attrs.evolve(loaded, retrieved=retrieved)


@cache
def list_sources() -> Mapping[str, ListSource]:
    """Return the downloadable lists, keyed by source name."""
    grouped: dict[str, list[Mapping[str, str]]] = {}
    for row in read_table("list_sources.csv"):
        grouped.setdefault(row["source"], []).append(row)
    return {
        name: ListSource(
            name=name,
            format=rows[0]["format"],
            files=tuple(SourceFileSpec(r["file"], r["url"]) for r in rows),
            default=rows[0]["default"] == "yes",
            licence=rows[0]["licence"],
        )
        for name, rows in grouped.items()
    }


def default_cache_dir() -> Path:
    """``$SANCTIONSCREEN_CACHE``, else ``$XDG_CACHE_HOME/sanctionscreen``, else ``~/.cache``."""
    configured = os.environ.get("SANCTIONSCREEN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sanctionscreen"


def update_lists(
    names: Iterable[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    mirror: str | None = None,
    timeout: float = 60.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_keep: float = DEFAULT_MIN_KEEP,
    deadline: float = DEFAULT_DEADLINE,
    published: datetime.date | str | None = None,
) -> list[UpdateResult]:
    """Download the named lists (the default ones when None) into the cache.

    ``published`` records the publication date of the one list named, for files that
    carry none (OFAC's and trade.gov's CSV files, or an old copy filled in through
    ``mirror="file:///..."``); it is kept with the cached copy and shows in its version.

    ``mirror`` replaces the official addresses with ``{mirror}/{source}/{file}``, for
    an internal mirror (or a test server). ``timeout`` bounds each wait for the server,
    ``deadline`` (seconds) a whole file's download, however slowly the server sends it.
    A download keeping ``min_keep`` of the cached copy's entries or fewer (half, by
    default) is refused as truncated and the cached copy kept; one that loses a tenth or
    more is used, with a warning saying how much it shrank. Every list is tried even
    when one fails; each result says what happened, and a warning is issued for each
    list that was kept, failed or shrank.
    """
    if not 0 <= min_keep <= 1:
        raise ValidationError("min_keep", min_keep, "must be a share from 0 to 1")
    if deadline <= 0 or timeout <= 0:
        raise ValidationError("deadline", deadline, "timeout and deadline must be positive")
    sources = list_sources()
    chosen = [s for s in sources if sources[s].default] if names is None else list(names)
    unknown = [name for name in chosen if name not in sources]
    if unknown:
        raise ListUpdateError(f"unknown list(s) {unknown}; known: {sorted(sources)}")
    when = parse_date("published", published)
    if when is not None and len(chosen) != 1:
        raise ValidationError("published", published, "applies to one list: name it")
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    results = []
    for name in chosen:
        limits = _Limits(timeout, deadline, max_bytes, min_keep)
        result = _update_one(sources[name], root, mirror, limits, when)
        if not result.ok or (result.shrink or 0) >= _WARN_SHRINK:
            warnings.warn(
                f"list {name}: {result.status}: {result.reason}", ListUpdateWarning, stacklevel=2
            )
        logger.info("list %s: %s %s", name, result.status, result.reason)
        results.append(result)
    return results


def cached_lists(cache_dir: str | os.PathLike[str] | None = None) -> list[CachedList]:
    """Return what is in the cache, one record per list, sorted by name."""
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        current = _read_current(folder)
        if current is not None:
            found.append(_cached(folder, current))
    return found


def cached_list(name: str, *, cache_dir: str | os.PathLike[str] | None = None) -> SanctionsList:
    """Load one list from the cache; ListUpdateError if it was never downloaded."""
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    current = _read_current(root / name)
    if current is None:
        raise ListUpdateError(
            f"list {name} is not in the cache at {root}; run 'sanctionscreen lists update {name}'"
        )
    return _cached(root / name, current).load()


# -- internals ---------------------------------------------------------------------


@attrs.frozen
class _Limits:
    """How long and how much one update may take, and how much a list may shrink."""

    timeout: float
    deadline: float
    max_bytes: int
    min_keep: float


def _update_one(
    source: ListSource,
    root: Path,
    mirror: str | None,
    limits: _Limits,
    published: datetime.date | None,
) -> UpdateResult:
    folder = root / source.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep(folder)
        current = _read_current(folder)
    except (ListUpdateError, OSError) as exc:
        return UpdateResult(source.name, "failed", reason=str(exc))
    previous_entries = current["entries"] if current else None
    known = {f["name"]: f for f in current["files"]} if current else {}
    staging = Path(tempfile.mkdtemp(prefix=".download-", dir=folder))
    try:
        files, changed = [], False
        for spec in source.files:
            url = f"{mirror.rstrip('/')}/{source.name}/{spec.name}" if mirror else spec.url
            record = _download(url, staging / spec.name, known.get(spec.name), limits)
            if record is None:  # not modified: reuse the cached file
                assert current is not None
                shutil.copy2(folder / current["version"] / spec.name, staging / spec.name)
                record = dict(known[spec.name])
            else:
                changed = True
            files.append(record)
        if current is not None and (not changed or _digest(files) == _digest(current["files"])):
            # Not modified, or the same bytes again from a server without ETags.
            current["checked"] = _now()
            if published is not None:
                _redate(folder, current, published, limits.max_bytes)
            _write_current(folder, current)
            return UpdateResult(source.name, "unchanged", current["entries"], previous_entries)

        loaded = load_list(
            staging, format=source.format, max_bytes=limits.max_bytes, published=published
        )
        if previous_entries and len(loaded) <= previous_entries * limits.min_keep:
            return _kept(
                source,
                current,
                f"new download has {len(loaded)} entries, the cached copy {previous_entries} "
                f"(at most {limits.min_keep:.0%} kept: truncated?): kept the cached copy",
                len(loaded),
            )
        version = f"{_now().replace(':', '').replace('-', '')}-{_digest(files)[:8]}"
        while (folder / version).exists():  # two updates within one second
            version += "x"
        staging.rename(folder / version)
        record = {
            "source": source.name,
            "format": source.format,
            "version": version,
            "files": files,
            "entries": len(loaded),
            "list_version": attrs.evolve(loaded, retrieved=_today()).version,
            "published": loaded.published.isoformat() if loaded.published else None,
            "retrieved": _now(),
            "checked": _now(),
        }
        _write_current(folder, record)
        _prune(folder, keep=version)
        result = UpdateResult(source.name, "updated", len(loaded), previous_entries)
        if result.shrink:
            reason = f"{result.shrink:.0%} fewer entries than the cached copy ({previous_entries})"
            result = attrs.evolve(result, reason=reason)
        return result
    except (ListUpdateError, ListFormatError, ValidationError, OSError) as exc:
        return _kept(source, current, str(exc), None)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _redate(folder: Path, current: dict[str, Any], published: datetime.date, limit: int) -> None:
    """Record a publication date for the cached copy (refused if its files say otherwise)."""
    current["published"] = published.isoformat()
    current["list_version"] = _cached(folder, current).load(max_bytes=limit).version


def _kept(
    source: ListSource, current: dict[str, Any] | None, reason: str, entries: int | None
) -> UpdateResult:
    if current is None:
        return UpdateResult(source.name, "failed", entries, None, reason)
    return UpdateResult(source.name, "kept", entries, current["entries"], reason)


def _download(
    url: str, target: Path, known: Mapping[str, Any] | None, limits: _Limits
) -> dict[str, Any] | None:
    """Fetch ``url`` into ``target``; None when the server says it has not changed.

    Read as the bytes arrive, so that the deadline holds however slowly they come.
    """
    request = urllib.request.Request(url, headers={"User-Agent": f"sanctionscreen/{__version__}"})
    if known:
        if known.get("etag"):
            request.add_header("If-None-Match", known["etag"])
        if known.get("last_modified"):
            request.add_header("If-Modified-Since", known["last_modified"])
    digest, size = hashlib.sha256(), 0
    started = time.monotonic()
    try:
        with (
            urllib.request.urlopen(request, timeout=limits.timeout) as response,
            target.open("wb") as out,
        ):
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > limits.max_bytes:
                    raise ListUpdateError(f"{url}: more than {limits.max_bytes:,} bytes, refused")
                if time.monotonic() - started > limits.deadline:
                    raise ListUpdateError(
                        f"{url}: not downloaded within {limits.deadline:g} s ({size:,} bytes read)"
                    )
                digest.update(chunk)
                out.write(chunk)
            headers = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and known:
            return None
        raise ListUpdateError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ListUpdateError(f"{url}: {reason}") from None
    if size == 0:
        raise ListUpdateError(f"{url}: empty response")
    return {
        "name": target.name,
        "url": url,
        "sha256": digest.hexdigest(),
        "size": size,
        "etag": headers.get("ETag"),
        "last_modified": headers.get("Last-Modified"),
    }


def _read_current(folder: Path) -> dict[str, Any] | None:
    path = folder / "current.json"
    if not path.is_file():
        return None
    try:
        current: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if not (folder / current["version"]).is_dir():
            raise KeyError("version folder missing")
        return current
    except (ValueError, KeyError, TypeError) as exc:
        raise ListUpdateError(f"{path}: unreadable cache record ({exc})") from None


def _write_current(folder: Path, record: Mapping[str, Any]) -> None:
    """Replace current.json atomically: readers see the old record or the new, never half."""
    handle, temporary = tempfile.mkstemp(prefix=".current-", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(record, out, indent=2, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, folder / "current.json")


def _sweep(folder: Path) -> None:
    """Remove what a killed update left: staging folders and half-written records."""
    now = time.time()
    for path in folder.iterdir():
        if not path.name.startswith((".download-", ".current-")):
            continue
        try:
            if now - path.stat().st_mtime < _STALE_AFTER:
                continue  # perhaps another update's, still running
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()
        except OSError:
            logger.warning("could not remove %s, left by an earlier update", path)


def _prune(folder: Path, *, keep: str) -> None:
    versions = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in versions[:-_KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def _cached(folder: Path, current: Mapping[str, Any]) -> CachedList:
    return CachedList(
        source=current["source"],
        format=current["format"],
        folder=folder / current["version"],
        entries=current["entries"],
        retrieved=current["retrieved"],
        checked=current["checked"],
        files=tuple(current["files"]),
        list_version=current["list_version"],
        published=current.get("published"),
    )


def _digest(files: list[dict[str, Any]]) -> str:
    return hashlib.sha256("".join(f["sha256"] for f in files).encode()).hexdigest()


def _today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
