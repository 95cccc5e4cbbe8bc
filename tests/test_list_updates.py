"""List updates against a real HTTP server on 127.0.0.1 serving fixture files."""

from __future__ import annotations

import datetime
import hashlib
import http.server
import json
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen import ListUpdateError, ListUpdateWarning
from sanctionscreen.cli import main
from sanctionscreen.lists.update import cached_lists, update_lists

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


class _Server:
    """Serves ``{root}/{source}/{file}`` with ETags; counts requests and 304s."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests = 0
        self.not_modified = 0
        self.delay = 0.0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                time.sleep(server.delay)
                path = server.root / self.path.lstrip("/")
                if not path.is_file():
                    self.send_error(404)
                    return
                body = path.read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    server.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def put(self, source: str, name: str, data: bytes) -> None:
        (self.root / source).mkdir(parents=True, exist_ok=True)
        (self.root / source / name).write_bytes(data)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[_Server]:
    running = _Server(tmp_path / "www")
    running.put("un", "consolidated.xml", (FIXTURES / "un.xml").read_bytes())
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        running.put("ofac_sdn", name, (FIXTURES / "ofac_sdn" / name).read_bytes())
    yield running
    running.close()


def test_download_records_provenance_and_loads(server: _Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    [result] = update_lists(["un"], cache_dir=cache, mirror=server.url, timeout=5)
    assert (result.status, result.entries) == ("updated", 2)
    [cached] = cached_lists(cache)
    assert cached.source == "un"
    assert cached.entries == 2
    record = cached.files[0]
    assert record["sha256"] == hashlib.sha256((FIXTURES / "un.xml").read_bytes()).hexdigest()
    assert record["etag"]
    loaded = ss.cached_list("un", cache_dir=cache)
    assert len(loaded) == 2
    assert loaded.retrieved is not None


def test_second_update_is_a_conditional_request(server: _Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    update_lists(["ofac_sdn"], cache_dir=cache, mirror=server.url, timeout=5)
    [again] = update_lists(["ofac_sdn"], cache_dir=cache, mirror=server.url, timeout=5)
    assert again.status == "unchanged"
    assert server.not_modified == 4  # one per file of the SDN set


def test_a_sharp_drop_in_entries_keeps_the_last_good_copy(server: _Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    update_lists(["ofac_sdn"], cache_dir=cache, mirror=server.url, timeout=5)
    first_line = (FIXTURES / "ofac_sdn" / "sdn.csv").read_bytes().split(b"\r\n")[0] + b"\r\n"
    server.put("ofac_sdn", "sdn.csv", first_line)
    with pytest.warns(ListUpdateWarning, match="kept the cached copy"):
        [result] = update_lists(["ofac_sdn"], cache_dir=cache, mirror=server.url, timeout=5)
    assert (result.status, result.entries, result.previous_entries) == ("kept", 1, 3)
    assert len(ss.cached_list("ofac_sdn", cache_dir=cache)) == 3


def test_a_download_that_does_not_parse_keeps_the_last_good_copy(
    server: _Server, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    update_lists(["un"], cache_dir=cache, mirror=server.url, timeout=5)
    server.put("un", "consolidated.xml", b"<html>Service unavailable</html>")
    with pytest.warns(ListUpdateWarning, match="kept"):
        [result] = update_lists(["un"], cache_dir=cache, mirror=server.url, timeout=5)
    assert result.status == "kept"
    assert "not the UN consolidated list" in result.reason
    assert len(ss.cached_list("un", cache_dir=cache)) == 2


def test_failures_without_a_copy_and_other_lists_go_on(server: _Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.warns(ListUpdateWarning, match="HTTP 404"):
        results = update_lists(["csl", "un"], cache_dir=cache, mirror=server.url, timeout=5)
    assert [(r.source, r.status) for r in results] == [("csl", "failed"), ("un", "updated")]
    with pytest.raises(ListUpdateError, match="not in the cache"):
        ss.cached_list("csl", cache_dir=cache)


def test_timeouts_are_reported(server: _Server, tmp_path: Path) -> None:
    server.delay = 2.0
    with pytest.warns(ListUpdateWarning, match="timed out"):
        [result] = update_lists(
            ["un"], cache_dir=tmp_path / "cache", mirror=server.url, timeout=0.3
        )
    assert result.status == "failed"


def test_unreachable_server(tmp_path: Path) -> None:
    with pytest.warns(ListUpdateWarning, match="127.0.0.1:9"):
        [result] = update_lists(
            ["un"], cache_dir=tmp_path / "cache", mirror="http://127.0.0.1:9", timeout=2
        )
    assert result.status == "failed"


def test_oversized_download_is_refused(server: _Server, tmp_path: Path) -> None:
    with pytest.warns(ListUpdateWarning, match="refused"):
        [result] = update_lists(
            ["un"], cache_dir=tmp_path / "cache", mirror=server.url, timeout=5, max_bytes=100
        )
    assert result.status == "failed"


def test_unknown_list_name() -> None:
    with pytest.raises(ListUpdateError, match="unknown list"):
        update_lists(["nope"])


def test_the_cache_record_is_replaced_whole(server: _Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    update_lists(["un"], cache_dir=cache, mirror=server.url, timeout=5)
    record = json.loads((cache / "un" / "current.json").read_text(encoding="utf-8"))
    assert set(record) >= {"files", "entries", "retrieved", "checked", "list_version", "version"}
    assert not list((cache / "un").glob(".download-*"))  # no staging left behind


def test_command_line_update_and_show(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = str(tmp_path / "cache")
    assert main(["lists", "update", "un", "--cache-dir", cache, "--mirror", server.url]) == 0
    assert "updated" in capsys.readouterr().out
    assert main(["lists", "show", "--cache-dir", cache]) == 0
    shown = capsys.readouterr().out
    assert "un" in shown
    assert "2 entries" in shown
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        code = main(["lists", "update", "csl", "--cache-dir", cache, "--mirror", server.url])
    assert code == 1
    # Said once, on standard output: not again as a Python warning with its source line.
    assert [w for w in raised if issubclass(w.category, ListUpdateWarning)] == []
    printed = capsys.readouterr()
    assert printed.out.count("HTTP 404") == 1
    assert "HTTP 404" not in printed.err


def test_publication_dates_are_kept_through_the_cache(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = str(tmp_path / "cache")
    args = ["lists", "update", "un", "--cache-dir", cache, "--mirror", server.url]
    # The UN file says when it was generated: another date is refused, the copy kept.
    assert main([*args, "--published", "2020-01-01"]) == 1
    assert "the file itself says" in capsys.readouterr().out
    assert main(args) == 0
    loaded = ss.cached_list("un", cache_dir=cache)
    assert loaded.published is not None
    assert loaded.published.year != 2020
    assert f"@{loaded.published.isoformat()}#" in loaded.version
    assert main(["lists", "show", "--cache-dir", cache]) == 0
    assert f"published {loaded.published.isoformat()}" in capsys.readouterr().out
    with pytest.raises(ss.ValidationError, match="one list"):
        ss.update_lists(["un", "csl"], cache_dir=cache, published="2021-01-01")
    # OFAC's CSV files carry no date: the one given is kept with the cached copy, and the
    # version says publication, not retrieval; given later, it dates the copy in place.
    sdn = ["lists", "update", "ofac_sdn", "--cache-dir", cache, "--mirror", server.url]
    assert main(sdn) == 0
    assert "@retrieved-" in ss.cached_list("ofac_sdn", cache_dir=cache).version
    assert main([*sdn, "--published", "2021-06-01"]) == 0
    dated = ss.cached_list("ofac_sdn", cache_dir=cache)
    assert (dated.published, dated.retrieved is not None) == (datetime.date(2021, 6, 1), True)
    assert "@2021-06-01#" in dated.version
    assert any("given by the caller" in note for note in dated.notes)


def test_command_line_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["lists", "update", "nope"]) == 2
    assert "unknown list" in capsys.readouterr().err
    assert main(["lists", "formats"]) == 0


def test_an_update_rescreens_a_review_store(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sqlalchemy")
    cache, store = str(tmp_path / "cache"), str(tmp_path / "reviews.db")
    args = ["lists", "update", "ofac_sdn", "--cache-dir", cache, "--mirror", server.url]
    assert main([*args, "--store", store]) == 0  # a first download: nothing to compare
    register = tmp_path / "register.csv"
    register.write_text(
        "id,exporter,consignee,consignee_country\nS1,Example Pvt Ltd,Example Trading FZE,AE\n",
        encoding="utf-8",
    )
    assert main(["screen", str(register), "--store", store, "--no-progress"]) in (0, 1)
    sdn = (FIXTURES / "ofac_sdn" / "sdn.csv").read_bytes()
    empty = b",-0- " * 8
    added = b'10004,"EXAMPLE TRADING FZE",-0- ,"RUSSIA-EO14024"' + empty + b"\n"
    server.put("ofac_sdn", "sdn.csv", sdn.rstrip(b"\x1a") + added + b"\x1a")  # OFAC's EOF mark
    capsys.readouterr()
    assert main([*args, "--store", store]) == 0, capsys.readouterr().out
    said = capsys.readouterr().out
    assert "1 added, 0 changed, 0 removed: " in said
    with ss.ReviewStore(store) as reviews:
        raised = {a.party: a for a in reviews.alerts() if a.source == "rescreen"}
    consignee = raised["Example Trading FZE"]
    assert (consignee.entry_id, consignee.severity, consignee.status) == (
        "10004",
        "CRITICAL",
        "open",
    )
