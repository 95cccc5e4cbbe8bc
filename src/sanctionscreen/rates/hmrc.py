"""HMRC's monthly exchange rates, for currencies the ECB does not publish (in the default chain).

HM Revenue & Customs publishes a rate per currency per month, for customs and VAT,
including currencies the ECB stopped or never published: the ruble after March 2022,
the som, tenge, dram, sum, lari, Belarusian ruble. The ``hmrc-rates`` package ships the
whole history; a rate in US dollars is the cross rate through sterling for the same
month. A monthly rate is the rate for every day of its month: ``period`` names the month.
"""

from __future__ import annotations

import datetime
import functools
import importlib.metadata
from decimal import Decimal
from typing import Any

from .base import Rate, RateNotFound, divide

__all__ = ["HmrcRates"]


class HmrcRates:
    """HMRC monthly rates through the ``hmrc-rates`` package (a dependency; MIT licence).

    The package bundles the whole published history, so no network is used.
    """

    name = "HMRC monthly rates"

    def __init__(self) -> None:
        import hmrc_rates  # lazily: its history loads only when HMRC rates are asked for

        self._module: Any = hmrc_rates
        self._rates: Any = hmrc_rates.Rates()

    @functools.cached_property
    def version(self) -> str:
        """``hmrc-monthly@LAST-MONTH (hmrc-rates VERSION)``."""
        last = self._rates.months()[-1]
        version = importlib.metadata.version("hmrc-rates")
        return f"hmrc-monthly@{last.year:04d}-{last.month:02d} (hmrc-rates {version})"

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the HMRC rate of ``currency`` for the month of ``on``."""
        try:
            units = self._rates.monthly_rate(currency, on).units_per_gbp
            usd = self._rates.monthly_rate("USD", on).units_per_gbp
        except self._module.HmrcRatesError:
            last = self._rates.months()[-1]
            reason = f"no HMRC rate for {currency} in {on:%Y-%m}"
            if (on.year, on.month) > (last.year, last.month):
                reason += f"; the bundled history ends with {last.year:04d}-{last.month:02d}"
            raise RateNotFound(reason) from None
        month = on.replace(day=1)
        return Rate(
            currency=currency,
            quote=divide(Decimal(usd), Decimal(units)),
            quoted_as="usd_per_unit",
            rate_date=month,
            days_back=0,
            provider=self.name,
            source=f"HMRC monthly exchange rates for {on:%Y-%m}: USD {usd} and "
            f"{currency} {units} per GBP",
            period=f"{on:%Y-%m}",
        )
