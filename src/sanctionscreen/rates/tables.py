"""Rates the user supplies: a CSV of official or contractual rates to pin conversions.

Columns ``date,currency,units_per_usd`` (how many units buy one US dollar, the usual
quote: ``2023-03-24,INR,82.37``) or ``date,currency,usd_per_unit``. A rate is used for
its own date, or for later dates up to ``max_days_back`` days (0 by default: exact
dates only; 31 suits a table of monthly rates dated on the first). Every row is
checked on load, and an error names the file, the line and the value.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import hashlib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import DataError
from .base import Rate, RateNotFound

__all__ = ["TableRates"]

_QUOTES = ("units_per_usd", "usd_per_unit")


class TableRates:
    """Rates from a table: ``TableRates.from_csv("rbi_reference_rates.csv")``."""

    def __init__(
        self,
        rates: Mapping[str, Mapping[datetime.date, Decimal]],
        quoted_as: str = "units_per_usd",
        *,
        name: str = "rate table",
        source: str = "a table supplied by the user",
        max_days_back: int = 0,
        version: str | None = None,
    ) -> None:
        if max_days_back < 0:
            raise ValueError("max_days_back must not be negative")
        self.name = name
        self.source = source
        self.max_days_back = max_days_back
        self.quoted_as = quoted_as
        # Rates as published (quoted_as says which way), checked positive, dates sorted.
        self._rates = {
            currency.upper(): dict(sorted(by_date.items())) for currency, by_date in rates.items()
        }
        for currency, by_date in self._rates.items():
            if any(value <= 0 for value in by_date.values()):
                raise DataError(f"{name}: {currency} rates must be positive")
        self._dates = {currency: tuple(by_date) for currency, by_date in self._rates.items()}
        self._version = version or f"{name}#{len(self._rates)} currencies"

    @classmethod
    def from_csv(
        cls, path: str | Path, *, name: str | None = None, max_days_back: int = 0
    ) -> TableRates:
        """Read ``date,currency,units_per_usd`` (or ``usd_per_unit``) rows from a CSV file."""
        path = Path(path)
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError(f"{path}: not UTF-8 text") from None
        reader = csv.DictReader(text.splitlines())
        fields = [f.strip() for f in reader.fieldnames or []]
        quote = next((q for q in _QUOTES if q in fields), None)
        if "date" not in fields or "currency" not in fields or quote is None:
            raise DataError(
                f"{path}: needs the columns date, currency and units_per_usd (or usd_per_unit); "
                f"found {fields}"
            )
        reader.fieldnames = fields
        rates: dict[str, dict[datetime.date, Decimal]] = {}
        for number, row in enumerate(reader, start=2):
            try:
                day = datetime.date.fromisoformat((row["date"] or "").strip())
                value = Decimal((row[quote] or "").strip())
            except (ValueError, InvalidOperation):
                raise DataError(
                    f"{path}, line {number}: needs an ISO date and a number, got "
                    f"{row['date']!r} and {row[quote]!r}"
                ) from None
            currency = (row["currency"] or "").strip().upper()
            if len(currency) != 3 or not currency.isalpha():
                raise DataError(f"{path}, line {number}: bad currency {row['currency']!r}")
            if not value.is_finite() or value <= 0:
                raise DataError(f"{path}, line {number}: the rate must be positive, got {value}")
            if day in rates.get(currency, {}):
                raise DataError(f"{path}, line {number}: {currency} on {day} is given twice")
            rates.setdefault(currency, {})[day] = value
        label = name or path.name
        digest = hashlib.sha256(raw).hexdigest()[:12]
        return cls(
            rates,
            quoted_as=quote,
            name=label,
            source=f"{path.name} (sha256 {digest})",
            max_days_back=max_days_back,
            version=f"{label}#{digest}",
        )

    @property
    def version(self) -> str:
        """An audit label: the table's name and the sha256 prefix of its file."""
        return self._version

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the table's rate for ``on``, or the last one within ``max_days_back``."""
        by_date = self._rates.get(currency)
        if not by_date:
            raise RateNotFound(f"the table has no {currency} rates")
        dates = self._dates[currency]
        index = bisect.bisect_right(dates, on) - 1
        if index < 0 or (on - dates[index]).days > self.max_days_back:
            window = "" if self.max_days_back == 0 else f" or the {self.max_days_back} days before"
            raise RateNotFound(f"the table has no {currency} rate for {on.isoformat()}{window}")
        day = dates[index]
        return Rate(
            currency=currency,
            quote=by_date[day],
            quoted_as=self.quoted_as,
            rate_date=day,
            days_back=(on - day).days,
            provider=self.name,
            source=self.source,
        )
