from __future__ import annotations

import datetime
import hashlib
import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen import (
    AliasType,
    EntityKind,
    ListFormatError,
    ListTooLargeError,
    ListType,
    UnsafeXMLError,
    ValidationError,
    load_list,
)
from sanctionscreen.lists import FORMATS, detect_format, sample_list

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def aliases(entry: ss.ListEntry) -> dict[str, AliasType]:
    return {alias.name: alias.type for alias in entry.aliases}


def schemes(entry: ss.ListEntry) -> set[tuple[str, str, str | None]]:
    return {(i.scheme, i.value, i.country) for i in entry.identifiers}


class TestOfac:
    def test_sdn_folder_with_its_companion_files(self) -> None:
        sdn = load_list(FIXTURES / "ofac_sdn")
        assert sdn.format == "ofac_sdn"
        assert sdn.list_type is ListType.SANCTIONS
        assert len(sdn) == 3
        company = sdn.get("10001")
        assert company is not None
        assert company.kind is EntityKind.ORGANIZATION
        assert aliases(company) == {
            "LIMITED LIABILITY COMPANY TESTKOMPLEKT": AliasType.AKA,
            "TESTKOMPLEKT-STROY ZAO": AliasType.FKA,
            "TK": AliasType.WEAK_AKA,  # OFAC's low-quality a.k.a., only in remarks
        }
        assert schemes(company) == {("INN", "9999000001", "RU"), ("OGRN", "9999000000001", "RU")}
        assert company.countries == ("RU", "AE")
        assert [a.country for a in company.addresses] == ["RU", "AE"]

    def test_person_programs_and_apostrophes_in_weak_aliases(self) -> None:
        person = load_list(FIXTURES / "ofac_sdn").get("10002")
        assert person is not None
        assert person.kind is EntityKind.PERSON
        assert person.programs == ("RUSSIA-EO14024", "CYBER2")
        assert aliases(person)["ABU-'UMAR"] is AliasType.WEAK_AKA
        assert ("PASSPORT", "990000001", "RU") in schemes(person)

    def test_remarks_continue_in_sdn_comments(self) -> None:
        vessel = load_list(FIXTURES / "ofac_sdn" / "sdn.csv").get("10003")
        assert vessel is not None
        assert vessel.kind is EntityKind.VESSEL
        assert aliases(vessel)["SEA PRIDE TEST"] is AliasType.WEAK_AKA  # split across files
        assert ("IMO", "9999993", None) in schemes(vessel)
        assert vessel.countries == ("PA",)  # the flag

    def test_missing_companion_files_are_noted(self, tmp_path: Path) -> None:
        shutil.copy(FIXTURES / "ofac_sdn" / "sdn.csv", tmp_path / "SDN.CSV")
        loaded = load_list(tmp_path)
        assert len(loaded) == 3
        assert any("alt.csv not found" in note for note in loaded.notes)

    def test_wrong_column_count_names_file_and_line(self, tmp_path: Path) -> None:
        (tmp_path / "sdn.csv").write_text('1,"A",-0- ,"X",-0- \n', encoding="utf-8")
        with pytest.raises(
            ListFormatError, match=r"sdn.csv, line 1: expected 12 columns"
        ) as caught:
            load_list(tmp_path)
        assert caught.value.line == 1

    def test_duplicate_entry_numbers_are_refused(self, tmp_path: Path) -> None:
        row = '1,"A",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
        (tmp_path / "sdn.csv").write_text(row + row, encoding="utf-8")
        with pytest.raises(ListFormatError, match="appears twice"):
            load_list(tmp_path)


