"""Batch screening: rows in equals outcomes out, bad rows reported, exports, workers, CLI."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest

from sanctionscreen import DataError, Entity, Money, Screener, Severity, Shipment, ValidationError
from sanctionscreen.batch import (
    CSV_COLUMNS,
    ColumnMap,
    read_rows,
    safe_cell,
    shipment_from_row,
)
from sanctionscreen.cli import main

HEADER = (
    "id,date,exporter,exporter_country,consignee,consignee_country,origin,destination,"
    "transit,description,hs_code,value,currency\n"
)
ROWS = [
    "S1,2023-03-10,Example Electronics Pvt Ltd,India,ООО «Сертал»,Russia,India,Russia,,"
    "Microcontrollers|FPV drones,8542.31|8806.22,1250000,USD\n",
    "S2,2023-03-24,TSMD Global Pvt. Ltd.,India,Buyer LLC,Kyrgyzstan,India,Kyrgyzstan,,"
    'Telecom parts,851762,"Rs 8,200 crore",\n',
    "S3,2023-04-05,Example Electronics Pvt Ltd,India,Beispiel GmbH,Germany,India,Rusia,,"
    "PCBs,8534.00,500,EUR\n",
    "=S4,2023-04-06,Example Pvt Ltd,India,Buyer,Chile,India,Chile,Türkiye;Georgia,"
    "Cotton T-shirts,6109.10,100,USD\n",
    "S5,2023-04-07,Only an exporter\n",
    "S6,2023-04-08,Example Pvt Ltd,India,Buyer,Chile,India,Chile,,Cotton T-shirts,6109.10,,\n",
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Screener()


@pytest.fixture
def shipments_csv(tmp_path: Path) -> Path:
    path = tmp_path / "shipments.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


def test_rows_in_equal_outcomes_out_and_bad_rows_say_why(
    screener: Screener, shipments_csv: Path
) -> None:
    report = screener.screen_file(shipments_csv)
    assert len(report) == len(ROWS)
    assert [o.row for o in report] == list(range(1, len(ROWS) + 1))
    assert [o.id for o in report] == ["S1", "S2", "S3", "=S4", None, "S6"]
    bad = {error.row: error for error in report.errors}
    assert set(bad) == {3, 5}
    assert (bad[3].field, bad[3].value) == ("destination", "Rusia")
    assert "did you mean 'Russia'" in bad[3].message
    assert bad[5].message == "the line has 3 fields, the header has 13"
    assert report[0].risk is Severity.CRITICAL
    assert report[5].risk is Severity.INFO  # T-shirts to Chile: only the exporter's country


def test_row_layout(screener: Screener) -> None:
    row = {
        "id": "X1",
        "date": "2023-03-24",
        "exporter": "Example Pvt Ltd",
        "exporter_country": "India",
        "consignee": "Buyer",
        "consignee_country": "KG",
        "destination": "KG",
        "transit": "KZ; UZ",
        "description": "Chips|Drones",
        "hs_code": "8542.31|8806.22",
        "quantity": "10|2",
        "value": "Rs 8,200 crore",
        "end_user": "OOO Primer",
        "end_user_country": "RU",
    }
    shipment = shipment_from_row(row)
    assert shipment.transit == ("KZ", "UZ")
    assert [g.hs_code.digits if g.hs_code else None for g in shipment.goods] == ["854231", "880622"]
    assert [g.quantity for g in shipment.goods] == [10, 2]
    assert shipment.value == Money("82000000000", "INR")
    assert shipment.parties[0].country == "RU"
    with pytest.raises(ValidationError, match="has 1 goods lines, expected 2"):
        shipment_from_row({**row, "hs_code": "8542.31"})
    with pytest.raises(ValidationError, match="is required"):
        shipment_from_row({**row, "exporter": " "})


def test_a_column_map_for_indian_shipping_bills() -> None:
    row = {
        "SB_NO": "1234567",
        "SB_DATE": "24-03-2023",
        "EXPORTER_NAME": "Example Pvt Ltd",
        "CONSIGNEE_NAME": "Buyer LLC",
        "COUNTRY_OF_DESTINATION": "Kyrgyzstan",
        "ITEM_DESCRIPTION": "Telecom parts",
        "HS_CODE": "85176290",
        "FOB_INR": "8,20,00,000",
    }
    shipment = shipment_from_row(row, ColumnMap.preset("indian-shipping-bill"))
    assert (shipment.id, shipment.date.isoformat() if shipment.date else None) == (
        "1234567",
        "2023-03-24",
    )
    assert shipment.destination == "KG"
    assert shipment.value == Money("82000000", "INR")
    custom = ColumnMap({"exporter": "Seller", "consignee": "Buyer"})
    assert shipment_from_row({"Seller": "A", "Buyer": "B"}, custom).consignee.name == "B"
    with pytest.raises(ValidationError, match="unknown fields"):
        ColumnMap({"shipper": "X"})
    with pytest.raises(ValidationError, match="unknown layout"):
        ColumnMap.preset("bill-of-lading-2099")


def test_dicts_shipments_and_dataframes(screener: Screener) -> None:
    shipment = Shipment(exporter="A", consignee=Entity("B", country="Russia"))
    row = {"exporter": "A", "consignee": "B", "consignee_country": "Russia"}
    report = screener.screen_many([shipment, row, {"exporter": "A"}])
    assert [o.risk for o in report][:2] == [Severity.HIGH, Severity.HIGH]
    assert report[2].error is not None
    assert report[2].error.field == "consignee"
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame([row, {**row, "consignee_country": "Atlantis"}])
    report = screener.screen_many(frame)
    assert len(report) == 2
    assert report[1].error is not None
    assert report[1].error.field == "consignee_country"


def test_progress_accepts_tqdm_or_any_wrapper(screener: Screener, shipments_csv: Path) -> None:
    seen: list[object] = []

    def wrapper(items: object) -> object:
        seen.append(items)
        return items

    report = screener.screen_file(shipments_csv, progress=wrapper)
    assert len(seen) == 1
    assert len(report) == len(ROWS)
    tqdm = pytest.importorskip("tqdm")
    assert len(screener.screen_file(shipments_csv, progress=tqdm.tqdm)) == len(ROWS)


def test_workers_give_the_same_report(screener: Screener, shipments_csv: Path) -> None:
    one = screener.screen_file(shipments_csv)
    two = screener.screen_file(shipments_csv, workers=2)
    assert two.to_jsonl() == one.to_jsonl()
    with pytest.raises(ValidationError, match="workers"):
        screener.screen_file(shipments_csv, workers=0)


def test_compact_reports_export_the_same(screener: Screener, shipments_csv: Path) -> None:
    full = screener.screen_file(shipments_csv)
    compact = screener.screen_file(shipments_csv, keep_results=False)
    assert compact.results == ()
    assert compact.to_jsonl() == full.to_jsonl()
    assert compact.to_csv() == full.to_csv()
    assert compact.counts_by_code() == full.counts_by_code()
    assert [o.risk for o in compact] == [o.risk for o in full]
    assert compact[0].record() == full[0].record()
    assert compact[0].id == "S1"


def test_exports(screener: Screener, shipments_csv: Path) -> None:
    report = screener.screen_file(shipments_csv)
    lines = report.to_jsonl().splitlines()
    assert len(lines) == len(ROWS)
    assert json.loads(lines[2])["status"] == "error"
    high = json.loads(report.to_jsonl(min_severity="high").splitlines()[0])
    assert {flag["severity"] for flag in high["flags"]} <= {"HIGH", "CRITICAL"}
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert len(rows) == len(ROWS)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[3]["id"] == "'=S4"  # a formula would run in a spreadsheet
    assert rows[2]["error_field"] == "destination"
    assert report.counts_by_code()["SANCTIONED_PARTY"] == {"CRITICAL": 2}
    assert report.counts_by_severity()["ERROR"] == 2
    assert "<table>" in report._repr_html_()
    pytest.importorskip("pandas")
    frame = report.to_pandas()
    assert list(frame["status"]) == [
        "screened",
        "screened",
        "error",
        "screened",
        "error",
        "screened",
    ]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("ok", "ok")],
)
def test_safe_cell(cell: str, safe: str) -> None:
    assert safe_cell(cell) == safe


def test_jsonl_input_and_bad_lines(screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    good = {
        "exporter": "A",
        "consignee": "B",
        "destination": "Iran",
        "value": 1000,
        "currency": "EUR",
    }
    path.write_text(json.dumps(good) + "\n[1, 2]\n{not json\n", encoding="utf-8")
    report = screener.screen_file(path)
    assert len(report) == 3
    assert report[0].risk is Severity.HIGH
    assert [e.message for e in report.errors] == [
        "the line is not a JSON object",
        "the line is not JSON (Expecting property name enclosed in double quotes)",
    ]


def test_whole_file_problems_are_data_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    missing.write_text("id,exporter\n1,A\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"missing columns \['consignee'\]"):
        list(read_rows(missing))
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + "S1,,Soci\xe9t\xe9,,B\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        list(read_rows(latin))


# -- the command line ----------------------------------------------------------------------


def test_cli_screen_writes_one_record_per_row(
    shipments_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    code = main(["screen", str(shipments_csv), "--out", str(out), "--no-progress"])
    assert code == 5  # something flagged (1), and two rows could not be read (4)
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == len(ROWS)
    assert "6 rows screened" in capsys.readouterr().err


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text(HEADER + ROWS[5], encoding="utf-8")
    assert main(["screen", str(clean), "--no-progress"]) == 0  # INFO only, below LOW
    assert main(["screen", str(clean), "--no-progress", "--min-severity", "info"]) == 1
    flagged = tmp_path / "flagged.csv"
    flagged.write_text(HEADER + ROWS[0], encoding="utf-8")
    capsys.readouterr()
    assert main(["screen", str(flagged), "--no-progress", "--format", "jsonl"]) == 1
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert record["risk"] == "CRITICAL"
    assert main(["screen", str(tmp_path / "absent.csv")]) == 2
    assert main(["screen", str(clean), "--min-severity", "urgent"]) == 2


def test_cli_match_and_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "ООО Сертал"]) == 1
    assert "1.00 alert  'OOO Sertal' = 'OOO Sertal'" in capsys.readouterr().out
    assert main(["match", "Nobody Real Trading"]) == 0
    assert main(["demo"]) == 0
    shown = capsys.readouterr().out
    assert "<ScreeningResult id='IN-RU-0001' risk=CRITICAL" in shown
    assert "5 rows screened: CRITICAL 2" in shown


# -- found by a new-user review ------------------------------------------------------------


def test_a_huge_cell_is_a_row_error_not_a_crash(screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    huge = "X" * 200_000
    path.write_text(HEADER + ROWS[5] + ROWS[5].replace("Example Pvt Ltd", huge), encoding="utf-8")
    report = screener.screen_file(path)
    assert len(report) == 2
    assert report.errors[0].field == "exporter"
    assert "longer than" in report.errors[0].message


def test_float_cells_name_their_column(screener: Screener) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame([{"exporter": "A", "consignee": "B", "hs_code": 1006.30}])
    [outcome] = screener.screen_many(frame)
    assert outcome.error is not None
    assert outcome.error.field == "hs_code"
    assert "dtype=str" in outcome.error.message


def test_mapped_columns_must_be_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bill.csv"
    path.write_text("EXPORTER_NAME,CONSIGNEE_NAME\nA,B\n", encoding="utf-8")
    layout = ColumnMap({"exporter": "EXPORTER_NAME", "consignee": "CONSIGNEE_NAME", "value": "FOB"})
    with pytest.raises(DataError, match=r"missing columns \['FOB'\]"):
        list(read_rows(path, columns=layout))


def test_value_cells(screener: Screener, tmp_path: Path) -> None:
    row = {"exporter": "A", "consignee": "B", "value": "", "currency": ""}
    layout = ColumnMap(currency="INR")
    assert shipment_from_row(row, layout).value is None  # empty cell: no value
    assert shipment_from_row({**row, "value": "8,20,000"}, layout).value == Money("820000", "INR")
    with pytest.raises(ValidationError) as caught:
        shipment_from_row({**row, "value": "-100", "currency": "USD"})
    assert (caught.value.field, caught.value.value) == ("value", "-100")
    with pytest.raises(ValidationError, match="fill exporter_country"):
        shipment_from_row({**row, "value": "Rs 5,000"})
    indian = {**row, "value": "Rs 5,000", "exporter_country": "India"}
    assert shipment_from_row(indian).value == Money("5000", "INR")


def test_blank_lines_are_not_rows(screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(HEADER + ROWS[5] + "\n\n" + ROWS[5] + "\n", encoding="utf-8")
    assert len(screener.screen_file(path)) == 2
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + ROWS[5]).encode() + "S1,,Soci\xe9t\xe9,,B\n".encode("latin-1"))
    with pytest.raises(DataError, match="line 3: not UTF-8"):
        list(read_rows(latin))


def test_cli_layout_files_and_output_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bill.csv"
    source.write_text("SELLER,BUYER,DEST\nA,B,Chile\n", encoding="utf-8")
    layout = tmp_path / "layout.txt"
    layout.write_text(
        json.dumps(
            {"columns": {"exporter": "SELLER", "consignee": "BUYER", "destination": "DEST"}}
        ),
        encoding="utf-8",
    )
    out = tmp_path / "R.CSV"
    assert (
        main(["screen", str(source), "--columns", str(layout), "--out", str(out), "--no-progress"])
        == 0
    )
    assert out.read_text(encoding="utf-8").startswith("row,id,date,status")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["screen", str(source), "--columns", str(broken)]) == 2
    assert "not a JSON layout" in capsys.readouterr().err
