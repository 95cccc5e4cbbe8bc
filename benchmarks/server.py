"""Load on the screening service, beside the library called in-process as the ceiling.

Run from the project root: ``python benchmarks/server.py`` (package installed with the
``server`` extra, ``../shared`` present; ``wrk``, Debian's package, for the server's own
figures). It starts ``sanctionscreen serve --workers 2`` on 127.0.0.1 against the 2021
SDN list and the 2023 CSL, then, with ``--clients`` concurrent connections, sends
time-bounded runs of:

1. ``POST /match/default`` with one query (yente negatives, persons), each client
   sending its next request as soon as it has the answer (the most the service does);
2. the same with each client pausing 60 ms between requests: about 1,000 requests a
   second in all, the latency at the rate the service is asked to sustain;
3. the first again with a ``POST /lists/reload`` halfway: no request may fail;
4. the first with batches of 50 queries;
5. ``POST /screen`` with one shipment (a new consignee each);

and prints requests/s, names/s, p50 and p99 latency and errors for each, beside the same
requests made to the library in-process on one core (the ceiling per core). Every run
uses names that no earlier run sent (the negatives, then their given and family names
recombined), so no answer comes from the matcher's cache; a run that sent more requests
than it had new names says so. The load comes from ``wrk`` (a
client in C, in its own process) when it is installed; else from a Python asyncio
client, which spends about as much CPU as the server and so shows the client's limit
more than the server's. Client and server share the machine's two cores; figures are
for this machine only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import itertools
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
from lists_load import SHARED, sdn_and_csl

from sanctionscreen import Entity, EntityKind, Screener, load_list
from sanctionscreen.batch.records import ColumnMap, shipment_from_row

NEGATIVES = [
    SHARED.parent / "screening_fixtures" / "yente_candidate_generation" / name
    for name in ("negatives_global.csv", "negatives_us.csv")
]


def _names(count: int) -> list[str]:
    """``count`` distinct person names: the yente negatives (global, then US), then, when
    more are wanted, their given names recombined with others' family names."""
    names: dict[str, None] = {}
    for path in NEGATIVES:
        with path.open(encoding="utf-8") as handle:
            names.update((row["full_name"], None) for row in csv.DictReader(handle))
    parts = [name.split() for name in names if " " in name]
    for step in itertools.count():  # each pass over the given names meets other families
        if len(names) >= count:
            break
        rounds, at = divmod(step, len(parts))
        given, family = parts[at], parts[(at * 7919 + 13 * rounds + 1) % len(parts)]
        names.setdefault(" ".join([*given[:-1], family[-1]]), None)
    return list(names)[:count]


def _query(names: list[str]) -> dict[str, Any]:
    return {
        "queries": {
            str(i): {"schema": "Person", "properties": {"name": [name]}}
            for i, name in enumerate(names)
        }
    }


SHIPMENT = {
    "id": "S1", "date": "2023-03-10", "exporter": "Example Electronics Pvt Ltd",
    "exporter_country": "India", "consignee": "Example Trading FZE",
    "consignee_country": "AE", "destination": "AE", "description": "Microcontrollers",
    "hs_code": "8542.31", "value": "125000", "currency": "USD",
}  # fmt: skip


class Run:
    """One load run: its label, path, request bodies, names per request, and how long
    each client waits between its requests (0: it sends the next as soon as answered)."""

    def __init__(self, label: str, path: str, bodies: list[Any], per: int, pause: int = 0):
        self.label, self.path, self.bodies, self.per = label, path, bodies, per
        self.pause = pause


# Names per second each run may use at most, so that none runs out of new names.
_RATES = {"single": 4_000, "paced": 1_500, "reload": 4_000, "batches": 8_000, "screen": 3_000}
# The paced run's clients each wait this long between requests: 64 of them then send
# about 1,000 requests a second in all, the rate the service is asked to sustain.
_PAUSE_MS = 60


def _runs(seconds: int) -> list[Run]:
    """The runs, each on names no other run sends, enough for ``seconds`` of load."""
    wanted = {kind: rate * seconds for kind, rate in _RATES.items()}
    names, cut = _names(sum(wanted.values())), 0
    parts = {}
    for kind, count in wanted.items():
        parts[kind], cut = names[cut : cut + count], cut + count
    batched = parts["batches"]
    return [
        Run("/match, one query", "/match/default", [_query([n]) for n in parts["single"]], 1),
        Run(f"/match, one query, each client pausing {_PAUSE_MS} ms", "/match/default",
            [_query([n]) for n in parts["paced"]], 1, _PAUSE_MS),
        Run("/match, one query, a reload halfway", "/match/default",
            [_query([n]) for n in parts["reload"]], 1),
        Run("/match, batches of 50", "/match/default",
            [_query(batched[i : i + 50]) for i in range(0, len(batched), 50)], 50),
        Run("/screen, one shipment", "/screen",
            [{**SHIPMENT, "consignee": name} for name in parts["screen"]], 1),
    ]  # fmt: skip


def _ceiling(screener: Screener, run: Run, count: int) -> None:
    """The run's first requests made to the library in-process, on one core."""
    latencies = []
    for body in run.bodies[:count]:
        began = time.perf_counter()
        if run.path == "/screen":
            screener.screen(shipment_from_row(body, ColumnMap()))
        else:
            for example in body["queries"].values():
                entity = Entity(example["properties"]["name"][0], kind=EntityKind.PERSON)
                screener.match(entity, include_review=True)
        latencies.append(time.perf_counter() - began)
    _report(f"in-process, one core, {run.label}", sum(latencies), latencies, 0, run.per)


