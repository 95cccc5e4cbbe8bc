"""The goods check and its reference data: CHPL tiers, HS 2017 codes, descriptions, diversion."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import Entity, GoodsItem, HSCode, Screener, ScreeningContext, Severity, Shipment
from sanctionscreen.checks import GoodsCheck, GoodsConfig
from sanctionscreen.goods.chpl import chpl_items, chpl_version, high_priority_items
from sanctionscreen.goods.descriptions import dual_use_categories, read_description
from sanctionscreen.goods.hs2022 import read_as_hs2022
from sanctionscreen.results import Flag

# Chile is neither embargoed, nor a named diversion point, nor a partner country.
NEUTRAL = "Chile"


def ship(
    *goods: GoodsItem,
    destination: str | None = NEUTRAL,
    consignee_country: str | None = None,
    transit: tuple[str, ...] = (),
    parties: tuple[Entity, ...] = (),
    date: str = "2024-05-02",
) -> Shipment:
    return Shipment(
        id="T-1",
        date=date,
        exporter=Entity("Example Electronics Pvt Ltd", country="India"),
        consignee=Entity("Example Buyer", country=consignee_country or destination),
        parties=parties,
        origin="India",
        destination=destination,
        transit=transit,
        goods=goods,
    )


def flags(
    shipment: Shipment, code: str | None = None, config: GoodsConfig | None = None
) -> list[Flag]:
    found = GoodsCheck(config).run(ScreeningContext(shipment)).flags
    return [flag for flag in found if code is None or flag.code == code]


def one(shipment: Shipment, code: str) -> Flag:
    [flag] = flags(shipment, code)
    return flag


# -- reference data ----------------------------------------------------------------------


def test_the_bundled_chpl_has_50_codes_in_six_tiers() -> None:
    items = chpl_items()
    assert len(items) == 50
    assert len({item.subheading for item in items}) == 50
    assert {item.tier for item in items} == {"1", "2", "3.A", "3.B", "4.A", "4.B"}
    assert sum(item.tier == "1" for item in items) == 4
    assert all(item.tier_title and item.source for item in items)
    assert chpl_version() == "2024-02-23"


def test_every_term_resolves_its_control_reference() -> None:
    reading = read_description("uav")  # loads and checks every table
    assert reading.terms[0].control_reference.startswith("EU/US 9A012")
    drone = read_description("drone").terms[0]
    assert drone.control_reference == reading.terms[0].control_reference
    fpv = read_description("fpv").terms[0]
    assert fpv.control_reference.endswith(
        "(first-person-view attack/recon drones and their video links)"
    )


def test_categories_name_their_hs_scope_or_say_they_are_not_checked() -> None:
    categories = dual_use_categories()
    assert len(categories) >= 30
    unchecked = {name for name, c in categories.items() if not c.covered_by}
    assert unchecked == {"materials", "military_indicator"}


# -- HS 2017 codes read in HS 2022 -------------------------------------------------------


def test_a_deleted_hs2017_code_moves_to_its_successor() -> None:
    reading = read_as_hs2022(HSCode.parse("8803.30.00"))
    assert reading.codes == ("880730",)
    assert (reading.converted_from, reading.relation) == ("880330", "moved")
    early = reading.explain(datetime.date(2021, 6, 1))
    assert early == "HS 2017 8803.30 was read as HS 2022 8807.30 (the shipment predates HS 2022)"
    late = reading.explain(datetime.date(2023, 6, 1))
    assert late is not None
    assert "HS 2022 deleted this HS 2017 subheading" in late


def test_a_split_code_lists_every_successor() -> None:
    reading = read_as_hs2022(HSCode.parse("852580"))
    assert reading.codes == ("852581", "852582", "852583", "852589")
    assert reading.relation == "split"
    assert [item.subheading for item in high_priority_items(reading.codes)] == ["852589"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [("8542.31.00", ("854231",)), ("8542", ("8542",)), ("HTS 8471.50.0150", ("847150",))],
)
def test_current_codes_are_read_as_declared(text: str, codes: tuple[str, ...]) -> None:
    reading = read_as_hs2022(HSCode.parse(text))
    assert reading.codes == codes
    assert reading.converted_from is None
    assert reading.explain(None) is None


# -- HIGH_PRIORITY_ITEM ------------------------------------------------------------------


@pytest.mark.parametrize("item", chpl_items(), ids=lambda item: item.subheading)
def test_every_chpl_code_is_flagged_with_its_tier(item: object) -> None:
    from sanctionscreen.goods.chpl import ChplItem

    assert isinstance(item, ChplItem)
    flag = one(ship(GoodsItem("", hs_code=item.subheading + "00")), "HIGH_PRIORITY_ITEM")
    expected = Severity.HIGH if item.tier in ("1", "2") else Severity.ELEVATED
    assert flag.severity is expected
    assert f"tier {item.tier} (" in flag.message
    assert flag.evidence["chpl_items"][0]["tier"] == item.tier
    assert flag.evidence["list_version"] == "2024-02-23"
    assert flag.evidence["data_version"].startswith("chpl.csv@2024-02-23#")


@pytest.mark.parametrize(
    "code",
    ["8542.31.00", "854231", "8542 31 90", "HS 8542.31", "ITC-HS 85423100", "HTS 8542.31.0001"],
)
def test_every_notation_reaches_the_list(code: str) -> None:
    flag = one(ship(GoodsItem("chips", hs_code=code)), "HIGH_PRIORITY_ITEM")
    assert flag.severity is Severity.HIGH


def test_codes_off_the_list_raise_nothing() -> None:
    assert flags(ship(GoodsItem("", hs_code="6109.10"))) == []


def test_a_bare_heading_covers_its_listed_subheadings() -> None:
    flag = one(ship(GoodsItem("", hs_code="8542")), "HIGH_PRIORITY_ITEM")
    assert "HS heading 8542 covers 8542.31, 8542.32, 8542.33, 8542.39" in flag.message
    assert [i["subheading"] for i in flag.evidence["chpl_items"]] == [
        "854231",
        "854232",
        "854233",
        "854239",
    ]


def test_an_hs2017_code_on_an_old_record_is_converted_and_says_so() -> None:
    flag = one(
        ship(GoodsItem("Helicopter parts", hs_code="8803.30"), date="2021-03-01"),
        "HIGH_PRIORITY_ITEM",
    )
    assert flag.severity is Severity.ELEVATED
    assert "tier 3.B" in flag.message
    read = "HS 2017 8803.30 was read as HS 2022 8807.30 (the shipment predates HS 2022)"
    assert read in flag.message
    assert flag.evidence["hs"]["converted_from_hs2017"] == "880330"


def test_a_split_hs2017_code_says_it_includes_the_listed_successor() -> None:
    flag = one(ship(GoodsItem("", hs_code="8525.80"), date="2020-01-10"), "HIGH_PRIORITY_ITEM")
    assert "HS 8525.80 includes 8525.89 on the Common High Priority List" in flag.message


def test_partner_destinations_make_it_context() -> None:
    flag = one(ship(GoodsItem("", hs_code="854231"), destination="Germany"), "HIGH_PRIORITY_ITEM")
    assert flag.severity is Severity.INFO
    assert "Every receiving country (DE)" in flag.message
    assert flag.evidence["partner_countries"] == {"DE": "EU member state; US 15 CFR 746 Supp. 3"}
    # A transit stop outside the partners keeps the full severity.
    via = ship(GoodsItem("", hs_code="854231"), destination="Germany", transit=("Türkiye",))
    assert one(via, "HIGH_PRIORITY_ITEM").severity is Severity.HIGH


def test_configured_severities_are_used() -> None:
    config = GoodsConfig(top_tier="critical", partner_destination="low")
    [flag] = flags(ship(GoodsItem("", hs_code="854231")), "HIGH_PRIORITY_ITEM", config)
    assert flag.severity is Severity.CRITICAL
    [flag] = flags(
        ship(GoodsItem("", hs_code="854231"), destination="Japan"), "HIGH_PRIORITY_ITEM", config
    )
    assert flag.severity is Severity.LOW


# -- descriptions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Quadcopter drones with FPV camera", ["quadcopter", "drone", "fpv camera"]),
        ("FPV drone", ["fpv", "drone"]),
        ("MICROCONTROLLERS", ["microcontroller"]),
        ("micro-controller boards", ["micro controller"]),
        ("Spectrum analysers and oscilloscopes", ["spectrum analyser", "oscilloscope"]),
        ("Беспилотный летательный аппарат", ["беспилотн"]),
        ("Микросхемы и транзисторы", ["микросхем", "транзистор"]),
        ("Полётный контроллер", ["полетн контроллер"]),
        ("модуль ЦАП", ["цап"]),
        ("Тепловизионный прицел", ["тепловиз", "прицел"]),
        ("Детали для самолетов", ["самолет"]),
        ("5-axis CNC machining centres", ["5-axis", "cnc", "machining centre"]),
    ],
)
def test_description_terms(text: str, terms: list[str]) -> None:
    assert [hit.term for hit in read_description(text).terms] == terms


@pytest.mark.parametrize(
    "text",
    [
        "Cotton T-shirts",
        "Wood router bits",
        "Salad servers, stainless steel",
        "Chocolate wafer biscuits",
        "CPU cooler fans",
        "Military style jackets",
        "цапля (декоративная фигура)",  # a heron, not ЦАП
        "Droneless",  # whole words only
        "Drone bee honey, organic",
        "Server rack cabinet 42U, steel",
        "Radar detector for cars",
        "Carbon fibre fishing rods",
        "Load-bearing steel beams",
        "",
    ],
)
def test_descriptions_without_dual_use_goods(text: str) -> None:
    assert not read_description(text)


@pytest.mark.parametrize(
    ("text", "number", "category"),
    [
        ("STM32F103C8T6", "STM32F103C8T6", "processor_mcu"),
        ("IC xc7a35t-1cpg236c", "XC7A35T", "programmable_logic"),
        ("AD9361BBCZ", "AD9361BBCZ", "telecom_radio"),
        ("AD9208BBPZ-3000", "AD9208BBPZ", "data_converter"),
        ("EP4CE22F17C8N", "EP4CE22F17C8N", "programmable_logic"),
        ("GNSS module NEO-M8N", "NEO-M8N", "gnss_navigation"),
        ("ICM-20948 sensor", "ICM-20948", "inertial_navigation"),
        ("ATmega328P-PU", "ATMEGA328P", "processor_mcu"),
        ("HMC8410LP2FE", "HMC8410LP2FE", "rf_microwave"),
    ],
)
def test_part_numbers(text: str, number: str, category: str) -> None:
    [hit] = read_description(text).part_numbers
    assert (hit.part_number, hit.category.name) == (number, category)


def test_broad_words_weigh_low() -> None:
    [hit] = read_description("Wi-Fi router").terms
    assert hit.broad
    assert hit.severity is Severity.LOW
    [hit] = read_description("FPGA").terms
    assert not hit.broad
    assert hit.severity is Severity.ELEVATED


@given(st.text(max_size=300))
def test_the_scanner_never_crashes_and_is_deterministic(text: str) -> None:
    assert read_description(text) == read_description(text)


# -- DUAL_USE_GOODS ------------------------------------------------------------------------


def test_dual_use_goods_name_the_category_and_say_it_is_no_classification() -> None:
    flag = one(ship(GoodsItem("Thermal imaging camera module")), "DUAL_USE_GOODS")
    assert flag.severity is Severity.ELEVATED
    assert "thermal imaging cameras and detectors ('Thermal imaging')" in flag.message
    assert "6A003.b.4" in flag.message
    assert "not a classification" in flag.message
    assert list(flag.evidence["categories"]) == ["thermal_imaging"]


def test_the_code_alone_can_point_to_dual_use_goods() -> None:
    flag = one(ship(GoodsItem("", hs_code="8806.22")), "DUAL_USE_GOODS")
    assert "HS 8806.22 is the heading for unmanned aircraft (drones)" in flag.message
    assert list(flag.evidence["indicated_by_code"]) == ["uav_drone"]


def test_empty_descriptions_raise_no_description_flags() -> None:
    assert flags(ship(GoodsItem("", hs_code="6109.10"))) == []
    assert flags(ship(GoodsItem(""))) == []


# -- HS_DESCRIPTION_MISMATCH ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Microcontrollers STM32F407", "3926.90"),  # chips declared as plastic parts
        ("FPV drones", "9503.00"),  # a drone declared as a toy
        ("GNSS receivers", "6307.90"),
        ("Микросхемы", "7326.90"),
    ],
)
def test_goods_declared_outside_their_chapters(description: str, code: str) -> None:
    flag = one(ship(GoodsItem(description, hs_code=code)), "HS_DESCRIPTION_MISMATCH")
    assert flag.severity is Severity.ELEVATED
    declared = HSCode.parse(code)
    assert f"the declared code is HS {HSCode(declared.subheading or declared.heading)}: " in (
        flag.message
    )


@pytest.mark.parametrize(
    ("description", "code", "belongs"),
    [
        # Inside chapters 84, 85 and 90, but under the wrong heading (issue 15).
        ("FPGA XC7A35T-1CPG236C", "8473.30", "heading 8542"),  # a chip as a computer part
        ("Microcontrollers STM32F103", "8471.50", "8542"),
        ("Digital oscilloscope", "8473.30", "9030"),
        ("Helicopter parts", "8708.99", "8807"),  # aircraft parts as vehicle parts
    ],
)
def test_goods_declared_under_the_wrong_heading(description: str, code: str, belongs: str) -> None:
    flag = one(ship(GoodsItem(description, hs_code=code)), "HS_DESCRIPTION_MISMATCH")
    assert belongs in flag.message


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Quadcopter drones with thermal camera", "8806.22"),  # a drone's own feature
        ("Laptop with Intel Core i7 processor", "8471.30"),  # a computer's own processor
        ("Memory modules DDR4 16GB", "8473.30"),  # memory modules are computer parts
        ("Thermal imaging camera module", "8525.89"),
        ("GNSS receiver module NEO-M8N", "8526.91"),
    ],
)
def test_goods_under_their_own_heading_are_not_mismatched(description: str, code: str) -> None:
    assert flags(ship(GoodsItem(description, hs_code=code)), "HS_DESCRIPTION_MISMATCH") == []


def test_the_toy_drone_note_is_shown() -> None:
    flag = one(ship(GoodsItem("Quadcopter", hs_code="9503.00")), "HS_DESCRIPTION_MISMATCH")
    assert "Recreational drones with the character of toys" in flag.message


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Microcontrollers", "8542.31"),
        ("Toy drone for children", "9503.00"),  # says it is a toy, declared as one
        ("Drone carry case", "4202.92"),  # an accessory
        ("Carbon fibre sheets", "6815.19"),  # materials are not checked against codes
        ("Military style jackets", "6201.40"),
        ("Drone batteries", "8507.60"),
    ],
)
def test_consistent_declarations_are_not_mismatches(description: str, code: str) -> None:
    assert flags(ship(GoodsItem(description, hs_code=code)), "HS_DESCRIPTION_MISMATCH") == []


def test_a_broad_word_mismatch_weighs_low() -> None:
    flag = one(ship(GoodsItem("Wi-Fi routers", hs_code="9403.20")), "HS_DESCRIPTION_MISMATCH")
    assert flag.severity is Severity.LOW


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Plastic toys (XC7A35T-1CPG236C)", "9503.00"),  # "toy" excuses drones only
        ("Oscilloscope", "6109.10"),
        ("Запчасти для вертолетов", "8708.99"),  # helicopter parts as car parts
    ],
)
def test_precisely_named_goods_under_a_foreign_code_are_elevated(
    description: str, code: str
) -> None:
    flag = one(ship(GoodsItem(description, hs_code=code)), "HS_DESCRIPTION_MISMATCH")
    assert flag.severity is Severity.ELEVATED


# -- DIVERSION_RISK ------------------------------------------------------------------------


def diversion(shipment: Shipment) -> dict[str, Flag]:
    return {flag.evidence["country"]: flag for flag in flags(shipment, "DIVERSION_RISK")}


def test_top_tier_goods_to_russia_are_critical() -> None:
    found = diversion(ship(GoodsItem("Microcontrollers", hs_code="8542.31"), destination="Russia"))
    flag = found["RU"]
    assert flag.severity is Severity.CRITICAL
    rules = [reason["rule"] for reason in flag.evidence["reasons"]]
    assert rules == ["sensitive goods to an embargoed country", "restricted HS chapters"]
    assert "most goods of HS chapters 84, 85, 88 and 90 need a licence" in flag.message


def test_lower_tier_goods_to_russia_are_high() -> None:
    flag = diversion(ship(GoodsItem("Ball bearings", hs_code="8482.10"), destination="Russia"))[
        "RU"
    ]
    assert flag.severity is Severity.HIGH


def test_any_chapter_84_85_90_goods_through_belarus_are_high() -> None:
    shipment = ship(
        GoodsItem("Washing machines", hs_code="8450.11"),
        destination="Kazakhstan",
        transit=("Belarus",),
    )
    found = diversion(shipment)
    assert found["BY"].severity is Severity.HIGH
    assert [r["rule"] for r in found["BY"].evidence["reasons"]] == ["restricted HS chapters"]
    assert "KZ" not in found  # not sensitive goods: the route check alone speaks for Kazakhstan


def test_goods_named_by_a_broad_word_to_russia_are_elevated() -> None:
    goods = GoodsItem("Bearings for conveyor rollers", hs_code="7326.90")
    assert diversion(ship(goods, destination="Russia"))["RU"].severity is Severity.ELEVATED


def test_a_context_word_sets_ordinary_goods_apart() -> None:
    """Bearings and carbon fibre of a bicycle are sports goods (issue 15)."""
    goods = GoodsItem("Carbon fiber fork and ball bearings (bicycle)", hs_code="8714.91")
    assert flags(ship(goods), "DUAL_USE_GOODS") == []
    reading = read_description("Carbon fiber fork and ball bearings (bicycle)")
    assert {hit.category.name for hit in reading.set_aside} == {"materials", "bearings"}


def test_converted_codes_show_their_hs2022_reading_in_diversion_messages() -> None:
    shipment = ship(GoodsItem("Parts", hs_code="8803.30"), destination="Armenia")
    assert (
        "line 1 HS 8803.30 (HS 2022 8807.30) (CHPL tier 3.B)" in diversion(shipment)["AM"].message
    )


def test_other_goods_to_russia_raise_no_diversion_risk() -> None:
    assert (
        diversion(ship(GoodsItem("Cotton T-shirts", hs_code="6109.10"), destination="Russia")) == {}
    )


@pytest.mark.parametrize(
    ("goods", "severity"),
    [
        (GoodsItem("Telecom parts", hs_code="8517.62"), Severity.HIGH),  # tier 2
        (GoodsItem("PCBs", hs_code="8534.00"), Severity.ELEVATED),  # tier 4.A
        (GoodsItem("Radio transceivers"), Severity.ELEVATED),  # dual-use description
        (GoodsItem("Wi-Fi routers"), Severity.LOW),  # broad word only
    ],
)
def test_sensitive_goods_through_a_diversion_point(goods: GoodsItem, severity: Severity) -> None:
    flag = diversion(ship(goods, destination="Kyrgyzstan"))["KG"]
    assert flag.severity is severity
    assert "named as a diversion point for Russia and Belarus" in flag.message


def test_a_consignee_in_an_embargoed_country_behind_a_diversion_point() -> None:
    shipment = ship(
        GoodsItem("FPGAs", hs_code="8542.39"),
        destination="United Arab Emirates",
        consignee_country="Iran",
    )
    found = diversion(shipment)
    assert found["IR"].severity is Severity.CRITICAL
    assert "the consignee country" in found["IR"].message
    assert found["AE"].severity is Severity.HIGH


def test_eased_measures_cap_the_combination_at_high() -> None:
    goods = GoodsItem("Microcontrollers", hs_code="8542.31")
    assert (
        diversion(ship(goods, destination="Syria", date="2025-12-01"))["SY"].severity
        is Severity.HIGH
    )
    assert (
        diversion(ship(goods, destination="Syria", date="2024-12-01"))["SY"].severity
        is Severity.CRITICAL
    )


def test_partner_destinations_raise_no_diversion_risk() -> None:
    assert diversion(ship(GoodsItem("FPGAs", hs_code="8542.39"), destination="Japan")) == {}


def test_the_sending_side_does_not_count_as_a_route() -> None:
    # India is a named diversion point, but here it is only the origin and exporter.
    assert diversion(ship(GoodsItem("FPGAs", hs_code="8542.39"))) == {}


# -- in the screener -----------------------------------------------------------------------


def test_goods_results_are_byte_stable() -> None:
    shipment = ship(
        GoodsItem("Plastic parts XC7A35T", hs_code="3926.90"),
        GoodsItem("Микросхемы", hs_code="8542.31"),
        destination="Kyrgyzstan",
        date="2021-06-01",
    )
    first = Screener().screen(shipment).to_json()
    second = Screener().screen(shipment).to_json()
    assert first == second
    codes = {flag["code"] for flag in json.loads(first)["flags"]}
    assert {
        "HIGH_PRIORITY_ITEM",
        "DUAL_USE_GOODS",
        "HS_DESCRIPTION_MISMATCH",
        "DIVERSION_RISK",
    } <= codes


def test_words_are_reported_as_written() -> None:
    [hit] = read_description("Полётный контроллер (FC)").terms
    assert hit.found == "Полётный контроллер"
    [hit] = read_description("5-axis machining").terms
    assert hit.found == "5-axis"


def test_sensitive_goods_for_an_occupied_region_named_in_an_address() -> None:
    consignee = Entity("Example Marine", country="Ukraine", address="ul. Morskaya 10, Sevastopol")
    shipment = Shipment(
        exporter="Example Electronics Pvt Ltd",
        consignee=consignee,
        destination="Ukraine",
        goods=[GoodsItem("Microcontrollers", hs_code="8542.31")],
    )
    [flag] = flags(shipment, "DIVERSION_RISK")
    assert flag.severity is Severity.CRITICAL
    assert flag.evidence["subdivision"] == "UA-40"
    assert flag.message.startswith("Sevastopol (UA-40), found in the consignee address")
    # Not for everyday goods, nor for an exporter based there, nor inside a street name.
    plain = Shipment(exporter="A", consignee=consignee, goods=[GoodsItem("T-shirts")])
    assert flags(plain, "DIVERSION_RISK") == []
    exporter = Entity("Krym Trade", country="Ukraine", address="Simferopol")
    outgoing = Shipment(
        exporter=exporter, consignee=Entity("B", country="Chile"), goods=[GoodsItem("FPGA")]
    )
    assert [f for f in flags(outgoing, "DIVERSION_RISK") if "subdivision" in f.evidence] == []
    street = Entity("C", country="UA", address="Sevastopol Street 4, Kyiv")
    berlin = Shipment(exporter="A", consignee=street, goods=[GoodsItem("FPGA")])
    assert flags(berlin, "DIVERSION_RISK") == []


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Horizontal lathe, manually operated", "8458.19"),  # not a CNC lathe (8458.11)
        ("Handheld digital multimeter", "9030.31"),  # 9030.32 and .39 are on the CHPL
        ("Spherical plain bearings", "8483.30"),
    ],
)
def test_broad_words_under_an_ordinary_code_of_their_heading_raise_nothing(
    description: str, code: str
) -> None:
    assert flags(ship(GoodsItem(description, hs_code=code)), "DUAL_USE_GOODS") == []


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Ball bearings", "8482.10"),  # on the CHPL: the code speaks
        ("Lathe", "3926.90"),  # outside its heading: the word speaks
        ("CNC lathe", "8458.19"),  # a precise word
    ],
)
def test_broad_words_still_speak_where_the_code_does_not_clear_them(
    description: str, code: str
) -> None:
    assert flags(ship(GoodsItem(description, hs_code=code)), "DUAL_USE_GOODS") != []
