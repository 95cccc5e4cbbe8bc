"""Names across scripts and romanizations: Chinese, Korean, Greek, Hebrew and Arabic.

The pairs are the same people as the public record writes them in two systems: pinyin
and Wade-Giles for Chinese (Mao Zedong / Mao Tse-tung), Revised Romanization,
McCune-Reischauer, the DPRK's own system and family spellings for Korean (Kim Jong Un /
Gim Jeong-eun / 김정은); Greek as Greek passports write it; Hebrew and Arabic script
with their few vowels; and one given name across the languages (Yosef / Yusuf).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen import Entity, EntityKind
from sanctionscreen.lists import ListEntry, ListType, SanctionsList
from sanctionscreen.matching.matcher import Matcher
from sanctionscreen.names import normalize_name, romanized_readings, shown_reading

PERSON = EntityKind.PERSON


def one_listed(name: str) -> Matcher:
    entry = ListEntry(id="1", name=name, list_type=ListType.SANCTIONS, kind=PERSON)
    listed = SanctionsList(
        name="test list",
        publisher="tests",
        list_type=ListType.SANCTIONS,
        format="csv",
        entries=(entry,),
    )
    return Matcher([listed])


def score(query: str, listed: str) -> float:
    found = one_listed(listed).match(Entity(query, kind=PERSON), include_review=True)
    return max((m.score for m in found), default=0.0)


def readings(name: str) -> frozenset[str]:
    words = tuple(t.text for t in normalize_name(name, kind=PERSON).tokens)
    return romanized_readings(words, name)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Chinese: Wade-Giles, pinyin, Chinese characters.
        ("Mao Tse-tung", "Mao Zedong"),
        ("Teng Hsiao-p'ing", "Deng Xiaoping"),
        ("Chou En-lai", "Zhou Enlai"),
        ("Hsi Chin-pʻing", "Xi Jinping"),
        ("Chiang Ching-kuo", "Jiang Jingguo"),
        ("Lee Teng-hui", "Li Denghui"),
        ("Chiang Ching-kuo", "蔣經國"),
        ("Lee Teng-hui", "李登輝"),
        # Korean: Revised Romanization, McCune-Reischauer, the DPRK's system, Hangul.
        ("Gim Jeong-eun", "Kim Jong Un"),
        ("김정은", "Kim Jong Un"),
        ("KIM, Jong Un", "Gim Jeong-eun"),
        ("최룡해", "Choe Ryong Hae"),
        ("장성택", "Jang Song Thaek"),
        ("Lee Byeong-cheol", "Ri Pyong Chol"),
        ("Park Bong-ju", "Pak Pong Ju"),
        ("이명박", "Lee Myung-bak"),
        ("Moon Jae-in", "Mun Chae In"),
        ("윤석열", "Yoon Suk Yeol"),
    ],
)
def test_chinese_and_korean_names_in_another_romanization_alert(query: str, listed: str) -> None:
    assert score(query, listed) >= ss.MatchConfig().alert
    assert score(listed, query) >= ss.MatchConfig().alert


def test_the_explanation_names_the_language_and_the_syllables() -> None:
    found = one_listed("Mao Zedong").match(Entity("Mao Tse-tung", kind=PERSON))
    notes = found[0].explanation["comparison_notes"]
    assert any("Chinese name in another romanization" in n and "mao ze dong" in n for n in notes)
    found = one_listed("Kim Jong Un").match(Entity("Gim Jeong-eun", kind=PERSON))
    assert any("Korean" in n and "김정은" in n for n in found[0].explanation["comparison_notes"])


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Dong Wei", "Tong Wei"),  # two pinyin syllables; neither can be the other
        ("Zhou Wei", "Zhao Wei"),
        ("Kim Jong Un", "Kim Jong Chol"),
        ("龚博", "PO, Kong"),  # Chinese characters are never read as Korean
        ("이유진", "Ryu Jin"),  # Lee Yu-jin: the family name is not dropped
    ],
)
def test_other_names_stay_apart(query: str, listed: str) -> None:
    assert score(query, listed) < ss.MatchConfig().alert


@pytest.mark.parametrize(
    "name", ["Osama bin Laden", "John Smith", "Tom Cook", "Maria Garcia", "Ivan Petrov", "Dan"]
)
def test_names_not_shaped_like_chinese_or_korean_ones_have_no_readings(name: str) -> None:
    assert readings(name) == frozenset()


def test_hangul_family_names_are_spelled_as_their_bearers_spell_them() -> None:
    assert normalize_name("김정은").text == "kim jeong eun"
    assert normalize_name("이유진").text == "lee yu jin"
    assert normalize_name("유진 이").text == "yu jin lee"  # a two-syllable word is a given name


def test_family_name_is_read_first_whichever_end_it_is_written_at() -> None:
    assert readings("KIM, Jong Un") & readings("Kim Jong Un")
    assert {shown_reading(k) for k in readings("Gim Jeong-eun")} == {"김정은"}


@given(st.lists(st.text(max_size=12), min_size=1, max_size=6), st.text(max_size=30))
def test_readings_never_fail_and_are_keys_of_one_language(words: list[str], written: str) -> None:
    found = romanized_readings(tuple(words), written)
    assert all(key.startswith(("zh:", "ko:")) for key in found)
    for key in found:
        assert shown_reading(key)


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1))
def test_hangul_names_normalize_idempotently(text: str) -> None:
    first = normalize_name(text)
    assert normalize_name(first.text).text == first.text


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("김정은", "KIM, Jong Un"),
        ("Gim Jeong-eun", "KIM, Jong Un"),
        ("최룡해", "CHOE, Ryong Hae"),
        ("Lee Byeong-cheol", "RI, Pyong Chol"),
        ("Chang Lei", "ZHANG, Lei"),
        ("Chang Chi-ch'eng", "ZHANG, Jicheng"),
    ],
)
def test_the_2021_sdn_finds_its_east_asian_parties_written_otherwise(
    shared: Callable[..., Path], query: str, entry: str
) -> None:
    sdn = _sdn(shared("lists", "ofac_sdn_2021"))
    found = sdn.match(Entity(query, kind=PERSON))
    assert entry in {m.entry.name for m in found}, query


_MATCHERS: dict[Path, Matcher] = {}


def _sdn(folder: Path) -> Matcher:
    if folder not in _MATCHERS:
        _MATCHERS[folder] = Matcher([ss.load_list(folder)])
    return _MATCHERS[folder]


# -- Greek, Hebrew and Arabic script, and one given name across them ------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Ioannis Christodoulou", "Ιωάννης Χριστοδούλου"),  # ου is "ou"
        ("Evangelos Venizelos", "Ευάγγελος Βενιζέλος"),  # ευ before a vowel is "ev", γγ "ng"
        ("Theodoros Angelopoulos", "Θεόδωρος Αγγελόπουλος"),
        ("Yusuf Ahmed", "يوسف أحمد"),  # waw inside a word is the vowel "u"
        ("Yosef Cohen", "יוסף כהן"),  # vav as "o", kaf as "k"
        ("عبد الله عزام", "Abdullah Azzam"),  # Arabic writes apart what Latin joins
        ("Yusuf Haddad", "يوسف حداد"),  # a doubled consonant is written once
    ],
)
def test_names_in_greek_hebrew_and_arabic_script_meet_their_latin_spelling(
    query: str, listed: str
) -> None:
    assert score(query, listed) >= ss.MatchConfig().alert


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Yosef Cohen", "Yusuf Cohen"),
        ("Moshe Levi", "Musa Levi"),
        ("Iosif Kobzon", "Yusuf Kobzon"),
        ("Mehmet Oz", "Muhammad Oz"),
        ("Joseph Haddad", "يوسف حداد"),
    ],
)
def test_one_given_name_across_languages_alerts_with_the_same_family_name(
    query: str, listed: str
) -> None:
    found = one_listed(listed).match(Entity(query, kind=PERSON))
    assert found, (query, listed)
    assert found[0].is_alert


def test_the_given_name_rule_is_named_in_the_explanation() -> None:
    found = one_listed("Musa Levi").match(Entity("Moshe Levi", kind=PERSON))
    assert ("moshe", "musa", "same given name") in {
        (a["query"], a["list"], a["rule"]) for a in found[0].explanation["aligned"]
    }


def test_given_name_equivalents_are_for_persons_only() -> None:
    entry = ListEntry(
        id="1", name="Yusuf Trading", list_type=ListType.SANCTIONS, kind=EntityKind.ORGANIZATION
    )
    matcher = Matcher(
        [
            SanctionsList(
                name="t",
                publisher="t",
                list_type=ListType.SANCTIONS,
                format="csv",
                entries=(entry,),
            )
        ]
    )
    found = matcher.match(
        Entity("Joseph Trading", kind=EntityKind.ORGANIZATION), include_review=True
    )
    assert not found


def test_a_given_name_alone_does_not_make_another_person() -> None:
    assert score("Joseph Smith", "Yusuf Haddad") < ss.MatchConfig().review


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Dan Lee", "Tan Lee"), ("Bob Park", "Pop Park"), ("Tina Park", "Dina Park")],
)
def test_western_names_a_voiced_letter_apart_are_not_read_as_korean(
    query: str, listed: str
) -> None:
    """Readings apart, these differ in one voiced letter: the ordinary rules judge them."""
    found = one_listed(listed).match(Entity(query, kind=PERSON), include_review=True)
    assert not any(
        "another romanization" in note
        for match in found
        for note in match.explanation["comparison_notes"]
    )


def test_a_name_both_languages_can_read_is_explained_as_chinese() -> None:
    found = one_listed("Wang Jun").match(Entity("Wang Chun", kind=PERSON))
    assert any("Chinese name" in n for n in found[0].explanation["comparison_notes"])
