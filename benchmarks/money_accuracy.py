"""How exactly real amount strings read: the project's realistic set, with and without a country.

Run from the project root: ``python benchmarks/money_accuracy.py [--show misread|refused|all]``.
Reads ``tests/fixtures/money/amounts_set_*.csv`` (strings copied from public news,
invoices, cheques, notices and price lists, each with its source) and prints, for each
condition (given the document's country; given none):

- exact: amounts read as the expected value and currency, of those that have one;
- refused as expected: ambiguous strings, ranges and negative amounts refused (the
  labels give a negative amount its value; the library refuses negative amounts by
  contract, so a refusal is what is expected of it);
- silent misreadings: a value returned that is not the expected one (must be zero).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

from sanctionscreen import Money, ValidationError

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "money"
SETS = sorted(FIXTURES.glob("amounts_set_*.csv"))


def rows() -> list[dict[str, str]]:
    """Every row of the realistic sets, with the file it came from."""
    found = []
    for path in SETS:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                row["file"] = path.name
                found.append(row)
    return found


def expectation(label: str) -> str:
    """The label, with a negative amount expected to be refused (see the docstring)."""
    return "refuse" if label.startswith("-") else label


def outcome(text: str, country: str | None, expected: str) -> tuple[str, str]:
    """Return (exact|refused|refused-ok|misread, what was read) for one string."""
    try:
        money = Money.parse(text, country=country)
    except ValidationError as error:
        got = f"refused: {error}"
        return ("refused-ok" if expected in ("ambiguous", "refuse") else "refused"), got
    got = f"{money.amount} {money.currency}"
    if expected in ("ambiguous", "refuse"):
        return "misread", got
    amount, currency = expected.split()
    exact = money.currency == currency and money.amount == Decimal(amount)
    return ("exact" if exact else "misread"), got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", choices=["misread", "refused", "all"], default=None)
    args = parser.parse_args()
    table = rows()
    languages = Counter(r["language"] for r in table)
    currencies = Counter(r["with_country"].split()[-1] for r in table if " " in r["with_country"])
    print(f"{len(table)} strings, {len(languages)} languages, {len(currencies)} currencies")
    for condition in ("with_country", "without_country"):
        counts: Counter[str] = Counter()
        for row in table:
            if condition == "with_country" and not row["country"]:
                continue
            country = row["country"] if condition == "with_country" else None
            expected = expectation(row[condition])
            kind, got = outcome(row["text"], country, expected)
            wants_value = expected not in ("ambiguous", "refuse")
            counts["valued" if wants_value else "refusals"] += 1
            counts[kind] += 1
            if args.show and (args.show == "all" or args.show in kind):
                print(f"  {kind:10} {row['text']!r} {country} expected={expected!r} {got}")
        print(
            f"{condition}: exact {counts['exact']}/{counts['valued']} "
            f"({counts['exact'] / max(counts['valued'], 1):.1%}); refused as expected "
            f"{counts['refused-ok']}/{counts['refusals']}; silent misreadings {counts['misread']}"
        )


if __name__ == "__main__":
    main()
