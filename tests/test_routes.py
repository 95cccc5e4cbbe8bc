from __future__ import annotations

from collections.abc import Sequence

import pytest

import sanctionscreen as ss
from sanctionscreen import Entity, Flag, Severity, Shipment, ValidationError
from sanctionscreen.checks import RouteCheck, RouteConfig
from sanctionscreen.checks import routes as routes_module
from sanctionscreen.context import Resources
from sanctionscreen.geography.jurisdictions import DiversionNaming


def run(shipment: Shipment, config: RouteConfig | None = None) -> tuple[Flag, ...]:
    return RouteCheck(config).run(ss.ScreeningContext(shipment)).flags


def only(flags: Sequence[Flag], code: str) -> list[Flag]:
    return [flag for flag in flags if flag.code == code]


def ship(**kwargs: object) -> Shipment:
    base: dict[str, object] = {"exporter": "Exporter", "consignee": "Consignee"}
    return Shipment(**{**base, **kwargs})  # type: ignore[arg-type]


def embargo_flags(**kwargs: object) -> list[Flag]:
    return only(run(ship(**kwargs)), "EMBARGOED_DESTINATION")


class TestEmbargoedDestination:
    @pytest.mark.parametrize("country", ["RU", "BY", "IR", "KP", "CU"])
    def test_destination_under_embargo_is_high(self, country: str) -> None:
        [flag] = embargo_flags(destination=country)
        assert flag.severity is Severity.HIGH
        assert flag.evidence["country"] == country
        assert flag.evidence["roles"] == ("destination",)
        assert flag.evidence["found_in"] == ({"role": "destination", "how": "country"},)
        assert flag.evidence["legal_basis"]
        assert flag.evidence["source"]
        assert flag.evidence["data_version"].startswith("embargoes.csv@")
        assert flag.check == "routes-v1"

    def test_syria_is_elevated_after_the_2025_easing_and_high_before(self) -> None:
        [after] = embargo_flags(destination="Syria", date="2025-10-01")
        assert after.severity is Severity.ELEVATED
        assert after.evidence["eased_on"] == "2025-07-01"
        [before] = embargo_flags(destination="Syria", date="2024-01-01")
        assert before.severity is Severity.HIGH
        assert before.evidence["in_force_on_shipment_date"] is True
        [undated] = embargo_flags(destination="Syria")
        assert undated.severity is Severity.ELEVATED

    def test_transit_and_party_countries_count(self) -> None:
        flags = embargo_flags(
            destination="Germany",
            transit=["Belarus"],
            parties=[Entity("Forwarder", country="Iran", role="freight_forwarder")],
        )
        assert {(f.evidence["country"], f.evidence["roles"]) for f in flags} == {
            ("BY", ("transit",)),
            ("IR", ("freight forwarder",)),
        }

    def test_one_flag_per_country_with_every_role(self) -> None:
        consignee = Entity("OOO Buyer", country="RU", address="Moscow, Russian Federation")
        [flag] = embargo_flags(destination="Russia", consignee=consignee)
        # one mention per country and address: the first one found
        assert flag.evidence["roles"] == (
            "destination",
            "consignee",
            "consignee address ('Moscow')",
        )
        assert flag.severity is Severity.HIGH

    @pytest.mark.parametrize(
        "address", ["ул. Тверская 1, Москва, РФ", "Moscow 123456", "Zelenograd", "Минск"]
    )
    def test_address_naming_an_embargoed_country_or_city_is_caught(self, address: str) -> None:
        [flag] = embargo_flags(destination="KG", consignee=Entity("Buyer", address=address))
        assert flag.severity is Severity.HIGH
        assert flag.evidence["found_in"][0]["how"] == "address"

    def test_address_elsewhere_than_the_party_country_is_elevated_not_high(self) -> None:
        buyer = Entity("Buyer", country="KG", address="Tverskaya 1, Moscow")
        [flag] = embargo_flags(destination="KG", consignee=buyer)
        assert flag.severity is Severity.ELEVATED
        assert flag.evidence["roles"] == ("consignee address ('Moscow')",)

    @pytest.mark.parametrize(
        ("address", "country"),
        [
            ("Russia Street 5, Berlin", "DE"),
            ("Rue de Cuba, Paris", None),
            ("Calle Cuba 5, Madrid", None),
            ("Avenida Cuba, Lima", "PE"),
        ],
    )
    def test_street_names_are_info_only(self, address: str, country: str | None) -> None:
        [flag] = embargo_flags(
            destination="FR", consignee=Entity("B", country=country, address=address)
        )
        assert flag.severity is Severity.INFO
        assert flag.evidence["found_in"][0]["in_street_name"] is True

    def test_a_real_mention_outweighs_a_street_name(self) -> None:
        buyer = Entity("Buyer", address="Russia Street 5, Moscow")
        [flag] = embargo_flags(destination="KG", consignee=buyer)
        assert flag.severity is Severity.HIGH

    def test_origin_alone_is_not_an_embargoed_destination(self) -> None:
        assert not embargo_flags(origin="Russia", destination="India")

    def test_measures_after_the_shipment_date_are_said_so(self) -> None:
        [flag] = embargo_flags(destination="RU", date="2021-06-01")
        assert flag.evidence["in_force_on_shipment_date"] is False
        assert "after the shipment date" in flag.message
        [flag] = embargo_flags(destination="RU", date="2023-06-01")
        assert flag.evidence["in_force_on_shipment_date"] is True
        assert "after the shipment date" not in flag.message

    @pytest.mark.parametrize(
        "address", ["Hauptstrasse 1, Berlin", "Khreshchatyk 1, Kyiv", "Persian Gulf Tower, Dubai"]
    )
    def test_no_flag_for_ordinary_places(self, address: str) -> None:
        assert not embargo_flags(
            origin="DE", destination="FR", consignee=Entity("B", address=address)
        )


