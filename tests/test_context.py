"""One pass per shipment: checks read one context, agree about places, convert once."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import sanctionscreen as ss
from sanctionscreen import Entity, GoodsItem, Money, Screener, Severity, Shipment
from sanctionscreen.checks import GoodsCheck, PartyCheck, RouteCheck, ValueCheck
from sanctionscreen.context import Resources, ScreeningContext
from sanctionscreen.context import places as places_module
from sanctionscreen.rates import Rate, RateNotFound

ADDRESSES = [
    # (party country, address): the region named in an address, at home and elsewhere.
    ("Türkiye", "Lenin St 5, Sevastopol"),
    ("Ukraine", "Lenin St 5, Sevastopol"),
    ("Germany", "Sevastopolstrasse 4, Berlin"),
    ("Russia", "ul. Pushkina 1, Simferopol"),
    ("Georgia", "Mariupol, prospekt Myru 3"),
    ("Ukraine", "Donetsk oblast, Kramatorsk"),
]


def shipment(country: str, address: str, *, hs: str = "8542.31") -> Shipment:
    return Shipment(
        id="C-1",
        date="2024-05-02",
        exporter=Entity("Example Electronics Pvt Ltd", country="India"),
        consignee=Entity("Deniz Ticaret", country=country, address=address),
        origin="India",
        destination=country,
        goods=[GoodsItem("Microcontrollers", hs_code=hs)],
    )


def region_severities(result: ss.ScreeningResult, code: str) -> dict[str, Severity]:
    """The severity of each occupied region's flag of ``code``, by subdivision."""
    return {
        flag.evidence["subdivision"]: flag.severity
        for flag in result.flags
        if flag.code == code and "subdivision" in flag.evidence
    }


@pytest.mark.parametrize("weight", ["info", "low", "elevated", "high"])
@pytest.mark.parametrize(("country", "address"), ADDRESSES)
def test_goods_and_route_weigh_an_address_alike(weight: str, country: str, address: str) -> None:
    places = ss.PlaceConfig(address_elsewhere=weight)
    result = Screener(places=places).screen(shipment(country, address))
    embargo = region_severities(result, "EMBARGOED_DESTINATION")
    diversion = region_severities(result, "DIVERSION_RISK")
    # A place the route check weighs below ELEVATED is context: no goods flag for it.
    # Above, the goods flag it; a place weighed down (partly occupied, or named only in
    # an address elsewhere) caps the goods at the same weight.
    assert set(diversion) == {s for s, severity in embargo.items() if severity >= Severity.ELEVATED}
    for subdivision, severity in diversion.items():
        if embargo[subdivision] < Severity.HIGH:
            assert severity <= embargo[subdivision]


def test_the_reported_case_is_consistent() -> None:
    """A consignee in Türkiye whose address names Sevastopol, addresses elsewhere at INFO."""
    screener = Screener(places=ss.PlaceConfig(address_elsewhere="info"))
    result = screener.screen(shipment("Türkiye", "Lenin St 5, Sevastopol"))
    assert region_severities(result, "EMBARGOED_DESTINATION") == {"UA-40": Severity.INFO}
    assert region_severities(result, "DIVERSION_RISK") == {}
    # The defaults weigh it ELEVATED in both.
    result = Screener().screen(shipment("Türkiye", "Lenin St 5, Sevastopol"))
    assert region_severities(result, "EMBARGOED_DESTINATION") == {"UA-40": Severity.ELEVATED}
    assert region_severities(result, "DIVERSION_RISK") == {"UA-40": Severity.ELEVATED}


def test_each_address_is_scanned_once_per_shipment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = places_module.find_region_mentions.__wrapped__

    def counting(text: str) -> tuple[object, ...]:
        seen.append(text)
        return real(text)  # type: ignore[no-any-return]

    monkeypatch.setattr(places_module, "find_region_mentions", counting)
    item = shipment("Türkiye", "Lenin St 5, Sevastopol")
    Screener(checks=[RouteCheck(), GoodsCheck()]).screen(item)
    # Once for the destination side (route and goods share it), once for the origin side.
    assert seen.count("Lenin St 5, Sevastopol") == 1


