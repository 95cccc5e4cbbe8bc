"""OFAC's legacy CSV files: the SDN list and the consolidated (non-SDN) list.

The SDN list comes as four headerless files: ``sdn.csv`` (one row per entry: number,
name, type, programs, title, vessel fields, remarks), ``alt.csv`` (aliases),
``add.csv`` (addresses) and ``sdn_comments.csv`` (the rest of remarks too long for
``sdn.csv``). The consolidated non-SDN list uses the same layout in ``cons_prim.csv``,
``cons_alt.csv``, ``cons_add.csv`` and ``cons_comments.csv``. ``-0-`` means empty.

Remarks carry more than prose: OFAC's "low quality" a.k.a.s (weak aliases), f.k.a.s,
identifiers ("Tax ID No. 7701234567 (Russia)"), nationalities and "Linked To" notes.
The loader reads the aliases and identifiers out of them and keeps the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier, identifier_in_text
from ._io import CountryResolver, csv_rows, decode, read_file
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList, SourceFile

__all__ = ["load_ofac"]

_NULL = "-0-"
_KINDS = {
    "individual": EntityKind.PERSON,
    "vessel": EntityKind.VESSEL,
    "aircraft": EntityKind.AIRCRAFT,
    None: EntityKind.ORGANIZATION,
}
_ALIAS_TYPES = {"aka": AliasType.AKA, "fka": AliasType.FKA, "nka": AliasType.NKA}
_REMARK_ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.+)'\s*\.?$", re.IGNORECASE)
_REMARK_COUNTRY = re.compile(r"^(?:alt\.\s+)?(?:nationality|citizen)\s+(?P<country>.+?)\.?$")

# (main, aliases, addresses, comments) file names of each variant.
_VARIANTS = {
    "sdn": ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"),
    "cons": ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"),
}
_TITLES = {
    "sdn": ("OFAC SDN", "Specially Designated Nationals and Blocked Persons List"),
    "cons": ("OFAC Consolidated (non-SDN)", "Consolidated Sanctions List (non-SDN)"),
}
URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


def find_variant(path: Path) -> tuple[str, Path] | None:
    """Return ``(variant, folder)`` when ``path`` is an OFAC legacy CSV file or folder."""
    folder = path if path.is_dir() else path.parent
    for variant, names in _VARIANTS.items():
        main = _find(folder, names[0])
        if main is not None and (path.is_dir() or path.name.lower() == names[0]):
            return variant, folder
    return None


def load_ofac(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the OFAC SDN or consolidated list from its folder or its main file."""
    found = find_variant(path)
    if found is None:
        raise ListFormatError(path, "no sdn.csv or cons_prim.csv here")
    variant, folder = found
    names = _VARIANTS[variant]
    notes: list[str] = []
    countries = CountryResolver()
    files: list[SourceFile] = []

    def rows(name: str, width: int, *, required: bool) -> Iterator[tuple[Path, int, list[str]]]:
        file = _find(folder, name)
        if file is None:
            if required:
                raise ListFormatError(folder / name, "file not found")
            notes.append(f"{name} not found beside {names[0]}: its data is missing")
            return
        raw, source = read_file(file, max_bytes=max_bytes)
        files.append(source)
        text = decode(raw, file, notes, fallback="cp1252")
        for line, cells in csv_rows(text, file):
            if not cells or cells == ["\x1a"] or not "".join(cells).strip():
                continue  # blank lines and the DOS end-of-file mark OFAC appends
            if len(cells) != width:
                raise ListFormatError(
                    file, f"expected {width} columns, found {len(cells)}", line=line
                )
            yield file, line, [_clean(cell) or "" for cell in cells]

    main_rows = list(rows(names[0], 12, required=True))
    aliases: dict[str, list[Alias]] = {}
    for file, line, cells in rows(names[1], 5, required=False):
        kind = _ALIAS_TYPES.get(cells[2].lower())
        if kind is None:
            raise ListFormatError(file, f"unknown alias type {cells[2]!r}", line=line)
        if cells[3]:
            aliases.setdefault(cells[0], []).append(Alias(cells[3], kind))
    addresses: dict[str, list[Address]] = {}
    for _, _, cells in rows(names[2], 6, required=False):
        text = ", ".join(part for part in cells[2:5] if part)
        if text:
            address = Address(text, countries(cells[4] or None), cells[4] or None)
            addresses.setdefault(cells[0], []).append(address)
    comments: dict[str, str] = {}
    # sdn_comments.csv rows are (number, text); the text continues the sdn.csv remark.
    for _, _, cells in rows(names[3], 2, required=False):
        comments[cells[0]] = comments.get(cells[0], "") + cells[1]

    entries = []
    seen: set[str] = set()
    for file, line, cells in main_rows:
        number = cells[0]
        if not number.isdigit():
            raise ListFormatError(file, f"entry number {number!r} is not a number", line=line)
        if number in seen:
            raise ListFormatError(file, f"entry number {number} appears twice", line=line)
        seen.add(number)
        if not cells[1]:
            raise ListFormatError(file, f"entry {number} has no name", line=line)
        kind_text = cells[2].lower() or None
        if kind_text not in _KINDS:
            raise ListFormatError(file, f"unknown entry type {cells[2]!r}", line=line)
        remarks = (cells[11] + comments.get(number, "")) or None
        entries.append(
            _entry(number, cells, _KINDS[kind_text], remarks, aliases, addresses, countries)
        )
    short, title = _TITLES[variant]
    return SanctionsList(
        name=short,
        publisher="US Treasury, Office of Foreign Assets Control",
        list_type=ListType.SANCTIONS,
        format=f"ofac_{variant}",
        entries=tuple(entries),
        source_url=URL + names[0].upper(),
        files=tuple(files),
        notes=(f"title: {title}", *notes, *countries.note()),
    )


