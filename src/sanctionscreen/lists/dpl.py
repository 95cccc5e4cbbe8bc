"""The BIS Denied Persons List as published in ``dpl.txt`` (tab-separated, quoted).

Columns: Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation; dates as MM/DD/YYYY.
Rows have no identifier, so each entry's id is derived from its name, address and
effective date (stable across downloads while the row is unchanged).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ListFormatError
from ._io import CountryResolver, CsvTable, decode, parse_date, read_file
from .model import Address, ListEntry, ListType, SanctionsList

__all__ = ["HEADER", "load_dpl"]

HEADER = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
)
URL = "https://www.bis.doc.gov/dpl/dpl.txt"


def load_dpl(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the Denied Persons List from its tab-separated text file."""
    raw, source = read_file(path, max_bytes=max_bytes)
    notes: list[str] = []
    table = CsvTable(decode(raw, path, notes, fallback="cp1252"), path, delimiter="\t")
    header = table.header
    if tuple(header[: len(HEADER)]) != HEADER:
        raise ListFormatError(path, f"not a DPL file: header {header[:3]}...", line=1)
    countries = CountryResolver()
    entries: list[ListEntry] = []
    ids: dict[str, int] = {}
    for line, row in table.records():
        if not row["Name"]:
            raise ListFormatError(path, "entry has no name", line=line)
        key = "|".join((row["Name"], row["Street_Address"], row["City"], row["Effective_Date"]))
        entry_id = "DPL-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        ids[entry_id] = ids.get(entry_id, 0) + 1
        if ids[entry_id] > 1:  # the same row twice: keep both, told apart
            entry_id += f"-{ids[entry_id]}"
        address_text = ", ".join(
            part
            for part in (row[c] for c in ("Street_Address", "City", "State", "Postal_Code"))
            if part
        )
        country = countries(row["Country"] or None)
        addresses = (
            (Address(address_text, country, row["Country"] or None),)
            if address_text or country
            else ()
        )
        citation = row.get("FR_Citation") or ""
        entries.append(
            ListEntry(
                id=entry_id,
                name=row["Name"],
                list_type=ListType.EXPORT_CONTROL,
                countries=(country,) if country else (),
                programs=("DPL",),
                addresses=addresses,
                remarks=f"Federal Register: {citation}" if citation else None,
                sublist="Denied Persons List",
                authority="US Commerce (BIS)",
                listed_on=parse_date(row["Effective_Date"], path, line, "%m/%d/%Y"),
                end_date=parse_date(row["Expiration_Date"], path, line, "%m/%d/%Y"),
            )
        )
    table.note_repeated_headers(notes)
    return SanctionsList(
        name="BIS Denied Persons List",
        publisher="US Department of Commerce, Bureau of Industry and Security",
        list_type=ListType.EXPORT_CONTROL,
        format="dpl",
        entries=tuple(entries),
        source_url=URL,
        files=(source,),
        notes=(*notes, *countries.note()),
    )
