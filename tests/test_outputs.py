"""What analysts get out: exit codes, one row per flag, typed DataFrames, files, list dates."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen.batch import CSV_COLUMNS, FLAG_COLUMNS, BatchReport, ColumnMap
from sanctionscreen.batch.records import shipment_from_row
from sanctionscreen.cli import EXIT_CODES, main

HEADER = (
    "id,date,exporter,exporter_country,consignee,consignee_country,origin,destination,"
    "transit,description,hs_code,value,currency\n"
)
SANCTIONED = (
    "S1,2023-03-10,Example Electronics Pvt Ltd,India,ООО «Сертал»,Russia,India,Russia,,"
    "Microcontrollers,8542.31,1250000,USD\n"
)
CLEAN = "S2,2023-04-08,Example Pvt Ltd,India,Buyer,Chile,India,Chile,,Cotton T-shirts,6109.10,,\n"
BAD = "S3,2023-04-07,Only an exporter\n"
# The ECB's euro rates start in 1999: a 1995 value in euros cannot be converted.
UNCONVERTED = (
    "S4,1995-04-08,Example Pvt Ltd,India,Buyer,Chile,India,Chile,,Cotton T-shirts,6109.10,100,EUR\n"
)


@pytest.fixture(scope="module")
def screener() -> ss.Screener:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ss.Screener()


@pytest.fixture(scope="module")
def report(screener: ss.Screener, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    path = tmp_path_factory.mktemp("outputs") / "register.csv"
    path.write_text(HEADER + SANCTIONED + CLEAN + BAD + UNCONVERTED, encoding="utf-8")
    return screener.screen_file(path, keep_results=False)


def _file(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return str(path)


# -- exit codes ----------------------------------------------------------------------------


def test_exit_codes_tell_flagged_and_unreadable_rows_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quiet = ["--no-progress"]
    assert main(["screen", _file(tmp_path, CLEAN), *quiet]) == 0
    assert main(["screen", _file(tmp_path, SANCTIONED), *quiet]) == 1
    assert main(["screen", _file(tmp_path, CLEAN, BAD), *quiet]) == 4
    assert main(["screen", _file(tmp_path, SANCTIONED, BAD), *quiet]) == 5
    assert main(["screen", str(tmp_path / "absent.csv"), *quiet]) == 2
    assert set(EXIT_CODES) == {0, 1, 2, 4, 5}
    with pytest.raises(SystemExit):
        main(["screen", "--help"])
    shown = capsys.readouterr().out
    assert "exit codes:" in shown
    for code, meaning in EXIT_CODES.items():
        assert f"  {code}  {meaning[:30]}" in shown


# -- one row per flag ----------------------------------------------------------------------


def test_one_row_per_flag_with_the_list_entry_in_its_own_columns(report: BatchReport) -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv(explode=True))))
    assert tuple(rows[0]) == FLAG_COLUMNS
    # Every flag has its row; a row without flags and a bad row still get one each.
    flags = [len(o.flags) for o in report]
    assert len(rows) == sum(max(1, count) for count in flags)
    party = next(r for r in rows if r["code"] == "SANCTIONED_PARTY")
    assert (party["party_role"], party["party"]) == ("consignee", "ООО «Сертал»")
    assert (party["entry_id"], party["matched_name"], float(party["score"])) == (
        "SSL-026",
        "OOO Sertal",
        1.0,
    )
    assert party["list"] == "sanctionscreen sample list"
    assert party["list_version"].startswith("sanctionscreen sample list@")
    route = next(r for r in rows if r["code"] == "EMBARGOED_DESTINATION")
    assert (route["country"], route["entry_id"], route["score"]) == ("RU", "", "")
    error = next(r for r in rows if r["status"] == "error")
    assert (error["row"], error["code"]) == ("3", "")
    assert error["error"] == "the line has 3 fields, the header has 13"
    clean = [r for r in rows if r["id"] == "S2"]
    assert all(r["severity"] in ("", "INFO", "LOW") for r in clean)


def test_json_lines_name_the_id_as_the_csv_does_and_explode_too(report: BatchReport) -> None:
    records = [json.loads(line) for line in report.to_jsonl().splitlines()]
    assert [r["id"] for r in records] == ["S1", "S2", None, "S4"]  # row 3: no fields to read
    exploded = [json.loads(line) for line in report.to_jsonl(explode=True).splitlines()]
    assert set(exploded[0]) == set(FLAG_COLUMNS)
    party = next(r for r in exploded if r["code"] == "SANCTIONED_PARTY")
    assert (party["row"], party["score"]) == (1, 1.0)
    assert next(r for r in exploded if r["status"] == "error")["score"] is None


def test_exports_write_files(report: BatchReport, tmp_path: Path) -> None:
    for name, write, text in (
        ("out.csv", report.to_csv, report.to_csv(min_severity="high")),
        ("out.jsonl", report.to_jsonl, report.to_jsonl(min_severity="high")),
    ):
        assert write(tmp_path / name, min_severity="high") is None
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    with pytest.raises(ss.ValidationError, match="min_severity"):
        report.to_csv(min_severity="urgent")


def test_the_command_line_explodes_and_reads_an_allowlist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _file(tmp_path, SANCTIONED)
    out = tmp_path / "flags.csv"
    assert main(["screen", source, "--explode", "--out", str(out), "--no-progress"]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert any(r["code"] == "SANCTIONED_PARTY" and r["entry_id"] == "SSL-026" for r in rows)
    allowlist = tmp_path / "allow.csv"
    allowlist.write_text(
        "name,entry_id,reason\nООО «Сертал»,SSL-026,a different company (test)\n",
        encoding="utf-8",
    )
    args = ["screen", source, "--explode", "--format", "jsonl", "--no-progress"]
    capsys.readouterr()
    assert main([*args, "--allowlist", str(allowlist), "--min-severity", "info"]) == 1
    codes = [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()]
    assert "PARTY_MATCH_ALLOWLISTED" in codes
    assert "SANCTIONED_PARTY" not in codes
    assert main([*args, "--allowlist", str(tmp_path / "absent.csv")]) == 2


# -- pandas ---------------------------------------------------------------------------------


def test_dataframes_have_types_to_compute_with(report: BatchReport) -> None:
    pandas = pytest.importorskip("pandas")
    wide = report.to_pandas()
    assert tuple(wide.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert wide["value_usd"].dtype == "float64"
    assert wide["value_usd"].sum() == pytest.approx(1_250_000.0)
    assert pandas.api.types.is_datetime64_any_dtype(wide["date"])
    assert wide["risk"].cat.ordered
    assert list(wide["risk"] >= "HIGH") == [True, False, False, False]
    assert wide["row"].dtype == "int64"
    assert wide["risk_level"].isna().tolist() == [False, False, True, False]
    flags = report.to_pandas(explode=True)
    assert flags["severity"].cat.ordered
    assert flags["score"].dtype == "float64"
    pivot = flags.pivot_table(
        index="entry_id", columns="severity", values="row", aggfunc="count", observed=True
    )
    assert pivot.loc["SSL-026", "CRITICAL"] == 1
    assert flags["entry_id"].notna().sum() == 1  # blanks are missing, not a group


def test_a_missing_dollar_value_says_why_whatever_the_severity_shown(
    report: BatchReport,
) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(report.to_csv(min_severity="critical")))}
    assert (rows["S1"]["value_usd"], rows["S1"]["value_note"]) == ("1250000.00", "")
    assert rows["S2"]["value_note"] == "no value given"
    assert rows["S4"]["value_usd"] == ""
    assert "The shipment value EUR 100 was not converted" in rows["S4"]["value_note"]
    assert "VALUE_UNCONVERTED" not in rows["S4"]["codes"]  # LOW, below the floor asked


def test_charts_draw_four_panels(report: BatchReport) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    figure = report.charts()
    titles = [axis.get_title() for axis in figure.axes]
    assert titles[0] == "Flags by code and severity"
    assert "Value of the shipments by risk" in titles
    bars = figure.axes[0].patches
    assert sum(bar.get_width() for bar in bars) == sum(
        1 for o in report for _, s in o.flags if s >= ss.Severity.LOW
    )


# -- list dates, words and messages ---------------------------------------------------------


def test_the_command_line_dates_each_list(tmp_path: Path) -> None:
    sdn = str(Path(__file__).parent / "fixtures" / "lists" / "ofac_sdn")
    source = _file(tmp_path, CLEAN)
    out = tmp_path / "out.jsonl"
    args = ["screen", source, "--list", sdn, "--out", str(out), "--no-progress"]
    assert main([*args, "--published", "2021-06-01"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert any(version.startswith("OFAC SDN@2021-06-01#") for version in record["lists"])
    assert main([*args, "--published", "2021-06-01", "--published", "2021-07-01"]) == 2


def test_row_errors_name_the_column_and_the_problem() -> None:
    row = {"id": "1", "exporter": "A", "consignee": "B", "value": "100", "currency": "XYZ"}
    with pytest.raises(ss.ValidationError) as caught:
        shipment_from_row(row)
    assert (caught.value.field, caught.value.value) == ("currency", "XYZ")
    dated = {"id": "1", "exporter": "A", "consignee": "B", "date": "31/02/2023"}
    with pytest.raises(ss.ValidationError, match="is no such date"):
        shipment_from_row(dated, ColumnMap(date_format="%d/%m/%Y"))
    with pytest.raises(ss.ValidationError, match="is no such date"):
        ss.Shipment(exporter="A", consignee="B", date="2023-02-31")
    with pytest.raises(ss.ValidationError, match="not written in the format"):
        shipment_from_row({**dated, "date": "2023-02-01"}, ColumnMap(date_format="%d/%m/%Y"))


def test_reprs_are_short(screener: ss.Screener) -> None:
    match = screener.match(ss.Entity("OOO Sertal"))[0]
    assert repr(match) == (
        "<PartyMatch alert 1.00 'OOO Sertal' = 'OOO Sertal' [sanctionscreen sample list SSL-026]>"
    )
    result = screener.screen(ss.Shipment(exporter="OOO Sertal", consignee="B"))
    assert repr(result.flags[0]).startswith("<Flag CRITICAL SANCTIONED_PARTY (parties-v1): ")
    assert "evidence" not in repr(result.flags[0])


def test_no_words_from_inside_the_project_reach_users(
    screener: ss.Screener, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert main(["demo"]) == 0
    shown = capsys.readouterr().out
    shipment = ss.Shipment(
        exporter=ss.Entity("Example Electronics Pvt Ltd", country="IN"),
        consignee=ss.Entity("Buyer LLC", country="RU"),
        date="2023-03-10",
        value="Rs 8,200 crore",
    )
    shown += screener.screen(shipment).to_json()
    assert re.search(r"\bmission\b", shown, re.IGNORECASE) is None


def test_mistakes_in_the_command_stop_it_before_screening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _file(tmp_path, SANCTIONED)
    unwritable = str(tmp_path / "no-such-folder" / "out.csv")
    assert main(["screen", source, "--out", unwritable, "--no-progress"]) == 2
    assert "--out" in capsys.readouterr().err
    layout = tmp_path / "layout.json"
    layout.write_text('{"columns": {}, "date_format": "%H:%M"}', encoding="utf-8")
    assert main(["screen", source, "--columns", str(layout), "--no-progress"]) == 2
    assert "does not read a whole date" in capsys.readouterr().err
    with pytest.raises(ss.ValidationError, match="whole date"):
        ColumnMap(date_format="%Q")
    assert ColumnMap(date_format="%d-%b-%Y").date_format == "%d-%b-%Y"


def test_published_dates_pair_with_lists_and_are_not_in_the_future(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "lists"
    with pytest.raises(ss.ValidationError, match="in the future"):
        ss.load_list(fixtures / "ofac_sdn", published="2999-01-01")
    out = tmp_path / "out.jsonl"
    args = ["screen", _file(tmp_path, CLEAN), "--out", str(out), "--no-progress"]
    lists = ["--list", str(fixtures / "un.xml"), "--list", str(fixtures / "ofac_sdn")]
    assert main([*args, *lists, "--published", "-", "--published", "2021-06-01"]) == 0
    versions = json.loads(out.read_text(encoding="utf-8"))["lists"]
    assert any(v.startswith("OFAC SDN@2021-06-01#") for v in versions)
    assert main([*args, *lists, "--published", "2021-06-01"]) == 2