class TestEmbargoedOrigin:
    def test_goods_from_iran_are_high(self) -> None:
        [flag] = only(run(ship(origin="Iran", destination="AE")), "EMBARGOED_ORIGIN")
        assert flag.severity is Severity.HIGH
        assert "come from Iran" in flag.message

    def test_goods_from_russia_are_elevated(self) -> None:
        [flag] = only(run(ship(origin="RU", destination="DE")), "EMBARGOED_ORIGIN")
        assert flag.severity is Severity.ELEVATED

    def test_goods_from_crimea(self) -> None:
        [flag] = only(run(ship(origin="Crimea", destination="TR")), "EMBARGOED_ORIGIN")
        assert flag.severity is Severity.HIGH
        assert flag.evidence["subdivision"] == "UA-43"
        assert not only(run(ship(origin="Crimea", destination="TR")), "EMBARGOED_DESTINATION")


class TestOccupiedRegions:
    def test_destination_region(self) -> None:
        [flag] = embargo_flags(destination="Crimea")
        assert flag.severity is Severity.HIGH
        assert flag.evidence["subdivision"] == "UA-43"
        assert {"role": "destination", "how": "subdivision", "term": "UA-43"} in flag.evidence[
            "found_in"
        ]

    @pytest.mark.parametrize("place", ["Mariupol", "Donetsk", "DNR", "Melitopol", "Sevastopol"])
    def test_an_occupied_city_given_as_destination_keeps_its_status(self, place: str) -> None:
        flags = embargo_flags(destination=place)
        assert max(f.severity for f in flags) is Severity.HIGH
        assert any(
            f.evidence["status"] == "occupied"
            and {"role": "destination", "how": "locality", "term": place} in f.evidence["found_in"]
            for f in flags
        )

    def test_consignee_address_in_ukraine_names_an_occupied_city(self) -> None:
        consignee = Entity("Marine Services", country="Ukraine", address="Sevastopol, Nakhimova 3")
        [flag] = embargo_flags(destination="UA", consignee=consignee)
        assert flag.evidence["subdivision"] == "UA-40"
        assert flag.evidence["found_in"][0]["term"] == "Sevastopol"
        assert "consignee address ('Sevastopol')" in flag.message

    def test_partly_occupied_oblast_is_elevated_and_asks_for_a_check(self) -> None:
        consignee = Entity("Buyer", country="UA", address="Kramatorsk, Donetsk oblast")
        [flag] = embargo_flags(destination="UA", consignee=consignee)
        assert flag.severity is Severity.ELEVATED
        assert "government-controlled" in flag.message

    def test_party_and_transit_subdivisions(self) -> None:
        flags = embargo_flags(
            destination="UA",
            transit=["UA-43"],
            parties=[Entity("End user", subdivision="UA-09", role="end_user")],
        )
        assert {f.evidence["subdivision"] for f in flags} == {"UA-43", "UA-09"}

    def test_a_street_named_after_a_region_is_info(self) -> None:
        consignee = Entity("Buyer", country="UA", address="Sevastopol Street 4, Kyiv")
        [flag] = embargo_flags(destination="UA", consignee=consignee)
        assert flag.severity is Severity.INFO

    def test_a_region_in_the_address_of_a_party_elsewhere_is_elevated(self) -> None:
        consignee = Entity("Buyer", country="TR", address="Yalta Hotel, Antalya")
        [flag] = embargo_flags(destination="TR", consignee=consignee)
        assert flag.severity is Severity.ELEVATED

    def test_kyiv_is_not_flagged(self) -> None:
        consignee = Entity("Buyer", country="UA", address="Khreshchatyk 1, Kyiv")
        assert not embargo_flags(destination="UA", consignee=consignee)