class TestCsl:
    def test_sublists_keep_their_type_and_ids_stay_apart(self) -> None:
        csl = load_list(FIXTURES / "csl.csv")
        assert csl.format == "csl"
        assert csl.list_type is None  # mixed
        by_id = {entry.id: entry for entry in csl}
        assert by_id["SDN:10001"].list_type is ListType.SANCTIONS
        assert by_id["SSI:10001"].list_type is ListType.SANCTIONS
        assert by_id["EL:abc123"].list_type is ListType.EXPORT_CONTROL
        assert by_id["DPL:def456"].list_type is ListType.EXPORT_CONTROL
        assert by_id["DPL:def456"].end_date == datetime.date(2030, 1, 1)
        sdn = by_id["SDN:10001"]
        assert aliases(sdn) == {
            "LIMITED LIABILITY COMPANY TESTKOMPLEKT": AliasType.AKA,
            "TK": AliasType.AKA,
        }
        assert ("INN", "9999000001", "RU") in schemes(sdn)
        assert sdn.countries == ("RU",)

    def test_what_the_loader_decided_is_in_the_notes(self) -> None:
        notes = load_list(FIXTURES / "csl.csv").notes
        assert "skipped 1 repeated header line(s)" in notes
        assert any("Some Future List" in note and "sanctions" in note for note in notes)

    def test_truncated_file_is_refused_with_its_line(self, tmp_path: Path) -> None:
        text = (FIXTURES / "csl.csv").read_text(encoding="utf-8")
        (tmp_path / "cut.csv").write_text(text[: text.index("Example Trade") + 5], encoding="utf-8")
        with pytest.raises(ListFormatError, match="truncated") as caught:
            load_list(tmp_path / "cut.csv")
        assert caught.value.line is not None


class TestDpl:
    def test_rows_dates_and_stable_ids(self) -> None:
        dpl = load_list(FIXTURES / "dpl.txt")
        assert dpl.format == "dpl"
        first, second = dpl.entries
        assert first.name == "JOHN TESTPERSON"
        assert first.listed_on == datetime.date(2020, 1, 2)
        assert first.end_date == datetime.date(2030, 1, 2)
        assert second.countries == ("RU",)
        assert load_list(FIXTURES / "dpl.txt").entries[0].id == first.id

    def test_bad_date_names_the_line(self, tmp_path: Path) -> None:
        text = (
            (FIXTURES / "dpl.txt").read_text(encoding="utf-8").replace("01/02/2020", "2020/31/31")
        )
        (tmp_path / "dpl.txt").write_text(text, encoding="utf-8")
        with pytest.raises(ListFormatError, match=r"line 2: not a date"):
            load_list(tmp_path / "dpl.txt")


class TestUn:
    def test_individuals_entities_aliases_and_documents(self) -> None:
        un = load_list(FIXTURES / "un.xml")
        assert un.published == datetime.date(2026, 2, 27)
        person = un.get("KPi.999")
        assert person is not None
        assert person.name == "IVAN PETROVICH TESTOV"
        assert aliases(person) == {
            "Иван Петрович Тестов": AliasType.ORIGINAL_SCRIPT,
            "Ivan Testoff": AliasType.AKA,
            "Vanya": AliasType.WEAK_AKA,
        }
        assert person.listed_on == datetime.date(2017, 6, 2)
        assert ("PASSPORT", "990000001", "RU") in schemes(person)
        entity = un.get("KPe.999")
        assert entity is not None
        assert entity.kind is EntityKind.ORGANIZATION
        assert entity.countries == ("KP",)
        assert aliases(entity)["OLD EXAMPLE CORP"] is AliasType.FKA


class TestEu:
    def test_entities_names_identifiers(self) -> None:
        eu = load_list(FIXTURES / "eu_fsf.xml")
        assert eu.format == "eu"
        assert eu.published == datetime.date(2025, 7, 15)
        company = eu.get("990002")
        assert company is not None
        assert company.name == "TESTKOMPLEKT OOO"
        assert aliases(company)["ООО «ТЕСТКОМПЛЕКТ»"] is AliasType.ORIGINAL_SCRIPT
        assert aliases(company)["TK Test & Co"] is AliasType.WEAK_AKA
        assert ("INN", "9999000001", "RU") in schemes(company)
        person = eu.get("990001")
        assert person is not None
        assert person.kind is EntityKind.PERSON
        assert person.programs == ("RUS",)
        assert person.listed_on == datetime.date(2025, 1, 10)


