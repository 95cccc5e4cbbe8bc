from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import (
    AmbiguousCurrencyError,
    Entity,
    EntityKind,
    FieldTypeError,
    GoodsItem,
    Identifier,
    InvalidCurrencyError,
    InvalidHSCodeError,
    Money,
    PartyRole,
    Shipment,
    UnknownCountryError,
    ValidationError,
)
from sanctionscreen.models import MAX_NAME_LENGTH


class TestEntity:
    def test_normalizes_text_country_kind_and_identifiers(self) -> None:
        entity = Entity(
            "  Example   Electronics Pvt Ltd ",
            aliases=["Example Elec", " EE Pvt "],
            country="India",
            kind="Organization",
            identifiers={"iec": " 0799012345 ", "GSTIN": "29ABCDE1234F1Z5"},
            address="Bengaluru",
            role="end user",
        )
        assert entity.name == "Example Electronics Pvt Ltd"
        assert entity.aliases == ("Example Elec", "EE Pvt")
        assert entity.country == "IN"
        assert entity.kind is EntityKind.ORGANIZATION
        assert entity.identifiers == (
            Identifier("GSTIN", "29ABCDE1234F1Z5"),
            Identifier("IEC", "0799012345"),
        )
        assert entity.role is PartyRole.END_USER

    def test_single_alias_string_is_one_alias(self) -> None:
        assert Entity("A", aliases="B C").aliases == ("B C",)

    def test_region_as_country_keeps_the_region(self) -> None:
        entity = Entity("X", country="Crimea")
        assert (entity.country, entity.subdivision, entity.locality) == ("UA", "UA-43", "Crimea")
        assert Entity("X", subdivision="UA-40").country == "UA"
        assert Entity("X", country="UA-14").locality is None
        mariupol = Entity("X", country="Mariupol")
        assert (mariupol.subdivision, mariupol.locality) == ("UA-14", "Mariupol")
        assert attrs.evolve(mariupol, name="Y").locality == "Mariupol"

    def test_conflicting_subdivision_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="subdivision"):
            Entity("X", country="Russia", subdivision="UA-43")
        with pytest.raises(ValidationError, match="conflicts"):
            Entity("X", country="Crimea", subdivision="UA-40")

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"name": None}, FieldTypeError, "name"),
            ({"name": ""}, ValidationError, "name"),
            ({"name": " \t\n"}, ValidationError, "name"),
            ({"name": "x" * (MAX_NAME_LENGTH + 1)}, ValidationError, "name"),
            ({"name": "!!! ???"}, ValidationError, "name"),
            ({"name": "\u200b\u200b"}, ValidationError, "name"),
            ({"name": "A", "aliases": ["---"]}, ValidationError, "aliases"),
            ({"name": 42}, FieldTypeError, "name"),
            ({"name": "A", "country": "Atlantis"}, UnknownCountryError, "country"),
            ({"name": "A", "country": 7}, FieldTypeError, "country"),
            ({"name": "A", "kind": "robot"}, ValidationError, "kind"),
            ({"name": "A", "role": "spy"}, ValidationError, "role"),
            ({"name": "A", "aliases": [""]}, ValidationError, "aliases"),
            ({"name": "A", "aliases": 5}, FieldTypeError, "aliases"),
            ({"name": "A", "identifiers": "INN 1"}, FieldTypeError, "identifiers"),
            ({"name": "A", "identifiers": [("INN",)]}, FieldTypeError, "identifiers"),
            ({"name": "A", "identifiers": {"INN": ""}}, ValidationError, "identifiers.value"),
            ({"name": "A", "address": "  "}, ValidationError, "address"),
            ({"name": "Test\x00komplekt"}, ValidationError, "name"),  # corrupt input
        ],
    )
    def test_bad_input_names_field_and_value(
        self, kwargs: dict[str, object], error: type[Exception], field: str
    ) -> None:
        name = kwargs.pop("name")
        with pytest.raises(error) as caught:
            Entity(name, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field  # type: ignore[attr-defined]

    def test_frozen_and_picklable(self) -> None:
        entity = Entity("A", country="RU")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            entity.name = "B"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(entity)) == entity


