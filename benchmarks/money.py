"""Speed of money parsing and conversion to US dollars.

Run from the project root: ``python benchmarks/money.py`` (with the package installed).
Prints the time to load the ECB history on first use, then amounts parsed per second
over a mix of written forms ("Rs 8,200 crore", "1,5 млн руб.", "US$ 12.5 mn"...) and
conversions per second over random dates from 2010 to 2026 and the ECB's currencies
plus pegged ones (best of ``--repeat`` runs, one core). No network is used.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from decimal import Decimal

from _timing import best_of

from sanctionscreen import Money
from sanctionscreen import reset_caches as reset_rates
from sanctionscreen.rates import EcbRates, PegRates, RateChain

TEXTS = [
    ("Rs 8,200 crore", "IN"),
    ("82 billion rupees", "IN"),
    ("82,00,00,00,000 INR", None),
    ("$976,650", None),
    ("US$ 12.5 mn", None),
    ("1,5 млн руб.", None),
    ("5 тыс. сом", None),
    ("₸ 1 000 000", None),
    ("AED 1.250.000", None),
    ("EUR 1,234.56", None),
]
CURRENCIES = ["INR", "EUR", "CNY", "AED", "SAR", "GBP", "JPY", "TRY", "KRW", "HKD"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(11)

    reset_rates()
    chain = RateChain([PegRates(), EcbRates()])
    start = time.perf_counter()
    chain.convert(Money("1", "INR"), datetime.date(2022, 10, 14))
    print(f"first conversion (loads the ECB history): {time.perf_counter() - start:.2f} s")

    texts = [rng.choice(TEXTS) for _ in range(args.count)]

    def parse() -> None:
        for text, country in texts:
            Money.parse(text, country=country)

    seconds = best_of(args.repeat, parse, warm=False)
    print(f"Money.parse: {len(texts) / seconds:,.0f} amounts/s ({len(texts):,} amounts)")

    first, span = (
        datetime.date(2010, 1, 4),
        (datetime.date(2026, 10, 30) - datetime.date(2010, 1, 4)).days,
    )
    jobs = [
        (
            Money(Decimal(rng.randint(1, 10**9)), rng.choice(CURRENCIES)),
            first + datetime.timedelta(rng.randint(0, span)),
        )
        for _ in range(args.count)
    ]

    def convert() -> None:
        for money, day in jobs:
            chain.convert(money, day)

    seconds = best_of(args.repeat, convert, warm=False)
    print(
        f"RateChain.convert: {len(jobs) / seconds:,.0f} conversions/s ({len(jobs):,} conversions)"
    )


if __name__ == "__main__":
    main()