class TestTransshipment:
    def test_destination_diversion_point_is_elevated_with_its_namings(self) -> None:
        [flag] = only(run(ship(destination="Kyrgyz Republic")), "TRANSSHIPMENT_COUNTRY")
        assert flag.severity is Severity.ELEVATED
        namings = flag.evidence["named_by"]
        assert any("FinCEN" in n["named_by"] for n in namings)
        assert all(n["named_on"] and n["source"] and n["reason"] for n in namings)
        assert [n["named_on"] for n in namings] == sorted(n["named_on"] for n in namings)
        assert "Kyrgyzstan (KG)" in flag.message

    @pytest.mark.parametrize("country", ["KZ", "AM", "GE", "AE", "TR", "UZ", "CN", "HK", "RS"])
    def test_named_countries(self, country: str) -> None:
        [flag] = only(run(ship(destination=country)), "TRANSSHIPMENT_COUNTRY")
        assert flag.evidence["country"] == country

    def test_transit_counts(self) -> None:
        flags = only(run(ship(destination="DE", transit=["Türkiye"])), "TRANSSHIPMENT_COUNTRY")
        assert [(f.evidence["country"], f.severity) for f in flags] == [("TR", Severity.ELEVATED)]

    def test_sending_side_only_is_info(self) -> None:
        shipment = ship(origin="IN", exporter=Entity("Exporter", country="India"), destination="DE")
        [flag] = only(run(shipment), "TRANSSHIPMENT_COUNTRY")
        assert flag.severity is Severity.INFO
        assert flag.evidence["roles"] == ("origin", "exporter")

    def test_named_after_the_shipment_date_is_recorded(self) -> None:
        [flag] = only(run(ship(destination="KG", date="2023-01-01")), "TRANSSHIPMENT_COUNTRY")
        after = {n["named_on"]: n["named_after_shipment_date"] for n in flag.evidence["named_by"]}
        assert after["2022-06-28"] is False
        assert after["2025-01-07"] is True

    def test_media_reports_alone_never_raise(self, monkeypatch: pytest.MonkeyPatch) -> None:
        media = DiversionNaming(
            "KG", "media_reported_route", False, "Newspaper", "2024-01-01", "r", "s"
        )
        monkeypatch.setattr(routes_module, "diversion_namings", lambda country: (media,))
        assert not only(run(ship(destination="KG")), "TRANSSHIPMENT_COUNTRY")

    def test_unnamed_countries_raise_nothing(self) -> None:
        assert not only(run(ship(origin="DE", destination="FR")), "TRANSSHIPMENT_COUNTRY")

    def test_configurable_severity(self) -> None:
        config = RouteConfig(transshipment="high")
        [flag] = only(run(ship(destination="KG"), config), "TRANSSHIPMENT_COUNTRY")
        assert flag.severity is Severity.HIGH

    def test_bad_configuration_is_a_library_error(self) -> None:
        with pytest.raises(ValidationError):
            RouteConfig(transshipment="severe")


