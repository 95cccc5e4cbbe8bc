"""Load on the screening service, beside the library called in-process as the ceiling.

Run from the project root: ``python benchmarks/server.py`` (package installed with the
``server`` extra, ``../shared`` present). It starts ``sanctionscreen serve --workers 2``
on 127.0.0.1 against the 2021 SDN list and the 2023 CSL, then, with ``--clients``
concurrent clients (asyncio, one process), sends bounded runs of:

1. ``POST /match/default`` with one query (yente negatives, persons);
2. the same with batches of 50 queries;
3. ``POST /screen`` with one shipment;

and prints requests/s, names/s, p50 and p99 latency and errors for each, beside the same
names matched in-process on one core (the ceiling a service cannot beat per core). In
the first run a ``POST /lists/reload`` is sent halfway: no request may fail. That
client is Python and spends about as much CPU as the server; when ``wrk`` (Debian's
package) is installed, a fourth run sends single queries from it, in its own process,
again with a reload halfway: those are the server's own figures. Client and server
share the machine's two cores; figures are for this machine only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
from lists_load import SHARED, sdn_and_csl

from sanctionscreen import Entity, EntityKind, Screener, load_list

NEGATIVES = (
    SHARED.parent / "screening_fixtures" / "yente_candidate_generation" / "negatives_global.csv"
)


def _names(count: int) -> list[str]:
    with NEGATIVES.open(encoding="utf-8") as handle:
        return [
            row["full_name"] for row, _ in zip(csv.DictReader(handle), range(count), strict=False)
        ]


def _query(names: list[str]) -> dict[str, Any]:
    return {
        "queries": {
            str(i): {"schema": "Person", "properties": {"name": [name]}}
            for i, name in enumerate(names)
        }
    }


async def _load(
    url: str, bodies: list[tuple[str, Any]], clients: int, reload_at: int | None
) -> tuple[float, list[float], int]:
    """Send the bodies with ``clients`` concurrent clients; return seconds, latencies, errors."""
    latencies: list[float] = []
    reloads: list[asyncio.Task[httpx.Response]] = []
    errors = 0
    queue: asyncio.Queue[tuple[int, str, Any]] = asyncio.Queue()
    for number, (path, body) in enumerate(bodies):
        queue.put_nowait((number, path, body))

    async def client(session: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            number, path, body = queue.get_nowait()
            if number == reload_at:  # in the background, while the load goes on
                reloads.append(
                    asyncio.create_task(session.post(f"{url}/lists/reload", timeout=600))
                )
            began = time.perf_counter()
            try:
                answer = await session.post(f"{url}{path}", json=body, timeout=120)
                if answer.status_code != 200:
                    errors += 1
                    print(f"   error: {path} {answer.status_code} {answer.text[:200]}")
            except httpx.HTTPError as exc:
                errors += 1
                print(f"   error: {path} {type(exc).__name__} {exc}")
            latencies.append(time.perf_counter() - began)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        seconds = time.perf_counter() - started
        for reload in reloads:
            answer = await reload
            if answer.status_code != 200:
                errors += 1
                print(f"   reload error: {answer.status_code} {answer.text[:200]}")
        return seconds, latencies, errors


def _report(label: str, seconds: float, latencies: list[float], errors: int, per: int) -> None:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    count = len(latencies)
    p50 = statistics.median(ordered) * 1000
    print(
        f"{label}: {count / seconds:,.0f} requests/s, {count * per / seconds:,.0f} names/s, "
        f"p50 {p50:.1f} ms, p99 {p99 * 1000:.1f} ms, {errors} errors "
        f"({count} requests in {seconds:.1f} s)"
    )


_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
bodies = {}
for line in io.lines("%s") do bodies[#bodies + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/match/default", nil, bodies[(counter %% #bodies) + 1])
end
"""


def _wrk(url: str, names: list[str], scratch: Path, clients: int) -> None:
    """Single-name /match from wrk, a client in C in its own process, with a reload halfway.

    The Python client above spends about as much CPU per request as the server; wrk's
    figures are the server's own. The names are others than above, so the answers are
    not remembered ones.
    """
    bodies = scratch / "bodies.txt"
    fresh = _names(len(names) * 5)[len(names) :]
    bodies.write_text(
        "\n".join(json.dumps(_query([name]), ensure_ascii=False) for name in fresh) + "\n",
        encoding="utf-8",
    )
    script = scratch / "match.lua"
    script.write_text(_WRK_SCRIPT % bodies, encoding="utf-8")
    seconds = 20
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--latency", "-s", str(script), url]
    load = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    time.sleep(seconds / 2)
    reloaded = httpx.post(f"{url}/lists/reload", timeout=600).json()["status"]
    output, _ = load.communicate(timeout=seconds * 3)
    wanted = ("Requests/sec", "50%", "99%", "Non-2xx", "Socket errors")
    shown = [
        line.strip()
        for line in output.splitlines()
        if line.strip().startswith(wanted) or "requests in" in line
    ]
    print(f"4. wrk, /match one query, {clients} connections, a reload halfway ({reloaded}):")
    for line in shown:
        print(f"   {line}")
    if not any(line.startswith(("Non-2xx", "Socket errors")) for line in shown):
        print("   no errors")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    files = sdn_and_csl(scratch)
    if files is None:
        return 0
    if not NEGATIVES.exists():
        print(f"skipped: {NEGATIVES} not found")
        return 0
    warnings.simplefilter("ignore")
    sdn, csl_copy = files
    lists = [load_list(sdn, published="2021-06-01"), load_list(csl_copy)]
    screener = Screener(lists)  # also saves the index the workers load
    names = _names(args.requests)

    started = time.perf_counter()
    for name in names:
        screener.match(Entity(name, kind=EntityKind.PERSON), include_review=True)
    ceiling = len(names) / (time.perf_counter() - started)
    print(f"in-process ceiling (one core, possible matches included): {ceiling:,.0f} names/s")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "sanctionscreen.cli", "serve", "--port", str(port),
        "--workers", str(args.workers), "--list", str(sdn), "--published", "2021-06-01",
        "--list", str(csl_copy), "--published", "-",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        single = [("/match/default", _query([name])) for name in names]
        seconds, latencies, errors = asyncio.run(
            _load(url, single, args.clients, reload_at=len(single) // 2)
        )
        _report("1. /match, one query (a reload halfway)", seconds, latencies, errors, 1)
        batches = [("/match/default", _query(names[i : i + 50])) for i in range(0, len(names), 50)]
        seconds, latencies, errors = asyncio.run(_load(url, batches, args.clients, None))
        _report("2. /match, batches of 50", seconds, latencies, errors, 50)
        shipment = {
            "id": "S1", "date": "2023-03-10", "exporter": "Example Electronics Pvt Ltd",
            "exporter_country": "India", "consignee": "Example Trading FZE",
            "consignee_country": "AE", "destination": "AE", "description": "Microcontrollers",
            "hs_code": "8542.31", "value": "125000", "currency": "USD",
        }  # fmt: skip
        screens = [("/screen", {**shipment, "consignee": name}) for name in names[:1000]]
        seconds, latencies, errors = asyncio.run(_load(url, screens, args.clients, None))
        _report("3. /screen, one shipment", seconds, latencies, errors, 1)
        lists_now = httpx.get(f"{url}/lists").json()
        print(f"reload: {json.dumps(lists_now['reload'])}")
        if shutil.which("wrk"):
            _wrk(url, names, scratch, args.clients)
        else:
            print("4. wrk not found (Debian package wrk): no figures from an efficient client")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
