"""Speed of the goods check: goods lines read per second, and shipments screened per second.

Run from the project root: ``python benchmarks/goods.py`` (with the package installed).
Descriptions and codes are drawn with a fixed seed from a mix of everyday goods and
dual-use goods in English and Russian, with and without part numbers; the first pass
warms the tables, the next ``--repeat`` passes are timed and the best is printed.
Readings of descriptions are cached, so the check is timed twice: with every
description unique (a lot number appended: the worst case) and with the 20 sample
descriptions repeated (as in registers where the same goods recur). No list files are
needed.
"""

from __future__ import annotations

import argparse
import random
import warnings

from _timing import best_of

from sanctionscreen import Entity, GoodsItem, Shipment
from sanctionscreen.checks import GoodsCheck
from sanctionscreen.context import Resources, ScreeningContext
from sanctionscreen.goods.descriptions import read_description

DESCRIPTIONS = [
    ("Cotton knitted T-shirts for men", "6109.10.00"),
    ("Basmati rice, 1121 variety", "1006.30.20"),
    ("Pharmaceutical tablets, paracetamol 500 mg", "3004.90.99"),
    ("Wooden office furniture", "9403.30"),
    ("Automobile brake pads", "8708.30"),
    ("Quadcopter drones with FPV camera", "8806.22"),
    ("Microcontrollers STM32F103C8T6, 1000 pcs", "8542.31.00"),
    ("Plastic parts XC7A35T-1CPG236C", "3926.90.99"),
    ("Thermal imaging camera module 640x512", "8525.89"),
    ("GNSS receiver module NEO-M8N", "8526.91"),
    ("Ball bearings 6205-2RS", "8482.10"),
    ("CNC vertical machining centre, 5-axis", "8457.10"),
    ("Микросхемы интегральные, процессоры", "8542.31"),
    ("Беспилотный летательный аппарат с тепловизором", "8806.92"),
    ("Подшипники шариковые", "8482.10"),
    ("Telecom switching equipment parts", "8517.62"),
    ("Wi-Fi routers for home use", "8517.62"),
    ("Salad servers, stainless steel", "8215.99"),
    ("Printed circuit boards, assembled", "8534.00"),
    ("", "8471.50"),
]
DESTINATIONS = ["Russia", "Kyrgyzstan", "Kazakhstan", "Germany", "United Arab Emirates", "Chile"]


def _shipments(count: int, seed: int, *, unique: bool) -> list[Shipment]:
    rng = random.Random(seed)
    shipments = []
    for number in range(count):
        picked = rng.sample(DESCRIPTIONS, rng.randint(1, 3))
        suffix = f", lot {number}" if unique else ""
        lines = [GoodsItem(d + suffix if d else d, hs_code=c) for d, c in picked]
        destination = rng.choice(DESTINATIONS)
        shipments.append(
            Shipment(
                id=str(number),
                exporter=Entity("Example Electronics Pvt Ltd", country="India"),
                consignee=Entity("Buyer", country=destination),
                origin="India",
                destination=destination,
                goods=lines,
            )
        )
    return shipments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shipments", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    check = GoodsCheck()
    resources = Resources()  # shared, as a screener shares its own
    unique = _shipments(args.shipments, args.seed, unique=True)
    lines = [item.description for shipment in unique for item in shipment.goods]
    uncached = read_description.__wrapped__

    def read() -> None:
        for text in lines:
            uncached(text)

    read_time = best_of(args.repeat, read)
    print(f"descriptions read, uncached: {len(lines) / read_time:,.0f} lines/s ({len(lines):,})")
    for label, shipments in (("unique", unique), ("repeated", None)):
        shipments = shipments or _shipments(args.shipments, args.seed, unique=False)

        def screen(shipments: list[Shipment] = shipments) -> None:
            read_description.cache_clear()
            for shipment in shipments:
                check.run(ScreeningContext(shipment, resources))

        seconds = best_of(args.repeat, screen)
        count = sum(len(s.goods) for s in shipments)
        print(
            f"goods check, {label} descriptions: {len(shipments) / seconds:,.0f} shipments/s, "
            f"{count / seconds:,.0f} lines/s ({len(shipments):,} shipments, one core)"
        )


if __name__ == "__main__":
    main()