class TestUk:
    def test_designations_names_and_identifiers(self) -> None:
        uk = load_list(FIXTURES / "uk_sanctions_list.xml")
        assert uk.format == "uk"
        assert uk.published == datetime.date(2026, 9, 15)
        company = uk.get("RUS9902")
        assert company is not None
        assert ("OGRN", "9999000000001", None) in schemes(company)
        assert aliases(company)["ООО «ТЕСТКОМПЛЕКТ»"] is AliasType.ORIGINAL_SCRIPT
        ship = uk.get("RUS9903")
        assert ship is not None
        assert ship.kind is EntityKind.VESSEL
        assert ("IMO", "9999993", None) in schemes(ship)
        weak = uk.get("AQD9904")
        assert weak is not None
        assert aliases(weak)["Abu Testum"] is AliasType.WEAK_AKA


class TestOpenSanctions:
    def test_ftm_targets_only(self) -> None:
        loaded = load_list(FIXTURES / "opensanctions_entities.ftm.json")
        assert loaded.format == "opensanctions"
        assert len(loaded) == 5
        assert any("not screening targets" in note for note in loaded.notes)
        company = loaded.get("NK-Fx7TstTestkomplektOoo2")
        assert company is not None
        assert aliases(company)["TESTKOMPLEKT-STROY ZAO"] is AliasType.FKA
        assert aliases(company)["ООО «ТЕСТКОМПЛЕКТ»"] is AliasType.ORIGINAL_SCRIPT
        assert ("LEI", "9999001TESTKMPLKT076", None) in schemes(company)
        vessel = loaded.get("NK-Fx7TstTestSeafarerVsl3")
        assert vessel is not None
        assert ("IMO", "9999993", None) in schemes(vessel)

    def test_simple_csv_with_nested_cells(self) -> None:
        loaded = load_list(FIXTURES / "opensanctions_targets.simple.csv")
        assert loaded.format == "opensanctions_simple"
        company = loaded.get("NK-Fx7TstTestkomplektOoo2")
        assert company is not None
        texts = [a.text for a in company.addresses]
        assert (
            "ul. Vymyshlennaya, d. 1, office 7; Testogradskaya oblast, 999001 Testograd, Russia"
            in texts
        )
        assert company.countries == ("AE", "RU")

    def test_bad_json_line_is_named(self, tmp_path: Path) -> None:
        (tmp_path / "x.json").write_text(
            '{"id": "a", "schema": "Person", "properties": {}}\n{oops\n'
        )
        with pytest.raises(ListFormatError, match="line 2: not JSON"):
            load_list(tmp_path / "x.json", format="opensanctions")

    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("opensanctions_entities.ftm.json", "opensanctions"),
            ("opensanctions_targets.simple.csv", "opensanctions_simple"),
        ],
    )
    def test_streamed_files_keep_their_provenance_and_refusals(
        self, tmp_path: Path, name: str, kind: str
    ) -> None:
        # Read line by line (the real exports are gigabytes): the sha256 and size are
        # the whole file's, and a bad byte deep in the file is still named by its line.
        raw = (FIXTURES / name).read_bytes()
        loaded = load_list(FIXTURES / name)
        assert loaded.files[0].sha256 == hashlib.sha256(raw).hexdigest()
        assert loaded.files[0].size == len(raw)
        lines = raw.split(b"\n")
        broken = tmp_path / name
        broken.write_bytes(b"\n".join([*lines[:3], lines[3] + b"\xff", *lines[4:]]))
        with pytest.raises(ListFormatError, match="line 4: not UTF-8"):
            load_list(broken, format=kind)
        broken.write_bytes(b"\xef\xbb\xbf" + raw)  # a byte-order mark is not part of the data
        assert [e.id for e in load_list(broken, format=kind)] == [e.id for e in loaded]

    def test_a_streamed_line_over_the_limit_is_refused(self, tmp_path: Path) -> None:
        record = {"id": "a", "schema": "Person", "properties": {"name": ["x" * (1 << 20)]}}
        (tmp_path / "x.json").write_text(json.dumps(record) + "\n")
        with pytest.raises(ListFormatError, match="line 1: a line longer than"):
            load_list(tmp_path / "x.json", format="opensanctions")

    def test_a_line_separator_inside_a_name_does_not_cut_the_record(self, tmp_path: Path) -> None:
        name = {"name": ["Ivan\u2028Testov"]}
        record = {"id": "a", "schema": "Person", "target": True, "properties": name}
        (tmp_path / "x.json").write_text(json.dumps(record, ensure_ascii=False) + "\n")
        (entry,) = load_list(tmp_path / "x.json", format="opensanctions").entries
        assert entry.id == "a"