class TestMoney:
    def test_negative_zero_and_exponents_read_plainly(self) -> None:
        assert str(Money("-0", "USD").amount) == "0"
        assert str(Money(Decimal("82e9"), "INR")) == "INR 82,000,000,000"
        assert str(Money("1234.50", "EUR")) == "EUR 1,234.50"

    def test_overlong_amount_text_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="longer"):
            Money("1" * 101, "USD")

    @pytest.mark.parametrize("amount", [Decimal("82000000000"), 82000000000, "82000000000"])
    def test_exact_amounts(self, amount: object) -> None:
        money = Money(amount, "inr")
        assert money == Money(Decimal("82000000000"), "INR")
        assert str(money) == "INR 82,000,000,000"
        assert money.to_dict() == {"amount": "82000000000", "currency": "INR"}

    @pytest.mark.parametrize(
        ("amount", "error"),
        [
            (1.5, FieldTypeError),
            (True, FieldTypeError),
            (None, FieldTypeError),
            ("abc", ValidationError),
            ("-1", ValidationError),
            (Decimal("-0.01"), ValidationError),
            ("NaN", ValidationError),
            ("Infinity", ValidationError),
            (Decimal("sNaN"), ValidationError),
        ],
    )
    def test_bad_amounts(self, amount: object, error: type[Exception]) -> None:
        with pytest.raises(error) as caught:
            Money(amount, "USD")
        assert caught.value.field == "amount"  # type: ignore[attr-defined]

    @pytest.mark.parametrize("currency", ["XYZ", "US", "dollars", "", None, 840])
    def test_bad_currency(self, currency: object) -> None:
        with pytest.raises(ValidationError) as caught:
            Money("1", currency)
        assert caught.value.field == "currency"
        if isinstance(currency, str):
            assert isinstance(caught.value, InvalidCurrencyError)


