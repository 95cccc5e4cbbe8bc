from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen import Entity, EntityKind, ListFormatError, ValidationError
from sanctionscreen.lists import Alias, AliasType, ListEntry, ListType, SanctionsList
from sanctionscreen.matching.allowlist import Allowlist, AllowlistEntry
from sanctionscreen.matching.compare import compare
from sanctionscreen.matching.logic import MatchConfig
from sanctionscreen.matching.matcher import Matcher
from sanctionscreen.matching.words import token_similarity
from sanctionscreen.names import normalize_name

FIXTURES = Path(__file__).parent / "fixtures" / "lists"
ALERT_THRESHOLD = MatchConfig().alert
REVIEW_THRESHOLD = MatchConfig().review


def score(a: str, b: str, kind: EntityKind = EntityKind.UNKNOWN) -> float:
    return compare(
        normalize_name(a, kind=kind), normalize_name(b, kind=kind), person=kind is EntityKind.PERSON
    ).score


def entry(entry_id: str, name: str, **kwargs: object) -> ListEntry:
    fields: dict[str, object] = {"list_type": ListType.SANCTIONS, **kwargs}
    return ListEntry(id=entry_id, name=name, **fields)  # type: ignore[arg-type]


def one_list(*entries: ListEntry, name: str = "test list") -> SanctionsList:
    return SanctionsList(
        name=name, publisher="tests", list_type=ListType.SANCTIONS, format="csv", entries=entries
    )


class TestWordRules:
    @pytest.mark.parametrize(
        ("a", "b", "rule"),
        [
            ("putin", "putin", "exact"),
            ("yuriy", "iurii", "spelling variant"),
            ("testkomplect", "testkomplekt", "spelling variant"),
            ("khodorkovsky", "hodorkovskij", "spelling variant"),
            ("scholze", "scholz", "one letter apart"),
            ("appel", "apple", "one letter apart"),
            ("musk", "mosk", "one letter apart"),  # four letters: a vowel for a vowel
            ("merz", "mertz", "one letter apart"),  # four letters: one letter added
            ("mohammed", "muhamad", "same consonants"),
            ("barakhoev", "barkhanoev", "two letters apart"),
            ("v", "vladimir", "initial"),
        ],
    )
    def test_rules(self, a: str, b: str, rule: str) -> None:
        ta = normalize_name(a, kind=EntityKind.PERSON).tokens[0]
        tb = normalize_name(b, kind=EntityKind.PERSON).tokens[0]
        assert token_similarity(ta, tb)[1] == rule

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("putin", "patna"),
            ("ali", "alo"),
            ("2", "3"),
            ("ivan", "iran"),  # four letters: one consonant for another is another word
            ("ming", "myint"),
            ("mohammad", "mahmud"),  # same consonants, but three edits apart
            ("impulse", "maples"),
        ],
    )
    def test_no_rule(self, a: str, b: str) -> None:
        ta, tb = normalize_name(a).tokens[0], normalize_name(b).tokens[0]
        assert token_similarity(ta, tb) == (0.0, "")

    @pytest.mark.parametrize(
        ("arabic", "latin"),
        [("قاسم", "Qasem"), ("سلیمانی", "Soleimani"), ("خامنه‌ای", "Khamenei"), ("ملی", "Melli")],
    )
    def test_arabic_script_meets_latin_by_consonants(self, arabic: str, latin: str) -> None:
        ta, tb = normalize_name(arabic).tokens[0], normalize_name(latin).tokens[0]
        assert ta.abjad
        assert not tb.abjad
        assert token_similarity(ta, tb)[1] == "consonants (Arabic or Hebrew script)"
        assert token_similarity(tb, ta)[1] == "consonants (Arabic or Hebrew script)"

    def test_syllables_of_chinese_names_must_agree(self) -> None:
        assert score("习近平", "习近朋") < REVIEW_THRESHOLD
        assert score("Xi Jinping", "Xi Jinpeng") >= ALERT_THRESHOLD  # Latin: one letter


