"""Currencies fixed to the US dollar by their central bank: AED 3.6725, SAR 3.75 ...

``data/currency_pegs.csv`` lists each peg with the day it started and its authority. A
peg gives the same rate on every day from its start; before that day it gives none.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from .._caching import cache
from .._data import data_version, read_table
from ..errors import DataError
from .base import Rate, RateNotFound

__all__ = ["PegRates"]


class PegRates:
    """Official fixed rates to the US dollar, bundled with their sources."""

    name = "fixed pegs"

    @property
    def version(self) -> str:
        """The audit label of ``currency_pegs.csv``."""
        return data_version("currency_pegs.csv")

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the pegged rate of ``currency`` for ``on``, if it was pegged then."""
        peg = _pegs().get(currency)
        if peg is None:
            raise RateNotFound(f"{currency} is not pegged to the US dollar")
        units, since, authority, source = peg
        if on < since:
            raise RateNotFound(f"the {currency} peg starts on {since.isoformat()}")
        return Rate(
            currency=currency,
            quote=units,
            quoted_as="units_per_usd",
            rate_date=on,
            days_back=0,
            provider=self.name,
            source=f"{currency} {units} per USD fixed by {authority} since "
            f"{since.isoformat()} ({source})",
        )


@cache
def _pegs() -> Mapping[str, tuple[Decimal, datetime.date, str, str]]:
    pegs = {}
    for row in read_table("currency_pegs.csv"):
        try:
            units = Decimal(row["units_per_usd"])
            since = datetime.date.fromisoformat(row["since"])
        except (InvalidOperation, ValueError):
            raise DataError(f"currency_pegs.csv: malformed row for {row['currency']}") from None
        if units <= 0:
            raise DataError(f"currency_pegs.csv: {row['currency']} rate must be positive")
        pegs[row["currency"]] = (units, since, row["authority"], row["source"])
    return pegs