class TestCustom:
    def test_columns_alias_prefixes_and_identifiers(self) -> None:
        loaded = load_list(FIXTURES / "custom.csv", name="watch list")
        assert loaded.name == "watch list"
        first, second = loaded.entries
        assert first.list_type is ListType.EXPORT_CONTROL
        assert aliases(first) == {
            "ООО «Тесткомплект»": AliasType.ORIGINAL_SCRIPT,
            "Testkomplekt-Stroy ZAO": AliasType.FKA,
            "TK": AliasType.WEAK_AKA,
        }
        assert ("INN", "9999000001", None) in schemes(first)
        assert first.authority == "Compliance team"
        assert second.list_type is ListType.SANCTIONS  # the default
        assert second.countries == ("RU", "KG")
        assert "columns not used: notes" in loaded.notes

    def test_list_type_default_can_be_set(self) -> None:
        loaded = load_list(FIXTURES / "custom.csv", list_type="export_control")
        assert loaded.list_type is ListType.EXPORT_CONTROL

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("name\nA\n", "columns \\['id'\\] are required"),
            ("id,name\n1,A\n1,B\n", "line 3: id '1' appears twice"),
            ("id,name,country\n1,A,Atlantis\n", "line 2: unknown country 'Atlantis'"),
            ("id,name,kind\n1,A,robot\n", "line 2: unknown kind"),
            ("id,name\n1,\n", "line 2: entry '1' has no name"),
            ("id,name,identifiers\n1,A,INN\n", "not SCHEME:VALUE"),
            ("id,name\n1,A,extra\n", "line 2: expected 2 columns"),
            ("", "empty file"),
        ],
    )
    def test_bad_rows_name_the_line(self, tmp_path: Path, text: str, message: str) -> None:
        (tmp_path / "list.csv").write_text(text, encoding="utf-8")
        with pytest.raises(ListFormatError, match=message):
            load_list(tmp_path / "list.csv", format="csv")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("id,name\n", "no entries"),  # would clear every party silently
            ("id,name,contry\n1,A,RU\n", "unknown column 'contry': did you mean 'country'"),
            ("id,name\n1,Test\x00komplekt\n", "line 2: NUL byte"),
        ],
    )
    def test_files_that_would_screen_wrongly_are_refused(
        self, tmp_path: Path, text: str, message: str
    ) -> None:
        (tmp_path / "list.csv").write_text(text, encoding="utf-8")
        with pytest.raises(ListFormatError, match=message):
            load_list(tmp_path / "list.csv")

    @pytest.mark.parametrize(
        ("header", "message"),
        [
            ("name,country", "no 'id' column"),
            ("id,nmae", "no 'name' column \\(did you mean 'nmae'"),
        ],
    )
    def test_a_missing_key_column_is_named(self, tmp_path: Path, header: str, message: str) -> None:
        (tmp_path / "list.csv").write_text(f"{header}\nA,RU\n", encoding="utf-8")
        with pytest.raises(ListFormatError, match=message):
            load_list(tmp_path / "list.csv")

    def test_format_and_type_arguments(self) -> None:
        assert load_list(FIXTURES / "custom.csv", format="custom").format == "csv"
        with pytest.raises(ValidationError) as caught:
            load_list(FIXTURES / "custom.csv", list_type="bogus")
        assert caught.value.field == "list_type"

    def test_files_joined_with_their_headers_load_with_a_note(self, tmp_path: Path) -> None:
        (tmp_path / "list.csv").write_text("id,name\n1,A\n\nid,name\n2,B\n", encoding="utf-8")
        loaded = load_list(tmp_path / "list.csv", format="csv")
        assert [entry.id for entry in loaded] == ["1", "2"]
        assert "skipped 1 repeated header line(s)" in loaded.notes

    def test_not_utf8_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "list.csv").write_bytes("id,name\n1,Caf\xe9\n".encode("latin-1"))
        with pytest.raises(ListFormatError, match="not UTF-8"):
            load_list(tmp_path / "list.csv")


