"""Reading declared HS codes in the 2022 edition of the nomenclature.

The lists this library checks goods against (the Common High Priority List above all)
are written in HS 2022. Records from before 2022, and some later ones, still carry HS
2017 subheadings that HS 2022 deleted: parts of aircraft moved from 8803 to 8807, and
8525.80 (cameras), 8541.40 and 8541.50 (semiconductor devices) were split. Such a code
is read as its HS 2022 successors, and the reading says so, so that a flag never rests
on a silent rewrite. ``data/hs2017_hs2022.csv`` holds the rows that matter here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from .._caching import cache
from .._data import read_table
from ..errors import DataError
from .hs import HSCode

__all__ = ["HS2022_IN_FORCE", "HSReading", "read_as_hs2022"]

HS2022_IN_FORCE = datetime.date(2022, 1, 1)
"""The day the 2022 edition of the Harmonized System entered into force."""


@attrs.frozen
class HSReading:
    """A declared code as read in HS 2022.

    ``codes`` are the 6-digit HS 2022 subheadings the goods may fall in (one, or several
    when HS 2022 split the declared subheading), or the 4-digit heading when only a
    heading was declared. ``converted_from`` is the HS 2017 code (a subheading, or a
    heading HS 2022 renumbered) when the code
    was converted, with ``relation`` ("moved" or "split") and ``note``.
    """

    declared: HSCode
    codes: tuple[str, ...]
    converted_from: str | None = None
    relation: str | None = None
    note: str | None = None

    @property
    def chapters(self) -> frozenset[str]:
        """The 2-digit chapters of the HS 2022 reading."""
        return frozenset(code[:2] for code in self.codes)

    def explain(self, date: datetime.date | None) -> str | None:
        """Say how the code was read, for a flag's message; None when it was not converted."""
        if self.converted_from is None:
            return None
        successors = " or ".join(str(HSCode(code)) for code in self.codes)
        level = "heading" if len(self.converted_from) == 4 else "subheading"
        when = (
            "the shipment predates HS 2022"
            if date is not None and date < HS2022_IN_FORCE
            else f"HS 2022 deleted this HS 2017 {level}"
        )
        old = HSCode(self.converted_from)
        return f"HS 2017 {old} was read as HS 2022 {successors} ({when})"

    def evidence(self) -> dict[str, object]:
        """Return the reading as JSON-safe evidence."""
        found: dict[str, object] = {"declared": self.declared.digits, "hs2022": list(self.codes)}
        if self.converted_from is not None:
            found["converted_from_hs2017"] = self.converted_from
            found["relation"] = self.relation
            found["note"] = self.note
        return found


def read_as_hs2022(code: HSCode) -> HSReading:
    """Return the HS 2022 reading of a declared code.

    A subheading that HS 2022 deleted is converted whatever the shipment's date: it
    cannot be a valid HS 2022 code. Codes that kept their number but changed scope
    (8802 lost unmanned aircraft to 8806) are left as declared.
    """
    declared = code.subheading or code.heading
    row = _hs2017_rows().get(declared)
    if row is None:
        return HSReading(code, (declared,))
    successors, relation, note = row
    return HSReading(code, successors, declared, relation, note)


@cache
def _hs2017_rows() -> Mapping[str, tuple[tuple[str, ...], str, str]]:
    rows = {}
    for row in read_table("hs2017_hs2022.csv"):
        successors = tuple(row["hs2022"].split(";"))
        # A heading HS 2022 renumbered as a whole (8803 to 8807) has a row of its own.
        if row["relation"] not in ("moved", "split") or not all(
            len(code) == len(row["hs2017"]) in (4, 6) and code.isdigit()
            for code in (row["hs2017"], *successors)
        ):
            raise DataError(f"hs2017_hs2022.csv: malformed row {dict(row)}")
        rows[row["hs2017"]] = (successors, row["relation"], row["note"])
    return rows