class TestCompare:
    @pytest.mark.parametrize(
        ("a", "b", "kind"),
        [
            ("ООО «Тесткомплект»", "Testkomplekt LLC", EntityKind.ORGANIZATION),
            ("Тestkomplekt OOO", "Testkomplekt", EntityKind.ORGANIZATION),
            ("TestKomplekt", "Test Komplekt", EntityKind.ORGANIZATION),
            ("Testkomplect Trading", "Testkomplekt Trdg", EntityKind.ORGANIZATION),
            (
                "JSC Tactical Missiles Corp.",
                "Tactical Missiles Corporation JSC",
                EntityKind.UNKNOWN,
            ),
            ("PUTIN, Vladimir", "Vladimir Vladimirovich Putin", EntityKind.PERSON),
            ("Vladimir Putin", "Putin Vladimir", EntityKind.PERSON),
            ("Osama bin Laden", "Usama ibn Laden", EntityKind.PERSON),
            ("Sergejs Lavrovs", "Sergey Viktorovich LAVROV", EntityKind.PERSON),
            ("Евгений Пригожин", "Yevgeny Prigozhin", EntityKind.PERSON),
            ("قاسم سلیمانی", "Qasem Soleimani", EntityKind.PERSON),
            ("Seyyed Ali Khamenei", "KHAMENEI, Ali Husseini", EntityKind.PERSON),
            ("AO Kontsern Kalashnikov", "Kalashnikov Concern", EntityKind.ORGANIZATION),
            ("Mahan Airlines", "Mahan Air", EntityKind.ORGANIZATION),
            ("National Iran Oil Company", "National Iranian Oil Company", EntityKind.ORGANIZATION),
        ],
    )
    def test_matches(self, a: str, b: str, kind: EntityKind) -> None:
        assert score(a, b, kind) >= ALERT_THRESHOLD

    @pytest.mark.parametrize(
        ("a", "b", "kind"),
        [
            ("Hero II", "Hero III", EntityKind.UNKNOWN),  # numbers must agree
            ("Snow Storm 1", "Snow Storm 2", EntityKind.VESSEL),
            ("ABDUL LATIF NOORI", "ABDUL LATIF MANSUR", EntityKind.PERSON),
            ("Oleksandr Zelenskyy", "Volodymyr Oleksandrovych Zelenskyy", EntityKind.PERSON),
            ("AHMAD BIN HASAN AL-UBAIDI", "HASAN BIN AHMAD AL-UBAIDI", EntityKind.PERSON),
            ("BNP Paribas Securities Services", "BNP Paribas Personal Finance", EntityKind.UNKNOWN),
            ("Testkomplekt", "LLC", EntityKind.ORGANIZATION),  # a legal form never matches alone
            ("Global Trading", "Global Trading Testkomplekt", EntityKind.ORGANIZATION),
            ("Global Trading LLC", "Global Trading Group", EntityKind.ORGANIZATION),
            ("Vector LLC", "Victory", EntityKind.UNKNOWN),  # one short word, loosely
            ("Ahmed Khan", "Khun Sa", EntityKind.UNKNOWN),
            ("Mohammad Reza", "NAQDI, Mohammad Reza", EntityKind.PERSON),  # no family name
            ("Juan Carlos Garcia", "LOPEZ, Juan Carlos", EntityKind.PERSON),
            ("William G. Frost", "FROST, William W.", EntityKind.PERSON),  # initials differ
        ],
    )
    def test_non_matches(self, a: str, b: str, kind: EntityKind) -> None:
        assert score(a, b, kind) < ALERT_THRESHOLD

    def test_legal_forms_neither_make_nor_block_a_match(self) -> None:
        assert score("Testkomplekt LLC", "Testkomplekt JSC") >= ALERT_THRESHOLD
        assert score("Alpha LLC", "Beta LLC") < REVIEW_THRESHOLD

    def test_words_written_apart_count_as_one(self) -> None:
        result = compare(
            normalize_name("Rosoboron-Export"), normalize_name("Rosoboronexport"), person=False
        )
        assert result.score >= ALERT_THRESHOLD
        result = compare(
            normalize_name("Trans Neft Testkomplekt"),
            normalize_name("Transneft Testkomplekt"),
            person=False,
        )
        assert ("trans neft", "transneft", "written apart") in {
            (m.query, m.candidate, m.rule) for m in result.aligned
        }
        assert result.score >= ALERT_THRESHOLD

    def test_a_missing_family_name_counts_fully(self) -> None:
        # "LAST, First" says which word is the family name: missing it is not a
        # middle name left out.
        family = score("Mohammad Reza", "NAQDI, Mohammad Reza", EntityKind.PERSON)
        middle = score("Mohammad Naqdi", "NAQDI, Mohammad Reza", EntityKind.PERSON)
        assert family < ALERT_THRESHOLD <= middle

    def test_common_words_weigh_less(self) -> None:
        query, listed = normalize_name("Rosoboronexport Trading"), normalize_name("Rosoboronexport")
        plain = compare(query, listed, person=False)
        rarity = {"trading": 0.25}
        weighed = compare(query, listed, person=False, rarity=rarity)
        assert weighed.score > plain.score
        assert weighed.score >= ALERT_THRESHOLD
        # ...and a match on common words alone is capped at review.
        common = compare(
            normalize_name("Noor Trading"),
            normalize_name("Noor"),
            person=False,
            rarity={"noor": 0.6, "trading": 0.25},
        )
        assert common.score <= 0.7
        assert any("little identifying weight" in note for note in common.notes)

    def test_the_weights_recompute_the_score(self) -> None:
        result = compare(
            normalize_name("Testkomplekt Alpha Trading"),
            normalize_name("Testkomplekt Beta"),
            person=False,
            rarity={"alpha": 0.5},
        )
        matched = sum(
            w.weight * w.factor * m.similarity
            for m in result.aligned
            for w in result.words
            if w.role == "matched" and w.word in (m.query, m.candidate)
        )
        total = sum(w.weight * w.factor for w in result.words)
        assert result.matched_weight == pytest.approx(matched, abs=1e-3)
        assert result.total_weight == pytest.approx(total, abs=1e-3)
        assert result.token_score == pytest.approx(matched / total, abs=1e-3)
        roles = {(w.word, w.role) for w in result.words}
        assert ("alpha", "substitution") in roles
        assert ("trading", "extra") in roles

    def test_explanations(self) -> None:
        result = compare(normalize_name("Hero II"), normalize_name("Hero III"), person=False)
        assert any("numbers differ" in note for note in result.notes)
        result = compare(
            normalize_name("Ivan Testov"), normalize_name("Testov Ivan P"), person=True
        )
        assert {(m.query, m.candidate, m.rule) for m in result.aligned} == {
            ("ivan", "ivan", "exact"),
            ("testov", "testov", "exact"),
        }
        assert result.unmatched_candidate == ("p",)


