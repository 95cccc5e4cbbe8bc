"""The smaller guards: list shrinkage, leftovers of killed updates, dates, formula cells."""

from __future__ import annotations

import http.server
import os
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen.batch import safe_cell

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lists"


def _un_list(entries: int) -> bytes:
    """A UN consolidated list of ``entries`` individuals (the fixture's shape)."""
    people = "".join(
        f"<INDIVIDUAL><DATAID>{n}</DATAID><REFERENCE_NUMBER>QDi.{n}</REFERENCE_NUMBER>"
        f"<FIRST_NAME>Person</FIRST_NAME><SECOND_NAME>Number{n}</SECOND_NAME>"
        "<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><LISTED_ON>2001-01-25</LISTED_ON></INDIVIDUAL>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-02-27">'
        f"<INDIVIDUALS>{people}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
    ).encode()


class _Server:
    def __init__(self) -> None:
        self.body = b""
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def _update(server: _Server, cache: Path, entries: int, **options: float) -> ss.UpdateResult:
    server.body = _un_list(entries)
    [result] = ss.update_lists(["un"], cache_dir=cache, mirror=server.url, timeout=5, **options)
    return result


def test_a_list_that_halves_is_refused_and_one_that_shrinks_says_how_much(
    server: _Server, tmp_path: Path
) -> None:
    assert _update(server, tmp_path, 20).status == "updated"
    with pytest.warns(ss.ListUpdateWarning, match="kept the cached copy"):
        halved = _update(server, tmp_path, 10)
    assert (halved.status, halved.entries, halved.previous_entries) == ("kept", 10, 20)
    with pytest.warns(ss.ListUpdateWarning, match="30% fewer entries"):
        shrunk = _update(server, tmp_path, 14)
    assert shrunk.status == "updated"
    assert shrunk.shrink == pytest.approx(0.3)
    # The guard is the caller's to set.
    with pytest.warns(ss.ListUpdateWarning, match="50% fewer entries"):
        accepted = _update(server, tmp_path, 7, min_keep=0.25)
    assert (accepted.status, accepted.shrink) == ("updated", 0.5)


def test_what_a_killed_update_left_is_swept(server: _Server, tmp_path: Path) -> None:
    assert _update(server, tmp_path, 20).status == "updated"
    folder = tmp_path / "un"
    old_staging = folder / ".download-killed"
    old_staging.mkdir()
    (old_staging / "consolidated.xml").write_bytes(b"<half")
    old_record = folder / ".current-killed"
    old_record.write_text("{", encoding="utf-8")
    recent = folder / ".download-running"
    recent.mkdir()
    an_hour_ago = time.time() - 2 * 3600
    for path in (old_staging, old_record):
        os.utime(path, (an_hour_ago, an_hour_ago))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ss.ListUpdateWarning)
        assert _update(server, tmp_path, 20).status in ("updated", "unchanged")
    assert not old_staging.exists()
    assert not old_record.exists()
    assert recent.exists()  # perhaps another update's, still running


@pytest.mark.parametrize("pasted", ["2023-02-30", "30.02.2023", "5/3/2024", "1905-10-20"])
def test_a_date_in_a_code_column_is_refused(pasted: str) -> None:
    with pytest.raises(ss.InvalidHSCodeError, match="looks like a date"):
        ss.HSCode.parse(pasted)


def test_codes_that_only_resemble_dates_stay_codes() -> None:
    assert str(ss.HSCode.parse("8542-31-00")) == "8542.31.00"
    assert str(ss.HSCode.parse("1905.10.20")) == "1905.10.20"
    assert str(ss.HSCode.parse("HS 2023-02-30")) == "2023.02.30"  # said to be a code


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ('safe;=HYPERLINK("x")', 'safe;\'=HYPERLINK("x")'),
        ("a\t+1", "a\t'+1"),
        ("ok, -5 units", "ok, '-5 units"),
        ("Example Pvt Ltd", "Example Pvt Ltd"),
    ],
)
def test_formula_cells_are_neutralized_wherever_a_spreadsheet_may_split(
    cell: str, safe: str
) -> None:
    assert safe_cell(cell) == safe
