"""Nothing hangs or eats memory: every input's cost is bounded by its size and a cap.

Each reproduction took from 14 seconds to several minutes, or gigabytes, before the
fix; the bounds asserted here are generous (a shared, noisy machine) but far below that.
"""

from __future__ import annotations

import http.server
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sanctionscreen as ss
from sanctionscreen.goods.descriptions import MAX_DESCRIPTION_LENGTH, read_description
from sanctionscreen.lists._identifiers import identifier_in_text
from sanctionscreen.lists.update import update_lists


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``work``; return the seconds it took and its result (or the error it raised)."""
    started = time.perf_counter()
    try:
        outcome: Any = work()
    except Exception as exc:
        outcome = exc
    return time.perf_counter() - started, outcome


@pytest.mark.parametrize("spaces", [2_000, 100_000])
def test_an_identifier_remark_full_of_spaces_is_read_at_once(spaces: int) -> None:
    seconds, found = timed(
        lambda: identifier_in_text("Passport A" + " " * spaces + "x", lambda c: None)
    )
    assert seconds < 0.5
    assert found is None  # longer than any remark item, or "A ... x" is no value


def test_an_sdn_file_with_a_remark_of_spaces_loads_in_time(tmp_path: Path) -> None:
    folder = tmp_path / "sdn"
    folder.mkdir()
    remark = "Passport A" + " " * 3000 + "x (Iran); Tax ID No. 7701234567 (Russia)."
    cells = ["1", "TEST COMPANY", *["-0-"] * 9, remark]
    cells[3] = "RUSSIA-EO14024"
    (folder / "sdn.csv").write_text(
        ",".join(f'"{cell}"' for cell in cells) + "\n", encoding="utf-8"
    )
    seconds, loaded = timed(lambda: ss.load_list(folder, format="ofac_sdn"))
    assert seconds < 2
    assert isinstance(loaded, ss.SanctionsList)
    [entry] = loaded.entries
    assert [i.value for i in entry.identifiers] == ["7701234567"]


@pytest.mark.parametrize(
    "cell", ["8" + "\u0316\u0301" * 200_000, "8542" + " " * 400_000, "1" * 400_000]
)
def test_a_huge_hs_code_cell_is_refused_before_it_is_read(cell: str) -> None:
    seconds, outcome = timed(lambda: ss.HSCode.parse(cell))
    assert seconds < 0.1
    assert isinstance(outcome, ss.InvalidHSCodeError)
    assert "too long" in str(outcome)


def test_a_description_is_read_in_time_whatever_it_holds() -> None:
    hostile = [
        ("radar " * 1000)[:MAX_DESCRIPTION_LENGTH],
        ("a" + "\u0316\u0301" * 2500)[:MAX_DESCRIPTION_LENGTH],
        "STM32" * 1000,
        "беспилотный " * 400,
    ]
    for text in hostile:
        seconds, _ = timed(lambda text=text: read_description(text))
        assert seconds < 0.5, text[:20]
    seconds, outcome = timed(lambda: read_description("x" * 200_000))
    assert seconds < 0.1
    assert isinstance(outcome, ss.ValidationError)


def test_one_long_word_in_a_name_costs_little() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ss.SampleListWarning)
        screener = ss.Screener()
    tracemalloc.start()
    seconds, result = timed(
        lambda: screener.screen(ss.Shipment(exporter="\ufdfc" * 120, consignee="Buyer"))
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(result, ss.ScreeningResult)
    assert seconds < 2
    assert peak < 50 * 2**20
    # Beyond the cap it is refused at once, naming the field.
    seconds, refused = timed(lambda: ss.Entity("\ufdfc" * 500))
    assert seconds < 0.1
    assert isinstance(refused, ss.ValidationError)
    assert refused.field == "name"


def test_a_custom_list_line_of_millions_of_cells_is_refused_early(tmp_path: Path) -> None:
    path = tmp_path / "watch.csv"
    path.write_text("id,name,country\n1," + "," * 5_000_000 + "\n", encoding="utf-8")
    tracemalloc.start()
    seconds, outcome = timed(lambda: ss.load_list(path, format="csv"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(outcome, ss.ListFormatError)
    assert "line longer than" in str(outcome)
    assert seconds < 2
    assert peak < 80 * 2**20  # the file itself is 5 MB; its cells would be hundreds


def test_a_batch_line_of_millions_of_cells_is_one_bad_row(tmp_path: Path) -> None:
    from sanctionscreen.batch.files import MAX_LINE

    path = tmp_path / "register.csv"
    good = "1,2024-01-05,Example Pvt Ltd,India,Buyer,Chile,IN,CL,,Parts,,,\n"
    header = "id,date,exporter,exporter_country,consignee,consignee_country,origin,"
    header += "destination,transit,description,hs_code,value,currency\n"
    path.write_text(header + good + "2," * (MAX_LINE // 2 + 10) + "\n" + good, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ss.SampleListWarning)
        report = ss.Screener().screen_file(path)
    assert [o.error is None for o in report] == [True, False, True]
    assert "longer than" in str(report.errors[0])


class _SlowServer:
    """Sends a list file one byte every 50 ms: each wait is short, the whole is endless."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                while not owner.stop.is_set():
                    try:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.05)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def slow_server() -> Iterator[_SlowServer]:
    server = _SlowServer()
    yield server
    server.close()


def test_a_download_that_never_ends_stops_at_its_deadline(
    slow_server: _SlowServer, tmp_path: Path
) -> None:
    started = time.perf_counter()
    with pytest.warns(ss.ListUpdateWarning, match="not downloaded within 1 s"):
        [result] = update_lists(
            ["un"], cache_dir=tmp_path, mirror=slow_server.url, timeout=5, deadline=1
        )
    assert time.perf_counter() - started < 5
    assert result.status == "failed"
