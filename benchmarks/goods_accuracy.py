"""How well the goods check reads real customs lines: the figures of issue 15.

Run from the project root: ``python benchmarks/goods_accuracy.py [--show KIND]``.
Reads ``tests/fixtures/goods/goods_lines.csv``: 449 goods lines from US, Canadian, UK
and Indian customs rulings, enforcement cases (Fishenko, Orekhov, Grinin, Balakaev...),
distributor lists and Russian tender and catalogue lists, each with its source; 95 are
misdeclared (22 as importers really declared them before customs corrected them, 73
constructed from real descriptions), labelled by a helper who did not see the code.
Each line is screened alone, from India to the United Arab Emirates, and counted:

- dual-use lines flagged (DUAL_USE_GOODS, HIGH_PRIORITY_ITEM or HS_DESCRIPTION_MISMATCH),
  overall and among those that use no word of the shared keyword table;
- ordinary lines flagged as dual-use or misdeclared (false alarms);
- misdeclared lines caught by HS_DESCRIPTION_MISMATCH, and correct ones called so.
"""

from __future__ import annotations

import argparse
import csv
import warnings
from collections import Counter
from pathlib import Path

from sanctionscreen import Entity, GoodsItem, Screener, Shipment, ValidationError

SET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "goods" / "goods_lines.csv"
SENSITIVE = {"DUAL_USE_GOODS", "HIGH_PRIORITY_ITEM", "HS_DESCRIPTION_MISMATCH"}
FALSE_ALARM = {"DUAL_USE_GOODS", "HS_DESCRIPTION_MISMATCH"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", choices=["missed", "false", "misdeclared", "wrongly"])
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    screener = Screener()
    with SET.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts: Counter[str] = Counter()
    for row in rows:
        try:
            item = GoodsItem(row["description"], hs_code=row["declared_code"] or None)
        except ValidationError as error:
            counts["refused codes"] += 1
            if args.show:
                print(f"  refused  {row['declared_code']!r}: {error}")
            continue
        shipment = Shipment(
            id="line",
            date="2024-05-02",
            exporter=Entity("Example Exports Pvt Ltd", country="IN"),
            consignee=Entity("Example Trading FZE", country="AE"),
            origin="IN",
            destination="AE",
            goods=[item],
        )
        found = {flag.code for flag in screener.screen(shipment).flags}
        _count(row, found, counts, args.show)
    _report(len(rows), counts)


def _count(row: dict[str, str], found: set[str], counts: Counter[str], show: str | None) -> None:
    controlled, misdeclared = row["controlled"] == "yes", row["misdeclared"] == "yes"
    mismatch = "HS_DESCRIPTION_MISMATCH" in found
    what = f"{row['description'][:70]!r} {row['declared_code']} ({row['category']})"
    if controlled:
        counts["controlled"] += 1
        counts["controlled flagged"] += bool(found & SENSITIVE)
        if row["uses_keyword"] == "no":
            counts["no keyword"] += 1
            counts["no keyword flagged"] += bool(found & SENSITIVE)
        if show == "missed" and not found & SENSITIVE:
            print(f"  missed   {what}")
    else:
        counts["ordinary"] += 1
        counts["ordinary flagged"] += bool(found & FALSE_ALARM)
        if show == "false" and found & FALSE_ALARM:
            print(f"  false    {what} {sorted(found & FALSE_ALARM)}")
    if misdeclared:
        counts["misdeclared"] += 1
        counts["misdeclared caught"] += mismatch
        if show == "misdeclared" and not mismatch:
            print(f"  uncaught {what} belongs in {row['correct_heading']}")
    elif row["declared_code"]:
        counts["correct codes"] += 1
        counts["correct called mismatched"] += mismatch
        if show == "wrongly" and mismatch:
            print(f"  wrongly  {what} belongs in {row['correct_heading']}")


def _report(total: int, counts: Counter[str]) -> None:
    def share(part: str, whole: str) -> str:
        return f"{counts[part]}/{counts[whole]} ({counts[part] / max(counts[whole], 1):.1%})"

    print(f"{total} lines ({counts['refused codes']} with codes HS 2022 does not have, refused)")
    for label, part, whole in (
        ("dual-use lines flagged", "controlled flagged", "controlled"),
        ("  ... that use no keyword of the shared table", "no keyword flagged", "no keyword"),
        ("ordinary lines flagged (false alarms)", "ordinary flagged", "ordinary"),
        ("misdeclared codes caught", "misdeclared caught", "misdeclared"),
        ("correct codes called mismatched", "correct called mismatched", "correct codes"),
    ):
        print(f"{label + ':':48} {share(part, whole)}")


if __name__ == "__main__":
    main()
