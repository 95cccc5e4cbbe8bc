"""Where goods belong: headings narrowed by word or part number, whole items as parts.

Each case pairs a description with a code the goods cannot have and a close neighbour
they can, so that a rule that flags everything (or nothing) fails.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionscreen import GoodsItem, HSCode
from sanctionscreen.goods.descriptions import read_description
from sanctionscreen.goods.hs2022 import read_as_hs2022
from sanctionscreen.goods.nomenclature import for_parts
from sanctionscreen.goods.placement import misplacements
from sanctionscreen.results import Flag
from test_goods import flags, ship


def goods_flags(description: str, code: str | None, flag_code: str) -> list[Flag]:
    """The goods check's flags of one kind for one line, on test_goods' neutral route."""
    return flags(ship(GoodsItem(description, hs_code=code)), flag_code)


def mismatch(description: str, code: str) -> Flag | None:
    found = goods_flags(description, code, "HS_DESCRIPTION_MISMATCH")
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("847330", True),  # parts and accessories of computers
        ("852990", True),  # the residual subheading of 8529 (parts of radio apparatus)
        ("903090", True),
        ("846693", True),
        ("8473", True),  # a heading for parts
        ("852910", False),  # aerials, though the heading is for parts
        ("880720", False),  # undercarriages (and their parts)
        ("903020", False),  # oscilloscopes
        ("848210", False),
    ],
)
def test_subheadings_for_parts_are_read_from_the_official_text(code: str, expected: bool) -> None:
    assert for_parts(code) is expected


# -- a complete apparatus declared as its parts -------------------------------------------


@pytest.mark.parametrize(
    ("description", "parts_code", "own_code"),
    [
        ("Digital oscilloscopes, 4 channels, 200 MHz", "9030.90", "9030.20"),
        ("Осциллограф цифровой двухканальный", "9030.90", "9030.20"),
        ("Spectrum analyzer, model N9020B", "9030.90", "9030.40"),
        ("Dell PowerEdge R760 rack server", "8473.30", "8471.50"),
        ("GPS receiver, handheld", "8529.90", "8526.91"),
        ("Unmanned aerial vehicle with camera", "8529.90", "8806.22"),
        ("CNC vertical machining centre", "8466.93", "8457.10"),
    ],
)
def test_a_complete_apparatus_under_a_parts_subheading_is_a_mismatch(
    description: str, parts_code: str, own_code: str
) -> None:
    flag = mismatch(description, parts_code)
    assert flag is not None
    assert "a complete apparatus" in flag.message
    assert any(entry["whole_as_parts"] for entry in flag.evidence["categories"])
    assert mismatch(description, own_code) is None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Brackets for oscilloscopes, Part No. 407544800", "9030.90"),
        ("Oscilloscope probe, 10:1 passive", "9030.90"),
        ("Server CPU board", "8473.30"),
        ("Graphics card for servers", "8473.30"),
        ("Incomplete server units without CPU", "8473.30"),
        ("Spare parts for CNC lathe", "8466.93"),
        ("GPS receiver for drones", "8807.30"),  # a part of a drone, where drone parts go
        ("Кронштейн для осциллографа", "9030.90"),
    ],
)
def test_parts_of_an_apparatus_under_its_parts_subheading_are_not(
    description: str, code: str
) -> None:
    assert mismatch(description, code) is None


# -- headings narrowed by a word or a part number ----------------------------------------


@pytest.mark.parametrize(
    ("description", "wrong", "right", "belongs"),
    [
        ("Deep groove ball bearings 6204-2RS", "8483.30", "8482.10", "8482"),
        ("Подшипник шариковый 6202", "8483.30", "8482.10", "8482"),
        ("ADF4351BCPZ Analog Devices", "8529.90", "8542.39", "8542"),  # a chip family
        ("MCU 8-bit, 32 KB flash", "8537.10", "8542.31", "8542"),
        ("Arbitrary waveform generator", "9031.80", "8543.20", "8543.20"),
        ("Flap actuator for Airbus A320", "8807.30", "8412.21", "8412"),
        ("USB connector, female, straight", "8544.42", "8536.69", "8536"),
        ("Image intensifier tubes, Gen 2+", "9013.80", "8540.20", "8540"),
        ("Boring and milling machine, CNC, automatic tool changer", "8459.31", "8457.10", "8457"),
    ],
)
def test_a_word_or_part_number_that_names_one_heading_narrows_the_category(
    description: str, wrong: str, right: str, belongs: str
) -> None:
    flag = mismatch(description, wrong)
    assert flag is not None
    assert belongs in flag.message
    assert mismatch(description, right) is None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("STM32F407 evaluation board", "8473.30"),  # a board carrying the chip
        ("ESP32-WROOM-32E Wi-Fi module", "8517.62"),
        ("USB cable with connectors, 1 m", "8544.42"),  # a cable fitted with connectors
        ("Camera module with ADC and microcomputer", "8525.89"),
        ("Pegasus servo actuator for unmanned aerial vehicles", "8501.10"),
        ("Signal generator and measurement equipment", "9030.40"),
    ],
)
def test_boards_cables_and_equipment_are_not_held_to_their_chips_headings(
    description: str, code: str
) -> None:
    assert mismatch(description, code) is None


def test_a_case_size_is_not_a_case() -> None:
    # "C CASE" is a tantalum capacitor's size code, not a case for the goods.
    flag = mismatch("Cap Tant Solid 10uF 35V C CASE 10%", "8504.90")
    assert flag is not None
    assert "8532" in flag.message
    assert mismatch("Tantalum capacitor carry case", "4202.92") is None


def test_part_numbers_typed_with_cyrillic_look_alikes_are_read() -> None:
    # The first letter is a Cyrillic capital A; a Russian invoice typed it so.
    [hit] = read_description("Микросхема \u0410D9361BBCZ").part_numbers
    assert hit.part_number == "AD9361BBCZ"
    [mil] = read_description("Вилка \u041c83513/01-AN Amphenol").part_numbers
    assert mil.family.startswith("military-specification connectors")


def test_an_hs2017_heading_that_hs2022_renumbered_is_converted() -> None:
    reading = read_as_hs2022(HSCode.parse("8803"))
    assert reading.codes == ("8807",)
    assert "deleted this HS 2017 heading" in str(reading.explain(None))
    assert mismatch("Inboard aileron servo-control assembly, flap actuator", "8803") is not None


def test_an_hs2017_split_in_chapter_90_is_converted() -> None:
    assert read_as_hs2022(HSCode.parse("9027.80")).codes == ("902781", "902789")


# -- accessories and toys ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Mavic 2 shoulder bag", "4202.92"),
        ("Low-powered transceivers (walkie-talkies), for ages 5 and up", "9503.00"),
        ("Игрушка квадрокоптер детский", "9503.00"),
    ],
)
def test_an_accessory_or_toy_under_its_own_code_is_not_dual_use(
    description: str, code: str
) -> None:
    assert goods_flags(description, code, "DUAL_USE_GOODS") == []
    assert mismatch(description, code) is None


def test_the_same_words_under_the_goods_own_code_are_still_dual_use() -> None:
    # A bag word does not quiet goods declared where the goods themselves belong.
    assert goods_flags("Drone with carry bag", "8806.22", "DUAL_USE_GOODS")
    assert goods_flags("Walkie-talkie transceivers", "8517.62", "DUAL_USE_GOODS")


@given(st.text(max_size=200), st.sampled_from(["8473.30", "9030.90", "8542.31", "3926.90"]))
def test_placement_never_crashes_and_is_deterministic(text: str, code: str) -> None:
    reading = read_description(text)
    hs = read_as_hs2022(HSCode.parse(code))
    assert misplacements(reading, hs) == misplacements(reading, hs)


def test_a_broad_word_under_a_toy_code_names_the_toy() -> None:
    # "Walkie-talkies" under 9503 are toys; a drone named precisely there is not.
    assert goods_flags("Walkie talkies, pair, battery-operated", "9503.00", "DUAL_USE_GOODS") == []
    assert mismatch("Walkie talkies, pair, battery-operated", "9503.00") is None
    assert mismatch("FPV quadcopter with 4K camera", "9503.00") is not None


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("Turbofan blades, high-pressure stage", "aircraft_parts"),
        ("Лопатки авиадвигателя", "aircraft_parts"),
        ("Aircraft brake assemblies", "aircraft_parts"),
        ("OLED microdisplay 0.39 inch", "optics_sights"),
        ("Микродисплей OLED", "optics_sights"),
        ("Holographic sight, 1x", "optics_sights"),
        ("Усилитель мощности СВЧ 20 Вт", "rf_microwave"),
        ("Лазерный целеуказатель", "lasers"),
        ("Tactical radio, manpack", "telecom_radio"),
        ("Рация Baofeng UV-5R", "telecom_radio"),
        ("AN/PRC-152A", "military_indicator"),
        ("Vector network analyzer 20 GHz", "test_measurement"),
        ("5.8 GHz video receiver", "uav_avionics"),
        ("ExpressLRS 2.4 GHz receiver", "uav_avionics"),
        ("Pixhawk 6C", "uav_avionics"),
        ("Автопилот для БПЛА", "uav_avionics"),
        ("BMP388 pressure sensor breakout", "inertial_navigation"),
        ("Инерциальный модуль", "inertial_navigation"),
        ("NVIDIA Jetson Orin Nano developer kit", "computers"),
        ("Printed circuit assemblies", "electronic_components"),
        ("Печатный узел в сборе", "electronic_components"),
    ],
)
def test_the_categories_the_trade_moves_are_named_without_the_usual_words(
    description: str, category: str
) -> None:
    [flag] = goods_flags(description, None, "DUAL_USE_GOODS")
    assert category in flag.evidence["categories"]


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Robotic floor cleaner with AI camera and autopilot sensor", "8508.11"),
        ("Outdoor wrist watch with altimeter and barometer", "9102.12"),
    ],
)
def test_words_after_with_name_features_of_goods_the_code_names(
    description: str, code: str
) -> None:
    # No mismatch: the code holds the goods named first. The feature is still pointed
    # out, since a controlled item can travel inside ordinary goods.
    assert mismatch(description, code) is None
    assert goods_flags(description, code, "DUAL_USE_GOODS")


def test_controlled_goods_packed_with_ordinary_ones_are_pointed_out() -> None:
    assert goods_flags("Helmet with night vision goggles", "6506.10", "DUAL_USE_GOODS")


def test_a_feature_of_controlled_goods_under_their_code_is_no_mismatch() -> None:
    # A thermal monocular "with a rangefinder" is a thermal camera of 8525: dual-use,
    # and rightly declared.
    line = ("Тепловизионный монокуляр с дальномером", "8525.89")
    assert goods_flags(*line, "DUAL_USE_GOODS")
    assert mismatch(*line) is None


def test_a_feature_does_not_hide_the_goods_named_first() -> None:
    # The drone comes before "with": it is the goods, and a toy code does not hold it.
    assert mismatch("Quadcopter with thermal camera", "9503.00") is not None
    assert mismatch("Plastic housing with FPGA XC7A35T", "3926.90") is not None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Kink-free garden hose connector, ABS plastic", "3917.40"),  # "hose" as in 3917.40
        ("Plastic antenna toppers, decorative", "3926.40"),  # "plastic" as in 3926.40
    ],
)
def test_a_broad_word_under_a_code_whose_text_describes_the_goods_is_quiet(
    description: str, code: str
) -> None:
    assert goods_flags(description, code, "DUAL_USE_GOODS") == []
    assert mismatch(description, code) is None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Конденсатор TAJA107M004RNJ AVX", "8473.30"),  # no word of computer parts
        ("Thrust bearings for agricultural tractors", "8708.99"),
        ("GPS tracking device for pets", "4201.00"),
    ],
)
def test_a_broad_word_under_a_code_that_says_something_else_still_speaks(
    description: str, code: str
) -> None:
    assert mismatch(description, code) is not None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Thermal imaging camera FLIR E8 with hard carrying case", "4202.92"),  # the case is packed
        ("Digital oscilloscope, 4 channels, with 4 probes", "9030.90"),
        ("Digital oscilloscope", "9032.90"),  # "..., parts and accessories"
        ("Spectrum analyzer and thermal imager", "9031.90"),  # neither holds the other
        ("Беспилотный летательный аппарат", "8529.90"),
        ("Анализатор спектра", "9030.90"),
        ("4 мотора 2207 1750KV для квадрокоптера", "9503.00"),  # toys hold no drone motors
        ("Microcontroller STM32F103C8T6, LQFP48 case", "8473.30"),  # a part number is exact
    ],
)
def test_review_cases_that_must_be_caught(description: str, code: str) -> None:
    assert mismatch(description, code) is not None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Drone motors 2207 1750KV", "8807.30"),  # "drone" modifies "motors"
        ("Server fan, 80 mm", "8473.30"),
        ("Bolts for Boeing 737", "7318.15"),  # parts of general use stay in chapter 73
        ("Fuel pump for aircraft engine", "8413.30"),  # a pump of chapter 84
        ("Desktop computer Intel Core i5 CPU, 8GB DDR4", "8471.50"),
        ("Кейс для дрона DJI Mavic 3", "4202.92"),
        ("CAN bus transceiver IC TJA1050", "8542.39"),
    ],
)
def test_review_cases_that_must_stay_quiet(description: str, code: str) -> None:
    assert mismatch(description, code) is None