class _CountingRates:
    """A provider that knows one rate and counts how often it is asked."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    @property
    def version(self) -> str:
        return "counting@1"

    def rate(self, currency: str, on: datetime.date) -> Rate:
        self.calls += 1
        if currency != "RUB":
            raise RateNotFound(f"no {currency}")
        return Rate("RUB", Decimal("80"), "units_per_usd", on, 0, "counting", "a test table")


def test_the_value_is_converted_once_with_the_screeners_rates() -> None:
    rates = _CountingRates()
    item = Shipment(
        exporter="A", consignee="B", value=Money("1000", "RUB"), date="2023-03-24", id="V-1"
    )
    result = Screener(checks=[ValueCheck()], rates=[rates]).screen(item)
    assert result.value_usd is not None
    assert result.value_usd.usd == Decimal("12.50")
    assert "VALUE_UNCONVERTED" not in result.codes()
    assert rates.calls == 1
    assert "counting@1" in result.data_versions
    assert not any(v.startswith("ECB") for v in result.data_versions)


def test_a_check_runs_on_its_own_context() -> None:
    context = ScreeningContext(shipment("Türkiye", "Lenin St 5, Sevastopol"))
    found = GoodsCheck().run(context)
    assert "HIGH_PRIORITY_ITEM" in {flag.code for flag in found.flags}
    # Party screening needs lists: a context without a matcher says so.
    with pytest.raises(ss.ValidationError, match="matcher"):
        PartyCheck().run(context)
    with pytest.raises(ss.FieldTypeError):
        ScreeningContext("not a shipment")  # type: ignore[arg-type]
    with pytest.raises(ss.FieldTypeError):
        Resources(places="info")  # type: ignore[arg-type]


def test_old_check_signatures_name_what_changed() -> None:
    screener = Screener()
    with pytest.raises(ss.FieldTypeError, match="the lists are the Screener's"):
        PartyCheck(screener.matcher)  # type: ignore[arg-type]
    with pytest.raises(ss.FieldTypeError, match="give rates to the Screener"):
        ValueCheck(screener.rates)  # type: ignore[arg-type]


def test_a_code_that_names_dual_use_goods_is_priced() -> None:
    """UNIT_PRICE follows the goods check's reading: 8806 is drones even without the word."""
    item = Shipment(
        exporter=Entity("Example Pvt Ltd", country="India"),
        consignee=Entity("Buyer", country="Chile"),
        destination="Chile",
        date="2023-03-24",
        goods=[GoodsItem("Parts", hs_code="8806.22", quantity="10", value="USD 5000")],
    )
    flags = [f for f in Screener().screen(item).flags if f.code == "UNIT_PRICE"]
    assert [f.evidence["usd_per_unit"] for f in flags] == ["500.00"]


def test_rules_about_russia_come_from_the_data() -> None:
    from sanctionscreen.geography.jurisdictions import diversion_namings, partner_country
    from sanctionscreen.money.settlement import settlement_currency

    assert {code for n in diversion_namings("KG") for code in n.bound_for} == {"RU", "BY"}
    germany = partner_country("DE")
    assert germany is not None
    assert germany.controls_on == ("RU", "BY")
    rubles, rupees = settlement_currency("RUB"), settlement_currency("INR")
    assert rubles is not None
    assert rupees is not None
    assert rubles.always
    assert not rupees.always
    assert rupees.linked_to == ("RU", "BY")


def test_every_result_records_the_settings_it_ran_with() -> None:
    clean = Shipment(
        exporter="Example Pvt Ltd", consignee="Ordinary Buyer Ltd", destination="Chile", id="S-1"
    )
    default = Screener().screen(clean)
    strict = Screener(
        matching=ss.MatchConfig(alert=Decimal("0.99"), review=0.98),
        places=ss.PlaceConfig(address_elsewhere="info"),
        checks=[ss.PartyCheck(), ss.RouteCheck(ss.RouteConfig(transshipment="high"))],
    ).screen(clean)
    assert not default.flags
    assert not strict.flags
    assert default.to_json() != strict.to_json()  # a clean result still says how it was judged
    settings = strict.to_dict()["settings"]
    assert settings["matching"]["algorithm"] == "party-logic-v2"
    assert (settings["matching"]["alert"], settings["matching"]["review"]) == (0.99, 0.98)
    assert settings["places"] == {"address_elsewhere": "INFO", "street_name": "INFO"}
    assert settings["checks"]["routes-v1"]["transshipment"] == "HIGH"
    assert settings["checks"]["parties-v1"]["max_matches_per_party"] == 5
    assert default.to_dict()["settings"]["places"]["address_elsewhere"] == "ELEVATED"


def test_wrong_settings_are_refused_when_the_screener_is_built() -> None:
    with pytest.raises(ss.FieldTypeError, match="RouteConfig"):
        RouteCheck(ss.PlaceConfig())  # type: ignore[arg-type]
    with pytest.raises(ss.FieldTypeError, match="GoodsConfig"):
        GoodsCheck("high")  # type: ignore[arg-type]
    with pytest.raises(ss.FieldTypeError, match=r"not its class: GoodsCheck\(\)"):
        Screener(checks=[GoodsCheck])  # type: ignore[list-item]
    with pytest.raises(ss.ValidationError, match="no check given"):
        Screener(checks=[])
    with pytest.raises(ss.ValidationError, match="no rate provider"):
        Screener(rates=[])
    with pytest.raises(ss.ValidationError, match="review threshold must not be above"):
        ss.MatchConfig(alert=0.6)


def test_a_check_runs_with_the_screeners_resources() -> None:
    screener = Screener()
    context = screener.context(Shipment(exporter="A", consignee="OOO Sertal", id="P-1"))
    found = PartyCheck().run(context)
    assert [flag.code for flag in found.flags] == ["SANCTIONED_PARTY"]
