from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import (
    Entity,
    FieldTypeError,
    GoodsItem,
    HSCode,
    InvalidHSCodeError,
    Screener,
    Shipment,
    ValidationError,
    describe_hs_code,
)


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


# -- the HS 2022 texts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("8473.30", "HS 8473.30: Machinery; parts and accessories"),
        ("HSN 85423100", "HS 8542.31: Electronic integrated circuits; processors and controllers"),
        ("8542", "HS 8542: Electronic integrated circuits"),
        ("85", "HS chapter 85: Electrical machinery and equipment"),
        ("8803.30", "HS 2017 8803.30, now HS 8807.30: Aircraft and spacecraft; parts"),
        (HSCode("880622"), "HS 8806.22: Unmanned aircraft; for remote-controlled flight only"),
    ],
)
def test_describe_gives_the_official_text(code: object, text: str) -> None:
    assert describe_hs_code(code).startswith(text)


@pytest.mark.parametrize(
    ("code", "nearest"),
    [
        ("8542.99", "8542.90 (Parts of electronic integrated circuits)"),  # no such subheading
        ("8599.10", "8548"),  # no such heading: the chapter's nearest headings
        ("77", "chapter 77 does not exist"),
    ],
)
def test_unknown_codes_are_refused_with_the_nearest(code: str, nearest: str) -> None:
    with pytest.raises(InvalidHSCodeError, match=re.escape(nearest)):
        describe_hs_code(code)


def test_a_code_hs_2022_does_not_have_is_kept_and_said() -> None:
    """Older editions' codes stay on the record (customs rulings carry 8525.20 for
    transceivers); the goods check says which HS 2022 codes are nearest."""
    shipment = Shipment(
        id="S1",
        exporter=Entity("Example Electronics Pvt Ltd", country="IN"),
        consignee=Entity("Example Trading LLC", country="AE"),
        goods=[GoodsItem("Radio transceivers", hs_code="8525.20.9080")],
    )
    [flag] = [f for f in Screener().screen(shipment).flags if f.code == "HS_CODE_UNKNOWN"]
    assert "HS 8525.20.9080 is not an HS 2022 subheading; the nearest are 8525.50" in flag.message


def test_every_goods_flag_quotes_the_declared_code() -> None:
    shipment = Shipment(
        id="S1",
        date="2023-03-10",
        exporter=Entity("Example Electronics Pvt Ltd", country="IN"),
        consignee=Entity("Example Trading LLC", country="RU"),
        origin="IN",
        destination="RU",
        goods=[GoodsItem("FPGA XC7A35T-1CPG236C", hs_code="3926.90")],
    )
    flags = [f for f in Screener().screen(shipment).flags if "line" in f.evidence]
    assert {f.code for f in flags} >= {"DUAL_USE_GOODS", "HS_DESCRIPTION_MISMATCH"}
    for flag in flags:
        assert "HS 3926.90: Plastics; other articles n.e.c. in chapter 39" in flag.message
        assert flag.evidence["hs_text"].startswith("HS 2022 text of HS 3926.90: Plastics")