class TestObservations:
    def test_consignee_elsewhere_than_the_destination(self) -> None:
        shipment = ship(destination="KG", consignee=Entity("Buyer", country="Russia"))
        [flag] = only(run(shipment), "DESTINATION_MISMATCH")
        assert flag.severity is Severity.LOW
        assert flag.evidence == {
            "role": "consignee",
            "party": "Buyer",
            "party_country": "RU",
            "destination": "KG",
        }

    def test_end_user_elsewhere_than_the_destination(self) -> None:
        shipment = ship(destination="KG", parties=[Entity("User", country="RU", role="end_user")])
        [flag] = only(run(shipment), "DESTINATION_MISMATCH")
        assert flag.evidence["role"] == "end_user"

    def test_no_mismatch_when_countries_agree_or_are_unknown(self) -> None:
        shipment = ship(
            destination="KG",
            consignee=Entity("Buyer", country="KG"),
            parties=[
                Entity("Notify", country="RU", role="notify_party"),
                Entity("User", role="end_user"),
            ],
        )
        assert not only(run(shipment), "DESTINATION_MISMATCH")
        assert not only(run(ship(consignee=Entity("B", country="RU"))), "DESTINATION_MISMATCH")

    def test_route_that_doubles_back(self) -> None:
        shipment = ship(origin="IN", transit=["AE", "IN"], destination="RU")
        [flag] = only(run(shipment), "ROUTE_DOUBLES_BACK")
        assert flag.evidence == {"route": ("IN", "AE", "IN", "RU"), "repeated": ("IN",)}
        assert flag.severity is Severity.LOW

    def test_consecutive_stops_in_one_country_are_not_doubling_back(self) -> None:
        shipment = ship(origin="IN", transit=["IN", "AE"], destination="AE")
        assert not only(run(shipment), "ROUTE_DOUBLES_BACK")

    def test_missing_destination_is_info(self) -> None:
        [flag] = only(run(ship()), "MISSING_DESTINATION")
        assert flag.severity is Severity.INFO
        assert not only(run(ship(destination="DE")), "MISSING_DESTINATION")


def test_check_identity_and_data_versions() -> None:
    check = RouteCheck()
    assert check.id == "routes-v1"
    manifest = {entry.name: entry for entry in ss.bundled_data()}
    versions = check.data_versions(Resources())
    assert {label.split("@")[0] for label in versions} <= set(manifest)
    for label in versions:
        assert label == manifest[label.split("@")[0]].version


def test_docstring_explains_every_code() -> None:
    doc = RouteCheck.__doc__ or ""
    codes = (
        "EMBARGOED_DESTINATION",
        "EMBARGOED_ORIGIN",
        "TRANSSHIPMENT_COUNTRY",
        "DESTINATION_MISMATCH",
        "ROUTE_DOUBLES_BACK",
        "MISSING_DESTINATION",
    )
    for code in codes:
        assert code in doc


# -- the goods weigh under a partial regime (issue 15) ----------------------------------


def _embargo_severity(destination: str, *goods: ss.GoodsItem) -> Severity:
    shipment = Shipment(
        id="S1",
        date="2024-03-10",
        exporter=Entity("Example Exports Pvt Ltd", country="IN"),
        consignee=Entity("Example Buyer", country=destination),
        origin="IN",
        destination=destination,
        goods=list(goods),
    )
    [flag] = [f for f in ss.Screener().screen(shipment).flags if f.code == "EMBARGOED_DESTINATION"]
    return flag.severity


def test_ordinary_goods_to_russia_are_elevated_not_high() -> None:
    tea = ss.GoodsItem("Black tea, CTC", hs_code="0902.40")
    shirts = ss.GoodsItem("Cotton T-shirts", hs_code="6109.10")
    assert _embargo_severity("RU", tea, shirts) is Severity.ELEVATED
    assert _embargo_severity("BY", tea) is Severity.ELEVATED


@pytest.mark.parametrize(
    ("destination", "goods"),
    [
        ("RU", ss.GoodsItem("Microcontrollers", hs_code="8542.31")),  # a restricted chapter
        ("RU", ss.GoodsItem("Water pumps", hs_code="8413.70")),  # chapter 84, not dual-use
        ("RU", ss.GoodsItem("Black tea")),  # no code: not known to be ordinary
        ("IR", ss.GoodsItem("Black tea, CTC", hs_code="0902.40")),  # a comprehensive embargo
    ],
)
def test_other_goods_and_comprehensive_embargoes_stay_high(
    destination: str, goods: ss.GoodsItem
) -> None:
    assert _embargo_severity(destination, goods) is Severity.HIGH