@given(st.text(min_size=1, max_size=60))
def test_every_name_matches_itself(text: str) -> None:
    try:
        name = normalize_name(text)
    except ValidationError:
        return
    assert compare(name, name, person=False).score == 1.0


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=100)
def test_every_list_name_screens_back_to_its_entry(text: str) -> None:
    try:
        normalize_name(text)
        party = Entity(text)  # refuses control characters that a list name may carry
    except ValidationError:
        return
    matcher = Matcher([one_list(entry("E1", text), entry("E2", "Unrelated Trading Company"))])
    assert "E1" in {m.entry.id for m in matcher.match(party)}


# -- the index returns what a full scan returns -------------------------------------


def _perturb(name: str, rng: random.Random) -> str:
    letters = list(name)
    action = rng.randrange(7)
    position = rng.randrange(len(letters)) if letters else 0
    if action == 0 and letters:
        del letters[position]
    elif action == 1 and letters:
        letters[position] = rng.choice("aeiouklmnrst")
    elif action == 2 and len(letters) > 1 and position < len(letters) - 1:
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    elif action == 3:
        return name.replace(" ", "", 1)
    elif action == 4:
        words = name.split()
        rng.shuffle(words)
        return " ".join(words)
    elif action == 5:
        words = name.split()
        return " ".join(words[:-1] or words)
    else:
        letters.insert(position, rng.choice("aeiouy"))
    return "".join(letters)


def _queries(sample: SanctionsList, count: int) -> list[str]:
    rng = random.Random(20261125)
    names = [name for item in sample for name in item.names]
    queries = []
    for _ in range(count):
        name = rng.choice(names)
        for _ in range(rng.randrange(1, 3)):
            name = _perturb(name, rng)
        queries.append(name)
    return queries


def test_index_finds_what_a_full_scan_finds() -> None:
    sample = ss.sample_list()
    matcher = Matcher([sample, ss.load_list(FIXTURES / "un.xml")])
    compared = 0
    for query in _queries(sample, 1500):
        try:
            entity = Entity(query)
            normalize_name(query)
        except ValidationError:
            continue
        fast = matcher.match(entity, include_review=True)
        full = matcher.match(entity, include_review=True, exhaustive=True)
        assert [(m.entry.id, m.score, m.level) for m in fast] == [
            (m.entry.id, m.score, m.level) for m in full
        ], query
        compared += 1
    assert compared > 1400


