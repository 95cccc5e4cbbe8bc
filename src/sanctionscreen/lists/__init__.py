"""Sanctions and restricted-party lists: the model, one loader per official format, updates.

:func:`load_list` reads a list file or folder, detecting its format; every loader
returns a complete :class:`SanctionsList` or raises :class:`ListFormatError` naming the
file and line, never half a list. :func:`sample_list` is the small list bundled with
the package: a sample for trying the library, not a compliance list.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import attrs

from .._caching import cache
from .._data import DataFile, manifest
from .._fields import parse_date
from ..errors import FieldTypeError, ListFormatError, ValidationError
from ._io import DEFAULT_MAX_BYTES, read_file
from .csl import HEADER as CSL_HEADER
from .csl import load_csl
from .custom import load_custom
from .dpl import HEADER as DPL_HEADER
from .dpl import load_dpl
from .eu import load_eu
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList, SourceFile
from .ofac import find_variant, load_ofac
from .opensanctions import SIMPLE_HEADER, load_opensanctions_ftm, load_opensanctions_simple
from .uk import load_uk
from .un import load_un

__all__ = [
    "FORMATS",
    "Address",
    "Alias",
    "AliasType",
    "ListEntry",
    "ListType",
    "SanctionsList",
    "SourceFile",
    "detect_format",
    "load_list",
    "sample_list",
]

_Loader = Callable[[Path, int], SanctionsList]

FORMATS: dict[str, str] = {
    "ofac_sdn": "OFAC SDN legacy CSV (sdn.csv with alt.csv, add.csv, sdn_comments.csv)",
    "ofac_cons": "OFAC consolidated non-SDN legacy CSV (cons_prim.csv and its companions)",
    "csl": "US Consolidated Screening List CSV (trade.gov)",
    "dpl": "BIS Denied Persons List (dpl.txt, tab-separated)",
    "un": "UN Security Council Consolidated List XML",
    "eu": "EU Financial Sanctions Files full XML",
    "uk": "UK Sanctions List XML (FCDO)",
    "opensanctions": "OpenSanctions FollowTheMoney entities, JSON lines",
    "opensanctions_simple": "OpenSanctions targets.simple.csv",
    "csv": "custom CSV: id,name,aliases,country,kind,list,... (see sanctionscreen.lists.custom)",
}


def load_list(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    name: str | None = None,
    list_type: ListType | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: datetime.date | str | None = None,
) -> SanctionsList:
    """Load a sanctions or restricted-party list from a file or folder.

    ``format`` is one of :data:`FORMATS`; when None it is detected from the file name
    and contents. ``name`` and ``list_type`` apply to the custom CSV format (the list's
    name, and the type of rows that do not say). Files over ``max_bytes`` are refused.
    ``published`` (a date or ISO text) is the publication date, for the formats whose
    files carry none (OFAC's and trade.gov's CSV files): it then appears in the list's
    version, ``OFAC SDN@2021-06-01#...``, instead of ``@undated``. A file that carries
    its own date (UN, EU, UK) keeps it; a different ``published`` is refused.
    """
    if not isinstance(path, str | os.PathLike):
        raise FieldTypeError("path", path, "must be a path")
    when = parse_date("published", published)
    return _dated(_load(Path(path), format, name, list_type, max_bytes), when, published)


def _dated(loaded: SanctionsList, when: datetime.date | None, given: object) -> SanctionsList:
    """Set the publication date the caller gave, unless the file says otherwise."""
    if when is None or loaded.published == when:
        return loaded
    if when > datetime.date.today() + datetime.timedelta(days=1):
        raise ValidationError("published", given, "is in the future")
    if loaded.published is not None:
        raise ValidationError(
            "published", given, f"the file itself says {loaded.published.isoformat()}"
        )
    note = f"publication date {when.isoformat()} given by the caller; the file carries none"
    return attrs.evolve(loaded, published=when, notes=(*loaded.notes, note))


def _load(
    target: Path,
    format: str | None,
    name: str | None,
    list_type: ListType | str | None,
    max_bytes: int,
) -> SanctionsList:
    if not target.exists():
        raise ListFormatError(target, "no such file or folder")
    chosen = format if format is not None else detect_format(target)
    chosen = _FORMAT_ALIASES.get(chosen, chosen)
    if chosen not in FORMATS:
        raise ListFormatError(target, f"unknown format {chosen!r}; use one of {sorted(FORMATS)}")
    if target.is_dir() and not chosen.startswith("ofac"):
        target = _single_file(target)
    if chosen == "csv":
        kind = None if list_type is None else _list_type(list_type)
        return _entries_required(
            load_custom(target, max_bytes=max_bytes, name=name, list_type=kind), target
        )
    if name is not None or list_type is not None:
        raise ListFormatError(target, "name= and list_type= apply to the custom CSV format only")
    loaders: dict[str, _Loader] = {
        "ofac_sdn": lambda p, m: load_ofac(p, max_bytes=m),
        "ofac_cons": lambda p, m: load_ofac(p, max_bytes=m),
        "csl": lambda p, m: load_csl(p, max_bytes=m),
        "dpl": lambda p, m: load_dpl(p, max_bytes=m),
        "un": lambda p, m: load_un(p, max_bytes=m),
        "eu": lambda p, m: load_eu(p, max_bytes=m),
        "uk": lambda p, m: load_uk(p, max_bytes=m),
        "opensanctions": lambda p, m: load_opensanctions_ftm(p, max_bytes=m),
        "opensanctions_simple": lambda p, m: load_opensanctions_simple(p, max_bytes=m),
    }
    loaded = loaders[chosen](target, max_bytes)
    if chosen.startswith("ofac") and loaded.format != chosen:
        raise ListFormatError(target, f"this is {loaded.format}, not {chosen}")
    return _entries_required(loaded, target)


# Names people give formats that are not the key in FORMATS.
_FORMAT_ALIASES = {"custom": "csv", "custom_csv": "csv", "sdn": "ofac_sdn"}


def _list_type(value: ListType | str) -> ListType:
    if isinstance(value, ListType):
        return value
    try:
        return ListType(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in ListType)
        raise ValidationError("list_type", value, f"must be one of: {allowed}") from None


def _entries_required(loaded: SanctionsList, path: Path) -> SanctionsList:
    """Refuse a list without entries: screening against it would clear everyone."""
    if not loaded.entries:
        raise ListFormatError(path, "the file has no entries (a header only, or cut short?)")
    return loaded


def detect_format(path: Path) -> str:
    """Name the format of a list file or folder, from its name and first bytes."""
    ofac = find_variant(path)
    if ofac is not None:
        return f"ofac_{ofac[0]}"
    if path.is_dir():
        found = sorted(p.name for p in path.iterdir() if p.is_file())
        for candidate in found:
            try:
                return detect_format(path / candidate)
            except ListFormatError:
                continue
        raise ListFormatError(path, f"no list file recognized among {found[:10]}")
    head = _head(path)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    first_line = text.split("\n", 1)[0].strip().lower()
    columns = [c.strip().strip('"') for c in first_line.split(",")]
    if text.startswith("<"):
        if "<CONSOLIDATED_LIST" in text:
            return "un"
        if "fsd/export" in text or "<export" in text:
            return "eu"
        if "<Designations" in text or "<designations" in text.lower():
            return "uk"
        raise ListFormatError(path, "XML of an unknown kind")
    if text.startswith("{"):
        return "opensanctions"
    tab_columns = [c.strip().strip('"') for c in first_line.split("\t")]
    if tab_columns[: len(DPL_HEADER)] == [c.lower() for c in DPL_HEADER]:
        return "dpl"
    if all(c in columns for c in CSL_HEADER):
        return "csl"
    if columns[: len(SIMPLE_HEADER)] == list(SIMPLE_HEADER):
        return "opensanctions_simple"
    if "id" in columns and "name" in columns:
        return "csv"
    for present, missing in (("name", "id"), ("id", "name")):
        if present in columns:
            close = difflib.get_close_matches(missing, columns, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ListFormatError(
                path,
                f"looks like the custom CSV format but has no {missing!r} column{hint}; "
                f"columns: {columns}",
            )
    raise ListFormatError(path, "format not recognized; pass format= (see FORMATS)")


def _single_file(folder: Path) -> Path:
    """Return the one list file of a folder (a single-file format given as its folder)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if len(files) != 1:
        raise ListFormatError(
            folder, f"expected one list file here, found {[p.name for p in files]}"
        )
    return files[0]


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise ListFormatError(path, f"cannot read: {exc.strerror or exc}") from None


def sample_list() -> SanctionsList:
    """Return the bundled SAMPLE list (not a compliance list), loaded once.

    70 published designations of Russian military-supply networks and their suppliers,
    each with its authority, program, date and source; see ``data/MANIFEST.json``.
    """
    return _sample()


@cache
def _sample() -> SanctionsList:
    entry: DataFile = manifest()["sample_list.csv"]
    with resources.as_file(
        resources.files("sanctionscreen").joinpath("data").joinpath("sample_list.csv")
    ) as file:
        raw, _ = read_file(file, max_bytes=DEFAULT_MAX_BYTES)
        if hashlib.sha256(raw).hexdigest() != entry.sha256:
            raise ListFormatError(file, "bundled sample list does not match its manifest")
        loaded = load_custom(file, max_bytes=DEFAULT_MAX_BYTES, name="sanctionscreen sample list")
    return SanctionsList(
        name=loaded.name,
        publisher="sanctionscreen maintainers, from published designations",
        list_type=loaded.list_type,
        format=loaded.format,
        entries=loaded.entries,
        published=datetime.date.fromisoformat(entry.as_of),
        files=loaded.files,
        notes=("SAMPLE list bundled with sanctionscreen: not a compliance list", *loaded.notes),
        is_sample=True,
    )
