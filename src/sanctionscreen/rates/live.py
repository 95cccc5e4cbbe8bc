"""Live rates from the web service forex-python uses (the ``live-rates`` extra; off by default).

Never used unless put in a :class:`~sanctionscreen.rates.RateChain` by hand. The request
has a timeout, and the answer is refused unless it is for the date asked: forex-python's
own client (1.9) has no timeout and does not check the date it gets back, so this
provider makes the request itself, to forex-python's service address.
"""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation

from .base import Rate, RateNotFound

__all__ = ["LiveRates"]


class LiveRates:
    """Rates fetched over HTTP on demand; ``base_url`` defaults to forex-python's service.

    Each answer must carry the asked date and a positive rate; otherwise the provider
    says why and the chain moves on. Results depend on the service, so a screening run
    that uses live rates is reproducible only through the rate recorded in each result.
    """

    name = "live rates"

    def __init__(self, *, base_url: str | None = None, timeout: float = 5.0) -> None:
        if base_url is None:
            try:
                from forex_python.converter import CurrencyRates
            except ImportError as exc:
                raise ImportError(
                    "LiveRates needs forex-python: pip install 'sanctionscreen[live-rates]'"
                ) from exc
            base_url = CurrencyRates()._source_url()
        if not base_url.endswith("/"):
            base_url += "/"
        self.base_url = base_url
        self.timeout = timeout

    @property
    def version(self) -> str:
        """The service address: live rates have no fixed version."""
        return f"live:{self.base_url}"

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Fetch the rate of ``currency`` for ``on`` and check the service answered for it."""
        query = urllib.parse.urlencode({"base": "USD", "symbols": currency, "rtype": "fpy"})
        url = f"{self.base_url}{on.isoformat()}?{query}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                body = response.read(1_000_000)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise RateNotFound(f"the service did not answer ({exc})") from None
        try:
            answer = json.loads(body, parse_float=Decimal, parse_int=Decimal)
            answered_for = str(answer.get("date", ""))
            units = Decimal(answer["rates"][currency])
        except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation):
            raise RateNotFound(f"the service gave no {currency} rate") from None
        if answered_for != on.isoformat():
            raise RateNotFound(
                f"the service answered with the rates of {answered_for or 'no date'}, "
                f"not {on.isoformat()}"
            )
        if not units.is_finite() or units <= 0:
            raise RateNotFound(f"the service gave an unusable rate {units}")
        return Rate(
            currency=currency,
            quote=units,
            quoted_as="units_per_usd",
            rate_date=on,
            days_back=0,
            provider=self.name,
            source=f"{self.base_url} ({currency} {units} per USD on {on.isoformat()})",
        )