# Arabic-script spellings of some words below, for queries in another script.
_ARABIC = {
    "mohammad": "محمد",
    "ali": "علی",
    "hassan": "حسن",
    "reza": "رضا",
    "qasem": "قاسم",
    "soleimani": "سلیمانی",
    "mahan": "ماهان",
    "melli": "ملی",
    "karimi": "کریمی",
}
_GIVEN = ["Mohammad", "Ali", "Hassan", "Reza", "Qasem", "Ivan", "Sergey", "Olga", "Maria"]
_FAMILY = ["Soleimani", "Karimi", "Petrov", "Ivanov", "Transneftov", "Koksokhimov", "Melli"]
_COMPANY = ["Trading", "Group", "Mahan", "Melli", "Transneft", "Rosoboronexport", "Alpha"]


def _varied_list(rng: random.Random) -> SanctionsList:
    """Entries whose words repeat (so rarity varies), with Arabic-script aliases."""
    entries = []
    for number in range(400):
        if number % 2:
            words = [rng.choice(_GIVEN), rng.choice(_GIVEN), rng.choice(_FAMILY)]
            name, kind = f"{words[2].upper()}, {words[0]} {words[1]}", EntityKind.PERSON
        else:
            words = rng.sample(_COMPANY, rng.randrange(1, 4))
            name, kind = " ".join(words) + rng.choice(["", " LLC", " JSC"]), EntityKind.ORGANIZATION
        aliases = ()
        if all(w.lower() in _ARABIC for w in words) and number % 3 == 0:
            arabic = " ".join(_ARABIC[w.lower()] for w in words)
            aliases = (Alias(arabic, AliasType.AKA),)
        entries.append(entry(f"V{number}", name, kind=kind, aliases=aliases))
    return one_list(*entries, name="varied")


def _varied_query(name: str, rng: random.Random) -> str:
    words = name.replace(",", "").split()
    action = rng.randrange(4)
    if action == 0:  # one word in Arabic script
        known = [i for i, w in enumerate(words) if w.lower() in _ARABIC]
        if known:
            i = rng.choice(known)
            words[i] = _ARABIC[words[i].lower()]
    elif action == 1:  # a word written apart
        i = rng.randrange(len(words))
        if len(words[i]) > 5:
            cut = rng.randrange(2, len(words[i]) - 2)
            words[i] = f"{words[i][:cut]} {words[i][cut:]}"
    elif action == 2:  # an extra word
        words.insert(rng.randrange(len(words) + 1), rng.choice(_COMPANY + _GIVEN))
    return _perturb(" ".join(words), rng) if rng.random() < 0.5 else " ".join(words)


def test_index_finds_what_a_full_scan_finds_with_rarity_scripts_and_split_words() -> None:
    rng = random.Random(7)
    varied = _varied_list(rng)
    matcher = Matcher([varied])
    assert matcher.rarity  # words repeat: some weigh less
    names = [name for item in varied for name in item.names]
    compared = 0
    for _ in range(600):
        query = _varied_query(rng.choice(names), rng)
        try:
            entity = Entity(query)
        except ValidationError:
            continue
        fast = matcher.match(entity, include_review=True)
        full = matcher.match(entity, include_review=True, exhaustive=True)
        assert [(m.entry.id, m.score) for m in fast] == [(m.entry.id, m.score) for m in full], query
        compared += 1
    assert compared > 550


_OWN = ["Orion", "Zenith", "Vertex", "Transneft", "Almaz", "Elektronika", "Sertal", "Kvant"]
_TRADES = ["Trading", "Electronics", "Components", "Logistics", "Engineering", "Export"]
_GROUPS = ["Group", "Holding", "Company", "International"]
_PLACES = ["Moscow", "Delhi", "Dubai", "Bishkek"]
_FORMS = ["", " LLC", " OOO", " Pvt Ltd", " JSC", " FZE"]


def _company_list(rng: random.Random) -> SanctionsList:
    """Listed organizations (and names of unknown kind) made of own, trade and group words."""
    entries = []
    for number in range(300):
        words = rng.sample(_OWN, rng.randrange(1, 3)) + rng.sample(_TRADES, rng.randrange(0, 3))
        if rng.random() < 0.3:
            words.append(rng.choice(_GROUPS))
        kind = EntityKind.ORGANIZATION if number % 4 else EntityKind.UNKNOWN
        name = " ".join(words) + rng.choice(_FORMS)
        entries.append(entry(f"C{number}", name, kind=kind))
    return one_list(*entries, name="companies")


