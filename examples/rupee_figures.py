"""The news report's own money, checked: "82 billion rupees ($976,650)".

A report on Russia's purchases through India gave a payment as "82 billion rupees
($976,650)". Reading both amounts as written and converting the rupees at the European
Central Bank's reference rate shows the dollar figure is off by a factor of about
1,000: it is roughly what 82 *million* rupees were worth. Everything runs offline on
the ECB history shipped with the library's dependencies.
Run it with ``python examples/rupee_figures.py``.
"""

from __future__ import annotations

import datetime
import sys

import sanctionscreen as ss

ON = datetime.date(2022, 10, 14)


def main() -> int:
    # The offline chain a Screener uses by default; conversion needs no lists.
    rates = ss.RateChain([ss.PegRates(), ss.EcbRates()])

    # "Rupees" alone could be Indian, Pakistani, Sri Lankan or Nepalese: say which.
    try:
        ss.Money.parse("82 billion rupees")
    except ss.AmbiguousCurrencyError as error:
        print(f"Without a country: {error}")
    rupees = ss.Money.parse("82 billion rupees", country="India")
    reported = ss.Money.parse("$976,650")
    conversion = rates.convert(rupees, ON)
    print(f"Read: {rupees} and {reported}")
    print(f"At the ECB rate of {ON}: {conversion}")
    print(f"  rate source: {conversion.rate.source}")
    factor = conversion.usd / reported.amount
    implied = rupees.amount / reported.amount
    print(
        f"The reported ${reported.amount:,} is {factor:,.0f} times too small: it implies "
        f"{implied:,.0f} rupees per dollar, against {conversion.rate.units_per_usd:,.2f} "
        "on the ECB's figures."
    )
    millions = rates.convert(ss.Money(rupees.amount / 1000, "INR"), ON)
    print(f"82 million rupees, by contrast: {millions.money} = USD {millions.usd:,}")
    gap = abs(millions.usd - reported.amount) / reported.amount
    print(
        f"That is within {gap:.1%} of the reported dollars: consistent with a slip between "
        "'million' and 'billion'."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
