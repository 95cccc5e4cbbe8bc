"""The screening service, called over HTTP on a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator

import pytest

import sanctionscreen as ss

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from sanctionscreen.service import create_app  # noqa: E402


@pytest.fixture(scope="module")
def screener() -> ss.Screener:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ss.Screener()


@pytest.fixture(scope="module")
def service(screener: ss.Screener) -> Iterator[str]:
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(screener, max_batch=5, max_body=20_000),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


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
    assert httpx.get(f"{service}/openapi.json").json()["info"]["title"] == "sanctionscreen"


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
    answer = httpx.post(f"{service}/match/sanctionscreen_sample_list?threshold=0.8", json=query)
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


def test_the_serve_command_answers_once_ready() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sanctionscreen.cli", "serve", "--port", str(port)]
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline, ready = time.monotonic() + 60, None
        while ready is None and time.monotonic() < deadline and child.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).json()
            except httpx.TransportError:
                time.sleep(0.1)
        assert ready is not None, "serve did not answer"
        assert ready["status"] == "ok"
    finally:
        child.terminate()
        _, errors = child.communicate(timeout=30)
    assert "Uvicorn running on http://127.0.0.1" in errors
