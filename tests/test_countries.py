from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import (
    FieldTypeError,
    SanctionScreenError,
    UnknownCountryError,
    ValidationError,
    normalize_country,
)
from sanctionscreen.geography.countries import MAX_COUNTRY_LENGTH, country_name, country_names


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Россия", "RU"),
        ("РОССИЯ", "RU"),
        ("Kyrgyz Republic", "KG"),
        ("Kirghizia", "KG"),
        ("Кыргызстан", "KG"),
        ("UAE", "AE"),
        ("U.A.E.", "AE"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("turkiye", "TR"),
        ("Republic of Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("Burma", "MM"),
        ("Iran", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("the Netherlands", "NL"),
        ("Côte d’Ivoire", "CI"),
        ("Hong Kong", "HK"),
        ("Taiwan", "TW"),
        ("UK", "GB"),
        ("USA", "US"),
        ("  india  ", "IN"),
        ("भारत", "IN"),
    ],
)
def test_names_aliases_and_local_spellings(text: str, code: str) -> None:
    assert normalize_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"), [("RU", "RU"), ("ru", "RU"), ("RUS", "RU"), ("643", "RU"), ("kgz", "KG")]
)
def test_iso_codes(text: str, code: str) -> None:
    assert normalize_country(text) == code


@pytest.mark.parametrize("country", list(pycountry.countries), ids=lambda c: c.alpha_2)
def test_every_iso_country_resolves_by_code_and_name(country: object) -> None:
    code = country.alpha_2  # type: ignore[attr-defined]
    assert normalize_country(code) == code
    assert normalize_country(country.alpha_3) == code  # type: ignore[attr-defined]
    assert normalize_country(country.name) == code  # type: ignore[attr-defined]


def test_every_bundled_alias_resolves_to_its_code() -> None:
    table = resources.files("sanctionscreen").joinpath("data").joinpath("country_aliases.csv")
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 100
    for row in rows:
        assert normalize_country(row["alias"]) == row["alpha2"], row


def test_unknown_country_is_a_typed_error_naming_field_value_and_suggestions() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        normalize_country("Rusia", field="destination")
    error = caught.value
    assert isinstance(error, SanctionScreenError)
    assert isinstance(error, ValueError)
    assert error.field == "destination"
    assert error.value == "Rusia"
    assert ("RU", "Russia") in error.suggestions
    assert "destination='Rusia'" in str(error)
    assert "did you mean 'Russia' (RU)?" in str(error)


def test_ambiguous_korea_is_refused_with_both_koreas_suggested() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        normalize_country("Korea")
    codes = {code for code, _ in caught.value.suggestions}
    assert codes == {"KP", "KR"}


def test_a_region_is_not_a_country_but_the_error_says_where_it_is() -> None:
    with pytest.raises(UnknownCountryError, match="UA-43") as caught:
        normalize_country("Crimea")
    assert "Shipment accept it" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "code"), [("Rusia", "RU"), ("Kirgistan", "KG"), ("Uzbekstan", "UZ")]
)
def test_suggestions_are_the_close_ones_only(text: str, code: str) -> None:
    with pytest.raises(UnknownCountryError) as caught:
        normalize_country(text)
    assert [c for c, _ in caught.value.suggestions] == [code]


def test_nonsense_has_no_suggestions() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        normalize_country("Transnistria")
    assert caught.value.suggestions == ()
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize("value", [None, 643, b"RU", ["RU"]])
def test_wrong_types_are_type_errors(value: object) -> None:
    with pytest.raises(FieldTypeError) as caught:
        normalize_country(value, field="origin")
    assert isinstance(caught.value, TypeError)
    assert caught.value.field == "origin"


@pytest.mark.parametrize("value", ["", "   ", "\t\n", "x" * (MAX_COUNTRY_LENGTH + 1)])
def test_empty_or_overlong_text_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        normalize_country(value)


def test_common_names_read_naturally() -> None:
    assert country_name("RU") == "Russia"
    assert country_name("KR") == "South Korea"
    assert country_name("IR") == "Iran"
    assert country_name("KG") == "Kyrgyzstan"


def test_country_names_leave_out_codes() -> None:
    names = country_names("RU")
    assert {"Russia", "Russian Federation", "Россия", "РФ"} <= set(names)
    assert not {"RU", "RUS", "643"} & set(names)


@given(st.text(max_size=MAX_COUNTRY_LENGTH + 20))
def test_normalizer_never_crashes_and_is_idempotent(text: str) -> None:
    try:
        code = normalize_country(text)
    except ValidationError:
        return
    assert pycountry.countries.get(alpha_2=code) is not None
    assert normalize_country(code) == code