def _company_query(name: str, rng: random.Random) -> str:
    """A register's spelling: words added, dropped or swapped, an acronym, a place."""
    words = name.split()
    action = rng.randrange(6)
    if action == 0:
        words.insert(rng.randrange(len(words) + 1), rng.choice(_TRADES + _OWN))
    elif action == 1 and len(words) > 1:
        words.pop(rng.randrange(len(words)))
    elif action == 2:
        words[rng.randrange(len(words))] = rng.choice(_TRADES + _OWN + _GROUPS)
    elif action == 3:
        words.append("".join(w[0] for w in words[:3]).upper())
    elif action == 4:
        words.append(rng.choice(_PLACES + _GROUPS))
    words.append(rng.choice(_FORMS).strip())
    return _perturb(" ".join(words).strip(), rng) if rng.random() < 0.3 else " ".join(words)


def test_index_finds_what_a_full_scan_finds_for_company_names() -> None:
    # Listed organizations get a tighter bound (compare() counts their leftover words
    # more): it must stay exact for every kind of party.
    rng = random.Random(16)
    companies = _company_list(rng)
    matcher = Matcher([companies])
    names = [name for item in companies for name in item.names]
    kinds = [EntityKind.ORGANIZATION, EntityKind.PERSON, EntityKind.UNKNOWN]
    compared = 0
    for number in range(900):
        query = _company_query(rng.choice(names), rng)
        try:
            entity = Entity(query, kind=kinds[number % 3])
        except ValidationError:
            continue
        fast = matcher.match(entity, include_review=True)
        full = matcher.match(entity, include_review=True, exhaustive=True)
        assert [(m.entry.id, m.score) for m in fast] == [(m.entry.id, m.score) for m in full], query
        compared += bool(full)
    assert compared > 600  # most queries meet something: the bound is put to work


_GIVEN_PEOPLE = ["Ivan", "Olga", "Maria", "Jose", "Ali", "Hassan", "Anna", "Pavel", "Li", "Kim"]
_FAMILY_PEOPLE = ["Petrov", "Garcia", "Rahman", "Smith", "Lopez", "Volkova", "Zhang", "Sokolov"]


def test_index_finds_what_a_full_scan_finds_for_people_with_words_swapped() -> None:
    # Words left over on both sides are substitutions, which compare() counts whole:
    # the bound counts the least they can add, and must stay exact near the floor.
    rng = random.Random(61)
    entries = []
    for number in range(300):
        # Up to six words: one swapped among five still reaches the review threshold.
        given = rng.sample(_GIVEN_PEOPLE, rng.randrange(1, 4))
        family = rng.sample(_FAMILY_PEOPLE, rng.randrange(1, 4))
        kind = EntityKind.PERSON if number % 3 else EntityKind.UNKNOWN
        entries.append(entry(f"H{number}", f"{' '.join(family)}, {' '.join(given)}", kind=kind))
    people = one_list(*entries, name="people")
    matcher = Matcher([people])
    names = [name for item in people for name in item.names]
    compared = 0
    for number in range(900):
        words = rng.choice(names).replace(",", "").split()
        words[rng.randrange(len(words))] = rng.choice(["Brown", "Mahmoud", "Yuri", "Chen"])
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), rng.choice(_GIVEN_PEOPLE))
        entity = Entity(" ".join(words), kind=("person", "unknown")[number % 2])
        fast = matcher.match(entity, include_review=True)
        full = matcher.match(entity, include_review=True, exhaustive=True)
        assert [(m.entry.id, m.score) for m in fast] == [(m.entry.id, m.score) for m in full], words
        compared += bool(full)
    assert compared > 250  # a third of the queries meet a name at review or above