async def _load(
    url: str, run: Run, clients: int, seconds: float, reload_at: float | None
) -> tuple[float, list[float], int]:
    """Send the run's bodies from ``clients`` concurrent clients for at most ``seconds``
    (a reload ``reload_at`` seconds in); return seconds, latencies, errors."""
    latencies: list[float] = []
    errors = 0
    queue = iter(run.bodies)

    async def client(session: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors
        for body in queue:
            if time.perf_counter() > stop:
                return
            began = time.perf_counter()
            try:
                answer = await session.post(f"{url}{run.path}", json=body, timeout=120)
                if answer.status_code != 200:
                    errors += 1
                    print(f"   error: {answer.status_code} {answer.text[:200]}")
            except httpx.HTTPError as exc:
                errors += 1
                print(f"   error: {type(exc).__name__} {exc}")
            latencies.append(time.perf_counter() - began)
            await asyncio.sleep(run.pause / 1000)

    async def reload(session: httpx.AsyncClient, delay: float) -> None:
        nonlocal errors
        await asyncio.sleep(delay)
        answer = await session.post(f"{url}/lists/reload", timeout=600)
        if answer.json().get("status") != "ok":
            errors += 1
            print(f"   reload error: {answer.status_code} {answer.text[:200]}")

    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    async with httpx.AsyncClient(limits=limits) as session:
        started = time.perf_counter()
        tasks = [client(session, started + seconds) for _ in range(clients)]
        if reload_at is not None:
            tasks.append(reload(session, reload_at))
        await asyncio.gather(*tasks)
        return time.perf_counter() - started, latencies, errors


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
function delay() return %d end
request = function()
  counter = counter + 1
  return wrk.format(nil, "%s", nil, bodies[((counter - 1) %% #bodies) + 1])
end
"""


def _wrk(url: str, run: Run, scratch: Path, clients: int, seconds: int, reload: bool) -> None:
    """The run from wrk, a client in C in its own process (a reload halfway if asked)."""
    bodies = scratch / "bodies.txt"
    bodies.write_text(
        "\n".join(json.dumps(body, ensure_ascii=False) for body in run.bodies) + "\n",
        encoding="utf-8",
    )
    script = scratch / "run.lua"
    script.write_text(_WRK_SCRIPT % (bodies, run.pause, run.path), encoding="utf-8")
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "60s", "--latency"]
    command += ["-s", str(script), url]
    load = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    reloaded = ""
    if reload:
        time.sleep(seconds / 2)
        answer = httpx.post(f"{url}/lists/reload", timeout=600).json()
        reloaded = f"; a reload halfway: {answer['status']}"
    output, _ = load.communicate(timeout=seconds * 3)
    figures = dict(re.findall(r"^\s*(Requests/sec:|50%|99%|Non-2xx[^:]*:|Socket errors:)\s*(.*)$",
                              output, flags=re.M))  # fmt: skip
    sent = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    rate = float(figures["Requests/sec:"])
    print(
        f"service, {run.label}: {rate:,.0f} requests/s, {rate * run.per:,.0f} names/s, "
        f"p50 {figures['50%']}, p99 {figures['99%']}, "
        f"errors: {figures.get('Non-2xx or 3xx responses:', '0')} non-2xx, "
        f"{figures.get('Socket errors:', 'no socket errors')} ({sent} requests{reloaded})"
    )
    if sent > len(run.bodies):
        print(f"   sent more than its {len(run.bodies)} new bodies: later ones were repeats")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="per run")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ceiling", type=int, default=5_000, help="requests in-process")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    files = sdn_and_csl(scratch)
    if files is None:
        return 0
    if not all(path.exists() for path in NEGATIVES):
        print(f"skipped: {NEGATIVES} not found")
        return 0
    warnings.simplefilter("ignore")
    sdn, csl_copy = files
    lists = [load_list(sdn, published="2021-06-01"), load_list(csl_copy)]
    screener = Screener(lists)  # also saves the index the workers load
    runs = _runs(args.seconds)
    gc.freeze()  # as the service does (its collector module), for a like-for-like ceiling
    for run in runs[:1] + runs[3:]:  # runs 2 and 3 make the first run's requests
        _ceiling(screener, run, args.ceiling if run.per == 1 else args.ceiling // run.per)

    port = _free_port()
    command = [
        sys.executable, "-m", "sanctionscreen.cli", "serve", "--port", str(port),
        "--workers", str(args.workers), "--list", str(sdn), "--published", "2021-06-01",
        "--list", str(csl_copy), "--published", "-",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    client = "wrk" if shutil.which("wrk") else "a Python asyncio client (wrk not found)"
    print(f"service, {args.workers} workers, {args.clients} connections from {client}:")
    try:
        _wait_ready(url, server)
        for number, run in enumerate(runs):
            if shutil.which("wrk"):
                _wrk(url, run, scratch, args.clients, args.seconds, reload=number == 2)
                continue
            reload_at = args.seconds / 2 if number == 2 else None
            seconds, latencies, errors = asyncio.run(
                _load(url, run, args.clients, args.seconds, reload_at)
            )
            _report(f"service, {run.label}", seconds, latencies, errors, run.per)
        lists_now = httpx.get(f"{url}/lists").json()
        print(f"reload: {json.dumps(lists_now['reload'])}")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    """Wait until every worker serves: the service says where on stderr once they all do."""
    said: list[bytes] = []
    stderr = server.stderr
    assert stderr is not None
    reader = threading.Thread(target=lambda: said.extend(stderr), daemon=True)
    reader.start()  # and goes on reading, so the pipe never fills
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and server.poll() is None:
        try:  # said where it serves, and answers (a supervisor may say so before)
            if any(url.encode() in line for line in said) and httpx.get(f"{url}/readyz").is_success:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the service did not start: " + b"".join(said[-5:]).decode())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
