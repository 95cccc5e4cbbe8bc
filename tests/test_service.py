"""The screening service, called over HTTP on a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import sanctionscreen as ss

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from sanctionscreen.lists.opensanctions import FTM_IDENTIFIER_SCHEMES  # noqa: E402
from sanctionscreen.service import collector, create_app  # noqa: E402
from sanctionscreen.service.collector import settle  # noqa: E402
from sanctionscreen.service.yente import entity_of  # noqa: E402


@pytest.fixture(scope="module")
def screener() -> ss.Screener:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ss.Screener()


@contextlib.contextmanager
def _serving(app: object) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free loopback port; yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def service(screener: ss.Screener) -> Iterator[str]:
    with _serving(create_app(screener, max_batch=5, max_body=20_000)) as url:
        yield url


# The request example of yente's own documentation (its /match/{dataset} description).
YENTE_EXAMPLE = {
    "queries": {
        "entity1": {
            "schema": "Person",
            "properties": {
                "name": ["John Doe"],
                "birthDate": ["1975-04-21"],
                "nationality": ["us"],
            },
        },
        "entity2": {
            "schema": "Company",
            "properties": {
                "name": ["Brilliant Amazing Limited"],
                "jurisdiction": ["hk"],
                "registrationNumber": ["84BA99810"],
            },
        },
    }
}


def test_health_readiness_and_lists(service: str, screener: ss.Screener) -> None:
    assert httpx.get(f"{service}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{service}/readyz").json()
    assert ready["status"] == "ok"
    assert ready["names"] == len(screener.matcher)
    (listed,) = httpx.get(f"{service}/lists").json()["datasets"]
    sample = screener.lists[0]
    assert (listed["name"], listed["version"], listed["entries"]) == (
        "sanctionscreen_sample_list",
        sample.version,
        len(sample.entries),
    )
    described = httpx.get(f"{service}/openapi.json").json()
    assert described["info"]["title"] == "sanctionscreen"
    for path in ("/match/{dataset}", "/screen"):  # for clients generated from it
        post = described["paths"][path]["post"]
        assert "application/json" in post["requestBody"]["content"]
        assert set(post["responses"]) == {"200", "400", "413"}  # no 422: bad input is a 400


def test_yentes_documented_request_gets_yentes_response_shape(service: str) -> None:
    answer = httpx.post(f"{service}/match/default", json=YENTE_EXAMPLE)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) >= {"responses", "matcher", "limit"}
    assert set(body["responses"]) == {"entity1", "entity2"}
    for key, response in body["responses"].items():
        assert response["status"] == 200
        assert response["query"] == YENTE_EXAMPLE["queries"][key]
        assert response["total"]["relation"] == "eq"
        assert isinstance(response["results"], list)
    assert body["responses"]["entity1"]["ignored"] == ["birthDate"]


def test_a_match_has_every_field_a_yente_client_reads(service: str) -> None:
    query = {"queries": {"q": {"schema": "Company", "properties": {"name": "ООО Сертал"}}}}
    answer = httpx.post(
        f"{service}/match/sanctionscreen_sample_list?threshold=0.8&explain=true", json=query
    )
    (result,) = answer.json()["responses"]["q"]["results"]
    assert result["id"] == "sanctionscreen_sample_list-SSL-026"
    assert (result["caption"], result["schema"]) == ("OOO Sertal", "Organization")
    assert result["properties"]["name"] == ["OOO Sertal"]
    assert result["datasets"] == ["sanctionscreen_sample_list"]
    assert (result["score"], result["match"]) == (1.0, True)
    assert result["features"]["name_score"] == 1.0
    assert result["explanation"]["entry_id"] == "SSL-026"


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/match/nowhere", YENTE_EXAMPLE, 400, "dataset"),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Ship", "properties": {}}}},
            400,
            "queries.q.schema",
        ),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Person", "properties": {}}}},
            400,
            "queries.q.properties.name",
        ),
        (
            "/match/default",
            {"queries": {str(n): YENTE_EXAMPLE["queries"]["entity1"] for n in range(6)}},
            400,
            "queries",
        ),
        ("/match/default", {"queries": {}}, 400, "queries"),
        ("/match/default?limit=many", YENTE_EXAMPLE, 400, "limit"),
        ("/match/default?threshold=nan", YENTE_EXAMPLE, 400, "threshold"),
        ("/match/default?threshold=-5", YENTE_EXAMPLE, 400, "threshold"),
        ("/match/default", {"queries": {"q": "Rostec"}}, 400, "queries.q"),
        ("/match/default", {"queries": {"q": None}}, 400, "queries.q"),
        (
            "/match/default",
            {"queries": {"q": {"schema": ["Company"], "properties": {"name": "x"}}}},
            400,
            "queries.q.schema",
        ),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Company", "properties": {"name": ["x"] * 51}}}},
            400,
            "queries.q.properties",
        ),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Company", "properties": {"name": ["x" * 501]}}}},
            400,
            "queries.q.properties.name",
        ),
        ("/screen", [1, 2], 400, "shipments[0]"),
        (
            "/match/default",
            {"queries": {"q": {"schema": "Company", "properties": {"name": "x", "flag": "Rusia"}}}},
            400,
            "queries.q.properties.flag",
        ),
        ("/match/default?explain=perhaps", YENTE_EXAMPLE, 400, "explain"),
        (
            "/screen",
            {"id": "S1", "exporter": "A", "consignee": "B", "destination": "Rusia"},
            400,
            "shipments[0].destination",
        ),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(
    service: str, path: str, body: object, status: int, field: str
) -> None:
    answer = httpx.post(f"{service}{path}", json=body)
    assert answer.status_code == status
    assert answer.json()["field"] == field


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        ("POST", "/match/default", b"[" * 5_000 + b"]" * 5_000, 400, "body"),
        ("POST", "/screen", b'{"exporter": "\\ud800abc", "consignee": "B"}', 400, "body"),
        (
            "POST",
            "/match/default",
            b'{"queries": {"q": {"schema": "Company", "properties": {"name": ["R\\udfff"]}}}}',
            400,
            "body",
        ),
        ("GET", "/match/default", b"", 405, "method"),
        ("GET", "/nowhere", b"", 404, "path"),
        ("POST", "/screen/", b"{}", 404, "path"),
    ],
)
def test_hostile_requests_get_a_4xx_naming_the_field(
    service: str, method: str, path: str, body: bytes, status: int, field: str
) -> None:
    answer = httpx.request(method, f"{service}{path}", content=body, timeout=30)
    assert answer.status_code == status
    assert answer.json()["field"] == field


def test_bodies_that_are_not_json_or_too_large_are_refused(service: str) -> None:
    answer = httpx.post(f"{service}/match/default", content=b"{not json")
    assert (answer.status_code, answer.json()["field"]) == (400, "body")
    answer = httpx.post(f"{service}/screen", content=b"[" + b" " * 30_000 + b"]")
    assert answer.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length to refuse it by
        yield b"[" + b" " * 30_000 + b"]"

    assert httpx.post(f"{service}/screen", content=chunks()).status_code == 413


def test_screen_returns_the_librarys_own_bytes(service: str, screener: ss.Screener) -> None:
    row = {
        "id": "S1",
        "date": "2023-03-10",
        "exporter": "Example Electronics Pvt Ltd",
        "exporter_country": "India",
        "consignee": "ООО «Сертал»",
        "consignee_country": "Russia",
        "destination": "Russia",
        "description": "Microcontrollers",
        "hs_code": "8542.31",
        "value": "1250000",
        "currency": "USD",
    }
    answer = httpx.post(f"{service}/screen", json=row)
    expected = screener.screen(ss.batch.shipment_from_row(row)).to_json()
    assert answer.content == expected.encode("utf-8")
    both = httpx.post(f"{service}/screen", json=[row, row]).json()
    assert [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in both] == [
        expected,
        expected,
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# `serve` where sockets cannot be shared (Windows): under uvicorn's own supervisor.
UNSHARED = (
    "import sys; from sanctionscreen.service import workers; workers.BALANCED = False; "
    "from sanctionscreen import cli; sys.exit(cli.main(sys.argv[1:]))"
)


@contextlib.contextmanager
def _serve(*options: str, unshared: bool = False) -> Iterator[str]:
    """Run ``sanctionscreen serve`` with ``options``; yield its URL once every process
    serves (it says where on stderr, in uvicorn's words or, for workers, its own)."""
    port = _free_port()
    program = ["-c", UNSHARED] if unshared else ["-m", "sanctionscreen.cli"]
    command = [sys.executable, *program, "serve", "--port", str(port)]
    child = subprocess.Popen([*command, *options], stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    url, errors = f"http://127.0.0.1:{port}", []
    reader = threading.Thread(target=lambda: errors.extend(iter(child.stderr.readline, "")))
    reader.start()
    try:
        deadline, ready = time.monotonic() + 60, None
        while ready is None and time.monotonic() < deadline:
            assert child.poll() is None, "serve stopped"
            time.sleep(0.05)
            with contextlib.suppress(httpx.TransportError):  # uvicorn's supervisor says
                if any(url in line for line in errors):  # where before its workers listen
                    ready = httpx.get(f"{url}/readyz", timeout=5).json()
        assert ready is not None, "serve did not answer"
        assert ready["status"] == "ok"
        yield url
    finally:
        child.terminate()
        child.wait(timeout=60)
        reader.join(timeout=10)
        child.stderr.close()


def _workers_seen(url: str, connections: int) -> dict[int, dict[str, Any]]:
    """Open ``connections`` connections at once; return each answering process's
    ``GET /lists``, by process id."""
    clients = [httpx.Client(base_url=url) for _ in range(connections)]
    try:
        with ThreadPoolExecutor(connections) as pool:
            answers = list(pool.map(lambda c: c.get("/lists").json(), clients))
        return {int(answer["reload"]["worker"]): answer for answer in answers}
    finally:
        for client in clients:
            client.close()


@pytest.mark.parametrize(("workers", "unshared"), [(1, False), (2, False), (2, True)])
def test_the_serve_command_answers_once_ready(workers: int, unshared: bool) -> None:
    with _serve("--workers", str(workers), unshared=unshared) as url:
        query = {"queries": {"q": {"schema": "Company", "properties": {"name": "OOO Sertal"}}}}
        for _ in range(10):  # spread over the workers, each with its own lists
            answer = httpx.post(f"{url}/match/default", json=query, timeout=10)
            assert answer.json()["responses"]["q"]["results"][0]["caption"] == "OOO Sertal"
        if unshared:
            return  # one socket: whichever process wakes first may take every connection
        # Connections opened all at once are spread over the processes, not all taken
        # by whichever woke first (each process has its own socket on the port).
        assert len(_workers_seen(url, 24)) == workers


def test_a_reload_reaches_every_worker(tmp_path: Path) -> None:
    listed = tmp_path / "watchlist.csv"
    listed.write_text(LIST_HEAD + "W1,Rostec,,RU,organization,sanctions\n", encoding="utf-8")
    with _serve("--workers", "2", "--list", str(listed), "--published", "-") as url:
        listed.write_text(
            LIST_HEAD + "W1,Rostec,,RU,organization,sanctions\n"
            "W2,Example Trading FZE,,AE,organization,sanctions\n",
            encoding="utf-8",
        )
        answer = httpx.post(f"{url}/lists/reload", timeout=60).json()
        assert answer["status"] == "ok"
        new_version = answer["versions"][0]  # a GET /lists now may find the other worker
        deadline, seen = time.monotonic() + 30, {}
        while time.monotonic() < deadline:
            seen.update(_workers_seen(url, 16))
            versions = {s["datasets"][0]["version"] for s in seen.values()}
            if len(seen) == 2 and versions == {new_version}:
                break
            time.sleep(0.2)
        assert len(seen) == 2
        assert [s["datasets"][0]["version"] for s in seen.values()] == [new_version] * 2
        assert {s["reload"]["cause"] for s in seen.values()} == {"request", "another worker"}


def test_a_worker_that_dies_is_replaced_and_the_others_serve_meanwhile(tmp_path: Path) -> None:
    listed = tmp_path / "watchlist.csv"
    good = LIST_HEAD + "W1,Rostec,,RU,organization,sanctions\n"
    listed.write_text(good, encoding="utf-8")
    with _serve("--workers", "2", "--list", str(listed), "--published", "-") as url:
        listed.write_text("not,a,list\n", encoding="utf-8")  # a replacement cannot load it
        victim = next(iter(_workers_seen(url, 16)))
        os.kill(victim, signal.SIGKILL)
        for _ in range(20):  # the other worker answers all along
            assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
            time.sleep(0.1)
        listed.write_text(good, encoding="utf-8")  # the next attempt (5 s on) loads it
        # The replacement reads the lists as they are now; so, told by it, does the other.
        deadline, seen, causes = time.monotonic() + 30, {}, set()
        while (len(seen) < 2 or "another worker" not in causes) and time.monotonic() < deadline:
            seen = _workers_seen(url, 16)
            causes = {s["reload"].get("cause") for s in seen.values()}
            time.sleep(0.3)
        assert len(seen) == 2
        assert victim not in seen
        assert "another worker" in causes


def test_one_port_one_service_and_workers_stop_with_their_parent() -> None:
    port = str(_free_port())
    command = [sys.executable, "-m", "sanctionscreen.cli", "serve", "--workers", "2"]
    first, second = (
        subprocess.Popen([*command, "--port", port], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while first.poll() is None and second.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # started together: one claims the port, the other is refused
        refused, running = (first, second) if first.poll() is not None else (second, first)
        assert refused.wait(timeout=60) == 1
        assert "cannot listen on" in (refused.stderr.read() if refused.stderr else "")
        workers = _wait_for_workers(url, 2)
        running.kill()  # no chance to stop its workers: they notice on their own
        running.wait(timeout=10)
        time.sleep(3)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for child in (first, second):
            child.kill()
            child.wait(timeout=10)
            if child.stderr:
                child.stderr.close()


def _wait_for_workers(url: str, count: int) -> set[int]:
    deadline, seen = time.monotonic() + 60, set()
    while len(seen) < count and time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            seen |= set(_workers_seen(url, 8))
        time.sleep(0.2)
    assert len(seen) == count
    return seen


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie is gone, waiting to be reaped by init
        return Path(f"/proc/{pid}/status").read_text().count("State:\tZ") == 0
    return True


def test_serve_stops_with_a_message_when_it_cannot_start(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.csv")
    command = [sys.executable, "-m", "sanctionscreen.cli", "serve", "--workers", "2"]
    failed = subprocess.run(
        [*command, "--port", str(_free_port()), "--list", missing],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert failed.returncode != 0
    assert "nowhere.csv" in failed.stderr
    assert "a worker failed to start" in failed.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = subprocess.run(
            [*command, "--port", str(taken.getsockname()[1])],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert busy.returncode == 1
    assert "cannot listen on 127.0.0.1:" in busy.stderr


def test_settling_freezes_what_survives_each_full_collection() -> None:
    frozen_before = gc.get_freeze_count()
    try:
        settle()
        settle()  # once is enough: the hook is not added twice
        assert gc.callbacks.count(collector._after_full_collection) == 1
        kept = [[object()] for _ in range(1000)]  # survivors, tracked by the collector
        gc.collect()
        assert gc.get_freeze_count() >= frozen_before + len(kept)
        for _ in range(collector.SWEEP_EVERY - 1):  # every so often, thawed to be swept
            gc.collect()
        assert gc.get_freeze_count() == 0
    finally:
        gc.callbacks.remove(collector._after_full_collection)
        gc.unfreeze()


LIST_HEAD = "id,name,aliases,country,kind,list\n"


def test_lists_reload_without_downtime(tmp_path: Path) -> None:
    listed = tmp_path / "watchlist.csv"
    listed.write_text(LIST_HEAD + "W1,Rostec,,RU,organization,sanctions\n", encoding="utf-8")

    def build() -> ss.Screener:
        return ss.Screener([ss.load_list(listed)], index_cache=False)

    query = {"queries": {"q": {"schema": "Company", "properties": {"name": "Example Trading FZE"}}}}
    with _serving(create_app(build(), rebuild=build)) as url:
        before = httpx.get(f"{url}/lists").json()["datasets"][0]["version"]
        stop, seen, failures = threading.Event(), set(), []

        def hammer() -> None:  # requests all through the reload: each old or new, whole
            with httpx.Client() as client:
                while not stop.is_set():
                    answer = client.post(f"{url}/match/default", json=query)
                    if answer.status_code != 200:
                        failures.append(answer.status_code)
                    seen.add(answer.json()["responses"]["q"]["total"]["value"])

        worker = threading.Thread(target=hammer)
        worker.start()
        listed.write_text(
            LIST_HEAD + "W1,Rostec,,RU,organization,sanctions\n"
            "W2,Example Trading FZE,,AE,organization,sanctions\n",
            encoding="utf-8",
        )
        reloaded = httpx.post(f"{url}/lists/reload", timeout=60).json()
        time.sleep(0.2)
        stop.set()
        worker.join()
        assert reloaded["status"] == "ok"
        assert failures == []
        assert seen <= {0, 1}
        after = httpx.get(f"{url}/lists").json()
        assert after["datasets"][0]["version"] != before
        assert httpx.post(f"{url}/match/default", json=query).json()["responses"]["q"]["total"] == {
            "value": 1,
            "relation": "eq",
        }
        # A list that no longer loads leaves the last good one serving, and says why.
        listed.write_text("not,a,list\n", encoding="utf-8")
        failed = httpx.post(f"{url}/lists/reload", timeout=60).json()
        assert failed["status"] == "failed"
        shown = httpx.get(f"{url}/lists").json()
        assert shown["reload"]["status"] == "failed"
        assert shown["datasets"][0]["version"] == after["datasets"][0]["version"]


def test_screen_records_in_a_store(tmp_path: Path, screener: ss.Screener) -> None:
    pytest.importorskip("sqlalchemy")
    store = ss.ReviewStore(tmp_path / "reviews.db")
    row = {"id": "S1", "exporter": "Example Pvt Ltd", "consignee": "OOO Sertal"}
    with _serving(create_app(screener, store=store)) as url:
        assert httpx.post(f"{url}/screen", json=[row, row]).status_code == 200
    assert [a.entry_id for a in store.alerts()] == ["SSL-026", "SSL-026"]
    store.close()


def test_the_readmes_curl_session_runs_as_shown(screener: ss.Screener) -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    if not readme.exists() or shutil.which("curl") is None:
        pytest.skip("README.md is not beside the tests, or curl is not installed")
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("### Service") :]
    session = re.search(r"```console\n(.*?)```", section, flags=re.S)
    assert session is not None
    steps = re.split(r"^\$ ", session.group(1), flags=re.M)[1:]
    assert steps[0].startswith("sanctionscreen serve --port 8000 &")  # started here instead
    with _serving(create_app(screener)) as url:
        for step in steps[1:]:
            command, _, shown = step.partition("\n")
            command = command.replace("localhost:8000", url.removeprefix("http://"))
            command = command.replace("python3 ", f"{shlex.quote(sys.executable)} ")
            ran = subprocess.run(
                ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=True
            )
            assert ran.stdout.strip() == shown.strip(), command


def test_followthemoneys_own_territory_codes_are_not_refused() -> None:
    for code in ("xk", "zz", "ua-cri", "suhh"):  # no ISO country: matched without one
        example = {"schema": "Person", "properties": {"name": "x", "country": code}}
        entity, _ = entity_of("q", example)
        assert entity.country is None


def test_queries_read_followthemoney_as_the_opensanctions_loader_does() -> None:
    example = {
        "schema": "PublicBody",
        "properties": {"name": ["Rostec"], "innCode": ["7704274402"], "flag": ["ru"]},
    }
    entity, ignored = entity_of("q", example)
    assert (entity.kind, entity.country, ignored) == (ss.EntityKind.ORGANIZATION, "RU", [])
    assert [i.scheme for i in entity.identifiers] == [FTM_IDENTIFIER_SCHEMES["innCode"]]