class TestMatcher:
    def test_rarity_comes_from_the_lists(self) -> None:
        entries = [entry(f"E{i}", f"Testtrade{i} Commons") for i in range(200)]
        matcher = Matcher([one_list(*entries, entry("X", "Rosoboronexport"))])
        assert matcher.rarity["commons"] < 0.5
        assert "rosoboronexport" not in matcher.rarity  # rare words weigh fully
        [match] = matcher.match("Rosoboronexport Commons")
        weights = {w["word"]: w["weight"] for w in match.explanation["name_weights"]["words"]}
        assert weights["commons"] == matcher.rarity["commons"]

    def test_a_vessel_name_met_by_another_kind_of_party_weighs_less(self) -> None:
        listed = entry("V1", "Testvessel Star", kind=EntityKind.VESSEL)
        matcher = Matcher([one_list(listed)])
        [vessel] = matcher.match(Entity("Testvessel Star", kind="vessel"))
        [party] = matcher.match(Entity("Testvessel Star"))
        assert party.score == vessel.score - 0.1
        assert "not said to be a vessel" in str(party.explanation["adjustments"])

    def test_a_company_carrying_a_listed_name_whole_is_a_review(self) -> None:
        matcher = Matcher(
            [
                one_list(
                    entry("T1", "PJSC Transneft", kind=EntityKind.ORGANIZATION),
                    entry(
                        "G1", "Trading and Transport Services Company", kind=EntityKind.ORGANIZATION
                    ),
                    entry("D1", "Denise Company", kind=EntityKind.ORGANIZATION),
                )
            ]
        )
        found = matcher.match("Transneft Oil Transport Company", include_review=True)
        assert [(m.entry.id, m.level) for m in found] == [("T1", "review")]
        assert "carries every identifying word" in str(found[0].explanation["comparison_notes"])
        # A person's name, or a list name made mostly of generic words, is not carried.
        assert matcher.match("Denise Teixeira", include_review=True) == []

    def test_one_common_identifying_word_is_not_a_listed_name_carried(self) -> None:
        matcher = Matcher(
            [
                one_list(
                    entry("G1", "Green Shipping Ltd", kind=EntityKind.ORGANIZATION),
                    entry("B1", "Bank Rossiya", kind=EntityKind.ORGANIZATION),
                )
            ]
        )
        # "Green Components" shares one word with "Green Shipping": not the name carried.
        for match in matcher.match("Green Components Ltd", include_review=True):
            assert "carries every identifying word" not in str(match.explanation)
        # A listed name with one identifying word is still found when carried whole.
        found = matcher.match("Bank Rossiya Saint Petersburg Branch", include_review=True)
        assert [(m.entry.id, m.level) for m in found] == [("B1", "review")]

    def test_business_words_make_a_party_a_company(self) -> None:
        listed = entry("P1", "KOUMAL", kind=EntityKind.PERSON)
        matcher = Matcher([one_list(listed)])
        # A company met loosely by a person's name is no match at all ...
        assert matcher.match("Kumar Electronics", include_review=True) == []
        # ... and met by the very name, it loses the kind's weight, saying why.
        [match] = matcher.match("Koumal Ltd", include_review=True)
        assert match.score < 1.0
        assert "by its legal form or business words" in str(match.explanation["adjustments"])

    def test_a_generic_word_against_an_identifying_one_is_a_substitution(self) -> None:
        assert score("Rossiya Bank", "Rossiya Airlines", EntityKind.ORGANIZATION) < 0.65
        assert score("Kalashnikov Group", "Kalashnikov Concern", EntityKind.ORGANIZATION) > (
            score("Kalashnikov Airlines", "Kalashnikov Concern", EntityKind.ORGANIZATION)
        )

    def test_identifier_alerts_on_its_own(self) -> None:
        listed = entry(
            "E1",
            "Testkomplekt",
            identifiers=(ss.Identifier("INN", "7701234567", country="RU"),),
        )
        matcher = Matcher([one_list(listed)])
        party = Entity("Completely Different Name", identifiers={"INN": "77-0123-4567"})
        [match] = matcher.match(party)
        assert match.score == 1.0
        assert match.explanation["identifiers"]["same"] == ("INN 7701234567",)

    def test_a_different_unique_identifier_caps_a_near_name_at_review(self) -> None:
        listed = entry("E1", "Testkomplekt", identifiers=(ss.Identifier("INN", "7701234567"),))
        matcher = Matcher([one_list(listed)])
        party = Entity("Testkomplekts", identifiers={"INN": "7709999999"})
        assert matcher.match(party) == []
        [review] = matcher.match(party, include_review=True)
        assert review.level == "review"
        assert "capped at review" in str(review.explanation["adjustments"])

    def test_a_different_identifier_never_hides_an_exact_name(self) -> None:
        # A party can give a wrong number: the same name still alerts, conflict shown.
        listed = entry("E1", "Testkomplekt", identifiers=(ss.Identifier("INN", "7701234567"),))
        party = Entity("Testkomplekt", identifiers={"INN": "7709999999"})
        [match] = Matcher([one_list(listed)]).match(party)
        assert match.is_alert
        assert match.explanation["identifiers"]["different"] == ("INN 7709999999 vs 7701234567",)

    @pytest.mark.parametrize(
        ("scheme", "value"),
        [
            ("IMO", "9310018"),
            ("IMO", "IMO 9310018"),
            ("imo", "IMO9310018"),
            ("IMO Number", "9310018"),
            ("Vessel Registration Identification", "9310018"),
        ],
    )
    def test_identifiers_match_as_people_write_them(self, scheme: str, value: str) -> None:
        listed = entry("V1", "Testvessel", identifiers=(ss.Identifier("IMO", "9310018"),))
        party = Entity("Ocean Star", identifiers=[ss.Identifier(scheme, value)])
        [match] = Matcher([one_list(listed)]).match(party)
        assert match.score == 1.0

    @pytest.mark.parametrize("scheme", ["INN", "TIN", "Tax ID", "tax_id", "VAT"])
    def test_a_tax_number_matches_under_any_tax_scheme(self, scheme: str) -> None:
        listed = entry("E1", "Testkomplekt", identifiers=(ss.Identifier("INN", "7707294809"),))
        party = Entity("Alpha Logistics", identifiers=[ss.Identifier(scheme, "7707 294 809")])
        [match] = Matcher([one_list(listed)]).match(party)
        assert match.explanation["identifiers"]["same"] == ("INN 7707294809",)

    def test_short_numbers_need_a_compatible_scheme(self) -> None:
        listed = entry("E1", "Testkomplekt", identifiers=(ss.Identifier("IMO", "1234567"),))
        party = Entity("Alpha Logistics", identifiers=[ss.Identifier("PASSPORT", "1234567")])
        assert Matcher([one_list(listed)]).match(party, include_review=True) == []

    def test_kind_and_country_weigh_in(self) -> None:
        listed = entry("E1", "Ivan Testov", kind=EntityKind.PERSON, countries=("RU",))
        matcher = Matcher([one_list(listed)])
        [same] = matcher.match(Entity("Ivan Testof", country="Russia"), include_review=True)
        [other] = matcher.match(Entity("Ivan Testof", country="Germany"), include_review=True)
        assert same.score > other.score
        company = matcher.match(Entity("Ivan Testof", kind="organization"), include_review=True)
        assert not company or company[0].score < same.score

    def test_a_country_mismatch_never_hides_an_exact_name(self) -> None:
        listed = entry("E1", "Testkomplekt", countries=("RU",))
        [match] = Matcher([one_list(listed)]).match(Entity("Testkomplekt", country="India"))
        assert match.level == "alert"

    def test_weak_aliases_are_review_only(self) -> None:
        listed = entry("E1", "Testkomplekt Group", aliases=(Alias("TK", AliasType.WEAK_AKA),))
        matcher = Matcher([one_list(listed)])
        assert matcher.match("TK") == []
        [review] = matcher.match("TK", include_review=True)
        assert review.matched_name_type == "weak_aka"

    def test_a_weak_alias_met_in_part_is_not_a_match(self) -> None:
        # OFAC: weak a.k.a.s are broad enough to flood screening with false hits.
        listed = entry("E1", "TESTOV, Ivan", aliases=(Alias("Carolina", AliasType.WEAK_AKA),))
        matcher = Matcher([one_list(listed)])
        assert matcher.match("Carolina Moreno Ibarra", include_review=True) == []
        assert matcher.match("Carolina", include_review=True) != []

    def test_expired_designations_are_review_only(self) -> None:
        listed = entry("E1", "John Testperson", end_date=datetime.date(2030, 1, 1))
        matcher = Matcher([one_list(listed)])
        assert matcher.match(Entity("John Testperson"), date=datetime.date(2025, 1, 1))
        assert not matcher.match(Entity("John Testperson"), date=datetime.date(2031, 1, 1))

    def test_aliases_of_the_party_are_screened(self) -> None:
        matcher = Matcher([one_list(entry("E1", "Testkomplekt"))])
        assert matcher.match(Entity("Unknown Name", aliases=["Testkomplekt OOO"]))

    def test_explanation_says_everything(self) -> None:
        matcher = Matcher([one_list(entry("E1", "OOO Testkomplekt", programs=("RUSSIA-EO14024",)))])
        [match] = matcher.match("ООО «Тестkомплект»")  # a Latin k among Cyrillic letters
        explanation = match.explanation
        assert explanation["normalized_query"] == "testkomplekt"
        assert any(
            "transliterated" in s or "look-alike" in s for s in explanation["query_normalizations"]
        )
        assert explanation["matched_name"] == "OOO Testkomplekt"
        assert explanation["aligned"][0]["rule"] == "exact"
        assert explanation["list"] == "test list"
        assert explanation["list_version"] == match.list_version
        assert explanation["thresholds"] == {"alert": ALERT_THRESHOLD, "review": REVIEW_THRESHOLD}
        assert explanation["programs"] == ("RUSSIA-EO14024",)

    def test_allowlist_suppresses_and_records(self, tmp_path: Path) -> None:
        allow = tmp_path / "allow.csv"
        allow.write_text(
            "name,entry_id,reason,added_by\nTestkomplekt Ltd,E1,different company (audit 12),jd\n",
            encoding="utf-8",
        )
        matcher = Matcher([one_list(entry("E1", "Testkomplekt"))], Allowlist.from_csv(allow))
        assert matcher.match("Testkomplekt Limited") == []  # same normalized name
        [suppressed] = matcher.match("Testkomplekt Limited", include_suppressed=True)
        assert suppressed.level == "suppressed"
        assert suppressed.explanation["allowlisted"]["reason"] == "different company (audit 12)"
        assert matcher.match("Testkomplect")  # another name is still screened

    def test_allowlist_errors(self, tmp_path: Path) -> None:
        bad = tmp_path / "allow.csv"
        bad.write_text("name\nX\n", encoding="utf-8")
        with pytest.raises(ListFormatError, match="required"):
            Allowlist.from_csv(bad)
        bad.write_text("name,entry_id\nX,\n", encoding="utf-8")
        with pytest.raises(ListFormatError, match="line 2"):
            Allowlist.from_csv(bad)
        assert len(Allowlist([AllowlistEntry("A", "1"), AllowlistEntry("B", "2")])) == 2


