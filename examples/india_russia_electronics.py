"""Electronics from India to Russia, directly and via Kyrgyzstan, as reported in 2024.

Public reporting in 2024 (the Financial Times, via The Moscow Times) described how
Russia bought drones, chips and telecom parts through India: the Indian exporter
Innovio Ventures shipped electronics straight to Russia and more to Kyrgyzstan, and the
sanctioned Russian company Testkomplekt received radio-electronic equipment. The first
shipment below uses those two designated parties; the others use further published
designations, and the remaining parties are invented. Run it with
``python examples/india_russia_electronics.py``.

It screens against the bundled SAMPLE list (a warning says so): the consignees and
end users below are published designations, written the way trade records write them.
What the screener sees (parties, routes, goods and value):

1. a designated Indian exporter and a consignee written in Cyrillic that is a
   designated Russian electronics supplier, in Russia, receiving drones, tier-1
   microcontrollers and FPGAs declared as plastic parts: SANCTIONED_PARTY,
   EMBARGOED_DESTINATION, HIGH_PRIORITY_ITEM, DUAL_USE_GOODS, HS_DESCRIPTION_MISMATCH
   and a CRITICAL DIVERSION_RISK;
2. the backchannel through Kyrgyzstan: a designated Indian exporter, a designated
   Kyrgyz consignee, a designated Russian chip maker as end user, a named diversion
   point and an end user in another country than the destination, for telecom parts
   on the Common High Priority List, invoiced in rupees (SETTLEMENT_CURRENCY) and
   converted to US dollars at the ECB rate of the shipment's date;
3. radio transceivers for a consignee whose address is in occupied Sevastopol, though
   the country says Ukraine: EMBARGOED_DESTINATION and DIVERSION_RISK;
4. a control case: the same exporter shipping circuit boards to Germany, a partner
   country, raises only context.
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

SHIPMENTS = [
    # 1. The story's own parties: Innovio Ventures (US BIS Entity List 2023-10-06, OFAC
    #    SDN 2024-10-30) shipping straight to Testkomplekt (OFAC SDN 2023-05-19), the
    #    buyer written in Cyrillic as a Russian invoice writes it.
    ss.Shipment(
        id="IN-RU-0001",
        date="2023-03-10",
        exporter=ss.Entity("Innovio Ventures", country="India", kind="organization"),
        consignee=ss.Entity(
            "ООО «Тесткомплект»", country="Россия", address="ул. Примерная 1, г. Москва, РФ"
        ),
        origin="India",
        destination="Russian Federation",
        goods=[
            ss.GoodsItem("Quadcopter drones with FPV camera", hs_code="8806.22.00"),
            ss.GoodsItem("Microcontrollers, STM32 series", hs_code="HS 8542.31"),
            # FPGAs by part number, declared under "other articles of plastics".
            ss.GoodsItem("Plastic parts: XC7A35T-1CPG236C", hs_code="3926.90.99"),
        ],
        value=ss.Money(Decimal("568000"), "USD"),
    ),
    # 2. The backchannel: a Kyrgyz consignee (RM Design and Development, designated by
    #    US OFAC on 2023-07-20 for shipping chips to Russia) and the chip maker Mikron
    #    in Zelenograd as end user; the exporter is itself a designated Indian company.
    ss.Shipment(
        id="IN-KG-0002",
        date="2023-03-24",
        exporter=ss.Entity("TSMD Global Pvt. Ltd.", country="India"),
        consignee=ss.Entity(
            "RM Design & Development LLC", country="Kyrgyz Republic", address="Bishkek"
        ),
        parties=[
            ss.Entity("AO Mikron", country="RU", role="end_user", address="Zelenograd"),
        ],
        origin="IN",
        destination="Kirghizia",
        goods=[ss.GoodsItem("Telecom switching equipment parts", hs_code="851762")],
        value=ss.Money(Decimal("82000000"), "INR"),
    ),
    # 3. Radio equipment to a consignee whose address is in occupied Sevastopol, although
    #    the country column says "Ukraine".
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
    # 4. A control case: the same exporter shipping to Germany.
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
    print("The audit record of the first shipment's party match:")
    first = screener.screen(SHIPMENTS[0])
    match = next(flag for flag in first.flags if flag.code == "SANCTIONED_PARTY")
    print(json.dumps(match.to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
