"""Country-level risk facts: embargoes, diversion points, partners and chapter bans.

``data/embargoes.csv`` lists the countries under comprehensive embargo or broad
sanctions and export controls, with their legal basis. ``data/transshipment_countries.csv``
lists, one row per naming, the countries that an authority has named as a
transshipment or diversion point for goods bound for Russia and Belarus; media reports
are kept as context (``official`` is false) and never count as a naming on their own.
``data/partner_countries.csv`` lists the countries that apply export controls on Russia
and Belarus substantially similar to the EU's and the US's, and
``data/export_restrictions.csv`` the countries to which most goods of whole HS chapters
need a licence or are banned.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from .._caching import cache
from .._data import country_codes, read_table
from ..errors import DataError
from ..severity import Severity

__all__ = [
    "ChapterRestriction",
    "DiversionNaming",
    "Embargo",
    "PartnerCountry",
    "chapter_restriction",
    "diversion_namings",
    "embargo",
    "embargoed_countries",
    "partner_country",
]


@attrs.frozen
class Embargo:
    """A country under comprehensive embargo or broad sanctions and export controls.

    ``severity`` applies to goods going there, ``origin_severity`` to goods coming from
    there. Where the measures were eased (``eased_on``), shipments dated before that
    day are judged at ``severity_before_easing``. Under a partial regime (Russia,
    Belarus), goods outside every restricted chapter and list go at
    ``ordinary_goods_severity``; under a comprehensive embargo it is None: everything
    weighs the same.
    """

    country: str
    regime: str
    severity: Severity
    origin_severity: Severity
    authorities: str
    legal_basis: str
    since: str
    eased_on: str
    severity_before_easing: Severity | None
    ordinary_goods_severity: Severity | None
    note: str
    source: str

    def severity_on(self, date: datetime.date | None, *, origin: bool = False) -> Severity:
        """Return the severity for a shipment on ``date`` (today's rules when unknown)."""
        if origin:
            return self.origin_severity
        eased = bool(self.eased_on) and self.severity_before_easing is not None
        if eased and date is not None and date < datetime.date.fromisoformat(self.eased_on):
            assert self.severity_before_easing is not None
            return self.severity_before_easing
        return self.severity


@attrs.frozen
class DiversionNaming:
    """One authority (or report) naming a country as a diversion point, with its date."""

    country: str
    category: str
    official: bool
    named_by: str
    named_on: str
    reason: str
    source: str
    bound_for: tuple[str, ...] = ()
    """The destinations the naming is about (ISO alpha-2): goods diverted to these."""


@attrs.frozen
class PartnerCountry:
    """A country that applies export controls like the EU's and the US's on ``controls_on``."""

    country: str
    listed_by: str
    source: str
    controls_on: tuple[str, ...] = ()


@attrs.frozen
class ChapterRestriction:
    """Most goods of ``chapters`` need a licence or are banned for export to ``country``."""

    country: str
    chapters: frozenset[str]
    authorities: str
    legal_basis: str
    since: str
    note: str
    source: str


def embargo(country: str) -> Embargo | None:
    """Return the embargo on ``country`` (ISO alpha-2), if there is one."""
    return _embargoes().get(country)


def embargoed_countries() -> tuple[str, ...]:
    """Return the ISO alpha-2 codes of every country in the embargo table."""
    return tuple(_embargoes())


def diversion_namings(country: str) -> tuple[DiversionNaming, ...]:
    """Return every naming of ``country`` as a diversion point, oldest first."""
    return _namings().get(country, ())


def partner_country(country: str) -> PartnerCountry | None:
    """Return the partner listing of ``country`` (ISO alpha-2), if it is a partner."""
    return _partners().get(country)


def chapter_restriction(country: str) -> ChapterRestriction | None:
    """Return the restriction on whole HS chapters for exports to ``country``, if any."""
    return _chapter_restrictions().get(country)


@cache
def _embargoes() -> Mapping[str, Embargo]:
    embargoes = {}
    for row in read_table("embargoes.csv"):
        fields: dict[str, Any] = dict(row)
        country = fields.pop("alpha2")
        try:
            for name in (
                "severity",
                "origin_severity",
                "severity_before_easing",
                "ordinary_goods_severity",
            ):
                text = fields[name]
                fields[name] = Severity.parse(text, field=name) if text else None
            if fields["severity"] is None or fields["origin_severity"] is None:
                raise ValueError("severity and origin_severity are required")
            for name in ("since", "eased_on"):
                if fields[name]:
                    datetime.date.fromisoformat(fields[name])
        except ValueError as exc:
            raise DataError(f"embargoes.csv, {country}: {exc}") from None
        embargoes[country] = Embargo(country=country, **fields)
    return embargoes


@cache
def _namings() -> Mapping[str, tuple[DiversionNaming, ...]]:
    namings: dict[str, list[DiversionNaming]] = {}
    for row in read_table("transshipment_countries.csv"):
        if row["official"] not in ("yes", "no"):
            raise DataError(f"transshipment_countries.csv: official must be yes or no: {row}")
        naming = DiversionNaming(
            country=row["alpha2"],
            category=row["category"],
            official=row["official"] == "yes",
            named_by=row["named_by"],
            named_on=row["named_on"],
            reason=row["reason"],
            source=row["source"],
            bound_for=country_codes(row["bound_for"], "transshipment_countries.csv"),
        )
        namings.setdefault(naming.country, []).append(naming)
    return {
        country: tuple(sorted(items, key=lambda n: (n.named_on, n.named_by)))
        for country, items in namings.items()
    }


@cache
def _partners() -> Mapping[str, PartnerCountry]:
    return {
        row["alpha2"]: PartnerCountry(
            row["alpha2"],
            row["listed_by"],
            row["source"],
            country_codes(row["controls_on"], "partner_countries.csv"),
        )
        for row in read_table("partner_countries.csv")
    }


@cache
def _chapter_restrictions() -> Mapping[str, ChapterRestriction]:
    restrictions = {}
    for row in read_table("export_restrictions.csv"):
        chapters = frozenset(row["chapters"].split(";"))
        if not all(len(c) == 2 and c.isdigit() for c in chapters):
            raise DataError(f"export_restrictions.csv, {row['alpha2']}: bad chapters {chapters}")
        restrictions[row["alpha2"]] = ChapterRestriction(
            country=row["alpha2"],
            chapters=chapters,
            authorities=row["authorities"],
            legal_basis=row["legal_basis"],
            since=row["since"],
            note=row["note"],
            source=row["source"],
        )
    return restrictions