class TestAlgorithm:
    """party-logic-v2: named, versioned, configured in one object that matches record."""

    def test_every_match_names_the_algorithm_and_its_configuration(self) -> None:
        matcher = Matcher([one_list(entry("E1", "Testkomplekt"))])
        [match] = matcher.match("Testkomplekt")
        algorithm = match.explanation["algorithm"]
        assert algorithm["id"] == "party-logic-v2" == matcher.algorithm
        assert algorithm["config"]["alert"] == ALERT_THRESHOLD
        assert set(algorithm["config"]) == set(MatchConfig().to_dict())

    def test_thresholds_and_weights_are_the_users(self) -> None:
        lists = [one_list(entry("E1", "Testkomplekt Trading", countries=("RU",)))]
        party = Entity("Testkomplekt Tradng", country="DE")  # a typo, another country
        default = Matcher(lists).match(party, include_review=True)
        strict = Matcher(lists, config=MatchConfig(alert=0.99, review=0.9)).match(
            party, include_review=True
        )
        heavier = Matcher(lists, config=MatchConfig(country_mismatch=0.3)).match(
            party, include_review=True
        )
        assert [(m.level, m.score) for m in default] == [("alert", 0.9088)]
        assert [(m.level, m.score) for m in strict] == [("review", 0.9088)]
        assert [(m.level, m.score) for m in heavier] == [("review", 0.6588)]
        assert strict[0].explanation["thresholds"] == {"alert": 0.99, "review": 0.9}
        # An exact name is never taken below the alert threshold by the country.
        exact = Matcher(lists, config=MatchConfig(country_mismatch=0.3)).match(
            Entity("Testkomplekt Trading", country="DE")
        )
        assert [(m.level, m.score) for m in exact] == [("alert", 0.75)]
        screener = ss.Screener(lists, matching=MatchConfig(alert=0.99))
        assert "party-logic-v2" in screener.data_versions()

    @pytest.mark.parametrize(
        "settings",
        [{"alert": 1.5}, {"review": -0.1}, {"alert": 0.6, "review": 0.7}, {"country_match": True}],
    )
    def test_nonsense_settings_are_refused(self, settings: dict[str, object]) -> None:
        with pytest.raises(ValidationError, match="matching"):
            MatchConfig(**settings)  # type: ignore[arg-type]
        with pytest.raises(ss.FieldTypeError, match="matching"):
            ss.Screener(matching={"alert": 0.8})  # type: ignore[arg-type]

    def test_the_cache_ignores_what_matching_does_not_read(self) -> None:
        matcher = Matcher([one_list(entry("E1", "Testkomplekt"))])
        first = matcher.match(Entity("Testkomplekt", address="Moscow", role="consignee"))
        again = matcher.match(Entity("Testkomplekt", address="Berlin", locality="Berlin"))
        assert first[0] is again[0]  # answered from memory, not matched again

    def test_each_feature_explains_itself(self) -> None:
        from sanctionscreen.matching.logic import FEATURES

        for feature in FEATURES:
            assert (feature.__doc__ or "").strip(), feature.__name__