class TestGoodsItem:
    def test_fields(self) -> None:
        item = GoodsItem(
            " FPV  drones ", hs_code="8806.22", quantity="10", unit="pcs", value=Money("5", "USD")
        )
        assert item.description == "FPV drones"
        assert item.hs_code is not None
        assert item.hs_code.digits == "880622"
        assert item.quantity == Decimal(10)

    def test_empty_description_is_allowed(self) -> None:
        assert GoodsItem("").description == ""
        assert GoodsItem("   ").description == ""

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"description": None}, FieldTypeError, "description"),
            ({"description": "x", "hs_code": "85A2"}, InvalidHSCodeError, "hs_code"),
            ({"description": "x", "quantity": 0}, ValidationError, "quantity"),
            ({"description": "x", "quantity": 1.0}, FieldTypeError, "quantity"),
            ({"description": "x", "value": 100}, FieldTypeError, "value"),
        ],
    )
    def test_bad_input(self, kwargs: dict[str, object], error: type[Exception], field: str) -> None:
        description = kwargs.pop("description")
        with pytest.raises(error) as caught:
            GoodsItem(description, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field  # type: ignore[attr-defined]


class TestShipment:
    def test_normalizes_route_parties_and_date(self) -> None:
        shipment = Shipment(
            exporter="Exporter Pvt Ltd",
            consignee=Entity("Buyer LLC", country="Kirghizia"),
            origin="India",
            destination="Kyrgyz Republic",
            transit=["UAE", "Kazakhstan"],
            date="2023-03-10",
            id=17,
        )
        assert shipment.exporter.role is PartyRole.EXPORTER
        assert shipment.consignee.role is PartyRole.CONSIGNEE
        # The consignee given without a role is copied with it, every field kept.
        assert attrs.evolve(shipment.consignee, role=None) == Entity("Buyer LLC", country="KG")
        assert (shipment.origin, shipment.destination) == ("IN", "KG")
        assert shipment.transit == ("AE", "KZ")
        assert shipment.route == ("IN", "AE", "KZ", "KG")
        assert shipment.date == datetime.date(2023, 3, 10)
        assert shipment.id == "17"

    def test_single_transit_string_is_one_country(self) -> None:
        assert Shipment(exporter="A", consignee="B", transit="Kazakhstan").transit == ("KZ",)

    def test_region_destination_is_kept(self) -> None:
        shipment = Shipment(
            exporter="A", consignee="B", destination="Sevastopol", transit=["Crimea"]
        )
        assert (shipment.destination, shipment.destination_subdivision) == ("UA", "UA-40")
        assert shipment.transit == ("UA",)
        assert shipment.transit_subdivisions == ("UA-43",)
        assert shipment.transit_localities == ("Crimea",)

    def test_datetime_becomes_date(self) -> None:
        moment = datetime.datetime(2023, 3, 10, 23, 59)
        assert Shipment(exporter="A", consignee="B", date=moment).date == datetime.date(2023, 3, 10)
        stamp = "2023-03-24T10:00:00+05:30"
        assert Shipment(exporter="A", consignee="B", date=stamp).date == datetime.date(2023, 3, 24)

    def test_localities_are_kept_and_can_be_given(self) -> None:
        shipment = Shipment(
            exporter="A",
            consignee="B",
            origin="Kerch",
            destination="KG",
            destination_locality="Bishkek",
        )
        assert (shipment.origin, shipment.origin_subdivision) == ("UA", "UA-43")
        assert shipment.origin_locality == "Kerch"
        assert shipment.destination_locality == "Bishkek"
        assert attrs.evolve(shipment, id="x").origin_locality == "Kerch"

    def test_transit_subdivision_must_be_on_the_route(self) -> None:
        with pytest.raises(ValidationError, match="not in any transit country") as caught:
            Shipment(exporter="A", consignee="B", transit_subdivisions=["UA-43"])
        assert caught.value.field == "transit_subdivisions"
        shipment = Shipment(
            exporter="A", consignee="B", transit=["UA"], transit_subdivisions=["ua-43"]
        )
        assert shipment.transit_subdivisions == ("UA-43",)

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"destination": "Rusia"}, UnknownCountryError, "destination"),
            ({"origin": ""}, ValidationError, "origin"),
            ({"transit": ["KZ", "Atlantis"]}, UnknownCountryError, "transit[1]"),
            ({"transit": [7]}, FieldTypeError, "transit"),
            ({"date": "10/03/2023"}, ValidationError, "date"),
            ({"date": 20230310}, FieldTypeError, "date"),
            ({"value": 100.5}, FieldTypeError, "value"),
            ({"value": "100 rupees"}, AmbiguousCurrencyError, "value"),
            ({"value": "USD 5 and EUR 6"}, ValidationError, "value"),
            ({"goods": ["drones"]}, FieldTypeError, "goods"),
            ({"parties": ["Someone"]}, FieldTypeError, "parties"),
            ({"id": " "}, ValidationError, "id"),
            ({"exporter": None}, FieldTypeError, "exporter"),
            ({"exporter": Entity("X", role="consignee")}, ValidationError, "exporter"),
            (
                {"destination": "Russia", "destination_subdivision": "UA-43"},
                ValidationError,
                "destination_subdivision",
            ),
        ],
    )
    def test_bad_input_names_field_and_value(
        self, kwargs: dict[str, object], error: type[Exception], field: str
    ) -> None:
        base: dict[str, object] = {"exporter": "A", "consignee": "B"}
        with pytest.raises(error) as caught:
            Shipment(**{**base, **kwargs})  # type: ignore[arg-type]
        assert caught.value.field == field  # type: ignore[attr-defined]

    def test_to_dict_is_json_safe(self) -> None:
        shipment = Shipment(
            exporter="A",
            consignee="B",
            goods=[GoodsItem("chips", hs_code="8542.31", quantity="2.5", value=Money("1", "USD"))],
            value=Money("82000000000", "INR"),
            date="2022-10-14",
            destination="RU",
        )
        data = shipment.to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["goods"][0]["hs_code"] == "854231"
        assert data["value"] == {"amount": "82000000000", "currency": "INR"}

    def test_evolve_revalidates(self) -> None:
        shipment = Shipment(exporter="A", consignee="B", destination="KG")
        assert attrs.evolve(shipment, destination="Russia").destination == "RU"
        with pytest.raises(UnknownCountryError):
            attrs.evolve(shipment, destination="Atlantis")

    def test_picklable(self) -> None:
        shipment = Shipment(
            exporter="A", consignee="B", destination="Crimea", goods=[GoodsItem("x")]
        )
        assert pickle.loads(pickle.dumps(shipment)) == shipment


def test_errors_survive_pickling() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        Shipment(exporter="A", consignee="B", destination="Rusia")
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.field, copy.value) == (error.field, error.value)
    assert copy.suggestions == error.suggestions
    assert str(copy) == str(error)


@given(st.text(max_size=MAX_NAME_LENGTH + 10))
def test_entity_name_either_valid_or_a_validation_error(name: str) -> None:
    try:
        entity = Entity(name)
    except ValidationError as error:
        failed_on = error.field
    else:
        failed_on = None
        assert Entity(entity.name).name == entity.name  # normalizing twice changes nothing
    assert failed_on in (None, "name")
    if failed_on is None:
        assert entity.name == entity.name.strip()
