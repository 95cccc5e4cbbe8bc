from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import UnknownCountryError, ValidationError
from sanctionscreen.geography.places import Place, normalize_subdivision, resolve_place
from sanctionscreen.geography.regions import OCCUPIED, PARTLY_OCCUPIED, find_region_mentions


def _found(text: str) -> list[tuple[str, str]]:
    return [
        (m.region.subdivision, m.status) for m in find_region_mentions(text) if not m.in_street_name
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ul. Lenina 5, Simferopol, Republic of Crimea", [("UA-43", OCCUPIED)]),
        ("г. Севастополь, ул. Большая Морская", [("UA-40", OCCUPIED)]),
        ("Kramatorsk, Donetsk Oblast, Ukraine", [("UA-14", PARTLY_OCCUPIED)]),
        ("г. Донецк, ДНР", [("UA-14", OCCUPIED)]),
        ("Mariupol port", [("UA-14", OCCUPIED)]),
        ("Zaporizhzhia, Ukraine", [("UA-23", PARTLY_OCCUPIED)]),
        ("Melitopol, Zaporizhzhia oblast", [("UA-23", OCCUPIED), ("UA-23", PARTLY_OCCUPIED)]),
        ("Lugansk", [("UA-09", OCCUPIED)]),
        ("KERCH", [("UA-43", OCCUPIED)]),
    ],
)
def test_regions_named_in_addresses(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Sevastopol Street, Kyiv", "Sevastopol"),
        ("Donetsk str. 10, Kyiv", "Donetsk"),
        ("vul. Kherson, Odesa", "Kherson"),
        ("Rue de Crimea", "Crimea"),
        ("Kherson Street 5, Odesa", "Kherson"),
    ],
)
def test_names_in_street_names_are_marked(text: str, term: str) -> None:
    [mention] = find_region_mentions(text)
    assert mention.term == term
    assert mention.in_street_name


def test_a_city_after_a_house_number_is_not_a_street_name() -> None:
    [mention] = find_region_mentions("Lenina street 5 Simferopol")
    assert not mention.in_street_name


@pytest.mark.parametrize(
    "text",
    [
        "Moscow, Russia",
        "Kyiv, Ukraine",
        "Lviv",
        "Kramatorsk",
        "Yaltanova Street 3",  # whole words only
        "Khersonesky Lane",
        "",
    ],
)
def test_no_region_where_none_is_named(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Crimea", Place("UA", "UA-43", "Crimea")),
        ("UA-43", Place("UA", "UA-43")),
        ("ua-40", Place("UA", "UA-40")),
        ("Севастополь", Place("UA", "UA-40", "Севастополь")),
        (" DNR ", Place("UA", "UA-14", "DNR")),
        ("US-CA", Place("US", "US-CA")),
        ("Russia", Place("RU")),
    ],
)
def test_places_resolve_countries_and_regions(text: str, place: Place) -> None:
    assert resolve_place(text, field="destination") == place


def test_unknown_place_is_an_unknown_country_error() -> None:
    with pytest.raises(UnknownCountryError):
        resolve_place("XX-999", field="destination")


def test_subdivision_must_lie_in_its_country() -> None:
    assert normalize_subdivision("UA-43", field="subdivision", country="UA") == "UA-43"
    with pytest.raises(ValidationError, match="not in RU"):
        normalize_subdivision("UA-43", field="subdivision", country="RU")
    with pytest.raises(ValidationError):
        normalize_subdivision("Atlantis", field="subdivision", country=None)


@given(st.text(max_size=300))
def test_scanner_never_crashes(text: str) -> None:
    for mention in find_region_mentions(text):
        assert mention.status in (OCCUPIED, PARTLY_OCCUPIED)
