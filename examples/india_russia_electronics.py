"""The mission story in code: electronics from India to Russia, directly and via Kyrgyzstan.

Public reporting in 2024 described how Russia bought drones, chips and telecom parts
through India: an Indian exporter shipped electronics straight to Russia and more to
Kyrgyzstan, from where they travelled on. The parties below are invented; the pattern
is the reported one. Run it with ``python examples/india_russia_electronics.py``.

What the screener sees today (route and jurisdiction rules; party, goods and value
rules arrive in later releases):

1. the direct shipment goes to Russia: EMBARGOED_DESTINATION;
2. the backchannel shipment goes to Kyrgyzstan, a named diversion point, while the end
   user sits in Moscow: TRANSSHIPMENT_COUNTRY, EMBARGOED_DESTINATION (the end user's
   country and address) and DESTINATION_MISMATCH;
3. a radio-equipment shipment to a consignee whose address is in occupied Crimea, even
   though the country column says "Ukraine";
4. a control case: the same exporter shipping to Germany raises only context.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import sanctionscreen as ss

EXPORTER = ss.Entity(
    "Example Electronics Pvt Ltd",
    country="India",
    address="Electronic City, Bengaluru, Karnataka",
    kind="organization",
    identifiers={"IEC": "0799012345"},
)
MOSCOW_BUYER = ss.Entity(
    "OOO Primer Radiotekhnika",
    country="Россия",
    address="ул. Примерная 1, г. Москва, РФ",
    kind="organization",
)

SHIPMENTS = [
    ss.Shipment(
        id="IN-RU-0001",
        date="2023-03-10",
        exporter=EXPORTER,
        consignee=MOSCOW_BUYER,
        origin="India",
        destination="Russian Federation",
        goods=[
            ss.GoodsItem("Quadcopter drones with FPV camera", hs_code="8806.22.00"),
            ss.GoodsItem("Microcontrollers, STM32 series", hs_code="HS 8542.31"),
        ],
        value=ss.Money(Decimal("1250000"), "USD"),
    ),
    ss.Shipment(
        id="IN-KG-0002",
        date="2023-03-24",
        exporter=EXPORTER,
        consignee=ss.Entity("Example Asia Trade LLC", country="Kyrgyz Republic", address="Bishkek"),
        parties=[ss.Entity("OOO Primer Radiotekhnika", country="RU", role="end_user")],
        origin="IN",
        destination="Kirghizia",
        goods=[ss.GoodsItem("Telecom switching equipment parts", hs_code="851762")],
        value=ss.Money(Decimal("82000000"), "INR"),
    ),
    ss.Shipment(
        id="IN-UA-0003",
        date="2023-04-02",
        exporter=EXPORTER,
        consignee=ss.Entity(
            "Example Marine Services",
            country="Ukraine",
            address="ul. Bolshaya Morskaya 10, Sevastopol",
        ),
        origin="India",
        destination="Ukraine",
        goods=[ss.GoodsItem("Radio transceivers", hs_code="8525.60")],
    ),
    ss.Shipment(
        id="IN-DE-0004",
        date="2023-04-05",
        exporter=EXPORTER,
        consignee=ss.Entity("Beispiel Elektronik GmbH", country="Germany", address="Munich"),
        origin="India",
        destination="DE",
        goods=[ss.GoodsItem("Printed circuit boards", hs_code="8534.00")],
    ),
]


def main() -> int:
    screener = ss.Screener()
    flagged = 0
    for shipment in SHIPMENTS:
        result = screener.screen(shipment)
        print(repr(result))
        print()
        flagged += result.risk >= ss.Severity.LOW
    print(f"{flagged} of {len(SHIPMENTS)} shipments need review (risk LOW or above).")
    print()
    print("The audit record of the Kyrgyzstan shipment's first flag:")
    second = screener.screen(SHIPMENTS[1])
    print(json.dumps(second.flags[0].to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
