"""Bundled reference data: the manifest, integrity checks and lazy CSV loading.

Every file under ``sanctionscreen/data/`` has an entry in ``MANIFEST.json`` saying where
its facts come from, as of which date, under which licence, its sha256 and how many
records it holds. Nothing is read at import; each table is read, checked against its
manifest entry and parsed on first use, then cached. ``reset_caches()`` forgets it all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from ._caching import cache
from .errors import DataError

__all__ = ["DataFile", "country_codes", "data_version", "manifest", "read_table"]

_DATA_DIR = "data"
_MANIFEST = "MANIFEST.json"


@attrs.frozen
class DataFile:
    """Provenance of one bundled data file, as recorded in the manifest."""

    name: str
    title: str
    source: str
    as_of: str
    licence: str
    sha256: str
    records: int

    @property
    def version(self) -> str:
        """A short, stable label for audit trails: ``name@as_of#sha256-prefix``."""
        return f"{self.name}@{self.as_of}#{self.sha256[:12]}"


@cache
def manifest() -> Mapping[str, DataFile]:
    """Return the manifest of bundled data files, keyed by file name."""
    raw = _read_bytes(_MANIFEST)
    try:
        entries: dict[str, dict[str, Any]] = json.loads(raw)["files"]
        return {
            name: DataFile(name=name, **{k: entry[k] for k in _MANIFEST_KEYS})
            for name, entry in sorted(entries.items())
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"bundled {_MANIFEST} is malformed: {exc}") from exc


_MANIFEST_KEYS = ("title", "source", "as_of", "licence", "sha256", "records")


def data_version(name: str) -> str:
    """Return the audit label of a bundled data file (see :attr:`DataFile.version`)."""
    return _entry(name).version


@cache
def read_table(name: str) -> tuple[Mapping[str, str], ...]:
    """Read a bundled CSV table after checking its sha256 and record count.

    Returns one mapping per row, keys from the header. A mismatch with the manifest
    raises :class:`DataError` rather than screening on data of unknown provenance.
    """
    entry = _entry(name)
    raw = _read_bytes(name)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry.sha256:
        raise DataError(
            f"bundled data file {name} does not match its manifest "
            f"(sha256 {digest[:12]}..., expected {entry.sha256[:12]}...)"
        )
    rows = tuple(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    if len(rows) != entry.records:
        raise DataError(
            f"bundled data file {name} has {len(rows)} records, manifest says {entry.records}"
        )
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise DataError(f"bundled data file {name}, line {number}: wrong number of columns")
    return rows


def country_codes(text: str, table: str) -> tuple[str, ...]:
    """Read a cell such as "RU;BY" as ISO alpha-2 codes; anything else is a DataError."""
    codes = tuple(text.split(";"))
    if not all(len(code) == 2 and code.isupper() and code.isalpha() for code in codes):
        raise DataError(f"{table}: {text!r} is not a list of ISO alpha-2 codes")
    return codes


def _entry(name: str) -> DataFile:
    try:
        return manifest()[name]
    except KeyError:
        raise DataError(f"no bundled data file named {name!r} in the manifest") from None


def _read_bytes(name: str) -> bytes:
    try:
        return resources.files("sanctionscreen").joinpath(_DATA_DIR).joinpath(name).read_bytes()
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file {name} is missing from the installed package") from exc