def _entry(
    number: str,
    cells: list[str],
    kind: EntityKind,
    remarks: str | None,
    aliases: dict[str, list[Alias]],
    addresses: dict[str, list[Address]],
    countries: CountryResolver,
) -> ListEntry:
    entry_aliases = list(aliases.get(number, ()))
    identifiers: list[Identifier] = []
    entry_countries: list[str] = []
    for item in _remark_items(remarks):
        alias = _REMARK_ALIAS.match(item)
        if alias:
            kind_letter = alias.group("kind").lower()
            alias_type = {"a": AliasType.WEAK_AKA, "f": AliasType.FKA, "n": AliasType.NKA}
            entry_aliases.append(Alias(alias.group("name"), alias_type[kind_letter]))
            continue
        nationality = _REMARK_COUNTRY.match(item)
        if nationality:
            code = countries(nationality.group("country"))
            if code:
                entry_countries.append(code)
            continue
        found = identifier_in_text(item, countries)
        if found is not None:
            identifiers.append(found)
    if cells[5]:  # call sign of a vessel or aircraft
        call_sign = identifier("Call Sign", cells[5])
        if call_sign is not None:
            identifiers.append(call_sign)
    entry_addresses = tuple(addresses.get(number, ()))
    entry_countries += [a.country for a in entry_addresses if a.country]
    if cells[9]:  # vessel flag
        flag = countries(cells[9])
        if flag:
            entry_countries.append(flag)
    programs = tuple(p.strip(" []") for p in cells[3].split("] [") if p.strip(" []"))
    return ListEntry(
        id=number,
        name=cells[1],
        list_type=ListType.SANCTIONS,
        aliases=tuple(dict.fromkeys(entry_aliases)),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=programs,
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=entry_addresses,
        remarks=remarks,
        sublist=programs[0] if programs else None,
        authority="US Treasury (OFAC)",
    )


def _remark_items(remarks: str | None) -> list[str]:
    if not remarks:
        return []
    return [item.strip() for item in re.split(r";\s+", remarks.strip().rstrip(".")) if item.strip()]


def _clean(cell: str) -> str | None:
    text = cell.strip()
    return None if text in ("", _NULL) else text


def _find(folder: Path, name: str) -> Path | None:
    """Find ``name`` in ``folder`` whatever its case (OFAC publishes SDN.CSV)."""
    exact = folder / name
    if exact.is_file():
        return exact
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir()):
        if candidate.name.lower() == name and candidate.is_file():
            return candidate
    return None
