"""Every failure is one of the library's documented errors, never Python's own."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen.batch import read_rows

SDN_ROW = (
    '1,"TEST COMPANY {}","-0-","RUSSIA-EO14024","-0-","-0-","-0-","-0-","-0-","-0-","-0-","-0-"\n'
)


def _sdn_folder(tmp_path: Path, raw: bytes) -> Path:
    folder = tmp_path / "sdn"
    folder.mkdir(parents=True)
    (folder / "sdn.csv").write_bytes(raw)
    return folder


def test_a_byte_windows_1252_does_not_define_is_a_list_format_error(tmp_path: Path) -> None:
    raw = SDN_ROW.format("A").encode() + SDN_ROW.replace("1,", "2,", 1).format("\x81").encode(
        "latin-1"
    )
    with pytest.raises(ss.ListFormatError, match=r"line 2: neither UTF-8 nor cp1252"):
        ss.load_list(_sdn_folder(tmp_path, raw), format="ofac_sdn")


def test_a_damaged_utf8_file_is_refused_not_read_as_mojibake(tmp_path: Path) -> None:
    # Cyrillic names in UTF-8 with one stray byte: read as Windows-1252 they would match
    # nothing ("РўРµСЃС‚..."), so the file is refused, naming the line.
    good = SDN_ROW.format("ТЕСТКОМПЛЕКТ").encode()
    broken = SDN_ROW.replace("1,", "2,", 1).format("OOO \xff").encode("latin-1")
    with pytest.raises(ss.ListFormatError, match=r"line 2: mostly UTF-8"):
        ss.load_list(_sdn_folder(tmp_path, good + broken), format="ofac_sdn")
    # A file wholly in Windows-1252 still loads, and says so.
    old = ss.load_list(
        _sdn_folder(tmp_path / "old", SDN_ROW.format("SOCIÉTÉ").encode("cp1252")),
        format="ofac_sdn",
    )
    assert old.entries[0].name == "TEST COMPANY SOCIÉTÉ"
    assert any("cp1252" in note for note in old.notes)


def test_an_update_with_an_undecodable_file_fails_that_list_only(tmp_path: Path) -> None:
    import http.server
    import threading

    bad = SDN_ROW.format("\x81").encode("latin-1")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bad if "ofac_sdn" in self.path else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.warns(ss.ListUpdateWarning):
            results = ss.update_lists(
                ["ofac_sdn", "un"],
                cache_dir=tmp_path,
                mirror=f"http://127.0.0.1:{httpd.server_address[1]}",
                timeout=5,
            )
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert [r.source for r in results] == ["ofac_sdn", "un"]  # the list after it was tried
    assert "cp1252" in results[0].reason
    assert all(r.status == "failed" for r in results)


OPENSANCTIONS = {
    "datasets as a number": {"datasets": 5},
    "a name that is not text": {"properties": {"name": [5]}},
    "a name given as bare text": {"properties": {"name": "Rosoboronexport"}},
    "an id that is a number": {"id": 5},
}


@pytest.mark.parametrize("change", OPENSANCTIONS.values(), ids=list(OPENSANCTIONS))
def test_opensanctions_records_of_the_wrong_shape_are_refused(
    tmp_path: Path, change: dict[str, object]
) -> None:
    record: dict[str, object] = {
        "id": "NK-1",
        "schema": "Company",
        "target": True,
        "datasets": ["us_ofac_sdn"],
        "properties": {"name": ["Rosoboronexport"], "topics": ["sanction"]},
    }
    record.update(change)
    path = tmp_path / "entities.ftm.json"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(ss.ListFormatError, match="line 1"):
        ss.load_list(path, format="opensanctions")


@pytest.mark.parametrize(
    "line",
    ["[" * 100_000 + "]" * 100_000, '{"id": ' + "9" * 5_000 + ', "schema": "Company"}'],
    ids=["nested 100,000 deep", "a 5,000-digit number"],
)
def test_opensanctions_lines_python_cannot_read_are_refused(tmp_path: Path, line: str) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ss.ListFormatError, match="line 1"):
        ss.load_list(path, format="opensanctions")


def test_a_batch_line_nested_too_deep_is_one_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "register.jsonl"
    good = json.dumps({"id": "1", "exporter": "Example Pvt Ltd", "consignee": "Buyer"})
    path.write_text(f"{good}\n{'[' * 100_000}{']' * 100_000}\n{good}\n", encoding="utf-8")
    rows = list(read_rows(path))
    assert len(rows) == 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ss.SampleListWarning)
        report = ss.Screener().screen_many(rows)
    assert [o.error is None for o in report] == [True, False, True]
    assert "nested too deeply" in str(report.errors[0])


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1E+999999", "too large"),
        (Decimal("1E+999999999"), "too large"),
        ("1000000000000000000", "too large"),
        ("1E-999999", "decimal places"),
        ("0.0000000000001", "decimal places"),
    ],
)
def test_money_outside_the_documented_range_is_refused(amount: object, reason: str) -> None:
    with pytest.raises(ss.ValidationError, match=reason):
        ss.Money(amount, "EUR")
    with pytest.raises(ss.ValidationError, match=reason):
        ss.GoodsItem("chips", quantity=amount)


def test_the_largest_amounts_in_range_screen_and_serialize() -> None:
    shipment = ss.Shipment(
        exporter="A",
        consignee="B",
        date="2023-03-24",
        value=ss.Money("999999999999999999.999999999999", "EUR"),
        goods=[ss.GoodsItem("Microcontrollers", quantity="0.000000000001", value="EUR 1")],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ss.SampleListWarning)
        result = ss.Screener().screen(shipment)
    assert len(result.to_json()) < 100_000
    assert result.value_usd is not None
