"""Money: amounts as people write them, in any currency.

- :mod:`.amount`: :class:`Money`, an exact Decimal amount in an ISO 4217 currency, and
  :func:`parse_money`;
- :mod:`.parsing`: reading amounts from text ("82 billion rupees", "Rs 8,200 crore",
  "1,5 млн руб.") with the currency words and scale words of ``data/``.

Converting to US dollars is the job of :mod:`sanctionscreen.rates`.
"""

from __future__ import annotations

from .amount import Money, parse_money

__all__ = ["Money", "parse_money"]
