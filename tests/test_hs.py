from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import FieldTypeError, HSCode, InvalidHSCodeError, ValidationError


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("8542.31.00", "85423100"),
        ("854231", "854231"),
        ("8542 31 90", "85423190"),
        ("HS 8542.31", "854231"),
        ("hs: 8542.31", "854231"),
        ("HSN 85423100", "85423100"),
        ("ITC-HS 85423100", "85423100"),
        ("ITC(HS) 8542.31.00", "85423100"),
        ("CN 8542 31 90", "85423190"),
        ("HTS 8542.31.0001", "8542310001"),
        ("8806", "8806"),
        ("0101.21", "010121"),
        ("8542-31-00", "85423100"),
        (854231, "854231"),
    ],
)
def test_notations(text: object, digits: str) -> None:
    assert HSCode.parse(text).digits == digits


def test_parts() -> None:
    code = HSCode.parse("8542.31.90")
    assert (code.chapter, code.heading, code.subheading) == ("85", "8542", "854231")
    assert HSCode.parse("8806").subheading is None
    assert str(code) == "8542.31.90"
    assert str(HSCode.parse("8542310001")) == "8542.31.0001"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("85A231", "only digits"),
        ("8542.3", "5 digits"),
        ("10121", "leading zero"),
        ("7701.10", "chapter 77"),
        ("0012.34", "chapter 00"),
        ("12", "2 digits"),
        ("85423100000", "11 digits"),
        ("HS", "no digits"),
        ("8542..31", "only digits"),
        ("", "no digits"),
    ],
)
def test_invalid_codes_name_the_problem(text: str, reason: str) -> None:
    with pytest.raises(InvalidHSCodeError, match=reason) as caught:
        HSCode.parse(text)
    assert caught.value.field == "hs_code"
    assert caught.value.value == text


@pytest.mark.parametrize("value", [None, 8542.31, True, ["8542"]])
def test_wrong_types(value: object) -> None:
    with pytest.raises(FieldTypeError):
        HSCode.parse(value)


@pytest.mark.parametrize(("text", "digits"), [("８５４２.３１", "854231"), ("٨٥٤٢٣١", "854231")])
def test_unicode_digits_are_read_as_ascii(text: str, digits: str) -> None:
    assert HSCode.parse(text).digits == digits


@pytest.mark.parametrize("text", ["７７００", "٠٠٠١"])
def test_unicode_digits_get_the_same_checks(text: str) -> None:
    with pytest.raises(InvalidHSCodeError, match="chapter"):
        HSCode.parse(text)


@pytest.mark.parametrize("digits", ["abc", "7700", "85423", "８５４２３１", 854231])
def test_direct_construction_validates(digits: object) -> None:
    with pytest.raises(InvalidHSCodeError):
        HSCode(digits)  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_parser_never_crashes(text: str) -> None:
    try:
        code = HSCode.parse(text)
    except ValidationError:
        return
    assert code.digits.isdigit()
    assert HSCode.parse(str(code)) == code  # its own formatting reads back


@given(st.from_regex(r"\A(0[1-9]|[1-7][0-6]|[8-9][0-9])([0-9][0-9]){1,3}\Z"))
def test_valid_digit_strings_round_trip(digits: str) -> None:
    code = HSCode.parse(digits)
    assert code.digits == digits
    assert HSCode.parse(str(code)) == code
