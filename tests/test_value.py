"""The value check and value_usd in results: conversion, settlement currency, lines, prices."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sanctionscreen import Entity, GoodsItem, Money, Screener, ScreeningContext, Severity, Shipment
from sanctionscreen.checks import ValueCheck, ValueConfig
from sanctionscreen.results import Flag


def ship(**kwargs: object) -> Shipment:
    base: dict[str, object] = {
        "exporter": Entity("Example Electronics Pvt Ltd", country="India"),
        "consignee": Entity("Buyer", country="Chile"),
        "origin": "India",
        "destination": "Chile",
        "date": "2023-03-24",
    }
    return Shipment(**{**base, **kwargs})  # type: ignore[arg-type]


def flags(shipment: Shipment, code: str, config: ValueConfig | None = None) -> list[Flag]:
    found = ValueCheck(config).run(ScreeningContext(shipment)).flags
    return [f for f in found if f.code == code]


@pytest.fixture(scope="module")
def screener() -> Screener:
    with pytest.warns(UserWarning, match="SAMPLE list"):
        return Screener()


def test_results_carry_the_value_in_us_dollars(screener: Screener) -> None:
    result = screener.screen(ship(value="Rs 8,200 crore"))
    assert result.value_usd is not None
    assert result.value_usd.rate.rate_date.isoformat() == "2023-03-24"
    assert str(result.value_usd).startswith("INR 82,000,000,000 = USD 994,851,")
    record = json.loads(result.to_json())["value_usd"]
    assert record["currency"] == "INR"
    assert record["rate"]["provider"] == "ECB reference rates"
    assert "value: INR 82,000,000,000 = USD" in repr(result)


def test_a_value_without_a_rate_is_flagged_not_dropped(screener: Screener) -> None:
    result = screener.screen(ship(value=Money("1000000", "IRR")))
    assert result.value_usd is None
    [flag] = [f for f in result.flags if f.code == "VALUE_UNCONVERTED"]
    assert flag.severity is Severity.LOW  # shown by the command line's default floor
    assert "ECB reference rates: the ECB publishes no IRR rate" in flag.message
    assert "HMRC monthly rates: no HMRC rate for IRR in 2023-03" in flag.message
    assert flag.evidence["tried"][0][0] == "fixed pegs"


def test_an_undated_shipment_keeps_dollars_but_converts_nothing_else(
    screener: Screener,
) -> None:
    assert flags(ship(date=None, value=Money("5", "USD")), "VALUE_UNCONVERTED") == []
    result = screener.screen(ship(date=None, value=Money("5", "USD")))
    assert result.value_usd is not None
    assert result.value_usd.on is None  # no invented date in the audit record
    [flag] = flags(ship(date=None, value=Money("5", "EUR")), "VALUE_UNCONVERTED")
    assert flag.message == (
        "The shipment value EUR 5 was not converted to US dollars: the shipment has no date, "
        "and the rate depends on it. Give its date."
    )


def test_the_threshold_is_off_unless_configured() -> None:
    shipment = ship(value=Money("3000", "USD"))
    assert flags(shipment, "VALUE_ABOVE_THRESHOLD") == []
    config = ValueConfig(threshold_usd=Decimal("2500"))
    [flag] = flags(shipment, "VALUE_ABOVE_THRESHOLD", config)
    assert flag.severity is Severity.LOW
    assert "USD 3,000.00, at or above the review threshold of USD 2,500" in flag.message
    assert flags(ship(value=Money("2000", "USD")), "VALUE_ABOVE_THRESHOLD", config) == []
    with pytest.raises(ValueError, match="threshold_usd"):
        ValueConfig(threshold_usd=Decimal("-1"))


def test_rupee_settlement_with_a_russian_end_user() -> None:
    end_user = Entity("OOO Primer", country="Russia", role="end_user")
    shipment = ship(value=Money("82000000", "INR"), parties=[end_user], destination="Kyrgyzstan")
    [flag] = flags(shipment, "SETTLEMENT_CURRENCY")
    assert flag.severity is Severity.LOW
    assert "stated in INR for a shipment linked to RU (end user)" in flag.message
    assert "Reserve Bank of India" in flag.evidence["source"]
    # The same rupees for a buyer in Chile say nothing.
    assert flags(ship(value=Money("82000000", "INR")), "SETTLEMENT_CURRENCY") == []


def test_uzbek_sum_settlement_with_russia() -> None:
    shipment = ship(value=Money("9000000", "UZS"), destination="Russia")
    [flag] = flags(shipment, "SETTLEMENT_CURRENCY")
    assert "Uzbekistan is named as a diversion point" in flag.message


def test_rubles_are_a_signal_wherever_the_goods_go() -> None:
    [flag] = flags(
        ship(value=Money("5000000", "RUB"), destination="Kazakhstan"), "SETTLEMENT_CURRENCY"
    )
    assert flag.message.startswith("The value is stated in RUB: Settlement in rubles")


def test_lines_that_do_not_add_up() -> None:
    goods = [
        GoodsItem("Microcontrollers", value=Money("600", "USD")),
        GoodsItem("FPGAs", value=Money("300", "USD")),
    ]
    [flag] = flags(ship(value=Money("1000", "USD"), goods=goods), "VALUE_LINES_MISMATCH")
    assert "add up to USD 900.00 but the shipment is declared at USD 1,000.00" in flag.message
    assert flags(ship(value=Money("905", "USD"), goods=goods), "VALUE_LINES_MISMATCH") == []


def test_unit_prices_of_sensitive_goods() -> None:
    drones = GoodsItem(
        "Quadcopter drones",
        hs_code="8806.22",
        quantity="200",
        unit="pcs",
        value=Money("1000", "USD"),
    )
    [flag] = flags(ship(goods=[drones]), "UNIT_PRICE")
    assert flag.severity is Severity.INFO
    assert "200 pcs at USD 5.00 per pcs" in flag.message
    shirts = GoodsItem("Cotton T-shirts", quantity="200", value=Money("1000", "USD"))
    assert flags(ship(goods=[shirts]), "UNIT_PRICE") == []