class TestDetection:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("ofac_sdn", "ofac_sdn"),
            ("ofac_sdn/sdn.csv", "ofac_sdn"),
            ("csl.csv", "csl"),
            ("dpl.txt", "dpl"),
            ("un.xml", "un"),
            ("eu_fsf.xml", "eu"),
            ("uk_sanctions_list.xml", "uk"),
            ("opensanctions_entities.ftm.json", "opensanctions"),
            ("opensanctions_targets.simple.csv", "opensanctions_simple"),
            ("custom.csv", "csv"),
        ],
    )
    def test_formats_are_detected(self, name: str, expected: str) -> None:
        assert detect_format(FIXTURES / name) == expected
        assert expected in FORMATS

    def test_unknown_files_and_formats_are_refused(self, tmp_path: Path) -> None:
        (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
        with pytest.raises(ListFormatError, match="not recognized"):
            load_list(tmp_path / "notes.txt")
        with pytest.raises(ListFormatError, match="unknown format"):
            load_list(FIXTURES / "custom.csv", format="xlsx")
        with pytest.raises(ListFormatError, match="no such file"):
            load_list(tmp_path / "missing.csv")
        with pytest.raises(ListFormatError, match="custom CSV format only"):
            load_list(FIXTURES / "un.xml", name="x")


class TestSafety:
    def test_external_entities_are_refused(self, tmp_path: Path) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP SECRET", encoding="utf-8")
        xml = (
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://'
            f'{secret}">]>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>'
            "<REFERENCE_NUMBER>1</REFERENCE_NUMBER><FIRST_NAME>&xxe;</FIRST_NAME>"
            "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
        )
        (tmp_path / "un.xml").write_text(xml, encoding="utf-8")
        with pytest.raises(UnsafeXMLError, match="refused unsafe XML"):
            load_list(tmp_path / "un.xml", format="un")

    def test_entity_expansion_is_refused(self, tmp_path: Path) -> None:
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
        xml = (
            f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">{lol}]>'
            "<CONSOLIDATED_LIST>&l8;</CONSOLIDATED_LIST>"
        )
        (tmp_path / "bomb.xml").write_text(xml, encoding="utf-8")
        with pytest.raises(UnsafeXMLError):
            load_list(tmp_path / "bomb.xml", format="un")

    def test_a_plain_dtd_is_refused(self, tmp_path: Path) -> None:
        xml = '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd"><CONSOLIDATED_LIST/>'
        (tmp_path / "dtd.xml").write_text(xml, encoding="utf-8")
        with pytest.raises(UnsafeXMLError):
            load_list(tmp_path / "dtd.xml", format="un")

    def test_malformed_xml_names_the_line(self, tmp_path: Path) -> None:
        (tmp_path / "bad.xml").write_text(
            "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</x>", encoding="utf-8"
        )
        with pytest.raises(ListFormatError, match="malformed XML") as caught:
            load_list(tmp_path / "bad.xml", format="un")
        assert caught.value.line == 3

    def test_size_cap(self) -> None:
        with pytest.raises(ListTooLargeError, match="over the cap"):
            load_list(FIXTURES / "un.xml", max_bytes=100)

    def test_errors_pickle_with_their_line(self, tmp_path: Path) -> None:
        (tmp_path / "list.csv").write_text("id,name\n1,A\n1,B\n", encoding="utf-8")
        with pytest.raises(ListFormatError) as caught:
            load_list(tmp_path / "list.csv")
        copy = pickle.loads(pickle.dumps(caught.value))
        assert (copy.path, copy.line, str(copy)) == (caught.value.path, 3, str(caught.value))


class TestSampleList:
    def test_bundled_sample(self) -> None:
        sample = sample_list()
        assert sample.is_sample
        assert len(sample) >= 30
        assert "not a compliance list" in sample.notes[0]
        assert "SAMPLE" in repr(sample)
        for entry in sample:
            assert entry.authority, entry.id
            assert entry.programs, entry.id
            assert entry.listed_on is not None, entry.id
            assert entry.url, entry.id
            assert entry.sublist, entry.id
        cyrillic = [a for e in sample for a in e.aliases if a.type is AliasType.ORIGINAL_SCRIPT]
        assert len(cyrillic) >= 10
        countries = {c for e in sample for c in e.countries}
        assert {"IN", "RU", "KG", "AE", "TR", "CN"} <= countries

    def test_versions_are_stable(self) -> None:
        assert sample_list().version == sample_list().version
        assert load_list(FIXTURES / "un.xml").version == load_list(FIXTURES / "un.xml").version


@given(st.text(max_size=200))
def test_custom_loader_never_crashes_on_junk(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("junk") / "list.csv"
    path.write_text("id,name,aliases,country\n" + text, encoding="utf-8")
    try:
        loaded = load_list(path, format="csv")
    except ListFormatError:
        return
    for entry in loaded:
        assert entry.id
        assert entry.name


# -- the real official files in ../shared (skipped when it is absent) -----------------

REAL = [
    ("ofac_sdn_2019", "ofac_sdn", 7379),
    ("ofac_sdn_2021", "ofac_sdn", 8976),
    ("ofac_non_sdn_2025", "ofac_cons", 442),
    ("ofac_sdn_sample_2025", "ofac_sdn", 17),
    ("us_csl_2019/csl.csv", "csl", 115),
    ("us_csl_sample_2025/consolidated.csv", "csl", 13),
    ("us_bis_dpl_2022/dpl.txt", "dpl", 581),
    ("us_csl_2023/dpl.txt", "dpl", 665),
    ("un_2026/UN_consolidated.xml", "un", 1003),
]


@pytest.mark.parametrize(("name", "fmt", "count"), REAL)
def test_real_official_files(name: str, fmt: str, count: int, shared: Callable[..., Path]) -> None:
    path = shared("lists", name)
    assert detect_format(path) == fmt
    loaded = load_list(path)
    assert len(loaded) == count
    assert all(entry.name for entry in loaded)


def test_real_csl_2023_is_truncated_and_refused(shared: Callable[..., Path]) -> None:
    path = shared("lists", "us_csl_2023", "csl.csv")
    with pytest.raises(ListFormatError, match="truncated"):
        load_list(path)


def test_real_sdn_2021_details(shared: Callable[..., Path]) -> None:
    path = shared("lists", "ofac_sdn_2021")
    sdn = load_list(path)
    bank = sdn.get("306")
    assert bank is not None
    assert bank.name == "BANCO NACIONAL DE CUBA"
    assert aliases(bank) == {"NATIONAL BANK OF CUBA": AliasType.AKA, "BNC": AliasType.WEAK_AKA}
    assert sum(len(e.aliases) for e in sdn) > 11_910  # alt.csv plus the weak a.k.a.s of remarks
